"""The PDF build refuses, before Typst starts, an agreement heavier than --max-pdf-text (Typst holds the whole
document in memory: a 2 MB agreement took it to 1.6 GB)."""

from __future__ import annotations

from avtale import agreements, limits
from avtale.model import all_texts
from avtale.render import pdf
from conftest import AGREEMENTS, run_cli


def test_the_weight_is_the_text_and_so_much_for_each_heading_and_paragraph():
    a = agreements.read(AGREEMENTS / "2014-2017.yaml")
    texts = list(all_texts(a))
    headings = [t for loc, t in texts if loc == ("title",) or (loc[0] == "sections" and loc[-1] == "title")]
    others = [t for loc, t in texts if t not in headings] + [p.name for p in a.parties]
    assert len(headings) == 1 + len(a.sections)
    assert pdf.weight(a) == sum(len(t) + 100 for t in headings) + sum(len(t) + 40 for t in others)
    assert 5_000 < pdf.weight(a) < 10_000  # a real agreement: a fiftieth of the limit


def test_an_agreement_over_the_limit_is_refused_in_one_line(tmp_path):
    text = (AGREEMENTS / "2014-2017.yaml").read_text(encoding="utf-8")
    (tmp_path / "2014-2017.yaml").write_text(text.split("\n", 1)[1], encoding="utf-8")  # no schema here to name
    weight = pdf.weight(agreements.read(AGREEMENTS / "2014-2017.yaml"))
    r = run_cli("--max-pdf-text", str(weight - 1), "build", "2014-2017.yaml", "--format", "pdf", "--out", "out",
                cwd=tmp_path)
    assert r.returncode == 1
    assert r.stderr.splitlines()[0] == (
        f"2014-2017.yaml: AV400 too long for a PDF: {weight} characters of text (a heading counts 100 more, any other "
        f"paragraph 40 more), more than the limit of {weight - 1} (see --max-pdf-text)")
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())


def test_an_agreement_at_the_limit_is_built(tmp_path):
    a = agreements.read(AGREEMENTS / "2014-2017.yaml")
    before = limits.current.pdf_text
    limits.set_limits(pdf_text=pdf.weight(a))
    try:
        pdf.check_size(a)  # raises nothing
    finally:
        limits.set_limits(pdf_text=before)
