"""The xref table read in one go when its entries are the standard's 20 bytes (`Update._fixed_entries`, a
batch's PDFs each pay it): the same offsets, generations and trailer as the tokenizer reads entry by entry,
for tables written that way, written otherwise (other whitespace, comments, short numbers), or mixed."""

from __future__ import annotations

import pytest

from hypothesis import given, settings
from hypothesis import strategies as st

from avtale.render.pdf_update import Update

STANDARD_ENDS = [b" \r", b" \n", b"\r\n"]
OTHER_ENDS = [b"\n", b"  \n", b" % note\n", b"\r\n\r\n"]


@st.composite
def xref_pdfs(draw) -> bytes:
    """A PDF-shaped file: objects, then one xref table of one or more subsections, entries each written the
    standard way or not, some free; a trailer."""
    count = draw(st.integers(1, 12))
    body = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for num in range(1, count + 1):
        offsets[num] = len(body)
        body += b"%d 0 obj\n<</N %d>>\nendobj\n" % (num, num)
    xref = len(body)
    body += b"xref\n"
    numbers = list(range(0, count + 1))
    cuts = sorted(draw(st.sets(st.integers(1, count), max_size=3)))
    for part in [numbers[a:b] for a, b in zip([0, *cuts], [*cuts, count + 1])]:
        body += b"%d %d\n" % (part[0], len(part))
        for num in part:
            free = num == 0 or draw(st.booleans()) and draw(st.booleans())
            offset, gen = (0, 65535) if num == 0 else (offsets[num], draw(st.sampled_from([0, 0, 1, 7])))
            kind = b"f" if free else b"n"
            if draw(st.booleans()):
                body += b"%010d %05d %s" % (offset, gen, kind) + draw(st.sampled_from(STANDARD_ENDS))
            else:
                body += b"%d %d %s" % (offset, gen, kind) + draw(st.sampled_from(OTHER_ENDS))
    body += b"trailer\n<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (count + 1, xref)
    return bytes(body)


def slow(data: bytes, monkeypatch) -> Update:
    with monkeypatch.context() as m:
        m.setattr(Update, "_fixed_entries", lambda self, parser, start, count: False)
        return Update(data)


@settings(max_examples=200, deadline=None)
@given(xref_pdfs())
def test_fast_and_tokenized_xref_read_the_same(data):
    with pytest.MonkeyPatch.context() as monkeypatch:
        fast, tokenized = Update(data), slow(data, monkeypatch)
    assert fast.offsets == tokenized.offsets
    assert fast.trailer == tokenized.trailer and fast.size == tokenized.size
    assert fast.write() == tokenized.write()


def test_a_standard_table_is_read_in_one_go(monkeypatch):
    head = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n"
    data = head + (b"xref\n0 2\n0000000000 65535 f\r\n0000000009 00000 n\r\n"
                   b"trailer\n<</Size 2/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % len(head))
    read = []
    real = Update._fixed_entries
    monkeypatch.setattr(Update, "_fixed_entries", lambda self, *a: read.append((a[1:], real(self, *a))) or read[-1][1])
    update = Update(data)
    assert update.offsets == {0: (-1, 65535), 1: (9, 0)} and update.trailer["Size"] == 2
    assert read == [((0, 2), True)]
    read.clear()
    Update(data.replace(b"0000000009 00000 n\r\n", b"9 0 n\n     "))
    assert read == [((0, 2), False)]  # not the standard's form: the tokenizer reads it
