"""Text that shows one thing and signs another (issue 14, class 1): every string of the agreement is read in NFC,
and a character that cannot stand in an agreement (a bidirectional control, a control character, NUL, a
noncharacter, hidden-text characters) is refused at its line and column, by the reader where it is typed and
by AV102 where a backslash escape gives it; zero-width and other invisible characters are AV302's, in every
string too, and no character is named twice."""

from __future__ import annotations

import re
import unicodedata

import pytest
from drafted import check_catalogue, findings, typed, write_cases

from avtale import characters
from avtale.characters import INVISIBLE, REFUSED, refusal
from avtale.model import Agreement, all_strings
from avtale.workflow import format_files

BIDI = ("{name} (U+{code}) cannot stand in an agreement: it changes the order in which the text is shown, so the "
        "printed agreement can read differently from the file; delete it")
UNPRINTABLE = "{name} (U+{code}) cannot stand in an agreement: a PDF or a Word document cannot hold it; delete it"
HIDING = ("{name} (U+{code}) cannot stand in an agreement: it hides text that the printed agreement does not show; "
          "delete it")
TITLE = "title: Avtale om kvalitetsutvikling i barnehagen, grunnskolen og videregående opplæring\n"  # line 3
ITEM = "      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.\n"  # line 34
LOGO = "    short: KD\n    logo:\n      file: {file}\n      alt: KDs logo\n"  # the file on line 10


def quoted_title(inside: str) -> tuple[str, str]:
    return TITLE, ('title: "Avtale om ' + inside
                   + 'kvalitetsutvikling i barnehagen, grunnskolen og videregående opplæring"\n')


HAZARDS = {
    "right-to-left-override-typed-in-the-title": (
        typed((TITLE, TITLE.replace("om ", "om \u202e"))),
        [(3, 18, "AV102", BIDI.format(name="a right-to-left override", code="202E"))]),
    "right-to-left-override-escaped-in-the-title": (
        typed(quoted_title("\\u202E")),
        [(3, 19, "AV102", BIDI.format(name="a right-to-left override", code="202E"))]),
    "each-distinct-character-once": (
        typed(quoted_title("\\u202E\\u202E\\u202C")),
        [(3, 19, "AV102", BIDI.format(name="a right-to-left override", code="202E")),
         (3, 31, "AV102", BIDI.format(name="a pop directional formatting", code="202C"))]),
    "isolate-typed-in-a-party-name": (
        typed(("    name: KS\n", "    name: \u2067KS\n")),
        [(10, 11, "AV102", BIDI.format(name="a right-to-left isolate", code="2067"))]),
    "left-to-right-mark-escaped-in-a-party-name": (  # AV302 named it before: now AV102 alone
        typed(("    name: KS\n", '    name: "K\\u200eS"\n')),
        [(10, 13, "AV102", BIDI.format(name="a left-to-right mark", code="200E"))]),
    "override-typed-in-a-comment": (
        typed(("  end: 2025-12-31\n", "  end: 2025-12-31  # \u202e merknad\n")),
        [(12, 22, "AV102", BIDI.format(name="a right-to-left override", code="202E"))]),
    "escape-in-a-party-short-name": (
        typed(("    short: KD\n", '    short: "K\\x1b[31mD"\n')),
        [(8, 14, "AV102", UNPRINTABLE.format(name="an escape character", code="001B"))]),
    "c1-control-in-a-paragraph": (
        typed((ITEM, ITEM.replace("- Avtalepartene", '- "Avtalepartene').replace("om tiltak", "om\\u0085 tiltak")
               .replace(".\n", '."\n'))),
        [(34, 49, "AV102", UNPRINTABLE.format(name="a next-line character", code="0085"))]),
    "next-line-character-typed-in-a-paragraph": (  # libyaml reads it as a line break
        typed((ITEM, ITEM.replace("om tiltak", "om\x85tiltak"))),
        [(34, 48, "AV102", UNPRINTABLE.format(name="a next-line character", code="0085"))]),
    "paragraph-separator-typed-in-a-paragraph": (  # libyaml reads it as a line break: its lines are not the editor's
        typed((ITEM, ITEM.replace("om tiltak", "om\u2029tiltak"))),
        [(34, 48, "AV001", "a paragraph separator (U+2029), which YAML reads as a line break, is left from an export: "
                           "delete the character")]),
    "nul-by-number-in-a-party-name": (
        typed(("    name: KS\n", '    name: "K\\x00S"\n')),
        [(10, 13, "AV102", UNPRINTABLE.format(name="a null character", code="0000"))]),
    "nul-as-a-short-escape-is-named-once-by-av101": (
        typed(("    name: KS\n", '    name: "K\\0S"\n')),
        [(10, 13, "AV101", "«\\0» inside double quotes is read as a null character, not as the characters typed: put "
                           "the text in single quotes ('…') instead")]),
    "escape-in-a-logo-path-and-no-crash-of-the-logo-rule": (
        typed(("    short: KD\n", LOGO.format(file='"kd\\x1b.png"'))),
        [(10, 16, "AV102", UNPRINTABLE.format(name="an escape character", code="001B"))]),
    "nul-in-a-logo-path": (
        typed(("    short: KD\n", LOGO.format(file='"kd\\x00.png"'))),
        [(10, 16, "AV102", UNPRINTABLE.format(name="a null character", code="0000"))]),
    "noncharacter-typed-in-the-preamble": (
        typed(("representert ved KS.\n", "representert ved KS.\ufdd0\n")),
        [(16, 107, "AV102", UNPRINTABLE.format(name="a noncharacter", code="FDD0"))]),
    "tag-characters-spelling-hidden-text-once": (
        typed(("  - title: Økonomi\n", '  - title: "Økonomi\\U000E0041\\U000E0042"\n')),
        [(58, 20, "AV102", HIDING.format(name="a tag character", code="E0041"))]),
    "zero-width-space-in-a-party-name": (
        typed(("    name: Kunnskapsdepartementet\n", "    name: Kunnskaps\u200bdepartementet\n")),
        [(7, 20, "AV302", "a zero-width space (U+200B) left from an export: delete the character")]),
    "word-joiner-in-a-logo-alt": (
        typed(("    short: KD\n", LOGO.format(file="kd.png").replace("KDs logo", "KDs\u2060 logo"))),
        [(11, 15, "AV302", "a word joiner (U+2060) left from an export: delete the character"),
         (10, 13, "AV405", "logo of party «kd» (kd.png) not found (looked for {dir}/kd.png)")]),
    "nfd-title-equal-to-an-nfc-title": (
        typed(("  - title: Avtalepartenes forpliktelser\n", "  - title: Forma\u030alet med avtalen\n")),
        [(26, 12, "AV207", "section title «Formålet med avtalen» repeats section 1")]),
}


def test_each_hazard_is_named_once_at_its_place(tmp_path):
    cases = {name: (text, [(*f[:3], f[3].format(dir=tmp_path / name)) for f in expected])  # AV405 names the folder
             for name, (text, expected) in HAZARDS.items()}
    check_catalogue(tmp_path, cases)


def test_fmt_never_rewrites_a_file_holding_what_cannot_stand_in_an_agreement(tmp_path):
    cases = {k: v for k, v in HAZARDS.items() if v[1][0][2] == "AV102"}
    for name, path in write_cases(tmp_path, cases).items():
        problems = format_files([path], write=True)[1]
        assert problems and " AV102 " in problems[0], name
        assert path.read_text(encoding="utf-8") == cases[name][0], name


def test_a_logo_file_name_is_no_image_file_name_left_from_an_export(tmp_path):
    paths = write_cases(tmp_path, {"logo": (typed(("    short: KD\n", LOGO.format(file="image1.jpeg"))), [])})
    assert [f[2] for f in findings(paths["logo"])] == ["AV405"]


def test_every_text_is_read_in_nfc(tmp_path):
    nfd = {"id": "x", "title": "Forma\u030al", "language": "nb", "status": "draft", "period": {"end": "2030-12-31"},
           "parties": [{"id": "kd", "name": "Tro\u0308ndelag", "logo": {"file": "a\u030a.png", "alt": "A\u030a"}},
                       {"id": "ks", "name": "KS"}],
           "sections": [{"title": "A", "blocks": ["e\u0301n", {"bullets": ["o\u0308"]}, {"numbered": ["a\u0308"]}]}]}
    strings = dict(all_strings(Agreement.model_validate(nfd)))
    assert all(unicodedata.is_normalized("NFC", s) for s in strings.values())
    assert strings[("title",)] == "Formål" and strings[("parties", 0, "logo", "file")] == "å.png"
    assert strings[("sections", 0, "blocks", 1, "bullets", 0)] == "ö"


def test_fmt_writes_nfc(tmp_path):
    text = typed(("  - title: Formålet med avtalen\n", "  - title: Forma\u030alet med avtalen\n"))
    path = write_cases(tmp_path, {"nfd": (text, [])})["nfd"]
    changed, problems = format_files([path], write=True)
    assert problems == [] and len(changed) == 1
    assert path.read_text(encoding="utf-8") == typed()  # the same file, in NFC
    assert findings(path) == []


def test_all_strings_walks_every_field_of_the_model():
    """Every string the model can hold is walked: a new field is looked at without a list to update."""
    data = {"id": "x", "title": "T", "language": "nb", "status": "draft", "period": {"end": "2030-12-31"},
            "parties": [{"id": "kd", "name": "N", "short": "S", "logo": {"file": "f.png", "alt": "A"}},
                        {"id": "ks", "name": "KS"}],
            "preamble": ["P"], "supersedes": "old", "numbering": "1",
            "sections": [{"title": "S1", "blocks": ["B", {"bullets": ["b"]}, {"numbered": ["n"], "style": "a)"}],
                          "subsections": [{"title": "U", "blocks": ["u"]}]}],
            "signing": {"place": "Oslo", "date": "2029-01-01",
                        "signatories": [{"party": "kd", "name": "K", "title": "M"}]},
            "seal": {"sha256": "0" * 64, "date": "2029-01-01"}}
    paths = {loc for loc, _text in all_strings(Agreement.model_validate(data))}
    assert {("parties", 0, "logo", "file"), ("parties", 0, "logo", "alt"), ("parties", 0, "short"), ("supersedes",),
            ("sections", 0, "blocks", 2, "style"), ("signing", "signatories", 0, "party"), ("seal", "sha256"),
            ("sections", 0, "subsections", 0, "blocks", 0), ("numbering",), ("signing", "place")} <= paths


# --- the one place that decides -------------------------------------------------------------------------

YAML_CANNOT_HOLD = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def test_what_is_refused_and_what_is_invisible_never_overlap_and_cover_every_hazard():
    for code in range(0x110000):
        char = chr(code)
        refused, invisible = bool(REFUSED.match(char)), bool(INVISIBLE.match(char))
        assert not (refused and invisible), hex(code)
        if YAML_CANNOT_HOLD.match(char):  # what libyaml stops at is refused in the same words
            assert refused, hex(code)
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or code & 0xFFFE == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
            assert refused or char in "\t\n\r", hex(code)
        if category == "Co" and code <= 0xFFFF:  # a symbol font's characters, in the private use area
            assert invisible, hex(code)
    for char in "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\ufff9\U000e0001":
        assert REFUSED.match(char), hex(ord(char))
    for char in "\u200b\u200c\u200d\u2060\ufeff\xad\u2028\u2029\r":
        assert INVISIBLE.match(char), hex(ord(char))


@pytest.mark.parametrize("char, message", [
    ("\u202e", BIDI.format(name="a right-to-left override", code="202E")),
    ("\u2069", BIDI.format(name="a pop directional isolate", code="2069")),
    ("\x00", UNPRINTABLE.format(name="a null character", code="0000")),
    ("\x9b", UNPRINTABLE.format(name="a control character", code="009B")),
    ("\x7f", UNPRINTABLE.format(name="a delete character", code="007F")),
    ("\ud800", UNPRINTABLE.format(name="half of a surrogate pair", code="D800")),
    ("\U0010ffff", UNPRINTABLE.format(name="a noncharacter", code="10FFFF")),
    ("\ufffa", HIDING.format(name="an interlinear annotation character", code="FFFA")),
])
def test_refusal_names_the_character_and_says_what_to_do(char, message):
    assert refusal(char) == message


def test_the_extract_cleaner_drops_what_cannot_stand_in_an_agreement():
    from avtale.extract import clean

    assert clean.CONTROL is characters.REFUSED


# --- cost: linear in the number of strings and in the length of a text ----------------------------------

def _timed(text: str, tmp_path, n: int) -> float:
    import time

    from avtale.agreements import validate_file

    path = tmp_path / f"{n}" / "x.yaml"
    path.parent.mkdir()
    path.write_text(text, encoding="utf-8")
    start = time.perf_counter()
    result = validate_file(path)
    seconds = time.perf_counter() - start
    assert any(f.code == "AV102" for f in result.findings)
    return seconds


def _sections(n: int) -> str:
    head = typed()[:typed().index("sections:\n")]
    return head + "sections:\n" + "".join(
        f'  - title: "Del {k} \\u202E{k}"\n    blocks:\n      - "Tekst\\u2066 {k}, og\\x9b mer\\u200b."\n'
        f'      - bullets:\n          - "K\\u200bS {k}\\x00"\n' for k in range(n))


def _long_text(n: int) -> str:
    return typed(("  - title: Økonomi\n", '  - title: "' + "Økonomi \\u202E og\\u200b \\x85" * n + '"\n'))


@pytest.mark.parametrize("make, n", [(_sections, 150), (_long_text, 2000)], ids=["strings", "length"])
def test_the_text_checks_cost_grows_linearly(make, n, tmp_path):
    """n, 4n and 16n strings (or escapes in one text), each with characters AV102 and AV302 name: 16n may cost
    about 16 times n, with room for noise, never 256 times."""
    times = [_timed(make(k * n), tmp_path, k * n) for k in (1, 4, 16)]
    assert times[2] < 40 * times[0] + 0.5, times
