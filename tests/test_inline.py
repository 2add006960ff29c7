"""The inline syntax round-trips: plain text escaped parses back to itself, marked text written from its nodes
is the text typed."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avtale import inline
from tests.strategies import marked_texts, plain_texts

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))


@SETTINGS
@given(st.one_of(plain_texts(), st.text(alphabet="*[]\\()^#ab ", min_size=1, max_size=20)))
def test_escaped_text_parses_back_to_itself_as_plain_text(text):
    parsed = inline.parse(inline.escape(text))
    assert parsed.nodes == [text]
    assert parsed.problems == []
    assert inline.plain(inline.escape(text)) == text


@SETTINGS
@given(marked_texts())
def test_marked_text_written_from_its_nodes_is_the_text_typed(text):
    parsed = inline.parse(text)
    assert parsed.problems == []
    assert inline.emit(parsed.nodes) == text


@SETTINGS
@given(marked_texts())
def test_a_drawn_marked_text_has_marks(text):
    nodes = inline.parse(text).nodes
    assert inline.parse(inline.emit(nodes)).nodes == nodes


def test_a_literal_asterisk_and_text_without_marks():
    assert inline.parse("et tall merket med \\* er et anslag").nodes == ["et tall merket med * er et anslag"]
    assert inline.parse("5 * 3 og C:\\mapper").nodes == ["5 * 3 og C:\\mapper"]
    assert inline.escape("a*b[c](d)") == "a\\*b\\[c](d)"
