"""Signature fields: one per signatory, named, over its line, added as an incremental update."""

from __future__ import annotations

import datetime as dt
import io
import re
import subprocess

import pytest
from pypdf import PdfReader
from render_samples import agreement, context

from avtale.render import fields, pdf

from conftest import AGREEMENTS, require_tool

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FIVE = {
    "parties": [{"id": f"p{i}", "name": f"Part {i}"} for i in range(1, 6)],
    "signing": {
        "place": "Oslo",
        "date": "2020-03-02",
        "signatories": [{"party": f"p{i}", "name": f"Navn{i} Etternavn", "title": f"Tittel {i}"} for i in range(1, 6)],
    },
}


@pytest.fixture(scope="module")
def built_2014():
    from avtale import agreements

    a = agreements.read(AGREEMENTS / "2014-2017.yaml")
    return a, pdf.render(a, context(AGREEMENTS))


def widgets(data: bytes):
    """(field name, 1-based page, widget dict) for every signature field."""
    r = PdfReader(io.BytesIO(data))
    pages = {p.indirect_reference.idnum: n for n, p in enumerate(r.pages, 1)}
    out = []
    for ref in r.trailer["/Root"]["/AcroForm"].raw_get("/Fields"):
        w = ref.get_object()
        w.ref = ref
        out.append((w["/T"], pages[w.raw_get("/P").idnum], w))
    return out


def words(data: bytes, tmp_path) -> dict[int, list[tuple[str, float, float, float, float]]]:
    """pdftotext -bbox: per page, (word, xMin, yMin, xMax, yMax) from the top left."""
    tool = require_tool("pdftotext")
    path = tmp_path / "in.pdf"
    path.write_bytes(data)
    html = subprocess.run([tool, "-bbox", str(path), "-"], capture_output=True, text=True, timeout=60, check=True).stdout
    out, page = {}, 0
    for line in html.splitlines():
        if "<page " in line:
            page += 1
            out[page] = []
        m = re.search(r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', line)
        if m:
            out[page].append((m.group(5), *map(float, m.group(1, 2, 3, 4))))
    return out


def rules(data: bytes, page: int, x0: float, x1: float, tmp_path) -> list[float]:
    """Rows (points from the top) where page `page`, rendered, has a dark rule across x0..x1."""
    from render_samples import read_png

    tool = require_tool("pdftoppm")
    path = tmp_path / "rules.pdf"
    path.write_bytes(data)
    subprocess.run([tool, "-png", "-singlefile", "-r", "144", "-f", str(page), "-l", str(page), str(path),
                    str(tmp_path / "rules")], capture_output=True, timeout=60, check=True)
    png = (tmp_path / "rules.png").read_bytes()
    width, _, rows, bpp = read_png(png)
    left, right = int(x0 * 2) + 4, int(x1 * 2) - 4
    found = []
    for y, row in enumerate(rows):
        dark = sum(1 for x in range(left, right) if max(row[x * bpp:x * bpp + min(bpp, 3)]) < 200)
        if dark >= 0.95 * (right - left):
            found.append(y / 2)
    return found


def test_one_named_empty_field_per_signatory(built_2014):
    a, data = built_2014
    found = widgets(data)
    assert [name for name, _, _ in found] == ["sig-kd", "sig-ks"]
    for name, _, w in found:
        assert w["/FT"] == "/Sig" and w["/Subtype"] == "/Widget"
        assert "/V" not in w  # empty: ready to be signed
        assert w["/F"] == 4  # printable, as PDF/A wants
        assert "/N" in w["/AP"]  # an appearance, as PDF/A wants
    assert "Torbjørn Røe Isaksen" in found[0][2]["/TU"]


def test_field_sits_over_its_signatory_line(built_2014, tmp_path):
    a, data = built_2014
    text = words(data, tmp_path)
    for (name, page, w), signatory in zip(widgets(data), a.signing.signatories):
        height = float(PdfReader(io.BytesIO(data)).pages[page - 1].mediabox.top)
        x0, y0, x1, y1 = (float(v) for v in w["/Rect"])
        first = signatory.name.split()[0]
        hits = [wd for wd in text[page] if wd[0] == first]
        assert hits, f"{first} not on page {page}"
        _, nx0, ny0, _, _ = hits[0]
        assert abs(nx0 - x0) < 2, "field starts where the name (and the line) start"
        assert 0 < ny0 - (height - y0) < 20, "the name stands just under the field"
        rows = rules(data, page, x0, x1, tmp_path)
        bottom = height - y0  # the field's lower edge, in points from the top
        assert any(0 <= r - bottom <= 3 for r in rows), f"no printed line right under the field ({bottom:.1f}): {rows}"
        assert not any(height - y1 <= r < bottom for r in rows), "no printed line inside the field"
        assert y1 - y0 > 25 and x1 - x0 > 100, "room to sign"
        header = [wd for wd in text[page] if wd[0] == "For" and abs(wd[1] - x0) < 2]
        assert header and header[0][4] < height - y1, "the field stays below the column's header"


def test_five_signatories_five_fields_in_rows_of_three(tmp_path):
    """At most three signatories a row (issue 15): 3 + 2, the second row under the first's columns."""
    data = pdf.render(agreement(**FIVE), context())
    found = widgets(data)
    assert [n for n, _, _ in found] == [f"sig-p{i}" for i in range(1, 6)]
    rects = [[float(v) for v in w["/Rect"]] for _, _, w in found]
    for row in (rects[:3], rects[3:]):
        for left, right in zip(row, row[1:]):
            assert left[2] < right[0], "fields do not overlap"
            assert left[1] == right[1], "fields of a row share one baseline"
    assert rects[3][3] < rects[0][1], "the second row stands below the first"
    assert abs(rects[3][0] - rects[0][0]) < 0.01 and abs(rects[4][0] - rects[1][0]) < 0.01, "same columns"


def test_update_is_incremental_and_keeps_the_pdfa_markers(built_2014, monkeypatch):
    a, data = built_2014
    monkeypatch.setattr(fields, "add_signature_fields", lambda raw, *args: raw)
    original = pdf.render(a, context(AGREEMENTS))
    assert data.startswith(original) and len(data) > len(original)
    assert data.count(b"%%EOF") == 2
    tail = data[len(original):]
    assert b"\nxref\n" in tail and b"/Prev " in tail and b"/Info " in tail and b"/ID " in tail
    r = PdfReader(io.BytesIO(data))
    for key in ("/Info",):
        assert f"\n{r.trailer.raw_get(key).idnum} 0 obj".encode() not in tail, "Info is not rewritten"
    xmp_ref = r.trailer["/Root"].raw_get("/Metadata")
    assert f"\n{xmp_ref.idnum} 0 obj".encode() not in tail, "XMP is not rewritten: Info and XMP stay in step"
    meta = r.trailer["/Root"]["/Metadata"].get_object().get_data()
    assert b"<pdfaid:part>2</pdfaid:part>" in meta and b"<pdfuaid:part>1</pdfuaid:part>" in meta
    assert r.trailer["/Root"]["/AcroForm"].get("/NeedAppearances") is None


def test_widgets_are_tagged_for_pdf_ua(built_2014):
    r = PdfReader(io.BytesIO(built_2014[1]))
    tree = r.trailer["/Root"]["/StructTreeRoot"]
    nums = tree["/ParentTree"]["/Nums"]
    parents = {int(nums[i]): nums.get_object()[i + 1] for i in range(0, len(nums), 2)}
    forms = {}

    def walk(node):
        node = node.get_object()
        if node.get("/S") == "/Form":
            forms[node["/K"].raw_get("/Obj").idnum] = node
        kids = node.get("/K")
        kids = kids.get_object() if kids is not None else []
        for kid in kids if isinstance(kids, list) else [kids]:
            if hasattr(kid, "get_object") and hasattr(kid.get_object(), "get"):
                walk(kid)

    walk(tree)
    for _, page, w in widgets(built_2014[1]):
        key = int(w["/StructParent"])
        assert parents[key].idnum == w.ref.idnum, "ParentTree maps the widget's StructParent to the widget"
        assert w.ref.idnum in forms and "/Alt" in forms[w.ref.idnum], "a /Form element holds the widget"
        assert r.pages[page - 1]["/Tabs"] == "/S"
    assert int(tree["/ParentTreeNextKey"]) > max(parents)


def test_builds_stay_byte_identical_with_fields(built_2014):
    a, data = built_2014
    assert pdf.render(a, context(AGREEMENTS)) == data


def test_a_pdf_reader_can_sign_the_field(built_2014, tmp_path):
    """pyHanko signs into the existing field (no new one) and the signature verifies."""
    pytest.importorskip("pyhanko")
    from asn1crypto import keys, x509
    from cryptography import x509 as cx509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign import signers
    from pyhanko.sign.validation import validate_pdf_signature
    from pyhanko_certvalidator.registry import SimpleCertificateStore

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = cx509.Name([cx509.NameAttribute(NameOID.COMMON_NAME, "Prøve Signerer")])
    now = dt.datetime.now(dt.timezone.utc)
    cert = (cx509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
            .serial_number(1).not_valid_before(now - dt.timedelta(days=1)).not_valid_after(now + dt.timedelta(days=1))
            .sign(key, hashes.SHA256()))
    signer = signers.SimpleSigner(
        signing_cert=x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER)),
        signing_key=keys.PrivateKeyInfo.load(key.private_bytes(
            serialization.Encoding.DER, serialization.PrivateFormat.PKCS8, serialization.NoEncryption())),
        cert_registry=SimpleCertificateStore(),
    )
    out = signers.sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(built_2014[1])),
        signers.PdfSignatureMetadata(field_name="sig-kd"),
        signer=signer,
        existing_fields_only=True,
    )
    signed = out.getvalue()
    assert signed.startswith(built_2014[1])
    reader = PdfFileReader(io.BytesIO(signed))
    assert [s.field_name for s in reader.embedded_signatures] == ["sig-kd"]
    from pyhanko_certvalidator import ValidationContext

    trusted = ValidationContext(trust_roots=[signer.signing_cert])
    status = validate_pdf_signature(reader.embedded_signatures[0], trusted)
    assert status.intact and status.valid and status.trusted
    assert [n for n, _, _ in widgets(signed)] == ["sig-kd", "sig-ks"]  # no field was added
