"""The seal's hash: `sealing.canonical_json` writes what `json.dumps` wrote, so every recorded seal still holds.

`content_hash` once hashed `json.dumps(content, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`;
seals recorded then are in agreements' files. The writer that replaced it (without importing `json` into every
`validate`) must give the same text for everything a model dump holds, and so the same hash.
"""

from __future__ import annotations

import hashlib
import json
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avtale import agreements, sealing
from conftest import ROOT
from strategies import agreements as generated_agreements


def _dumps(value) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


_TEXT = st.text(st.characters(codec="utf-8") | st.sampled_from('"\\\n\r\t\b\f\x00\x1f\x7f\u2028\u2029«»'))
_PLAIN = st.none() | st.booleans() | st.integers(min_value=-(10**30), max_value=10**30) | st.floats() | _TEXT
_VALUES = st.recursive(_PLAIN, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_TEXT, inner, max_size=4),
                       max_leaves=30)


@settings(max_examples=400, deadline=None)
@given(_VALUES)
def test_the_writer_without_json_writes_what_json_dumps_wrote(value):
    assert sealing.written_json(value) == _dumps(value)


@pytest.mark.parametrize("value", [
    {}, [], "", {"b": 1, "a": [True, False, None]}, {"ø": "«»", "Å": "\u2028"}, [{"z": {"y": ["x"]}}],
    1.5, {"f": 0.1}, 10**40,  # a float (the model has none) is left to json
])
def test_canonical_json_cases(value):
    assert sealing.written_json(value) == _dumps(value)
    assert sealing.canonical_json(value) == _dumps(value)


def test_canonical_json_uses_json_only_where_it_is_loaded(monkeypatch):
    """A plain `validate` never loads json for the seal (tests/test_cli_imports.py); with it loaded, the same
    text comes from its encoder."""
    calls = []
    monkeypatch.setattr(sealing, "written_json", lambda value: calls.append(value) or "written")
    assert sealing.canonical_json({"a": 1}) == '{"a":1}' and calls == []
    monkeypatch.delitem(sys.modules, "json")
    assert sealing.canonical_json({"a": 1}) == "written" and calls == [{"a": 1}]


def test_a_key_that_is_not_a_text_is_refused():
    with pytest.raises(TypeError, match="not a text"):
        sealing.written_json({1: "a"})


@settings(max_examples=60, deadline=None)
@given(generated_agreements())
def test_the_hash_of_generated_agreements_is_the_json_hash(agreement):
    expected = hashlib.sha256(_dumps(sealing._content(agreement)).encode("utf-8")).hexdigest()
    assert sealing.content_hash(agreement) == expected


@pytest.mark.parametrize("name", ["2014-2017", "2022-2025"])
def test_the_recorded_seals_still_hold(name):
    agreement = agreements.read(ROOT / "agreements" / f"{name}.yaml")
    if agreement.seal is None:
        pytest.fail(f"{name} has no seal to check")
    assert sealing.content_hash(agreement) == agreement.seal.sha256
