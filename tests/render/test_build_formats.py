"""`avtale build` writes PDF, HTML and Markdown for both agreements, reproducibly."""

from __future__ import annotations

import subprocess

from render_samples import write_png

from conftest import AGREEMENTS, require_tool, run_cli, small_agreement


def test_build_pdf_html_md_for_both(tmp_path):
    out = tmp_path / "out"
    result = run_cli("build", AGREEMENTS, "--out", out, "--format", "pdf,html,md")
    assert result.returncode == 0, result.stderr
    for name in ("2014-2017", "2022-2025"):
        assert (out / f"{name}.pdf").read_bytes().startswith(b"%PDF-")
        assert (out / f"{name}.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
        assert (out / f"{name}.md").read_text(encoding="utf-8").startswith("# Avtale om kvalitetsutvikling")
    again = tmp_path / "again"
    assert run_cli("build", AGREEMENTS, "--out", again, "--format", "pdf,html,md").returncode == 0
    for path in out.iterdir():
        assert (again / path.name).read_bytes() == path.read_bytes(), f"{path.name} differs between builds"


def test_pdf_page_one_renders_with_ink(tmp_path):
    tool = require_tool("pdftoppm")
    out = tmp_path / "out"
    assert run_cli("build", AGREEMENTS / "2014-2017.yaml", "--out", out, "--format", "pdf").returncode == 0
    subprocess.run([tool, "-png", "-r", "40", "-f", "1", "-l", "1", str(out / "2014-2017.pdf"), str(tmp_path / "p")],
                   check=True, timeout=60)
    from render_samples import dark_pixels

    png = next(tmp_path.glob("p*.png")).read_bytes()
    assert dark_pixels(png) > 2000




def test_missing_logo_is_reported_and_nothing_written(tmp_path):
    path = tmp_path / "liten.yaml"
    path.write_text(small_agreement(kd_logo="finnes-ikke.png"), encoding="utf-8")
    finding = (f"{path}:8:13: AV405 logo of party «kd» (finnes-ikke.png) not found "
               f"(looked for {tmp_path.resolve() / 'finnes-ikke.png'})")
    result = run_cli("validate", path)
    assert (result.returncode, result.stdout) == (1, finding + "\n")
    result = run_cli("build", path, "--out", tmp_path / "out", "--format", "pdf")
    assert (result.returncode, result.stdout) == (1, "")
    assert result.stderr.splitlines() == [finding, f"{path}: not built"]
    assert not (tmp_path / "out" / "liten.pdf").exists()
    write_png(tmp_path / "finnes-ikke.png")
    result = run_cli("build", path, "--out", tmp_path / "out", "--format", "pdf,html")
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out" / "liten.pdf").exists() and (tmp_path / "out" / "liten.html").exists()
