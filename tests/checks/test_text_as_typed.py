"""AV101: what a drafter typed that YAML would read as other text is an error at its place, and `fmt` never
writes such a file (issue 13: «no silent change of the text»)."""

from __future__ import annotations

from conftest import run_cli
from drafted import BASE, check_catalogue, findings, typed, write_cases

from avtale import agreements
from avtale.workflow import format_files

HEAD = ("id: t\ntitle: Avtale om noe\nlanguage: nb\nparties:\n  - id: kd\n    name: Kunnskapsdepartementet\n"
        "  - id: ks\n    name: KS\nperiod:\n  end: 2027-12-31\nstatus: draft\nsections:\n  - title: Formål\n"
        "    blocks:\n")
MISTAKES = (HEAD + "      - Partene skal møtes to ganger i året\n        - en felles statusrapport hvert år\n"
            "      - Avtalepartene skal ha jevnlig dialog om tiltak #1 og måloppnåelse.\n")


def test_both_mistakes_are_errors_at_their_places(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(MISTAKES, encoding="utf-8")
    found = [(f.code, f.line, f.col, f.severity, f.message) for f in agreements.validate_file(path).findings]
    assert found == [
        ("AV101", 16, 9, "error", "«- en felles statusrapport hvert år» is indented too far, so it is read as words of "
                                  "the text above, not as an item of its own: indent its «-» as far as the item above"),
        ("AV101", 17, 56, "error", "«#1 og måloppnåelse.» is read as a YAML comment, so it is left out of the text: "
                                   "put the whole text in quotes ('…'), or write «nr. 1» instead of «#1»"),
    ]


def test_validate_fails_and_fmt_leaves_the_file_as_it_is(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(MISTAKES, encoding="utf-8")
    checked = run_cli("validate", "--strict", path)
    assert checked.returncode == 1 and f"{path}:17:56: AV101" in checked.stdout + checked.stderr
    formatted = run_cli("fmt", path)
    assert formatted.returncode == 1 and f"{path}:16:9: AV101" in formatted.stdout + formatted.stderr
    assert "Traceback" not in formatted.stderr
    assert path.read_text(encoding="utf-8") == MISTAKES
    assert format_files([path], write=True)[0] == []


def test_the_fixed_text_passes_and_formats(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + "      - Partene skal møtes to ganger i året.\n      - En felles statusrapport hvert år.\n"
                    "      - 'Avtalepartene skal ha jevnlig dialog om tiltak #1 og måloppnåelse.'\n", encoding="utf-8")
    assert [f.code for f in agreements.validate_file(path).findings] == []
    changed, problems = format_files([path], write=True)
    assert problems == [] and "tiltak #1 og måloppnåelse." in path.read_text(encoding="utf-8")


# --- issue 13's catalogue: every way YAML changes what was typed, in the real agreement 2022-2025 ----------

ITEM = "      - Avtalepartene skal ha jevnlig dialog om tiltak og måloppnåelse.\n"  # line 34
LINE_23 = ("        Avtalen skal være et redskap for kvalitetsutvikling i barnehagen, grunnskolen og videregående "
           "opplæring.\n")
ITEM_45 = "            Bidra til utvikling av høyere kvalitet og bedre styring av barnehagesektoren.\n"
ECONOMY = "  - title: Økonomi\n    blocks:\n      - >-\n"  # line 58
QUOTE = "('…')"
TYPED = {
    "comment": (
        typed(("dialog om tiltak og måloppnåelse.", "dialog om tiltak #1 og måloppnåelse.")),
        [(34, 56, "AV101", f"«#1 og måloppnåelse.» is read as a YAML comment, so it is left out of the text: put the "
                           f"whole text in quotes {QUOTE}, or write «nr. 1» instead of «#1»")]),
    "comment-after-one-word": (
        typed((ITEM, ITEM + "      - Tiltak #2\n")),
        [(35, 16, "AV101", f"«#2» is read as a YAML comment, so it is left out of the text: put the whole text in "
                           f"quotes {QUOTE}, or write «nr. 2» instead of «#2»")]),
    "comment-line-inside-a-text": (
        typed((ITEM, "      - Avtalepartene skal ha jevnlig dialog om tiltak\n        #1 og måloppnåelse.\n")),
        [(35, 9, "AV101", f"«#1 og måloppnåelse.» is read as a YAML comment, so it is left out of the text above: "
                          f"put the whole text in quotes {QUOTE}; if it is a note, not text, line its «#» up with «-»")]),
    "item-folded-into-the-item-above": (
        typed((ITEM, ITEM + "        - Partene skal møtes to ganger i året.\n")),
        [(35, 9, "AV101", "«- Partene skal møtes to ganger i året.» is indented too far, so it is read as words of "
                          "the text above, not as an item of its own: indent its «-» as far as the item above")]),
    "item-folded-into-a-title": (
        typed(("  - title: Økonomi\n", "  - title: Økonomi\n      - og finansiering\n")),
        [(59, 7, "AV101", "«- og finansiering» is indented too far, so it is read as words of the text above, not "
                          "as an item of its own: indent its «-» as far as the item above")]),
    "item-swallowed-by-a-folded-paragraph": (
        typed(("måneds varsel.\n", "måneds varsel.\n        - Avtalen kan forlenges med ett år.\n")),
        [(68, 9, "AV101", "«- Avtalen kan forlenges med ett år.» is indented too far, so it is read as words of the "
                          "text above, not as an item of its own: indent its «-» as far as the item above")]),
    "key-swallowed-by-a-folded-paragraph": (
        typed(("som vedtas av Stortinget gjennom årlige budsjettforhandlinger.\n",
               "som vedtas av Stortinget gjennom årlige budsjettforhandlinger.\n        subsections:\n")),
        [(63, 9, "AV101", "«subsections:» is indented as far as the text above, so it is read as words of that text, "
                          "not as a key: indent it less, in line with the keys it belongs with")]),
    "quote-left-open": (
        typed(("      - Kunnskapsdepartementet skal bidra", "      - 'Kunnskapsdepartementet skal bidra"),
              ("på regionalt nivå i tråd med avtalens ambisjoner.\n", "på regionalt nivå i tråd med avtalens ambisjoner.'\n")),
        [(38, 7, "AV101", "«- KS skal bidra til at kommunesektoren…» is inside the quotes that open on line 37, so it "
                          "is read as words of that text, not as an item of its own: close the quote where that text "
                          "ends")]),
    "number": (
        typed(("          - Bidra til utvikling av en mer variert og praktisk orientert skole.\n", "          - 2026\n")),
        [(47, 13, "AV101", "«2026» is read as a number, not as text: put it in quotes: '2026'")]),
    "decimal": (
        typed(("  - title: Økonomi\n", "  - title: 1.5\n")),
        [(58, 12, "AV101", "«1.5» is read as a number, not as text: put it in quotes: '1.5'")]),
    "yes-no": (
        typed(("  - title: Økonomi\n", "  - title: true\n")),
        [(58, 12, "AV101", "«true» is read as a yes-or-no value, not as text: put it in quotes: 'true'")]),
    "date": (
        typed((ITEM, ITEM + "      - 2014-11-07\n")),
        [(35, 9, "AV101", "«2014-11-07» is read as a date, not as text: put it in quotes: '2014-11-07'")]),
    "tilde-in-an-optional-text": (
        typed(("    short: KD\n", "    short: ~\n")),
        [(8, 12, "AV101", "«~» is read as an empty value, not as text: write the text instead, or put it in quotes if "
                          "«~» is the text: '~'")]),
    "null": (
        typed(("    name: KS\n", "    name: null\n")),
        [(10, 11, "AV101", "«null» is read as an empty value, not as text: write the text instead, or put it in "
                           "quotes if «null» is the text: 'null'")]),
    "no-text-after-an-optional-key": (
        typed(("    short: KD\n", "    short:\n")),
        [(8, 5, "AV101", "«short:» has no text: write the text after it, or delete the line")]),
    "no-title": (
        typed(("  - title: Økonomi\n", "  - title:\n")),
        [(58, 5, "AV101", "«title:» has no text: write the text after it")]),
    "empty-item": (
        typed((ITEM, ITEM + "      -\n")),
        [(35, 7, "AV101", "this item has no text: write the text after «-», or delete the line")]),
    "empty-quotes": (
        typed((ITEM, ITEM + "      - ''\n")),
        [(35, 9, "AV101", "this item has no text: write the text after «-», or delete the line")]),
    "more-indented-line-in-a-folded-text": (
        typed(("        Partene skal legge til rette", "          Partene skal legge til rette")),
        [(31, 9, "AV101", "«Partene skal legge til rette for og…» is indented further than the lines above, so YAML "
                          "keeps a line break and the extra spaces before it: indent it like the lines above")]),
    "tab-before-a-line-of-a-folded-text": (
        typed(("        Partene skal legge til rette", "        \tPartene skal legge til rette")),
        [(31, 9, "AV101", "«Partene skal legge til rette for og…» starts with a tab, so YAML keeps a line break "
                          "before it: indent it with spaces like the lines above")]),
    "blank-line-inside-a-paragraph": (
        typed((LINE_23, LINE_23 + "\n")),
        [(24, 1, "AV101", "a blank line inside a paragraph keeps a line break: start a new paragraph with a new `- ` "
                          "item")]),
    "blank-line-inside-an-item": (
        typed((ITEM_45, ITEM_45 + "\n")),
        [(46, 1, "AV101", "a blank line inside an item keeps a line break: start a new item with a new `- `")]),
    "folded-text-that-keeps-its-last-line-break": (
        typed((ECONOMY, ECONOMY.replace(">-", ">"))),
        [(60, 9, "AV101", "the text ends with a line break: write `>-` instead of `>`")]),
    "literal-block": (
        typed((ECONOMY, ECONOMY.replace(">-", "|"))),
        [(60, 9, "AV101", "a `|` block keeps every line break: write `>-` instead of `|`")]),
    "blank-line-before-a-folded-text": (
        typed((ECONOMY, ECONOMY + "\n")),
        [(61, 1, "AV101", "a blank line before the text keeps a line break: delete the blank line")]),
    "backslash-t-in-double-quotes": (
        typed((ITEM, '      - "Avtalepartene skal ha jevnlig dialog om tiltak\\tog måloppnåelse."\n')),
        [(34, 56, "AV101", f"«\\t» inside double quotes is read as a tab, not as the characters typed: put the text in "
                           f"single quotes {QUOTE} instead")]),
    "backslash-at-the-end-of-a-line-in-double-quotes": (
        typed((ITEM, '      - "Avtalepartene skal ha jevnlig dialog om\\\n        tiltak og måloppnåelse."\n')),
        [(34, 49, "AV101", "the «\\» at the end of this line, inside double quotes, joins the next line to it without "
                           "a space: delete the «\\»")]),
    "backslash-underscore-in-double-quotes": (
        typed((ITEM, '      - "Avtalepartene skal ha jevnlig dialog om tiltak, jf. avtalen\\_punkt 2."\n')),
        [(34, 69, "AV101", f"«\\_» inside double quotes is read as a non-breaking space, not as the characters typed: "
                           f"put the text in single quotes {QUOTE} instead")]),
}


def test_the_base_agreement_is_valid(tmp_path):
    assert findings(write_cases(tmp_path, {"base": (BASE, [])})["base"]) == []


def test_every_way_yaml_changes_the_text_is_an_error_at_its_place_and_fmt_refuses_it(tmp_path):
    check_catalogue(tmp_path, TYPED)


def test_what_yaml_reads_as_typed_passes(tmp_path):
    """Text that looks odd but reaches the agreement as typed: no finding, and `fmt` formats it."""
    cases = {
        "yes-is-text": typed((ITEM, ITEM + "      - yes\n")),
        "a-time-is-text": typed((ITEM, ITEM + "      - kl. 12:30\n")),
        "quoted-number": typed((ITEM, ITEM + "      - '2026'\n")),
        "text-wrapped-over-lines": typed((ITEM, "      - Avtalepartene skal ha jevnlig dialog\n"
                                                "          om tiltak og måloppnåelse.\n")),
        "comment-on-a-line-of-its-own": typed((ITEM, "      # et punkt til\n" + ITEM)),
        "comment-after-a-date": typed(("  end: 2025-12-31\n", "  end: 2025-12-31  # som teksten sier\n")),
        "a-quote-and-a-backslash-in-double-quotes": typed((ITEM, '      - "Programmet \\"Den gode skoleeier\\", '
                                                                  'og/eller \\\\ mer."\n')),
        "escaped-letter": typed((ITEM, '      - "Avtalepartene skal ha jevnlig dialog om tiltak og m\\u00e5lopp'
                                       '\\u00e5else."\n')),
    }
    paths = write_cases(tmp_path, {name: (text, []) for name, text in cases.items()})
    for name, path in paths.items():
        assert [f for f in findings(path) if f[2] in ("AV101", "AV302")] == [], name
        assert format_files([path], write=True)[1] == [], name
