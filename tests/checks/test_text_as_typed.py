"""AV101: what a drafter typed that YAML would read as other text is an error at its place, and `fmt` never
writes such a file (issue 13: «no silent change of the text»)."""

from __future__ import annotations

from conftest import run_cli

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
