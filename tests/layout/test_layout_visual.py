"""Visual regression of the layout fixtures (issue 16): each page of the PDF, and of LibreOffice's PDF of the
DOCX, rendered to PNG (40 dpi, grey) and compared with the reference committed under tests/layout/references/.

A page fails when more than a small share of its pixels differ by more than anti-aliasing does; the failure
names a diff image (reference in grey, differing pixels in red) under pytest's temporary directory. A missing
or extra page fails too. When a change is intended, look at the sheets and regenerate the references with
scripts/layout-references (see its --help).
"""

from __future__ import annotations

import layout_build
import pytest

pytestmark = [pytest.mark.layout, pytest.mark.slow]


@pytest.fixture(scope="session")
def built(tmp_path_factory):
    return layout_build.shared(tmp_path_factory)


def test_every_fixture_has_references():
    """No stray reference folder for a fixture that is gone, and a folder for each fixture."""
    folders = sorted(p.name for p in layout_build.REFERENCES.iterdir() if p.is_dir())
    names = layout_build.fixture_names()
    assert folders == names, (f"reference folders {folders}, fixtures {names}: "
                              f"run {layout_build.REGEN} to bring the references in line")


@pytest.mark.parametrize(("name", "kind"), [pytest.param(n, k, id=f"{n}-{k}")
                                            for n in layout_build.fixture_names() for k in layout_build.KINDS])
def test_pages_look_like_the_references(built, name, kind):
    what = "the PDF" if kind == "pdf" else "LibreOffice's PDF of the DOCX"
    references = layout_build.page_files(layout_build.REFERENCES / name, kind)
    pages = built.pngs(name, kind)
    assert pages, f"{name}: no pages rendered from {what}"
    assert references, (f"{name}: no reference pictures for {what} in {layout_build.REFERENCES / name}; "
                        f"write them with {layout_build.REGEN} --fixture {name} and look at the sheet first")
    problems = []
    if len(pages) != len(references):
        problems.append(f"{len(pages)} pages, the references {len(references)}")
    for page, reference in zip(pages, references):
        problem = layout_build.compare(reference, page, built.diffs / f"{name}-{page.name}")
        if problem:
            problems.append(problem)
    assert not problems, (f"{name} ({what}) differs from its references: " + "; ".join(problems)
                          + f". If the change is intended, look at the sheet and run {layout_build.REGEN} --fixture {name}")


def test_a_changed_page_fails_with_a_diff_image(tmp_path):
    """The comparison itself: a word-sized change fails and is drawn; anti-aliasing-sized noise passes."""
    from PIL import Image, ImageDraw

    reference = layout_build.page_files(layout_build.REFERENCES / "fem-parter", "pdf")[0]
    changed, noisy = tmp_path / "changed.png", tmp_path / "noisy.png"
    image = Image.open(reference).convert("L")
    ImageDraw.Draw(image).rectangle([100, 200, 130, 207], fill=0)  # about one short word at 40 dpi
    image.save(changed)
    image = Image.open(reference).convert("L")
    image.putpixel((5, 5), 0)
    image.save(noisy)
    problem = layout_build.compare(reference, changed, tmp_path / "diff.png")
    assert problem is not None and str(tmp_path / "diff.png") in problem
    assert Image.open(tmp_path / "diff.png").getpixel((110, 203)) == (220, 0, 0)
    assert layout_build.compare(reference, noisy, tmp_path / "diff2.png") is None
    assert not (tmp_path / "diff2.png").exists()
