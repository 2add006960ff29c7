"""`avtale extract` end to end: stdout, -o (atomic, never overwriting without --force), notes, errors."""

from __future__ import annotations

import re

from conftest import SEED_2014, SEED_2022, run_cli


def test_stdout_yaml_and_notes_on_stderr():
    r = run_cli("extract", SEED_2022, "--id", "2022-2025")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# yaml-language-server:")
    assert re.search(r"\nperiod: +# TODO the text gives no start date: add «start: YYYY-MM-DD» if known\n", r.stdout)
    assert re.search(r"\nstatus: draft +# TODO draft because the source has no signature block", r.stdout)
    assert "id: 2022-2025\n" in r.stdout
    assert "Traceback" not in r.stderr


def test_out_file_validates_and_is_not_overwritten(tmp_path):
    out = tmp_path / "2014-2017.yaml"
    r = run_cli("extract", SEED_2014, "-o", out, "--start", "2015-01-01")
    assert r.returncode == 0, r.stderr
    assert f"{SEED_2014}:45: dropped: «[bookmark: _GoBack]» (bookmark marker)" in r.stderr
    assert "start: 2015-01-01" in out.read_text(encoding="utf-8")
    assert run_cli("validate", out).returncode == 0
    before = out.read_text(encoding="utf-8")
    r = run_cli("extract", SEED_2022, "-o", out)
    assert (r.returncode, r.stderr) == (1, f"{out}: AV600 exists; use --force to overwrite it\n")
    assert out.read_text(encoding="utf-8") == before
    r = run_cli("extract", SEED_2022, "-o", out, "--force")
    assert r.returncode == 0 and "videregående opplæring" in out.read_text(encoding="utf-8")


def test_hostile_input_one_line_exit_1(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\xff" * 100)
    r = run_cli("extract", bad)
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr.count("\n") == 1 and "AV500" in r.stderr


def test_bad_options_are_usage_errors(tmp_path):
    assert run_cli("extract", SEED_2014, "--id", "Bad Id").returncode == 2
    assert run_cli("extract", SEED_2014, "--start", "1.1.2015").returncode == 2


THREE_SIGNERS = """Avtale om samarbeid om skolebibliotek

Avtalen er inngått mellom Kunnskapsdepartementet og KS.

1. Formål

Avtalen skal styrke skolebibliotekene. Avtalen gjelder fra 1. januar 2025 og fram til 31. desember 2027.

2. Oppfølging

Partene møtes to ganger i året.

Oslo, 3. mars 2025

Kari Nordmann\t\tOla Hansen\t\tPer Berg
Kunnskapsminister\t\tStyreleder i KS\t\tAdministrerende direktør i KS
"""


def test_a_guess_that_fails_validation_is_written_marked_and_exits_1(tmp_path):
    """Two signatories for KS: the file is written with a TODO on the line, the error is printed, exit 1."""
    src = tmp_path / "three.txt"
    src.write_text(THREE_SIGNERS, encoding="utf-8")
    out = tmp_path / "skolebibliotek.yaml"
    r = run_cli("extract", src, "-o", out)
    assert r.returncode == 1, r.stderr
    text = out.read_text(encoding="utf-8")
    assert "    - party: ks  # TODO «ks» signs already (signatory 2); each party signs once: which party does «Per Berg» sign for?\n" in text
    line = text.splitlines().index("    - party: ks  # TODO «ks» signs already (signatory 2); each party signs once: which party does «Per Berg» sign for?") + 1
    assert f"{out}:{line}:14: AV205 party «ks» signs more than once" in r.stderr
    assert r.stderr.rstrip().endswith("the extracted agreement does not validate; fix the lines marked # TODO and the errors above")
    assert "  start: 2025-01-01\n  end: 2027-12-31\n" in text  # «gjelder fra … og fram til …»
    assert "Traceback" not in r.stderr


def test_signed_date_without_readable_signatories_says_so(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(THREE_SIGNERS.split("Kari Nordmann")[0], encoding="utf-8")
    r = run_cli("extract", src)
    assert r.returncode == 0, r.stderr
    assert re.search(r"\nstatus: draft +# TODO draft: the source is signed \(Oslo, 3\. mars 2025\) but no signatory could be read; add signing\n", r.stdout)


AGREEMENT_WITHOUT_END = """Avtale mellom staten og KS om folkehelsearbeidet{years}

Denne avtalen er inngått mellom Helse- og omsorgsdepartementet og KS.

1. Formål

Partene skal samarbeide om det lokale folkehelsearbeidet i kommunene.

2. Varighet

Avtalen gjelder fra signering. Partene kan be om reforhandling.

Oslo, 6. desember 2025

For Helse- og omsorgsdepartementet\tFor KS
Kari Nordmann\tOla Hansen
Helseminister\tStyreleder i KS
"""


def test_an_end_date_the_text_does_not_give_is_the_end_of_the_titles_last_year_with_a_todo(tmp_path):
    src, out = tmp_path / "avtale.txt", tmp_path / "avtale.yaml"
    src.write_text(AGREEMENT_WITHOUT_END.format(years=" 2026–2027"), encoding="utf-8")
    r = run_cli("extract", src, "-o", out)
    assert r.returncode == 0, r.stderr
    assert "it ends with the title's last year, 2027-12-31" in r.stderr
    assert "  end: 2027-12-31  # TODO a guess: the end of the last year in the title" in out.read_text(encoding="utf-8")
    src.write_text(AGREEMENT_WITHOUT_END.format(years=""), encoding="utf-8")  # no year anywhere: the user must say
    r = run_cli("extract", src, "-o", tmp_path / "none.yaml")
    assert r.returncode == 1 and "AV500 no end date in the text" in r.stderr and r.stderr.count("\n") == 1
    assert not (tmp_path / "none.yaml").exists()
    # the sentence that says it scattered by an export, a year of it left (foreign seed 151, pdftotext)
    scattered = AGREEMENT_WITHOUT_END.format(years="").replace("signering.", "signering. Den evalueres i 2027.")
    src.write_text(scattered, encoding="utf-8")
    r = run_cli("extract", src, "-o", tmp_path / "year.yaml")
    assert r.returncode == 0, r.stderr
    assert "it ends with the last year the text names, 2027-12-31" in r.stderr
    assert "  end: 2027-12-31  # TODO a guess: the end of the last year the text names" in \
        (tmp_path / "year.yaml").read_text(encoding="utf-8")
