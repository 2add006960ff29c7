"""PDF objects as Python values (render/pdf_objects): parse/serialize round trips, text strings, bad syntax."""

from __future__ import annotations

import pytest

from avtale.errors import RenderError
from avtale.render.pdf_objects import HexString, Name, Ref, Stream, String, parse, serialize, text


@pytest.mark.parametrize("value", [
    0, -17, 3.5, -0.25, 595.2756, True, False, None,
    Name("Type"), Name("A B#/(x)"), Name("Kunnskapsdepartementet/Æ"),
    String(b""), String(b"plain"), String(b"(nested) \\ back\nslash\r\t\x00\xff"), String(b"unbalanced ) ( "),
    HexString(b""), HexString(b"\xfe\xff\x00A"),
    Ref(12, 0), Ref(7, 3),
    [], [1, Ref(2, 0), [Name("x"), String(b"y")], {Name("k"): None}],
    {}, {Name("Type"): Name("Annot"), Name("Rect"): [0, 1.5, 2, 3], Name("K"): {Name("Obj"): Ref(4, 0)}},
])
def test_round_trip_keeps_value_and_type(value):
    back = parse(serialize(value))
    assert back == value
    assert type(back) is type(value) or isinstance(value, (list, dict))
    assert serialize(back) == serialize(value)  # serializing is stable


@pytest.mark.parametrize("source, expected", [
    (b"<</Type/Catalog/Pages 1 0 R/Lang(nb-NO)>>",
     {"Type": Name("Catalog"), "Pages": Ref(1, 0), "Lang": String(b"nb-NO")}),
    (b"[0 13 0 R 1 14 0 R 2 15 0 R]", [0, Ref(13, 0), 1, Ref(14, 0), 2, Ref(15, 0)]),
    (b"[1 2 3 4 R]", [1, 2, Ref(3, 4)]),
    # runs of references (read in one go) broken by a comment, a name, a number, other whitespace
    (b"[1 0 R%c\n2 0 R\r\n3 0 R 4]", [Ref(1, 0), Ref(2, 0), Ref(3, 0), 4]),
    (b"[ 1 0 R/N 2 0 R[3 0 R]5 6]", [Ref(1, 0), Name("N"), Ref(2, 0), [Ref(3, 0)], 5, 6]),
    (b"[\x001\x0c0\tR]", [Ref(1, 0)]),
    (b"[126 0 R/XYZ 70.86614 629.4676 0]", [Ref(126, 0), Name("XYZ"), 70.86614, 629.4676, 0]),
    (b"<FEFF 0041\n00F>", HexString(b"\xfe\xff\x00\x41\x00\xf0")),
    (b"(a\\053b\\7c\\\nd\\q\r\ne)", String(b"a+b\x07cdq\ne")),
    (b"(x\\\r\ny)", String(b"xy")),
    (b"/A#20B", Name("A B")),
    (b"% a comment\n<</A 1%another\n/B[true false null]>>", {"A": 1, "B": [True, False, None]}),
    (b"[.5 -.5 +3 4. -0]", [0.5, -0.5, 3, 4.0, 0]),
])
def test_parse_pdf_syntax(source, expected):
    assert parse(source) == expected


def test_serialize_is_compact_and_deterministic():
    obj = {Name("Type"): Name("Annot"), Name("T"): text("sig-kd"), Name("Rect"): [70.866, 0.0, 1e-12, 1e16],
           Name("P"): Ref(128, 0), Name("F"): 4}
    assert serialize(obj) == b"<</Type /Annot/T (sig-kd)/Rect [70.866 0 0 10000000000000000]/P 128 0 R/F 4>>"
    assert serialize(Stream({Name("Type"): Name("XObject")}, b"q Q")) == (
        b"<</Type /XObject/Length 3>>\nstream\nq Q\nendstream")
    with pytest.raises(TypeError):
        serialize("a plain str is neither a name nor a string")
    with pytest.raises(ValueError):
        serialize(float("nan"))


def test_text_strings():
    assert text("Signatur: Ola (KD)") == String(b"Signatur: Ola (KD)")
    assert isinstance(text("Ola"), String)
    hexed = text("Torbjørn Røe")
    assert isinstance(hexed, HexString) and hexed == b"\xfe\xff" + "Torbjørn Røe".encode("utf-16-be")
    assert isinstance(text("tab\there"), HexString)  # not printable: no raw control bytes in literals


@pytest.mark.parametrize("source", [b"", b"(open", b"<</A>>", b"<<1 2>>", b"[1 2", b"<zz>", b"@", b"1 2",
                                    b"[1 0 RG]"])  # "RG" is no reference
def test_bad_syntax_is_a_render_error(source):
    with pytest.raises(RenderError):
        parse(source)


