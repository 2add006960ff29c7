"""`avtale fmt --check` shows what it would change as a unified diff (issue 13, part 5); `fmt` writes it."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from avtale.workflow import Change
from conftest import AGREEMENTS, run_cli

HEAD = ("id: t\ntitle: Avtale om noe\nlanguage: nb\nparties:\n  - id: kd\n    name: Kunnskapsdepartementet\n"
        "  - id: ks\n    name: KS\nperiod:\n  end: 2027-12-31\nstatus: draft\nsections:\n  - title: Formål\n"
        "    blocks:\n")


def _copy_2014_with_quoted_title(folder: Path) -> Path:
    path = folder / "2014-2017.yaml"
    text = (AGREEMENTS / "2014-2017.yaml").read_text(encoding="utf-8")
    assert text.count("  - title: Økonomi\n") == 1
    path.write_text(text.replace("  - title: Økonomi\n", '  - title: "Økonomi"\n'), encoding="utf-8")
    return path


def test_check_shows_the_change_as_a_unified_diff(tmp_path):
    path = _copy_2014_with_quoted_title(tmp_path)
    before = path.read_bytes()
    r = run_cli("fmt", "--check", "2014-2017.yaml", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout == (
        "--- a/2014-2017.yaml\n"
        "+++ b/2014-2017.yaml\n"
        "@@ -61,7 +61,7 @@\n"
        "           - Satsingen på ungdomstrinnet.\n"
        "           - Økt gjennomføring i videregående opplæring.\n"
        "           - Fag- og yrkesopplæringen, herunder arbeidet for å opprette flere lærlingeplasser.\n"
        '-  - title: "Økonomi"\n'
        "+  - title: Økonomi\n"
        "     blocks:\n"
        "       - Statens forpliktelser nevnt i avtalen tilpasses innenfor de enhver tid gjeldende økonomiske rammene"
        " som vedtas av Stortinget gjennom de årlige budsjettforslagene.\n"
        "   - title: Tidsramme og evaluering\n"
    )
    assert r.stderr == ("2014-2017.yaml: would reformat as shown above; run `avtale fmt 2014-2017.yaml` "
                        "to make the change\n")
    assert path.read_bytes() == before  # --check changes nothing


def test_the_diff_applies_with_git_and_gives_what_fmt_writes(tmp_path):
    checked, written = tmp_path / "checked", tmp_path / "written"
    checked.mkdir()
    written.mkdir()
    path = _copy_2014_with_quoted_title(checked)
    _copy_2014_with_quoted_title(written)
    patch = run_cli("fmt", "--check", "2014-2017.yaml", cwd=checked).stdout
    (tmp_path / "fmt.patch").write_text(patch, encoding="utf-8")
    subprocess.run(["git", "apply", str(tmp_path / "fmt.patch")], cwd=checked, check=True)
    r = run_cli("fmt", "2014-2017.yaml", cwd=written)
    assert (r.returncode, r.stdout, r.stderr) == (0, "2014-2017.yaml: reformatted\n", "")
    assert path.read_bytes() == (written / "2014-2017.yaml").read_bytes()
    assert path.read_bytes() == (AGREEMENTS / "2014-2017.yaml").read_bytes()


def test_check_is_silent_and_exits_0_on_a_canonical_file(tmp_path):
    shutil.copy(AGREEMENTS / "2022-2025.yaml", tmp_path / "2022-2025.yaml")
    r = run_cli("fmt", "--check", "2022-2025.yaml", cwd=tmp_path)
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "")


def test_check_of_a_folder_shows_only_the_files_that_would_change(tmp_path):
    shutil.copy(AGREEMENTS / "2022-2025.yaml", tmp_path / "2022-2025.yaml")
    _copy_2014_with_quoted_title(tmp_path)
    r = run_cli("fmt", "--check", ".", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout.startswith("--- a/2014-2017.yaml\n+++ b/2014-2017.yaml\n@@ -61,7 +61,7 @@\n")
    assert r.stdout.count("\n--- a/") == 0 and "2022-2025" not in r.stdout
    assert r.stderr == ("2014-2017.yaml: would reformat as shown above; run `avtale fmt 2014-2017.yaml` "
                        "to make the change\n")


def test_check_diff_breaks_lines_between_sentences_only(tmp_path):
    """A drafter's paragraph typed on one line: the diff shows one sentence per line, none cut at «bl.a.»,
    «jf.», «7. november» or «§ 3.»."""
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + "      - Dette gjelder bl.a. KS og kommunene, jf. Meld. St. 21. Avtalen ble signert"
                           " 7. november 2014. Se § 3. Formål gjelder.\n", encoding="utf-8")
    r = run_cli("fmt", "--check", "t.yaml", cwd=tmp_path)
    assert r.returncode == 1
    assert r.stdout == (
        "--- a/t.yaml\n"
        "+++ b/t.yaml\n"
        "@@ -1,3 +1,4 @@\n"
        "+# yaml-language-server: $schema=../schema/agreement.schema.json\n"
        " id: t\n"
        " title: Avtale om noe\n"
        " language: nb\n"
        "@@ -12,4 +13,7 @@\n"
        " sections:\n"
        "   - title: Formål\n"
        "     blocks:\n"
        "-      - Dette gjelder bl.a. KS og kommunene, jf. Meld. St. 21. Avtalen ble signert 7. november 2014."
        " Se § 3. Formål gjelder.\n"
        "+      - >-\n"
        "+        Dette gjelder bl.a. KS og kommunene, jf. Meld. St. 21.\n"
        "+        Avtalen ble signert 7. november 2014.\n"
        "+        Se § 3. Formål gjelder.\n"
    )


def test_a_last_line_without_its_line_break_is_marked_as_git_marks_it():
    change = Change(Path("/tmp/x/a.yaml"), "a: 1\nb:  2", "a: 1\nb: 2\n")
    assert change.diff() == (
        "--- a/tmp/x/a.yaml\n"
        "+++ b/tmp/x/a.yaml\n"
        "@@ -1,2 +1,2 @@\n"
        " a: 1\n"
        "-b:  2\n"
        "\\ No newline at end of file\n"
        "+b: 2\n"
    )


def test_fmt_names_each_file_it_rewrote_and_check_then_passes(tmp_path):
    path = _copy_2014_with_quoted_title(tmp_path)
    r = run_cli("fmt", path)
    assert (r.returncode, r.stdout, r.stderr) == (0, f"{path}: reformatted\n", "")
    again = run_cli("fmt", "--check", path)
    assert (again.returncode, again.stdout, again.stderr) == (0, "", "")


TYPOGRAPHY = "Etter §\u00a03 og kap.\u00a02, den 7.\u00a0november 2014, kr\u00a0100 og 10\u00a0000 barn."


def test_fmt_keeps_the_non_breaking_spaces_typography_puts_and_replaces_the_others(tmp_path):
    """A non-breaking space in «§ 3», «7. november», «10 000» stays (validate accepts it, and it keeps the
    two together at a line's end); one between two words is export debris (AV302), and fmt makes it a space."""
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + f"      - >-\n        {TYPOGRAPHY}\n        Ord\u00a0mellom ord.\n", encoding="utf-8")
    assert "AV302" in run_cli("validate", "t.yaml", cwd=tmp_path).stdout
    r = run_cli("fmt", "t.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    text = path.read_text(encoding="utf-8")
    assert f"        {TYPOGRAPHY}\n        Ord mellom ord.\n" in text
    assert text.count("\u00a0") == 5
    r = run_cli("validate", "t.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stdout
    assert run_cli("fmt", "--check", "t.yaml", cwd=tmp_path).returncode == 0


def test_fmt_keeps_them_in_a_sealed_agreement_whose_seal_still_holds(tmp_path):
    path = tmp_path / "t.yaml"
    path.write_text(HEAD + f"      - {TYPOGRAPHY}\n", encoding="utf-8")
    assert run_cli("sign-off", "t.yaml", cwd=tmp_path).returncode == 0
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(TYPOGRAPHY, TYPOGRAPHY.replace(" og", "  og")), encoding="utf-8")
    r = run_cli("fmt", "t.yaml", cwd=tmp_path)
    assert r.returncode == 0, r.stdout + r.stderr
    assert path.read_text(encoding="utf-8") == text
    assert run_cli("validate", "t.yaml", cwd=tmp_path).returncode == 0
