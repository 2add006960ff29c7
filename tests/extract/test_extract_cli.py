"""`avtale extract` end to end: stdout, -o (atomic, never overwriting without --force), notes, errors."""

from __future__ import annotations

from conftest import SEED_2014, SEED_2022, run_cli


def test_stdout_yaml_and_notes_on_stderr():
    r = run_cli("extract", SEED_2022, "--id", "2022-2025")
    assert r.returncode == 0, r.stderr
    assert r.stdout.startswith("# yaml-language-server:")
    assert "# TODO period.start: the text gives no start date" in r.stdout
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
