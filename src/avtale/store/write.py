"""The writing half of the store: one canonical YAML form (files are written by `avtale.writer`).

Canonical: keys in model order, block style, long paragraphs as folded
scalars with one sentence per line (so a diff shows the sentence that
changed), no anchors; the drafter's comments carried over by key.
"""

from __future__ import annotations

import functools
import io
import re

from avtale.characters import fold_spaces

TYPE_CHECKING = False  # `typing` is not imported at run time: every command would pay for it
if TYPE_CHECKING:
    from typing import Any


SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/agreement.schema.json"

# Where a sentence may end, and so where `fmt` may break a line: a word ending in «.», «!», «?» or «:»
# (perhaps followed by closing quotes or brackets, as in «… skoleeier.»), before a word starting with a
# capital letter (perhaps after opening quotes or a bracket). A quote or bracket closed without a stop
# («… «Den gode skoleeier» Kommunene …») ends no sentence.
_SENTENCE_END = re.compile(r"[.!?:][»”’\"')\]]*$")
_OPENERS = "«“‘\"'(["
_CLOSERS = "»”’\"')].,;:!?"

# Words with a stop that do not end a sentence (compared in lower case): the abbreviations of Norwegian
# public agreements (bokmål and nynorsk). Besides these, any word of letters with a stop inside it
# («bl.a.», «f.eks.», «St.meld.», «t.o.m.»; not a web address such as «ks.no.») and any single letter with
# a stop («s.», an initial) is read as an abbreviation. Words that are also ordinary Norwegian words
# («alt.», «art.», «min.», «jul.») are left out: «… før jul. Partene …» is a sentence end.
ABBREVIATIONS = frozenset("""
    adm. ang. avd. avsn. bl.a. bokst. ca. d.v.s. dir. dok. dvs. e.l. eks. ekskl. etc. ev. evt. f.eks. f.o.m.
    fig. hhv. iflg. ifm. ift. iht. inkl. innst. jf. jfr. kap. kgl.res. kl. kr. m.a. m.a.o. m.fl. m.m. m.v.
    meld. mht. mill. mnd. mrd. mtp. mv. nr. o.a. o.l. osv. ot.prp. p.g.a. pga. pkt. pr. prof. prop. pst.
    ref. resp. s. sml. sst. st. st.meld. st.prp. t.d. t.o.m. tilsv. tlf. vedl. vedr. vha. vs.
""".split())
# Words after which a number names a part of a text («§ 3. Formål», «kap. 2. Partene»): the number is a
# heading's or a reference's, and what follows it does not start a new sentence.
REFERENCES = frozenset("§ §§ art. artikkel bokst. bokstav kap. kapittel ledd nr. nummer pkt. punkt s. side "
                       "vedlegg".split())
MONTHS = frozenset("januar februar mars april mai juni juli august september oktober november desember "
                   "jan feb apr jun jul aug sep sept okt nov des".split())
_ABBREVIATED = re.compile(r"(?:[^\W\d_]+\.){2,}|[^\W\d_]\.")
# ... but a web address ends its sentence: «… publisert på ks.no. Partene …» (no abbreviation ends so)
_WEB_ADDRESS = re.compile(r"(?:[\w-]+\.)+(?:no|com|org|net|eu|int|info|se|dk|fi|is|uk|de)\.", re.IGNORECASE)
_NUMBER = re.compile(r"§*\d+(?:\.\d+)*\.")


# keys whose text is one line however many sentences it has: a heading («Eksempel: Avtale om …»)
UNFOLDED = frozenset({"title"})




def sentences(text: str) -> list[str]:
    """Split normalised text into sentences, for one sentence per line in folded scalars.

    The text is only cut at its spaces, so the parts joined with one space are the normalised text: a
    line break in a folded scalar reads back as that space, and no word ever changes. A line breaks only
    where a sentence surely ends: never after an abbreviation (ABBREVIATIONS, «bl.a.», an initial), nor
    after a number that is a date's, an ordinal or a heading's number: «7. november 2014», «17. Mai»,
    «§ 3. Formål», «kap. 2. Partene», «2.1. Mål», «1. Bedre læring» (a number 1–31 before a month, any
    number after «§» or a reference word in REFERENCES, at the start of a sentence, or with stops inside
    it). Any other number before a capital word that is no month ends its sentence: «… i 2014. Neste …»,
    «… kl. 12. Møtet …».

    Where a sentence may really end at an abbreviation («… skoler mv. Partene …», «… kl. 12.00. Møtet …»),
    the line is not broken: a missed break is harmless (the next sentence shares the line), a wrong one
    would cut a sentence in two.
    """
    words = fold_spaces(text).split(" ")
    parts, start = [], 0
    for i in range(len(words) - 1):
        if _ends_sentence(words, i):
            parts.append(" ".join(words[start:i + 1]))
            start = i + 1
    parts.append(" ".join(words[start:]))
    return parts


def _ends_sentence(words: list[str], i: int) -> bool:
    """Whether the sentence ends after `words[i]` (the next word starts a sentence)."""
    word, after = words[i], words[i + 1].lstrip(_OPENERS)
    if not _SENTENCE_END.search(word) or not after[:1].isupper():
        return False
    if not word.endswith("."):
        return True  # «!», «?», «:», or a quote or bracket closed after the stop
    if _abbreviation(word):
        return False
    if _NUMBER.fullmatch(word.lstrip(_OPENERS)):
        return _number_ends_sentence(words, i)
    return True


def _abbreviation(word: str) -> bool:
    bare = word.lstrip(_OPENERS).lower()
    return bare in ABBREVIATIONS or (bool(_ABBREVIATED.fullmatch(bare)) and not _WEB_ADDRESS.fullmatch(bare))


def _number_ends_sentence(words: list[str], i: int) -> bool:
    """Whether a number with a stop (`words[i]`, before a capital word) ends its sentence."""
    bare = words[i].lstrip(_OPENERS)
    if bare.startswith("§") or "." in bare[:-1]:
        return False  # «§3.», «2.1.», «12.00.»: a section's number or a time, not an end
    after = words[i + 1].lstrip(_OPENERS).rstrip(_CLOSERS).lower()
    if len(bare) <= 3 and 1 <= int(bare[:-1]) <= 31 and after in MONTHS:
        return False  # «17. Mai»: a date
    if i == 0 or (_SENTENCE_END.search(words[i - 1]) and not _abbreviation(words[i - 1])):
        return False  # «1. Bedre læring»: a label at the start of a sentence
    return words[i - 1].lstrip(_OPENERS).lower() not in REFERENCES


def _styled(text: str, fold: bool = True) -> Any:
    text = fold_spaces(text)
    parts = sentences(text) if fold else [text]
    if len(parts) < 2:
        return text
    folded = ruamel().FoldedScalarString(text)
    folded.fold_pos = []
    pos = 0
    for part in parts[:-1]:
        pos += len(part)
        folded.fold_pos.append(pos)
        pos += 1
    return folded


def _represent_folded(representer: Any, data: Any):
    """ruamel.yaml's representer of a folded text, with its fold marks («\\a» before the space where a line
    ends) put in one pass: ruamel's own put them one at a time, copying the text for each (n² in sentences)."""
    marked = [pos for pos in reversed(getattr(data, "fold_pos", []))
              if data[pos] == " " and (pos > 0 and not data[pos - 1].isspace())
              and (pos < len(data) and not data[pos + 1].isspace())]
    pieces, start = [], 0
    for pos in reversed(marked):
        pieces += [data[start:pos], "\a"]
        start = pos
    pieces.append(data[start:])
    return representer.represent_scalar("tag:yaml.org,2002:str", "".join(pieces), style=">",
                                        anchor=data.yaml_anchor(any=True))


@functools.lru_cache(maxsize=1)
def ruamel() -> Any:
    """ruamel.yaml's round-trip node classes, imported when something is written (not when a file is read),
    with `_represent_folded` registered for every dump (`store._yaml` calls this first)."""
    from types import SimpleNamespace

    from ruamel.yaml.comments import CommentedMap, CommentedSeq
    from ruamel.yaml.representer import RoundTripRepresenter
    from ruamel.yaml.scalarstring import DoubleQuotedScalarString, FoldedScalarString, SingleQuotedScalarString

    RoundTripRepresenter.add_representer(FoldedScalarString, _represent_folded)
    return SimpleNamespace(CommentedMap=CommentedMap, CommentedSeq=CommentedSeq,
                           DoubleQuotedScalarString=DoubleQuotedScalarString, FoldedScalarString=FoldedScalarString,
                           SingleQuotedScalarString=SingleQuotedScalarString)


def to_yaml_tree(value: Any, path: tuple = (), flow: bool = True) -> Any:
    """Plain data (from `model_dump`) to round-trip nodes in canonical style: a table's short header and rows
    as flow sequences, their cells styled as `store.emit` styles them (`flow` False: none)."""
    from avtale.store import emit

    r = ruamel()
    if isinstance(value, dict):
        out = r.CommentedMap()
        for k, v in value.items():
            out[k] = to_yaml_tree(v, (*path, k), flow)
        return out
    if isinstance(value, list):
        if flow and emit.is_cells(path) and emit.flow(value) is not None:
            seq = r.CommentedSeq(_cell(fold_spaces(v)) for v in value)
            seq.fa.set_flow_style()
            return seq
        return r.CommentedSeq(to_yaml_tree(v, (*path, i), flow) for i, v in enumerate(value))
    if isinstance(value, str):
        return _styled(value, fold=not path or path[-1] not in UNFOLDED)
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _cell(text: str) -> Any:
    from avtale.store import emit

    style = emit.cell_style(text)
    r = ruamel()
    return r.SingleQuotedScalarString(text) if style == "'" else r.DoubleQuotedScalarString(text) if style else text


def transplant_comments(old: Any, new: Any) -> None:
    """Carry the drafter's comments from `old` to the matching keys and items of `new`."""
    CommentedMap, CommentedSeq = ruamel().CommentedMap, ruamel().CommentedSeq
    if isinstance(old, CommentedMap) and isinstance(new, CommentedMap):
        if old.ca.comment:
            new.ca.comment = old.ca.comment
        for key, value in new.items():
            if key in old:
                if key in old.ca.items:
                    new.ca.items[key] = old.ca.items[key]
                transplant_comments(old[key], value)
    elif isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq):
        if old.ca.comment:
            new.ca.comment = old.ca.comment
        for i, value in enumerate(new):
            if i < len(old):
                if i in old.ca.items:
                    new.ca.items[i] = old.ca.items[i]
                transplant_comments(old[i], value)


def dump(data: dict, original: Any = None, schema_comment: str | None = SCHEMA_COMMENT,
         todos: list[tuple[tuple, str]] | None = None) -> str:
    """Canonical YAML text for plain data, keeping comments from `original` round-trip data;
    each of `todos` (a path such as `("signing", "signatories", 2, "party")` and a message)
    becomes a `# TODO` comment at the end of that line."""
    from avtale.store import _yaml, emit

    if original is None and not todos:
        fast = emit.canonical(data)
        if fast is not None:
            return _with_schema_comment(fast, schema_comment)
    tree = to_yaml_tree(data)
    if original is not None:
        transplant_comments(original, tree)
    notes: dict[tuple[int, Any], tuple[Any, list[str]]] = {}
    for loc, message in todos or []:
        parent, key = _place(tree, tuple(loc))
        notes.setdefault((id(parent), key), (parent, []))[1].append(" ".join(message.split()))
    for (_node, key), (parent, messages) in notes.items():
        parent.yaml_add_eol_comment("# TODO " + "; ".join(messages), key)
    buf = io.StringIO()
    _yaml().dump(tree, buf)
    return _with_schema_comment(buf.getvalue(), schema_comment)


def rewrite(data: dict, text: str, schema_comment: str | None = SCHEMA_COMMENT) -> str:
    """Canonical YAML text for plain data, keeping the comments and blank lines of `text` (the file as read)
    beside the values they follow: what `fmt`, `sign-off` and `new` write. Linear in the text (`store.emit`);
    data of a shape the fast writer does not write goes through ruamel.yaml's round trip (`dump`)."""
    from avtale.store import comments, emit, parse

    notes = comments.notes(text)  # None without libyaml: ruamel.yaml finds the comments then
    fast = emit.canonical(data, notes) if notes is not None else None
    if fast is None:
        return dump(data, parse(text), schema_comment)
    return _with_schema_comment(fast, schema_comment)


def _with_schema_comment(text: str, schema_comment: str | None) -> str:
    """The text with `schema_comment` as its first line, once."""
    if schema_comment and not text.startswith(schema_comment):
        lines = [ln for ln in text.splitlines(keepends=True) if ln.rstrip("\n") != schema_comment]
        text = schema_comment + "\n" + "".join(lines)
    return text


def _dump_plain(data: Any) -> str:
    """ruamel.yaml's canonical text for plain data, nothing added (for `store.emit`'s odd texts)."""
    from avtale.store import _yaml

    buf = io.StringIO()
    _yaml().dump(to_yaml_tree(data, flow=False), buf)
    return buf.getvalue()


def _place(tree: Any, loc: tuple) -> tuple[Any, Any]:
    """The container and key a comment for `loc` goes on: the nearest line of `loc` the tree has."""
    CommentedMap, CommentedSeq = ruamel().CommentedMap, ruamel().CommentedSeq
    while loc:
        node, ok = tree, True
        for part in loc[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                ok = False
                break
        key = loc[-1]
        if ok and isinstance(node, (CommentedMap, CommentedSeq)) and (key in node if isinstance(node, CommentedMap) else isinstance(key, int) and key < len(node)):
            return node, key
        loc = loc[:-1]
    return tree, next(iter(tree))
