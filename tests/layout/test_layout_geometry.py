"""The layout fixtures measured: where words stand in the PDF and in LibreOffice's PDF of the DOCX (issue 16).

From `pdftotext -bbox-layout`: each row of the signature block stands level (the names, which stand a fixed
distance under the drawn signature line, and the titles, at the same height within 1 pt across the row),
no party name, person's name or title is hyphenated or broken inside a word, the block stands on one page,
and the two PDFs agree on the page count and on the page of every section heading and of the block.
"""

from __future__ import annotations

import layout_build
import pytest
from layout_build import Word, find, shown

pytestmark = [pytest.mark.layout, pytest.mark.slow]

NAMES = layout_build.fixture_names()
LEVEL_PT = 1.0
PARTS = ("label", "name", "title")


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    return layout_build.shared(tmp_path_factory)


def layout() -> dict:
    from avtale import layout as layouts

    return layouts.load()


def read(built, name: str, kind: str) -> tuple[list[Word], int]:
    return layout_build.cached_words(built.pdf(name, kind))


def body_pages(ws: list[Word], pages: int, agreement) -> set[int]:
    """The pages before the first annex (annexes start on a new page after the signature block)."""
    if agreement.annexes:
        first = layout_build.headings(agreement, layout())[len(agreement.sections)]
        page = layout_build.heading_pages(ws, [first])[first]
        if page is not None:
            return set(range(1, page))
    return set(range(1, pages + 1))


def signature_parts(ws: list[Word], pages: int, agreement) -> list[list[dict]]:
    """Row by row (the grid's rows), each signatory's label, name and title: where found, how they stand."""
    from avtale.render import signature_grid

    grid = signature_grid.grid(agreement, layout())
    where, used = body_pages(ws, pages, agreement), set()
    rows = []
    for row in grid.rows:
        cells = []
        for column in row:
            cell = {"column": column}
            for part in PARTS:
                text = getattr(column, part)
                hits = [h for h in find(ws, text, pages=where) if not used & set(range(*h))]
                cell[part] = (text, hits[0] if hits else None)
                if hits:
                    used |= set(range(*hits[0]))
            cells.append(cell)
        rows.append(cells)
    return rows


def kinds(names):
    return [pytest.param(n, k, id=f"{n}-{k}") for n in names for k in layout_build.KINDS]


@pytest.mark.parametrize("name", NAMES)
def test_same_page_count(built, name):
    _, pdf = read(built, name, "pdf")
    _, docx = read(built, name, "docx")
    assert pdf == docx, f"{name}: the PDF has {pdf} pages, LibreOffice's DOCX {docx}"


@pytest.mark.parametrize("name", NAMES)
def test_headings_and_signature_block_on_the_same_pages(built, name):
    agreement = layout_build.load(name)
    texts = layout_build.headings(agreement, layout())
    seen = {}
    for kind in layout_build.KINDS:
        ws, pages = read(built, name, kind)
        found = layout_build.heading_pages(ws, texts)
        missing = [t for t, p in found.items() if p is None]
        assert not missing, f"{name} ({kind}): headings not found as whole lines: {missing}"
        first = signature_parts(ws, pages, agreement)[0][0]["name"]
        found["the signature block"] = ws[first[1][0]].page if first[1] else None
        seen[kind] = found
    differ = {t: (seen["pdf"][t], seen["docx"][t]) for t in seen["pdf"] if seen["pdf"][t] != seen["docx"][t]}
    assert not differ, f"{name}: on different pages (PDF page, DOCX page): {differ}"


@pytest.mark.parametrize(("name", "kind"), kinds(NAMES))
def test_no_name_title_or_party_broken(built, name, kind):
    """Every word of each «For <party>», name and title stands whole: no hyphen, no break inside a word."""
    ws, pages = read(built, name, kind)
    broken = []
    for row in signature_parts(ws, pages, layout_build.load(name)):
        for cell in row:
            for part in PARTS:
                text, hit = cell[part]
                if hit is None:
                    broken.append(f"{text!r}: not found as consecutive words")
                elif [w.text for w in ws[hit[0]:hit[1]]] != text.split():
                    broken.append(f"{text!r} stands as {shown(ws, hit)!r}")
    assert not broken, f"{name} ({kind}): " + "; ".join(broken)


@pytest.mark.parametrize(("name", "kind"), kinds(NAMES))
def test_signature_rows_stand_level(built, name, kind):
    """In each row of the block, the names (a fixed distance under the signature line) and the titles start
    at one height, within 1 pt, whatever wraps above them."""
    ws, pages = read(built, name, kind)
    uneven = []
    for r, row in enumerate(signature_parts(ws, pages, layout_build.load(name)), 1):
        for part in ("name", "title"):
            tops = {cell[part][0]: ws[cell[part][1][0]].y0 for cell in row if cell[part][1]}
            lost = [cell[part][0] for cell in row if not cell[part][1]]
            if lost:
                uneven.append(f"row {r}: {part}s not found: {lost}")
            elif max(tops.values()) - min(tops.values()) > LEVEL_PT:
                uneven.append(f"row {r}: {part}s at " + ", ".join(f"{t!r} {y:.1f} pt" for t, y in tops.items()))
    assert not uneven, f"{name} ({kind}): " + "; ".join(uneven)


@pytest.mark.parametrize(("name", "kind"), kinds(NAMES))
def test_signature_block_on_one_page(built, name, kind):
    ws, pages = read(built, name, kind)
    agreement = layout_build.load(name)
    on = {}
    for row in signature_parts(ws, pages, agreement):
        for cell in row:
            for part in PARTS:
                text, hit = cell[part]
                if hit is not None:
                    on.setdefault(ws[hit[0]].page, []).append(text)
    from avtale.render import common

    head = common.place_and_date(agreement) or common.electronic_note(agreement, layout())
    if head:
        hits = find(ws, head, pages=body_pages(ws, pages, agreement))
        assert hits, f"{name} ({kind}): {head!r} not found"
        on.setdefault(ws[hits[-1][0]].page, []).append(head)
    assert len(on) == 1, f"{name} ({kind}): the signature block is split: " + "; ".join(
        f"page {p}: {', '.join(texts)}" for p, texts in sorted(on.items()))


@pytest.mark.parametrize("name", NAMES)
def test_fixture_is_two_to_four_pages(built, name):
    _, pages = read(built, name, "pdf")
    assert 2 <= pages <= 4, f"{name}: {pages} pages; a layout fixture is kept to 2–4 pages"


def test_fixtures_are_what_make_fixtures_writes():
    """The committed YAML is make_fixtures.py's output: a change to one goes with the other."""
    import make_fixtures
    from avtale.store.write import dump

    made = make_fixtures.fixtures()
    assert sorted(made) == NAMES
    for name, data in made.items():
        text = dump(data, schema_comment=make_fixtures.SCHEMA_COMMENT)
        assert (layout_build.FIXTURES / f"{name}.yaml").read_text(encoding="utf-8") == text, name
