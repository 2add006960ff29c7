"""Any text a drafter types reaches the DOCX as that text: never markup, never lost."""

from __future__ import annotations

import re

from docx_helpers import read
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from avtale import inline, layout
from avtale.model import Agreement
from avtale.render import RenderContext
from avtale.render import docx as docx_render

NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
CONTEXT = RenderContext(layout=layout.load())

text = st.text(
    st.characters(exclude_categories=("Cs",), exclude_characters="\r\n\t"),
    min_size=1,
    max_size=60,
)


def _agreement(title: str, paragraph: str, item: str) -> Agreement:
    return Agreement.model_validate({
        "id": "tekst",
        "title": title,
        "language": "nb",
        "parties": [{"id": "a", "name": "A"}, {"id": "b", "name": "B"}],
        "period": {"end": "2030-12-31"},
        "status": "draft",
        # prose takes inline marks: the drafter escapes a literal mark character (titles are literal)
        "sections": [{"title": paragraph, "blocks": [inline.escape(paragraph),
                                                     {"numbered": [inline.escape(item)], "style": "a)"}]}],
    })


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(title=text, paragraph=text, item=text)
def test_any_text_reads_back_as_the_same_text(title, paragraph, item):
    document = read(docx_render.render(_agreement(title, paragraph, item), CONTEXT))
    got = [p.text for p in document.paragraphs]
    assert got == [NOT_XML.sub("", t) for t in (title, paragraph, paragraph, item)]
    assert document.core_properties.title == "UTKAST – " + NOT_XML.sub("", title)  # a draft: the mark first
