"""A title (or a list of parties) longer than a DOCX core property holds (255 characters): the document carries
all of it, the property a shortened one ending in «…»; never python-docx's ValueError (once exit 3)."""

from __future__ import annotations

from docx_helpers import body_paragraphs, context, read

from avtale.render import docx as docx_render
from avtale.render.docx_package import PROPERTY_LIMIT, fit
from conftest import AGREEMENTS

LONG_TITLE = "Avtale om " + " ".join(["kvalitetsutvikling i barnehagen og grunnopplæringen"] * 6)


def test_fit_keeps_a_short_text_and_cuts_a_long_one_at_a_word():
    assert fit("Avtale om kvalitet") == "Avtale om kvalitet"
    assert fit("x" * PROPERTY_LIMIT) == "x" * PROPERTY_LIMIT
    cut = fit(LONG_TITLE)
    assert len(cut) <= PROPERTY_LIMIT and cut.endswith("…") and LONG_TITLE.startswith(cut[:-1])
    assert LONG_TITLE[len(cut) - 1] == " "  # cut before a word, not inside one
    assert fit("y" * 400) == "y" * (PROPERTY_LIMIT - 1) + "…"  # no space to cut at: at the limit


def test_a_long_title_and_long_party_names_build_with_the_whole_title_in_the_document(agreement_2014):
    parties = [p.model_copy(update={"name": p.name + " " + "og underliggende etater " * 8}) for p in agreement_2014.parties]
    long = agreement_2014.model_copy(update={"title": LONG_TITLE, "parties": parties})
    document = read(docx_render.render(long, context(AGREEMENTS)))
    props = document.core_properties
    assert len(LONG_TITLE) > PROPERTY_LIMIT
    assert props.title == fit(LONG_TITLE) and props.title.endswith("…")
    assert all(len(v) <= PROPERTY_LIMIT for v in (props.title, props.subject, props.author, props.last_modified_by))
    assert props.author.endswith("…")
    assert body_paragraphs(document)[0].text == LONG_TITLE
