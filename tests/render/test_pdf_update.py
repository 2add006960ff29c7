"""The incremental-update writer (render/pdf_update): updates, refusals, every object Typst writes read and
written back (render/pdf_objects), no pypdf."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from pypdf import PdfReader

from avtale.errors import RenderError
from avtale.render.pdf_objects import HexString, Name, Parser, Ref, parse, serialize, text
from avtale.render.pdf_update import Update

from conftest import AGREEMENTS, ROOT

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def make_pdf(objects: dict[int, bytes], trailer: bytes = b"", eol: bytes = b"\n") -> bytes:
    """A small classic-xref PDF from object bodies; object 1 is the catalog."""
    out = bytearray(b"%PDF-1.7\n%\x80\x80\x80\x80\n")
    offsets = {}
    for num, body in objects.items():
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + body + b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += b"xref\n0 %d\n0000000000 65535 f\r\n" % size
    for num in range(1, size):
        out += b"%010d 00000 %s\r\n" % (offsets.get(num, 0), b"n" if num in offsets else b"f")
    out += b"trailer\n<</Size %d/Root 1 0 R%s>>\nstartxref\n%d\n%%%%EOF" % (size, trailer, xref) + eol
    return bytes(out)


SMALL = {
    1: b"<</Type/Catalog/Pages 2 0 R>>",
    2: b"<</Type/Pages/Count 2/Kids[3 0 R 5 0 R]/MediaBox[0 0 612 792]>>",
    3: b"<</Type/Page/Parent 2 0 R/Annots 4 0 R>>",
    4: b"[]",
    5: b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 100 200]>>",
}


def test_every_object_typst_writes_parses_and_round_trips(typst_pdf):
    update = Update(typst_pdf)
    assert update.trailer["Root"] and update.size == len(update.offsets)
    checked = 0
    for num, (offset, _) in update.offsets.items():
        if offset < 0:
            continue
        parser = Parser(typst_pdf, offset)
        parser.value(), parser.value(), parser.keyword()
        value = parser.value()
        if parser.keyword() == b"stream":
            continue
        assert parse(serialize(value)) == value, num
        checked += 1
    assert checked > 100


# -- updates -------------------------------------------------------------------------------------


def test_update_appends_and_keeps_the_original_bytes():
    original = make_pdf(SMALL, trailer=b"/ID[<0102><0304>]")
    update = Update(original)
    assert update.pages() == [Ref(3, 0), Ref(5, 0)]
    assert update.inherited(Ref(3, 0), "MediaBox") == [0, 0, 612, 792]
    assert update.inherited(Ref(5, 0), "MediaBox") == [0, 0, 100, 200]
    new = update.add({Name("Type"): Name("Annot"), Name("Contents"): text("Ærlig talt")})
    update.touch(Ref(4, 0)).append(new)
    update.touch(Ref(1, 0))[Name("AcroForm")] = {Name("Fields"): [new]}
    out = update.write()
    assert out.startswith(original) and out.count(b"%%EOF") == 2
    tail = out[len(original) - 1:]
    assert b"\n1 0 obj\n" in tail and b"\n4 0 obj\n" in tail and b"\n2 0 obj\n" not in tail

    again = Update(out)  # our reader follows the chain, newest entries winning
    assert again.get(Ref(6, 0))["Contents"] == text("Ærlig talt")
    assert again.get(Ref(4, 0)) == [Ref(6, 0)]
    assert again.trailer["Prev"] == update.startxref and again.trailer["ID"] == [HexString(b"\x01\x02"), HexString(b"\x03\x04")]
    assert again.size == 7

    r = PdfReader(io.BytesIO(out), strict=True)  # and so does an independent one
    assert r.trailer["/Root"]["/AcroForm"]["/Fields"][0].get_object()["/Contents"] == "Ærlig talt"
    assert r.pages[0]["/Annots"][0].idnum == 6


def test_update_of_a_file_without_final_newline_and_with_an_earlier_update():
    first = Update(make_pdf(SMALL, eol=b""))
    first.touch(Ref(4, 0)).append(1)
    once = first.write()
    second = Update(once)
    assert second.get(Ref(4, 0)) == [1]
    second.touch(Ref(4, 0)).append(2)
    twice = second.write()
    assert Update(twice).get(Ref(4, 0)) == [1, 2]
    assert PdfReader(io.BytesIO(twice)).get_object(4) == [1, 2]


def test_same_changes_give_the_same_bytes():
    def once():
        update = Update(make_pdf(SMALL))
        update.touch(Ref(1, 0))[Name("AcroForm")] = {Name("Fields"): [update.add({Name("A"): 1.25})]}
        return update.write()

    assert once() == once()


def xref_stream_pdf() -> bytes:
    """A PDF whose cross-reference is a stream (PDF 1.5), as other writers make them."""
    head = b"%PDF-1.7\n"
    obj1 = b"1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n"
    obj2 = b"2 0 obj\n<</Type/Pages/Count 0/Kids[]>>\nendobj\n"
    o1, o2 = len(head), len(head) + len(obj1)
    o3 = o2 + len(obj2)
    rows = b"\x00\x00\x00\xff" + b"\x01" + o1.to_bytes(2, "big") + b"\x00" + b"\x01" + o2.to_bytes(2, "big") + b"\x00"
    rows += b"\x01" + o3.to_bytes(2, "big") + b"\x00"
    obj3 = b"3 0 obj\n<</Type/XRef/Size 4/W[1 2 1]/Root 1 0 R/Length %d>>\nstream\n" % len(rows) + rows + b"\nendstream\nendobj\n"
    return head + obj1 + obj2 + obj3 + b"startxref\n%d\n%%%%EOF\n" % o3


def test_xref_stream_is_refused_clearly():
    data = xref_stream_pdf()
    assert PdfReader(io.BytesIO(data)).trailer["/Root"]["/Type"] == "/Catalog"  # a valid file
    with pytest.raises(RenderError, match="cross-reference stream"):
        Update(data)


def test_hybrid_file_with_object_streams_is_refused_clearly():
    with pytest.raises(RenderError, match="object streams"):
        Update(make_pdf(SMALL, trailer=b"/XRefStm 9"))


def test_add_signature_fields_refuses_an_xref_stream():
    from avtale.render import fields

    with pytest.raises(RenderError, match="cross-reference stream"):
        fields.add_signature_fields(xref_stream_pdf(), [{"field": "sig-a", "page": 1, "x": 1, "y": 1, "width": 1}],
                                    {}, {})


@pytest.mark.parametrize("damage", ["no startxref", "wrong offset"])
def test_damaged_file_is_a_render_error(damage):
    data = make_pdf(SMALL)
    if damage == "no startxref":
        data = data.replace(b"startxref", b"startxreX")
    else:
        data = data.replace(b"\n1 0 obj", b"\n9 0 obj")
    with pytest.raises(RenderError):
        Update(data).get(Ref(1, 0))


# -- in the build --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def typst_pdf():
    """Typst's own output, before the fields are added."""
    from render_samples import context

    from avtale import agreements
    from avtale.render import fields, pdf

    captured = []
    real = fields.add_signature_fields
    fields.add_signature_fields = lambda raw, *args: captured.append(raw) or raw
    try:
        pdf.render(agreements.read(AGREEMENTS / "2014-2017.yaml"), context(AGREEMENTS))
    finally:
        fields.add_signature_fields = real
    return captured[0]


def test_typst_writes_a_classic_xref_and_no_object_streams(typst_pdf):
    assert b"/ObjStm" not in typst_pdf and b"/XRef" not in typst_pdf and b"/XRefStm" not in typst_pdf
    start = int(typst_pdf[typst_pdf.rindex(b"startxref") + 9:].split()[0])
    assert typst_pdf[start:start + 4] == b"xref"


def test_build_pdf_does_not_import_pypdf(tmp_path):
    """pypdf costs about 0.2 s to import; `avtale build --format pdf` must not load it."""
    code = (
        "import sys\n"
        "from avtale.cli import main\n"
        f"sys.argv = ['avtale', 'build', {str(AGREEMENTS / '2014-2017.yaml')!r}, '--format', 'pdf', '--out', {str(tmp_path)!r}]\n"
        "try:\n    main()\nexcept SystemExit as exit:\n    assert not exit.code, exit.code\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'pypdf'))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"
    assert (tmp_path / "2014-2017.pdf").read_bytes().count(b"/FT /Sig") == 2


def test_startxref_pointing_nowhere_is_a_render_error():
    data = make_pdf(SMALL)
    at = data.rindex(b"startxref\n") + 10
    with pytest.raises(RenderError, match="no xref table at byte 5"):
        Update(data[:at] + b"5\n%%EOF\n")
