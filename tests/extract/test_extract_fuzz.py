"""Fuzzing extraction: whatever the text, a valid agreement or one `AvtaleError`, never another exception.

Random text built from the pieces agreements are made of, and the seed texts with
random cuts and insertions, go through the text pipeline (lines_of → clean → unwrap →
recognise → build). A result must be an `Agreement` whose canonical YAML reads
back; a refusal must be an `AvtaleError` with a one-line message. Whatever
hypothesis finds goes into tests/corpus/ as a named case: so far a control character
(the YAML could not be read back) and a party id made of punctuation (`:a`).
CI runs a fixed set of a few hundred examples (derandomised, a few seconds);
AVTALE_FUZZ_EXAMPLES=5000 searches harder with fresh ones.
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avtale import store
from avtale.errors import AvtaleError
from avtale.extract import pipeline
from avtale.extract.lines import Notes
from avtale.extract.read_text import decode, lines_of
from avtale.model import Agreement
from conftest import SEED_2014, SEED_2022

SEEDS = [p.read_text(encoding="utf-8") for p in (SEED_2014, SEED_2022)]
SEARCH = int(os.environ.get("AVTALE_FUZZ_EXAMPLES", "0"))  # e.g. 5000: search harder, with fresh random examples
FUZZ = settings(max_examples=SEARCH or 150, deadline=None, derandomize=not SEARCH,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
BITS = st.sampled_from([
    "\n", "\n\n", "\f", " ", "  ", "\t", "1. ", "2.1 ", "§ 3 ", "a) ", "1) ", "• ", "· ", "– ", "- ", ":", "«", "»",
    "Side 2 av 4", "- 2 -", "[bookmark: _GoBack]", "image1.png", "Oslo, 7. november 2014", "fram til 31. desember 2017",
    "Kunnskapsdepartementet", "KS", "For KS", "Kunnskapsminister", "\u00ad", "\u00a0", "\u2028", "\r\n", "\x00",
    "Avtale mellom", "Partene", "Formål", "31. desember 2025", "1. mars hvert år", "\ufeff", "Digitaliserings-",
])


def check(text: str) -> None:
    notes = Notes()
    try:
        agreement, outline, comments = pipeline(lines_of(text), notes, "fuzz.txt")
    except AvtaleError as exc:
        assert exc.message and "\n" not in str(exc), str(exc)
        return
    assert isinstance(agreement, Agreement)
    from avtale.agreements import canonical_yaml

    assert store.parse(canonical_yaml(agreement)) is not None
    for line in notes.render("fuzz.txt"):
        assert "\n" not in line


@FUZZ
@given(st.lists(st.one_of(BITS, st.text(max_size=12)), max_size=60).map("".join))
def test_random_text(text):
    check(text)


@FUZZ
@given(st.sampled_from(SEEDS), st.data())
def test_mutated_seeds(original, data):
    text = original
    for _ in range(data.draw(st.integers(1, 6))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 200))
        insert = data.draw(st.one_of(BITS, st.text(max_size=8)))
        text = text[:at] + insert + text[at + cut:]
    check(text)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.binary(max_size=200))
def test_random_bytes_decode_or_refuse(raw):
    try:
        text = decode(raw, "fuzz.txt")
    except AvtaleError:
        return
    check(text)
