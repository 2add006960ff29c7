"""Issue 15 read back from PDF: avtale's own PDF of an agreement with one feature, extracted, must give the
agreement back exactly (everything but id, status and period.start, as the other round trips compare), and
a PDF made another way is read by the same evidence (fonts, link annotations, positions).

The PDF prints a footnote's number only; avtale's own PDF carries the id in a named destination (see
test_extract_pdf_own.py), and a PDF without one gives `n1`, `n2` … in order of first use, so the agreements
here name their notes so and read back alike either way.
"""

from __future__ import annotations

from conftest import AGREEMENTS
from avtale import agreements, render
from avtale.extract import extract
from avtale.model import Agreement

from extract_helpers import content

SEED = AGREEMENTS / "2022-2025.yaml"


def _agreement(**changes) -> Agreement:
    """The 2022–2025 seed with its first section's blocks (and anything else) replaced."""
    a = agreements.read(SEED)
    data = a.model_dump(mode="python", exclude_none=True)
    blocks = changes.pop("blocks", None)
    if blocks is not None:
        data["sections"][0]["blocks"] = blocks
    data.update(changes)
    return Agreement.model_validate(data)


def _round_trip(a: Agreement, tmp_path) -> Agreement:
    path = tmp_path / "a.pdf"
    path.write_bytes(render.render(a, "pdf"))
    return extract(path).agreement


def _same(a: Agreement, tmp_path) -> None:
    back = _round_trip(a, tmp_path)
    assert content(back) == content(a)


def test_bold_italic_by_font(tmp_path):
    _same(_agreement(blocks=[
        "Formålet er å gi barn **likeverdige tjenester** der de bor, og partene skal *jevnlig* vurdere avtalen.",
        "Et tall merket med \\* er et anslag, og en ***svært viktig*** frist er 1. mars.",
    ]), tmp_path)


def test_links_and_printed_urls(tmp_path):
    _same(_agreement(blocks=[
        "Lovene finnes på [Lovdata](https://lovdata.no/register/lover), og statistikken hos "
        "[Statistisk sentralbyrå](https://www.ssb.no/) for hver kommune.",
    ]), tmp_path)


def test_footnotes(tmp_path):
    _same(_agreement(blocks=[
        "Avtalen bygger på stortingsmeldingen om oppvekst[^n1] og på erfaringene fra forrige periode.",
        "Kommunene rapporterer gjennom KOSTRA[^n2]; det innføres ingen nye krav.",
    ], footnotes={"n1": "Meld. St. 6 (2019–2020) *Tett på*.",
                  "n2": "KOSTRA, se [ssb.no/kostra](https://www.ssb.no/offentlig-sektor/kostra)."}), tmp_path)


def test_plain_text_unchanged(tmp_path):
    """No marks in the source: no marks in the extraction, and a literal asterisk is escaped."""
    back = _round_trip(_agreement(blocks=["Et tall merket med \\* er et anslag."]), tmp_path)
    assert back.sections[0].blocks == ["Et tall merket med \\* er et anslag."]


def _embolden(docx_path, words: dict[str, str]) -> None:
    """Set `words` (phrase -> "bold" or "italic") in their paragraphs' runs, as a drafter does in Word."""
    import docx

    document = docx.Document(str(docx_path))
    for p in document.paragraphs:
        text = p.text
        hits = sorted((text.index(w), w) for w in words if w in text)
        if not hits:
            continue
        style = p.runs[0].style
        for r in list(p.runs):
            r._r.getparent().remove(r._r)
        at = 0
        for start, w in hits:
            p.add_run(text[at:start], style)
            run = p.add_run(w, style)
            setattr(run, words[w], True)
            at = start + len(w)
        p.add_run(text[at:], style)
    document.save(str(docx_path))


def test_libreoffice_pdf_bold_italic(tmp_path):
    """A PDF made another way: a DOCX with bold and italic runs set in Word's way, exported by LibreOffice
    (its own fonts and font names)."""
    import subprocess

    from conftest import require_tool

    soffice = require_tool("soffice")
    plain = "Formålet er å gi barn likeverdige tjenester der de bor, og partene skal jevnlig vurdere avtalen."
    (tmp_path / "a.docx").write_bytes(render.render(_agreement(blocks=[plain]), "docx"))
    _embolden(tmp_path / "a.docx", {"likeverdige tjenester": "bold", "jevnlig": "italic"})
    profile = tmp_path / "profile"
    subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(tmp_path / "a.docx")],
                   check=True, capture_output=True, timeout=180)
    back = extract(tmp_path / "a.pdf").agreement
    assert back.sections[0].blocks == [
        "Formålet er å gi barn **likeverdige tjenester** der de bor, og partene skal *jevnlig* vurdere avtalen."]
