"""Fuzzing the YAML loader and the model: whatever the text, a clean finding or a valid agreement.

Whatever hypothesis finds goes into tests/corpus/ as a named case.
"""

from __future__ import annotations

import re

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from avtale import agreements, store
from avtale.errors import AvtaleError
from avtale.store import fast
from conftest import AGREEMENTS

REAL = [(AGREEMENTS / n).read_text(encoding="utf-8") for n in ("2014-2017.yaml", "2022-2025.yaml")]
FUZZ = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
YAML_BITS = st.sampled_from(
    ["\n", ": ", "- ", "[", "]", "{", "}", "&a ", "*a", "!!str ", "'", '"', "#", "---\n", "\t", "  ", ">-\n", "|\n",
     "? ", "%YAML 1.2\n", "\x00", "\ufeff", "é", "«", "2014-11-07", "~", "null", "1e9", ":"]
)


def check(text: str) -> None:
    """Validation gives a result with positioned findings, or one typed error; never anything else."""
    result = agreements.validate_file("fuzz.yaml", text=text)
    lines = len(re.findall(r"\r\n|[\n\r\x85\u2028\u2029]", text)) + 2  # libyaml's line breaks (YAML 1.1)
    for f in result.findings:
        assert f.code.startswith("AV") and f.message and "\n" not in f.message
        assert f.line is None or 1 <= f.line <= lines, (f, text)
    parsed = result.agreement is not None
    refused = any(f.code in ("AV001", "AV100") for f in result.findings) or result.fatal is not None  # (AV102: a
    # character that cannot stand in an agreement, typed in the file)
    assert not (parsed and refused), result.findings
    # AV101 may stand in for the schema's words on a text YAML read as a number or as nothing
    assert parsed or refused or any(f.code == "AV101" for f in result.findings), result.findings


@FUZZ
@given(st.lists(st.one_of(YAML_BITS, st.text(max_size=8)), max_size=40).map("".join))
@example("?\r0")  # found by hypothesis: a lone CR is a line break; positions must count it as one
def test_random_yaml_like_text(text):
    check(text)


@FUZZ
@given(st.sampled_from(REAL), st.data())
def test_mutated_real_agreements(original, data):
    text = original
    for _ in range(data.draw(st.integers(1, 4))):
        at = data.draw(st.integers(0, len(text)))
        cut = data.draw(st.integers(0, 12))
        insert = data.draw(st.one_of(YAML_BITS, st.text(max_size=6)))
        text = text[:at] + insert + text[at + cut:]
    check(text)


PLAIN = st.recursive(
    st.one_of(st.text(max_size=30), st.integers(-10**6, 10**6), st.booleans(), st.none()),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(min_size=1, max_size=10), inner, max_size=4)),
    max_leaves=20,
)


@FUZZ
@given(st.dictionaries(st.text(min_size=1, max_size=10), PLAIN, min_size=1, max_size=5))
def test_fast_path_agrees_with_round_trip(data):
    text = store.dump(data, schema_comment=None)
    try:
        loaded = fast.load(text, 64)
    except fast.Refusal as exc:  # only what the round-trip loader refuses too
        try:
            store.parse(text)
        except AvtaleError:
            return
        raise AssertionError(f"fast path refused what round trip reads: {exc.message}") from None
    rt = store.parse(text)
    if loaded is not None:
        assert loaded.data == rt
