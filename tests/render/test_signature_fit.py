"""The bound on the signature block's height (render/signature_fit.py) that spares Typst measuring it.

The bound may only ever say «fits» where the block, with the paragraph it carries, does fit on a page; then
the PDF is the one the measuring path makes, to the byte. Held here: the line counts exactly on known texts;
the bound above the block's height as the PDF shows it (pdftotext's boxes), for 2 to 12 signatories, wrapping
names, signed on paper or electronically; the same bytes with the measurement forced, on agreements at and
around the size where the block stops fitting, and on Hypothesis's agreements; and the bound useful: every
real agreement's block gets it."""

from __future__ import annotations

import copy

import pytest
from conftest import AGREEMENTS, ROOT
from hypothesis import HealthCheck, given, settings
from render_samples import agreement, context
from strategies import agreements as agreement_strategy
from test_pdf_signature_grid import many
from test_pdf_signing import words

from avtale import agreements as store
from avtale import layout as layout_mod
from avtale.render import docx_columns, pdf, signature_fit, signature_grid

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
MM = 72 / 25.4
WORD = "Kunnskapsdepartementet"  # 22 letters


def test_lines_break_greedily_at_spaces():
    size = 10.0
    one = signature_fit.word_mm(WORD, size)
    space = signature_fit.word_mm(" ", size)
    text = " ".join([WORD] * 5)
    assert signature_fit.lines(text, 5 * one + 4 * space + 0.01, size) == 1
    assert signature_fit.lines(text, 2 * one + space + 0.01, size) == 3  # two, two, one
    assert signature_fit.lines(text, one + 0.01, size) == 5
    assert signature_fit.lines("", 10, size) == 1


def test_a_word_wider_than_the_line_takes_a_line_of_its_own_or_gives_no_bound():
    size = 10.0
    narrow = signature_fit.word_mm(WORD, size) / 2
    assert signature_fit.lines(f"KS {WORD} KS", narrow, size) == 3  # overflowing, alone on its line
    assert signature_fit.lines("Kommunal-ogdistriktsdepartementet", narrow, size) is None  # may break at «-»
    assert signature_fit.lines("内閣府内閣府内閣府内閣府", 5, size) is None  # a script that breaks between letters
    assert signature_fit.lines(WORD, narrow, size, hyphenated=True) is None


def test_widths_are_never_below_arials():
    """Each character counts at least its advance in Arial (regular or bold) and the table's margin."""
    for char in docx_columns.WIDTHS[False]:
        for bold in (False, True):
            assert signature_fit.word_mm(char, 12) >= docx_columns.text_mm(char, 12, bold)
    assert signature_fit.word_mm("\u2603", 10) > signature_fit.word_mm("W", 10)


def _bound(a, layout=None) -> tuple[float, dict]:
    layout = layout or layout_mod.load()
    data = pdf.data(a, context())
    sections = data["sections"]
    carried = signature_fit.runs_text(sections[-1]["blocks"][-1]["runs"]) if data["signing"]["carries"] else None
    grid = signature_grid.grid(a, layout)
    bound = signature_fit.height_bound_mm(grid, layout, carried, data["signing"]["place_date"],
                                          data["signing"]["note"])
    return bound, data["signing"]


LAST = "Dette er avsnittet rett over underskriftene, og det er langt nok til å gå over flere linjer på siden."


@pytest.mark.parametrize("n, electronic", [(2, False), (3, False), (5, False), (8, False), (12, False),
                                           (5, True), (12, True)])
def test_the_bound_is_above_the_blocks_height_in_the_pdf(n, electronic, tmp_path):
    """From the carried paragraph's first word to the block's last, as pdftotext places them."""
    a = many(n, electronic=electronic, last=["Første avsnitt.", LAST])
    bound, signing = _bound(a)
    assert signing["carries"] and bound is not None
    layout = layout_mod.load()
    text_bottom = (layout["page"]["height_mm"] - layout["page"]["margin_bottom_mm"]) * MM
    pages = words(pdf.render(a, context()), tmp_path)
    page = max(p for p, ws in pages.items() if any(w[0] == "Dette" for w in ws))
    if page != len(pages):  # the block stands apart from the paragraph: no promise may have been made
        assert not signing["fits"] and n == 12
        return
    top = min(w[2] for w in pages[page] if w[0] == "Dette")
    bottom = max(w[4] for w in pages[page] if w[4] <= text_bottom)
    height = (bottom - top) / MM
    assert height <= bound, (height, bound)
    assert bound <= 2.5 * height + signature_fit.SLACK_MM, "the bound stays useful"


def _both(a) -> tuple[bytes, bytes]:
    """The PDF as built (the bound consulted) and with the template made to measure."""
    built = pdf.render(a, context())
    real = signature_fit.certainly_fits
    try:
        signature_fit.certainly_fits = lambda *args: False
        measured = pdf.render(a, context())
    finally:
        signature_fit.certainly_fits = real
    return built, measured


FILLER = "Et avsnitt som fyller siden med tekst, linje etter linje, helt til det ikke er plass. " * 6


# the bound's promise ends within these: 2 to 5 signatories with 0 to 3 fillers (≈ 8 lines each) fit by the
# bound up to (2, 3), (3, 2) and (5, 0); the rest are measured, the last two parted over pages
@pytest.mark.parametrize("n, paragraphs", [(2, 3), (3, 2), (3, 3), (5, 0), (5, 1), (8, 0), (8, 5), (12, 2)])
def test_the_pdf_is_the_measured_one_around_the_page_limit(n, paragraphs):
    """Long last paragraphs and many signatories, on either side of where the two stop fitting a page."""
    a = many(n, last=["Første avsnitt.", " ".join([FILLER] * paragraphs) + LAST])
    assert _bound(a)[1]["fits"] is ((n, paragraphs) in [(2, 3), (3, 2), (5, 0)])
    built, measured = _both(a)
    assert built == measured


def test_a_block_the_bound_cannot_promise_is_left_to_the_template_to_measure(monkeypatch):
    a = many(12, last=["Første avsnitt.", " ".join([FILLER] * 5) + LAST])
    assert _bound(a)[1]["fits"] is False
    calls = []
    real = signature_fit.certainly_fits
    monkeypatch.setattr(signature_fit, "certainly_fits", lambda *args: calls.append(1) or real(*args))
    pdf.data(a, context())
    assert calls == [1]


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(agreement_strategy())
def test_generated_agreements_come_out_as_measured(a):
    if a.signing is None:
        return
    built, measured = _both(a)
    assert built == measured


def test_every_real_agreements_block_gets_the_bound():
    paths = sorted(AGREEMENTS.glob("*.yaml")) + sorted((ROOT / "tests" / "data" / "extract-corpus" / "gold").glob("*.yaml"))
    assert len(paths) >= 10
    for path in paths:
        a = store.validate_file(path).agreement
        if a.signing is not None:
            assert pdf.data(a, context(path.parent))["signing"]["fits"], path


def test_a_layout_with_hyphenation_gives_no_bound_for_a_long_word_in_the_carried_paragraph():
    layout = copy.deepcopy(layout_mod.load())
    layout["hyphenate"] = True
    long_word = "Samfunnssikkerhetsberedskapskoordineringsdepartementsrådgivningsutvalgsmedlemmene" * 2
    a = agreement(sections=[{"title": "Formål", "blocks": ["Første avsnitt.", f"Et ord: {long_word} her"]}])
    assert _bound(a, layout)[0] is None
    assert _bound(a)[0] is not None
