"""The pure-Python reader (store.fast_text) gives exactly the round-trip loader's values, or gives up."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from avtale import store
from avtale.errors import YamlError
from avtale.store import fast, fast_text, silent
from conftest import AGREEMENTS, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

import strategies  # noqa: E402


def typed(node):
    """Plain data with the type of every value spelled out: 1, 1.0, True, '1' and a date all differ."""
    if isinstance(node, dict):
        return {typed(k): typed(v) for k, v in node.items()}
    if isinstance(node, list):
        return [typed(v) for v in node]
    for kind in (bool, int, float, str, dt.datetime, dt.date):
        if isinstance(node, kind):
            return kind.__name__, kind(node) if kind in (bool, int, float, str) else node
    assert node is None, repr(node)
    return None


def round_trip(text: str):
    """What the existing paths read: the round-trip loader's data, and libyaml's events' (the same)."""
    data = typed(store.parse(text))
    loaded = fast.load(text, store.MAX_DEPTH)
    if loaded is not None:
        assert typed(loaded.data) == data
    return data


def same_or_gave_up(text: str) -> bool:
    """True where the reader read `text` (then exactly as the round-trip loader), False where it gave up."""
    got = fast_text.load(text)
    if got is None:
        return False
    assert typed(got) == round_trip(text), text
    try:
        store.refused_character(text, "<string>")
    except YamlError:  # a character the store refuses before any reader reads the text
        return True
    assert typed(store.from_text(text).plain) == typed(got)
    return True


def _files() -> list[Path]:
    found = [*AGREEMENTS.glob("*.yaml"), ROOT / "templates" / "layout.yaml",
             *(ROOT / "tests").rglob("*.yaml"), *(ROOT / "tests").rglob("*.yml"),
             *(ROOT / "templates").rglob("*.y*ml"), *(ROOT / "docs").rglob("*.yaml"), ROOT / ".pre-commit-hooks.yaml"]
    return sorted(set(found))


MUST_READ = [*sorted(AGREEMENTS.glob("*.yaml")), ROOT / "templates" / "layout.yaml",
             *sorted((ROOT / "tests" / "data" / "extract-corpus" / "gold").glob("*.yaml"))]


def test_the_files_are_found():
    assert len(_files()) > 80 and len(MUST_READ) >= 12


@pytest.mark.parametrize("path", _files(), ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository_is_read_as_the_loader_reads_it(path):
    try:
        text = store.read_text(path).removeprefix("\ufeff")
    except Exception:  # noqa: BLE001 - not UTF-8, empty: the loader refuses it before any reader
        assert path.parent.name == "yaml"
        return
    read = same_or_gave_up(text)
    if path in MUST_READ:
        assert read, "the reader gave up on a file it must read"


def test_the_agreements_are_read_without_importing_ruamel():
    code = ("import sys; from avtale import store, layout\n"
            "for p in sys.argv[1:]: store.load(p)\n"
            "layout.load()\n"
            "print(sorted(m for m in sys.modules if 'ruamel' in m))")
    files = [str(p) for p in sorted(AGREEMENTS.glob("*.yaml"))]
    out = subprocess.run([sys.executable, "-c", code, *files], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_validate_imports_no_ruamel():
    files = [str(p) for p in sorted(AGREEMENTS.glob("*.yaml"))]
    out = subprocess.run([sys.executable, "-X", "importtime", "-m", "avtale", "validate", *files],
                         capture_output=True, text=True, cwd=ROOT)
    assert out.returncode == 0, out.stdout + out.stderr
    imported = [line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if "|" in line]
    assert "avtale.store.fast_text" in imported
    assert [m for m in imported if "ruamel" in m] == []


def test_positions_are_found_when_asked_for():
    text = (AGREEMENTS / "2014-2017.yaml").read_text(encoding="utf-8")
    doc = store.from_text(text)
    rt = store.parse(text)
    for loc in [("signing", "date"), ("sections", 3, "blocks", 0, "bullets", 7), ("parties", 1, "name"), ("x",)]:
        assert doc.locate(loc) == store.locate(rt, loc)
        assert doc.key_position(loc) == store.key_position(rt, loc)


@pytest.mark.parametrize("seed", range(40))
def test_generated_agreements_in_canonical_form_are_read(seed):
    agreement = generate.generate(seed) if seed < 36 else generate.generate_long(seed, sections=6, rounds=2)
    text = store.dump(agreement.model_dump(mode="python", exclude_defaults=True))
    assert same_or_gave_up(text)


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(strategies.agreements())
def test_hypothesis_agreements_in_canonical_form_are_read(agreement):
    text = store.dump(agreement.model_dump(mode="python", exclude_defaults=True))
    assert same_or_gave_up(text)


# --- YAML text in many manners ----------------------------------------------------------------------

WORDS = ["Avtale", "om", "«tiltak»", "#1", "#", " #", ": ", ":", "'", '"', "''", "\\", "-", "- ", "?", "[", "]",
         "{", "}", ",", "&a", "*a", "!t", "%", "@", "`", "|", ">", "~", "  ", " ", "\n", "\n\n", "æøå", "§ 3",
         "2014-11-07", "2014-13-45", "2014-1-7", "1.5", "-0.75", "1e3", "0x1F", "012", "12:30", "1_000", "42",
         "-5", "+1", ".inf", "yes", "no", "on", "off", "true", "False", "null", "NULL", "\u00a0", "\u2028", "\t",
         "\u0085", "\x07", "\ufeff", "...", "---", "\u202e", "x"]
# mostly words and the characters YAML treats specially, as a drafter types them; now and then anything
TEXTS = st.one_of(st.lists(st.sampled_from(["Avtale", "om", "skal", "1.", "«KS»", "x", "Partene"]), min_size=1,
                           max_size=4).map(" ".join),
                  st.lists(st.sampled_from(WORDS), min_size=1, max_size=5).map("".join),
                  st.lists(st.sampled_from(WORDS[:40] + ["a", "b", "c", "d"]), min_size=1, max_size=5).map(" ".join),
                  st.text(max_size=10),
                  st.text(alphabet="ab #:'\"\\-.\n ", max_size=10))
KEYS = st.one_of(st.sampled_from(["title", "name", "text", "a", "b", "a b", "x-y", "æ", "bullets", "blocks", "_x"]),
                st.sampled_from(["c1", "2014", "yes", "null", "1.5", "'title'", '"name"', "'a b'", "k:", "- a", "#", "~",
                                 "a.b", "'t''s'", '"\\u00e6"']))
SPACES = st.sampled_from(["", " ", "  "])
COMMENTS = st.sampled_from(["", "", "", "", "", "  # note", " #x", "#x", " # «kommentar»: ja"])
_ESCAPED = {"\n": "\\n", "\t": "\\t", "\x07": "\\a", "\u00a0": "\\_", "\u0085": "\\N", "\u2028": "\\L"}


def _double(text: str, draw) -> str:
    manner = draw(st.sampled_from(["short", "short", "hex", "raw"]))  # \n, \x0a or \u000a, or nothing escaped
    out = []
    for ch in text:
        if ch in '"\\':
            out.append("\\" + ch)
        elif manner == "raw":
            out.append(ch)
        elif manner == "short" and ch in _ESCAPED:
            out.append(_ESCAPED[ch])
        elif not ch.isprintable() or ch in "\t\n" or manner == "hex" and ord(ch) > 127:
            out.append(f"\\x{ord(ch):02x}" if ord(ch) < 256 else f"\\u{ord(ch):04x}" if ord(ch) < 0x10000 else
                       f"\\U{ord(ch):08x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def _scalar(text: str, indent: int, draw) -> tuple[str, list[str]]:
    """A text written after a key or «- » (at a collection's column `indent`): the rest of that line, and the
    lines of a block scalar."""
    style = draw(st.sampled_from(["plain", "plain", "single", "double", "literal", "folded", "folded", "odd"]))
    if style == "plain":
        return text + draw(COMMENTS), []
    if style == "single":
        return "'" + text.replace("'", "''") + "'" + draw(COMMENTS), []
    if style == "double":
        return _double(text, draw) + draw(COMMENTS), []
    if style == "odd":  # quotes not doubled, a line break typed, escapes as typed
        return draw(st.sampled_from(["'", '"', ""])) + text + draw(st.sampled_from(["'", '"', ""])), []
    header = ("|" if style == "literal" else ">") + draw(st.sampled_from(["", "-", "+"])) + draw(
        st.sampled_from(["", "", " # c", "2", "  "]))
    width = indent + draw(st.integers(1, 4))
    pad = " " * width
    if style == "folded":  # a line break at some of the spaces
        every = draw(st.integers(1, 4))
        words = text.split(" ")
        text = "".join(w + ("\n" if (i + 1) % every == 0 else " ") for i, w in enumerate(words))[:-1]
    blank, more = draw(st.sampled_from(["", "", pad, pad + " ", " "])), draw(st.sampled_from(["", "", "", " "]))
    body = [pad + (more if i % 3 == 1 else "") + line if line.strip() else blank
            for i, line in enumerate(text.split("\n"))]
    body += draw(st.sampled_from([[], [], [], [""], ["", ""], [pad], [pad + "  "]]))
    return header, body


@st.composite
def trees(draw, depth=0):
    kind = draw(st.sampled_from(["map", "map", "seq", "seq", "flow"] if depth < 3 else ["scalar", "flow"]))
    if kind == "scalar" or depth and draw(st.integers(0, 3)) == 0:
        return ("scalar", draw(TEXTS))
    if kind == "flow":
        return ("flow", draw(st.lists(st.one_of(TEXTS, st.sampled_from(["a", "b, c", "1", "Tiltak", "**Sum**"])),
                                      max_size=3)), draw(st.booleans()))
    if kind == "map":
        return ("map", draw(st.lists(st.tuples(KEYS, trees(depth + 1)), min_size=1, max_size=3)))
    return ("seq", draw(st.lists(trees(depth + 1), min_size=1, max_size=3)))


def _flow(node, draw) -> str:
    _kind, items, is_map = node
    cells = [draw(st.sampled_from([t, "'" + t.replace("'", "''") + "'", '"' + t + '"'])) for t in items]
    if is_map:
        cells = [f"k{i}: {c}" for i, c in enumerate(cells)]
        return "{" + ", ".join(cells) + "}"
    return "[" + draw(st.sampled_from([", ", ",", " , "])).join(cells) + "]"


def _render(node, indent: int, draw) -> list[str]:
    """The lines of a collection at column `indent`."""
    kind = node[0]
    pad = " " * indent
    out: list[str] = []
    for entry in node[1]:
        extra = draw(st.sampled_from(["", "", "", "", "", "", " ", pad + "# comment", "# c", pad + "   # deeper"]))
        if extra or extra == " ":
            out.append(extra)
        if kind == "map":
            key, child = entry
            head = pad + key + ":"
        else:
            child = entry
            head = pad + "-"
        if child[0] == "scalar":
            rest, lines = _scalar(child[1], indent, draw)
            out.append(head + (" " + draw(SPACES) if rest else "") + rest)
            out += lines
        elif child[0] == "flow":
            out.append(head + " " + _flow(child, draw) + draw(COMMENTS))
        elif kind == "seq" and draw(st.booleans()):  # compact: «- key: value», «- - x»
            gap = draw(st.integers(1, 3))
            inner = _render(child, indent + 1 + gap, draw)
            first = next((i for i, ln in enumerate(inner) if ln.strip() and not ln.lstrip().startswith("#")), 0)
            inner[first] = head + " " * gap + inner[first][indent + 1 + gap:]
            out += inner
        else:
            out.append(head + draw(COMMENTS))
            same = kind == "map" and child[0] == "seq" and draw(st.booleans())  # a list at its key's column
            out += _render(child, indent if same else indent + draw(st.integers(1, 4)), draw)
    return out


@st.composite
def yaml_texts(draw) -> str:
    tree = draw(trees())
    if tree[0] not in ("map", "seq"):
        tree = ("map", [("a", tree)])
    lines = _render(tree, draw(st.sampled_from([0, 0, 0, 2])), draw)
    head = draw(st.sampled_from(["", "", "", "", "# yaml-language-server: $schema=x\n", "---\n", "%YAML 1.2\n---\n",
                                 "\n"]))
    tail = draw(st.sampled_from(["\n", "\n", "\n", "", "\n\n", "\n# end\n", "\n...\n"]))
    return head + "\n".join(lines) + tail


def _differs_or_refused(text: str) -> None:
    """The property: the reader reads `text` as the loader does, or gives up (the loader may refuse it)."""
    got = fast_text.load(text)
    if got is None:
        return
    assert typed(got) == round_trip(text), text


# regression cases: what hypothesis found («[0?]»: libyaml stops at «?» inside a flow collection, the loader does
# not, so the reader gives up), and the hard cases of folding, chomping, indentation and comments
@example("a: |\n  x\n  ")
@example("a: >\n  a\n\n  b\n")
@example("a: >+\n  a\n\n\n# c\nb: 1\n")
@example("a: |-\n   x\n  y\n")
@example("- a: 1\n b: 2\n")
@example("- - a\n  - b\n- c\n")
@example("a:\n- b\n- c\nd: e\n")
@example("a: [b, 'c, d', \"e\"]  # x\n")
@example("a: 'b''c'\n")
@example('a: "\\u00e6\\x41\\_\\N"\n')
@example("a: b #c\n")
@example("a: b#c\n")
@example("a: 2014-13-45\n")
@example("a: -5\nb: +1\n")
@example("\na: [0?]\n")
@settings(max_examples=800, deadline=None, suppress_health_check=list(HealthCheck))
@given(yaml_texts())
def test_yaml_text_in_many_manners_is_read_as_the_loader_reads_it_or_given_up(text):
    try:
        expected = round_trip(text)
    except Exception:  # noqa: BLE001 - the loader refuses it: the reader must have given up
        assert fast_text.load(text) is None, text
        return
    got = fast_text.load(text)
    if got is not None:
        assert typed(got) == expected, text


@st.composite
def scalar_documents(draw) -> str:
    """Few keys and items, each text in a style of its own: most such files are YAML, so most are read."""
    lines = []
    for n in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):
            rest, body = _scalar(draw(TEXTS), 0, draw)
            lines += [f"k{n}:" + (" " + draw(SPACES) if rest else "") + rest, *body]
            continue
        column = draw(st.sampled_from([0, 1, 2, 4]))
        lines.append(f"k{n}:" + draw(COMMENTS))
        for _item in range(draw(st.integers(1, 3))):
            rest, body = _scalar(draw(TEXTS), column, draw)
            lines += [" " * column + "-" + (" " + draw(SPACES) if rest else "") + rest, *body]
    return "\n".join(lines) + draw(st.sampled_from(["\n", "\n", "", "\n\n"]))


@settings(max_examples=700, deadline=None, suppress_health_check=list(HealthCheck))
@given(scalar_documents())
def test_texts_in_every_style_are_read_as_the_loader_reads_them_or_given_up(text):
    test_yaml_text_in_many_manners_is_read_as_the_loader_reads_it_or_given_up.hypothesis.inner_test(text)


# --- what the reader gives up on: each to the existing paths, which refuse, report or read it as before ---

@pytest.mark.parametrize("text", [
    "a: &x b\n",  # an anchor
    "a: *x\n",  # an alias
    "a: !t b\n",  # a tag
    "a: !!str b\n",  # a standard tag
    "%YAML 1.2\n---\na: b\n",  # a directive
    "---\na: b\n",  # a document start
    "a: b\n...\n",  # a document end
    "a: b\n---\nc: d\n",  # two documents
    "? a\n: b\n",  # a complex key
    "[a, b]: c\n",  # a flow key
    "a: {b: [c]}\n",  # a nested flow collection
    "a: [b,\n  c]\n",  # a flow collection over lines
    "a: [b, c,]\n",  # a trailing comma
    "a: b\n  c\n",  # a plain text over lines
    "a: 'b\n  c'\n",  # quotes over lines
    'a: "b\\\n  c"\n',  # a line joined by «\»
    'a: "\\q"\n',  # an unknown escape
    'a: "\\ud800"\n',  # a surrogate escape
    "a: 1\na: 2\n",  # a duplicate key
    "1: a\n",  # a key that is a number
    "null: a\n",  # a key that is null
    "2014-11-07: a\n",  # a key that is a date
    "a:\n\tb: c\n",  # a tab in the indentation
    "a: b\tc\n",  # a tab in a text
    "\ufeffa: b\n",  # a byte-order mark
    "a: b\x07\n",  # a control character
    "a: b\u2028c\n",  # a line separator
    "a: b\x85c\n",  # a next-line character
    "a: |2\n   x\n",  # an indentation indicator
    "a: >\n  x\n    y\n",  # a more-indented line in a folded text
    "a: |\n\n  x\n",  # a blank line before a block's text
    "a: |\n  x\n   \n",  # a blank line with spaces beyond the block's indentation
    "a: |\nb: c\n",  # an empty block
    "a: |\n  x",  # a block ending the file without a line break
    "a: 1e3\n",  # a number ruamel resolves
    "a: 0x1F\n",  # a hexadecimal number
    "a: 12:30\n",  # a sexagesimal number
    "a: 2014-1-7\n",  # a date-like text
    "a: 2014-13-45\n",  # a date that is no real date
    "a\n",  # a scalar at the root
    "# only a comment\n",  # no content
    "a:\n  b\n",  # a text on a line of its own
    "a: b: c\n",  # a mapping where a value is
    "a: - b\n",  # an item where a value is
    "- a\nb: c\n",  # a key after a list at the root
    "a:\n  b: 1\n c: 2\n",  # a key indented unlike its neighbours
    "a:\n  - b\n   - c\n",  # an item indented unlike its neighbours
    "a: 'b' c\n",  # text after quotes
    "a: 'b'#c\n",  # a comment glued to quotes
    "a: @b\n",  # a reserved indicator
    "a: `b\n",  # a reserved indicator
    "a: %b\n",  # a reserved indicator
    "a: |\n  x\n b: c\n",  # a line left between a block and its key's column
    "a:" + "\n  b:" * 40 + " c\n",  # deep nesting
    "k" * 300 + ": v\n",  # a very long key
])
def test_gives_up(text):
    assert fast_text.load(text) is None


def test_hash_after_a_space_starts_a_comment_as_before():
    """A drafter's « #» in a plain text starts a YAML comment: the text is cut there, exactly as the loader
    cuts it, and AV101 (`store.silent`) still names the place."""
    text = "title: Avtale om dialog om tiltak #1 og måloppnåelse\nid: x\n"
    assert fast_text.load(text) == {"title": "Avtale om dialog om tiltak", "id": "x"}
    assert same_or_gave_up(text)
    places = silent.find(text)
    assert [(p.line, p.col, p.kind) for p in places] == [(1, 35, silent.COMMENT)]
    assert fast_text.load("title: Avtale om tiltak#1\n") == {"title": "Avtale om tiltak#1"}


def test_reads_what_the_agreements_use():
    text = ("# comment\nid: x  # trailing\nn: 42\nf: 11.5\nd: 2014-11-07\nt: true\nz: ~\nempty:\nq: 'it''s'\n"
            'e: "a\\tb \\u00e6"\nlist:\n- a\n-   b: 1\n    c: [x, \'y, z\']\n- - n\n  - m\n'
            "lit: |+\n  a\n    b\n\nfold: >-\n  a\n  b\n\n  c\nend: {k: v, l: 2}\n")
    assert fast_text.load(text) == {
        "id": "x", "n": 42, "f": 11.5, "d": dt.date(2014, 11, 7), "t": True, "z": None, "empty": None,
        "q": "it's", "e": "a\tb æ", "list": ["a", {"b": 1, "c": ["x", "y, z"]}, ["n", "m"]],
        "lit": "a\n  b\n\n", "fold": "a b\nc", "end": {"k": "v", "l": 2}}
    assert same_or_gave_up(text)
