"""What the PDF's signature block boxes and need not measure (render/signature_plan.py).

Held here: the stored metrics are what Typst measures now; a word's width computed from them is Typst's own
(to a millionth of a millimetre) for generated words, and a text's line count, where the plan gives one, is
the number of lines Typst sets it in; the runs and boxed words join back to the text; and the PDF with the
plan is the PDF with everything measured, to the byte, on the layout fixtures, on 2 to 12 signatories with
long names, and on Hypothesis's agreements. The plan is useful: every row of every real agreement gets one.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys

import pytest
import typst
from conftest import AGREEMENTS, ROOT
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from render_samples import context
from strategies import agreements as agreement_strategy
from test_pdf_signature_grid import many

from avtale import agreements as store
from avtale import layout as layout_mod
from avtale.render import liberation_metrics, pdf, signature_grid, signature_plan

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
CHARS = "".join(liberation_metrics.ADVANCES)
LETTERS = [c for c in CHARS if c != " "]
FIXTURES = ROOT / "tests" / "layout" / "fixtures"

# Typst sets each text as the template does: the PDF's font and edges, no hyphenation, runs and boxed words
MEASURE = """
#let doc = json(bytes(sys.inputs.data))
#set text(font: "Liberation Sans", fallback: false, lang: "nb", region: "NO", hyphenate: false,
  top-edge: 1.0 * 1.149em - 0.212em, bottom-edge: -0.212em)
#set par(leading: 0pt, justify: false)
#let boxed(segs) = segs.map(((t, b)) => if b { box(t) } else { t }).join()
#context {
  let widths = doc.words.map(((w, size)) => measure(text(size: size * 1pt, box(w))).width / 1mm)
  let lines = doc.texts.map(((segs, size, col)) => {
    let one = measure(text(size: size * 1pt, block(width: col * 1mm, par("X")))).height
    measure(text(size: size * 1pt, block(width: col * 1mm, par(boxed(segs))))).height / one
  })
  [#metadata((widths: widths, lines: lines)) <measured>]
}
"""


def typst_measures(words: list[tuple[str, float]], texts: list[tuple[str, float, float]], tmp_path) -> dict:
    """Typst's widths (mm) of `words` (word, size) and line counts of `texts` (text, size, column mm)."""
    (tmp_path / "measure.typ").write_text(MEASURE, encoding="utf-8")
    data = {"words": words, "texts": [[signature_plan.segments(t), size, col] for t, size, col in texts]}
    compiler = typst.Compiler(input=str(tmp_path / "measure.typ"), root=str(tmp_path),
                              font_paths=pdf.fonts(False), sys_inputs={"data": json.dumps(data)})
    return json.loads(compiler.query("<measured>", field="value", one=True))


def test_the_stored_metrics_are_what_typst_measures_now():
    done = subprocess.run([sys.executable, str(ROOT / "scripts" / "font-metrics"), "--check"],
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def _word(rng: random.Random) -> str:
    return "".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 14)))


def test_a_words_width_is_typsts_own(tmp_path):
    rng = random.Random(19)
    words = [(_word(rng), rng.choice([8.0, 9.5, 11.0, 12.0])) for _ in range(600)]
    words += [(w, 11.0) for w in ("Kunnskapsdepartementet", "AVAVAV", "Tønnessen-Ødegård", "«Ola»", "f’f", "LT’Y")]
    measured = typst_measures(words, [], tmp_path)["widths"]
    for (word, size), typst_mm in zip(words, measured):
        assert signature_plan.width_mm(word, size) == pytest.approx(typst_mm, abs=1e-6), word


def test_a_character_outside_the_table_has_no_width():
    assert signature_plan.width_mm("Müller", 11) is not None
    assert signature_plan.width_mm("Łukasz", 11) is None
    assert not signature_plan.words_fit("Łukasz Nowak", 50, 11)
    assert signature_plan.line_count("Łukasz Nowak", 50, 11) is None


def _text(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randint(1, 9)):
        word = _word(rng)
        if rng.random() < 0.2:
            word += "-" + _word(rng)
        words.append(word)
    return " ".join(words)


def test_a_line_count_the_plan_gives_is_the_one_typst_sets(tmp_path):
    rng = random.Random(7)
    texts = [(_text(rng), rng.choice([8.0, 10.0, 11.0]), rng.uniform(25, 70)) for _ in range(500)]
    texts += [(t, 11.0, 46.666) for t in ("Kommunal- og distriktsminister", "Anne-Kristine Bjørnstad-Haugland",
                                          "For Arbeids- og inkluderingsdepartementet", "Statsråd")]
    measured = typst_measures([], texts, tmp_path)["lines"]
    given = 0
    for (text, size, col), typst_lines in zip(texts, measured):
        count = signature_plan.line_count(text, col, size)
        if count is not None:
            given += 1
            assert count == pytest.approx(typst_lines, abs=1e-9), (text, size, col)
    assert given >= 400, "the margin leaves most texts to the plan"


def test_only_a_line_end_within_the_margin_is_left_to_typst():
    size, word = 11.0, "Kunnskapsdepartementet"
    width = signature_plan.width_mm(word, size)
    assert signature_plan.line_count(word, width + 2 * signature_plan.MARGIN_MM, size) == 1
    assert signature_plan.line_count(word, width + signature_plan.MARGIN_MM / 2, size) is None
    two = f"{word} {word}"
    both = 2 * width + signature_plan.width_mm(" ", size)
    assert signature_plan.line_count(two, both + 2 * signature_plan.MARGIN_MM, size) == 1
    assert signature_plan.line_count(two, both - 2 * signature_plan.MARGIN_MM, size) == 2
    assert signature_plan.line_count(two, both, size) is None
    assert signature_plan.line_count("", 10, size) == 0
    assert signature_plan.line_count("Ola  Nordmann", 50, size) is None  # two spaces: as the template measures


@pytest.mark.parametrize("word, boxed", [
    ("Nordmann", False), ("Kommunal-", False), ("(KS),", False), ("«Ola»", False), ("2026", False),
    ("Bjørnstad-Haugland", True), ("og/eller", True), ("", True), ("-", True), ("Łódź", True), ("Müller", False),
    ("Anne", True),  # «A» kerns with a space before it
    ("KAL", True), ("Tor", True), ("Aune", True), ("Rådgiver’", True),
])
def test_a_word_is_boxed_where_it_could_break_inside_or_kern_with_a_space(word, boxed):
    assert signature_plan.needs_box(word) is boxed


@given(st.lists(st.text(alphabet=CHARS.replace(" ", "") + "-/Ł", max_size=8), min_size=1, max_size=8))
def test_the_runs_and_boxed_words_join_back_to_the_text(words):
    text = " ".join(words)
    segments = signature_plan.segments(text)
    assert "".join(part for part, _ in segments) == text
    assert [part for part, boxed in segments if boxed] == [w for w in words if signature_plan.needs_box(w)]
    assert all(not (a[1] is False and b[1] is False) for a, b in zip(segments, segments[1:]))


def _both(a, base=None) -> tuple[bytes, bytes]:
    """The PDF as built (with the plan) and with the template made to measure every word and text."""
    ctx = context(base) if base is not None else context()
    built = pdf.render(a, ctx)
    real = signature_plan.row_plan
    try:
        signature_plan.row_plan = lambda *args: None
        measured = pdf.render(a, ctx)
    finally:
        signature_plan.row_plan = real
    return built, measured


@pytest.mark.parametrize("path", sorted(FIXTURES.glob("*.yaml")), ids=lambda p: p.stem)
def test_the_fixtures_come_out_as_measured(path):
    a = store.validate_file(path).agreement
    built, measured = _both(a, path.parent)
    assert built == measured


@pytest.mark.parametrize("n", [2, 3, 5, 8, 12])
def test_long_names_that_wrap_come_out_as_measured(n):
    built, measured = _both(many(n))
    assert built == measured


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(agreement_strategy())
def test_generated_agreements_come_out_as_measured(a):
    if a.signing is None:
        return
    built, measured = _both(a)
    assert built == measured


def test_every_row_of_every_real_agreement_gets_a_plan():
    layout = layout_mod.load()
    paths = (sorted(AGREEMENTS.glob("*.yaml")) + sorted(FIXTURES.glob("*.yaml"))
             + sorted((ROOT / "tests" / "data" / "extract-corpus" / "gold").glob("*.yaml")))
    rows = 0
    for path in paths:
        grid = signature_grid.grid(store.validate_file(path).agreement, layout)
        for row in grid.rows if grid else []:
            rows += 1
            plan = signature_plan.row_plan(row, grid.column_mm, grid.size_pt, layout["font"]["pdf"])
            assert plan is not None and "all" not in plan.values(), (path, row)
    assert rows >= 20


def test_another_font_is_always_measured():
    layout = layout_mod.load()
    grid = signature_grid.grid(many(3), layout)
    assert signature_plan.row_plan(grid.rows[0], grid.column_mm, grid.size_pt, "Liberation Sans") is not None
    assert signature_plan.row_plan(grid.rows[0], grid.column_mm, grid.size_pt, "DejaVu Sans Mono") is None
