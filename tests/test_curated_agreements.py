"""The curated agreements hold every text of their source, in order, and nothing else.

The source's words (export noise removed, as listed below) must equal the
agreement's words read in document order, numbers included.
"""

from __future__ import annotations

import re

import pytest

from avtale.dates import format_date
from avtale.model import Bullets
from conftest import SEED_2014, SEED_2022

# Export debris in the 2014 text exported from DOCX: a bookmark marker, image
# names, and what was read off the two logos (a "B", the ministry's name in
# capitals, and dashes from the coat of arms).
NOISE_2014 = [r"\[bookmark: _GoBack\]", r"^image\d\.jpeg$", r"^B$", r"^KUNNSKAPSDEPARTEMENTET$", r"^— ——$"]


def source_words(path, noise=()):
    text = path.read_text(encoding="utf-8")
    for pattern in noise:
        text = re.sub(pattern, " ", text, flags=re.M)
    return [w for w in text.split() if w != "·"]


def agreement_words(a) -> list[str]:
    parts = [a.title, *_blocks(a.preamble)]
    for i, section in enumerate(a.sections, 1):
        parts += [f"{i}.", section.title, *_blocks(section.blocks)]
    if a.signing:
        parts.append(f"{a.signing.place}, {format_date(a.signing.date)}")
        parts += [s.name for s in a.signing.signatories]
        parts += [s.title for s in a.signing.signatories]
    return " ".join(parts).split()


def _blocks(blocks):
    for block in blocks:
        if isinstance(block, str):
            yield block
        elif isinstance(block, Bullets):
            yield from block.bullets
        else:
            for j, item in enumerate(block.numbered, 1):
                yield f"{j}. {item}"


def test_2014_holds_its_source_in_order(agreement_2014):
    assert agreement_words(agreement_2014) == source_words(SEED_2014, NOISE_2014)


def test_2022_holds_its_source_in_order(agreement_2022):
    assert agreement_words(agreement_2022) == source_words(SEED_2022)


@pytest.mark.parametrize(
    "fixture, end, start",
    [("agreement_2014", "2017-12-31", "2015-01-01"), ("agreement_2022", "2025-12-31", None)],
)
def test_periods(request, fixture, end, start):
    a = request.getfixturevalue(fixture)
    assert a.period.end.isoformat() == end
    assert (a.period.start.isoformat() if a.period.start else None) == start


def test_signing_only_where_the_source_has_it(agreement_2014, agreement_2022):
    assert agreement_2022.signing is None
    s = agreement_2014.signing
    assert (s.place, s.date.isoformat()) == ("Oslo", "2014-11-07")
    assert [(x.party, x.name, x.title) for x in s.signatories] == [
        ("kd", "Torbjørn Røe Isaksen", "Kunnskapsminister"),
        ("ks", "Gunn Marit Helgesen", "Leder KS"),
    ]
