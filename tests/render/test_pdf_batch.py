"""One Typst compiler per process (render/pdf.py `compiler_for`), fonts loaded once, reused for every
document the process renders: the same bytes as a compiler made afresh for each document (as before),
and a batch build's PDFs the same bytes as those built one file at a time, each in its own process."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import typst
from conftest import AGREEMENTS, AVTALE, ROOT
from pypdf import PdfReader
from render_samples import agreement, context, write_png

from avtale import agreements, build, layout
from avtale.diff import compare
from avtale.errors import RenderError
from avtale.render import RenderContext, pdf, pdf_redline

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")
TEMPLATES = layout.templates_dir()


def fresh_compiler(template: str, root_dir: Path, layout_=None):
    """A compiler made the way every render made one before: new, fonts scanned again, for one document."""
    return typst.Compiler(input=str(TEMPLATES / template), root=str(root_dir), font_paths=[str(TEMPLATES / "fonts")],
                          ignore_system_fonts=True, sys_inputs={"data": "{}"})


@pytest.fixture
def clean(monkeypatch):
    """No compiler kept from earlier tests; the ones made here are counted (and dropped afterwards)."""
    monkeypatch.setattr(pdf, "_compilers", {})
    monkeypatch.setattr(pdf, "_fonts", {})
    made = {"compilers": [], "fonts": 0}
    real_compiler, real_fonts = typst.Compiler, typst.Fonts

    def compiler(*args, **kwargs):
        made["compilers"].append(Path(kwargs["input"]).name)
        return real_compiler(*args, **kwargs)

    def fonts(*args, **kwargs):
        made["fonts"] += 1
        return real_fonts(*args, **kwargs)

    monkeypatch.setattr(typst, "Compiler", compiler)
    monkeypatch.setattr(typst, "Fonts", fonts)
    return made


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    """Seven different agreements in one directory: the three curated ones and four generated."""
    folder = tmp_path_factory.mktemp("corpus")
    for f in sorted(AGREEMENTS.glob("*.yaml")):
        shutil.copy(f, folder / f.name)
    generate.write_corpus(folder, 4, first_seed=3)
    assert len(list(folder.glob("*.yaml"))) >= 7
    return folder


def rendered(path: Path) -> bytes:
    result = agreements.validate_file(path)
    assert result.ok(), result.findings
    return pdf.render(result.agreement, context(path.parent))


def font_names(data: bytes) -> set[str]:
    names = set()
    for page in PdfReader(io.BytesIO(data)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                names.add(str(descendant.get_object()["/FontDescriptor"].get_object()["/FontName"]).split("+")[-1])
    return names


def test_one_compiler_and_one_font_load_for_many_documents(corpus, clean):
    files = sorted(corpus.glob("*.yaml"))
    outputs = [rendered(f) for f in files]
    assert clean["compilers"] == ["agreement.typ"] and clean["fonts"] == 1
    assert len(set(outputs)) == len(files)  # different agreements, different PDFs


def test_reused_compiler_gives_the_bytes_of_a_fresh_one(corpus, clean, monkeypatch):
    files = sorted(corpus.glob("*.yaml"))
    reused = [rendered(f) for f in files]
    assert len(clean["compilers"]) == 1
    monkeypatch.setattr(pdf, "compiler_for", fresh_compiler)
    assert [rendered(f) for f in reversed(files)] == list(reversed(reused))
    assert len(clean["compilers"]) == 1 + len(files)


def test_the_pdf_sets_liberation_sans_only(corpus, clean):
    """Typst's own fonts are not loaded for the packaged layout, and the PDF embeds the same four-or-fewer
    Liberation Sans faces it always did."""
    for f in sorted(corpus.glob("*.yaml")):
        names = font_names(rendered(f))
        assert names and names <= {"LiberationSans", "LiberationSans-Bold", "LiberationSans-Italic",
                                   "LiberationSans-BoldItalic"}, (f.name, names)
    assert not pdf.needs_typst_fonts(layout.load())
    assert set(pdf.fonts(False).families()) == set(pdf.BUNDLED_FAMILIES)


def test_a_layout_naming_typsts_own_font_still_gets_it(clean):
    own = {**layout.load(), "font": {**layout.load()["font"], "pdf": "DejaVu Sans Mono"}}
    data = pdf.render(agreement(), RenderContext(base_dir=Path(".").resolve(), layout=own))
    assert font_names(data) and all(n.startswith("DejaVuSansMono") for n in font_names(data))
    assert pdf.render(agreement(), context()) != data  # and back: the packaged layout's font again
    assert clean["fonts"] == 2


def test_another_root_another_compiler_same_fonts(corpus, clean):
    """Typst's root holds the templates and the agreement's directory (`pdf.root`): the curated agreements
    and the copies in a temporary directory have different roots."""
    assert pdf.root(AGREEMENTS.resolve()) != pdf.root(corpus.resolve())
    assert rendered(AGREEMENTS / "2014-2017.yaml") == rendered(corpus / "2014-2017.yaml")
    assert clean["compilers"] == ["agreement.typ", "agreement.typ"] and clean["fonts"] == 1


def test_a_changed_logo_is_read_again(tmp_path, clean, monkeypatch):
    parties = [{"id": "kd", "name": "KD", "logo": {"file": "kd.png", "alt": "Logo"}}, {"id": "ks", "name": "KS"}]
    a = agreement(parties=parties)
    write_png(tmp_path / "kd.png", 60, 30, (0, 51, 160))
    blue = pdf.render(a, context(tmp_path))
    write_png(tmp_path / "kd.png", 90, 30, (200, 0, 0))
    red = pdf.render(a, context(tmp_path))
    assert blue != red and len(clean["compilers"]) == 1
    monkeypatch.setattr(pdf, "compiler_for", fresh_compiler)
    assert pdf.render(a, context(tmp_path)) == red


def test_after_a_failed_document_the_next_is_unchanged(tmp_path, corpus, clean):
    good = sorted(corpus.glob("*.yaml"))[0]
    before = rendered(good)
    parties = [{"id": "kd", "name": "KD", "logo": {"file": "missing.png", "alt": "Logo"}}, {"id": "ks", "name": "KS"}]
    with pytest.raises(RenderError, match="missing.png"):
        pdf.render(agreement(parties=parties), context(corpus))
    assert rendered(good) == before
    assert len(clean["compilers"]) == 1


def test_redline_and_agreement_share_the_fonts(clean, monkeypatch):
    old, new = agreements.read(AGREEMENTS / "2014-2017.yaml"), agreements.read(AGREEMENTS / "2022-2025.yaml")
    diff = compare(old, new)
    lay = layout.load()
    first = pdf_redline.render(diff, old, new, lay, base_dir=AGREEMENTS)
    pdf.render(new, context(AGREEMENTS))
    assert pdf_redline.render(diff, old, new, lay, base_dir=AGREEMENTS) == first
    assert sorted(clean["compilers"]) == ["agreement.typ", "redline.typ"] and clean["fonts"] == 1
    monkeypatch.setattr(pdf, "compiler_for", fresh_compiler)
    assert pdf_redline.render(diff, old, new, lay, base_dir=AGREEMENTS) == first


def test_build_in_one_process_makes_one_compiler(corpus, tmp_path, clean):
    files = sorted(corpus.glob("*.yaml"))
    results = build.build(files, ["pdf"], tmp_path / "out", jobs=1)
    assert all(r.ok for r in results) and len(results) == len(files)
    assert clean["compilers"] == ["agreement.typ"] and clean["fonts"] == 1


def test_batch_build_gives_the_bytes_of_one_file_at_a_time(corpus, tmp_path):
    """`avtale build DIR --format pdf` (two workers, each keeping its compiler) against `avtale build FILE`
    run once per file, each a process of its own."""
    batch = tmp_path / "batch"
    r = subprocess.run([*AVTALE, "build", corpus, "--format", "pdf", "--out", batch, "--jobs", "2"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    files = sorted(corpus.glob("*.yaml"))
    assert sorted(p.name for p in batch.iterdir()) == sorted(f"{agreements.read(f).id}.pdf" for f in files)
    for f in files:
        single = tmp_path / f"single-{f.stem}"
        r = subprocess.run([*AVTALE, "build", f, "--format", "pdf", "--out", single], capture_output=True, text=True)
        assert r.returncode == 0, r.stderr
        (alone,) = single.iterdir()
        assert (batch / alone.name).read_bytes() == alone.read_bytes(), f.name
