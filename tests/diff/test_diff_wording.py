"""The diff's words in bokmål and nynorsk (avtale.diff.wording): a table of cases pins every summary line,
the header, every metadata label and value, the signing lines and the formatting changes; and the text and
Markdown formats speak nynorsk where both agreements are nynorsk."""

from __future__ import annotations

import pytest
from test_compare import agreement, sections

from avtale.diff import compare, show, wording
from avtale.diff.tree import ADDED, CHANGED, MOVED, REMOVED, SAME, AgreementDiff, Change, Format, SectionDiff, Text


def diff_of(sections=(), annexes=(), lang="nb", old_label="", new_label="", fields=()) -> AgreementDiff:
    """A diff with sections and annexes of the given statuses."""
    def parts(statuses):
        return [SectionDiff(Text.same("x"), s) for s in statuses]

    return AgreementDiff("2022-2025", "2026-2029", Text.same("t"), list(fields), [], parts(sections), [],
                         parts(annexes), language=lang, old_label=old_label, new_label=new_label)


SUMMARY = [
    # (section statuses, annex statuses, language, summary lines)
    ((), (), "nb", []),
    ((SAME, SAME), (), "nb", []),
    ((CHANGED,), (), "nb", ["1 kapittel er endret."]),
    ((CHANGED, CHANGED), (), "nb", ["2 kapitler er endret."]),
    ((ADDED,), (), "nb", ["1 kapittel er nytt."]),
    ((ADDED, ADDED), (), "nb", ["2 kapitler er nye."]),
    ((REMOVED,), (), "nb", ["1 kapittel er fjernet."]),
    ((REMOVED, REMOVED), (), "nb", ["2 kapitler er fjernet."]),
    ((MOVED,), (), "nb", ["1 kapittel er flyttet."]),
    ((MOVED, MOVED), (), "nb", ["2 kapitler er flyttet."]),
    ((CHANGED,) * 4 + (ADDED, REMOVED, MOVED), (), "nb", ["7 kapitler: 4 endret, 1 nytt, 1 fjernet og 1 flyttet."]),
    ((CHANGED, ADDED, ADDED), (), "nb", ["3 kapitler: 1 endret og 2 nye."]),
    ((), (ADDED,), "nb", ["1 vedlegg er nytt."]),
    ((), (ADDED, ADDED), "nb", ["2 vedlegg er nye."]),
    ((), (REMOVED, MOVED), "nb", ["2 vedlegg: 1 fjernet og 1 flyttet."]),
    ((CHANGED,), (CHANGED,), "nb", ["1 kapittel er endret.", "1 vedlegg er endret."]),
    ((CHANGED,), (), "nn", ["1 kapittel er endra."]),
    ((CHANGED, CHANGED), (), "nn", ["2 kapittel er endra."]),
    ((ADDED,), (), "nn", ["1 kapittel er nytt."]),
    ((ADDED, ADDED), (), "nn", ["2 kapittel er nye."]),
    ((REMOVED,), (), "nn", ["1 kapittel er fjerna."]),
    ((REMOVED, REMOVED), (), "nn", ["2 kapittel er fjerna."]),
    ((MOVED,), (), "nn", ["1 kapittel er flytta."]),
    ((MOVED, MOVED), (), "nn", ["2 kapittel er flytta."]),
    ((CHANGED, CHANGED, ADDED, REMOVED, MOVED), (), "nn", ["5 kapittel: 2 endra, 1 nytt, 1 fjerna og 1 flytta."]),
    ((), (ADDED, ADDED), "nn", ["2 vedlegg er nye."]),
    ((), (CHANGED, REMOVED), "nn", ["2 vedlegg: 1 endra og 1 fjerna."]),
]


@pytest.mark.parametrize(("secs", "annexes", "lang", "expected"), SUMMARY)
def test_summary(secs, annexes, lang, expected):
    assert wording.summary(diff_of(secs, annexes, lang)) == expected


@pytest.mark.parametrize(("lang", "old_label", "new_label", "expected"), [
    ("nb", "", "", "Endringer fra 2022-2025 til 2026-2029"),
    ("nn", "", "", "Endringar frå 2022-2025 til 2026-2029"),
    ("nb", "agreements/a.yaml", "agreements/b.yaml",
     "Endringer fra 2022-2025 (agreements/a.yaml) til 2026-2029 (agreements/b.yaml)"),
    ("nb", "main:agreements/x.yaml", "agreements/x.yaml",
     "Endringer fra 2022-2025 (main:agreements/x.yaml) til 2026-2029 (agreements/x.yaml)"),
    ("nn", "HEAD:x.yaml", "x.yaml", "Endringar frå 2022-2025 (HEAD:x.yaml) til 2026-2029 (x.yaml)"),
    ("nb", "2022-2025", "2026-2029", "Endringer fra 2022-2025 til 2026-2029"),  # a label that is the id
])
def test_header(lang, old_label, new_label, expected):
    assert wording.header(diff_of(lang=lang, old_label=old_label, new_label=new_label)) == expected


def test_no_changes():
    assert wording.no_changes(diff_of()) == "Ingen endringer i avtalen."
    assert wording.no_changes(diff_of(lang="nn")) == "Ingen endringar i avtalen."


@pytest.mark.parametrize(("name", "old", "new", "nb", "nn"), [
    ("status", "signed", "draft", "status: signert → utkast", "status: signert → utkast"),
    ("language", "nb", "nn", "målform: bokmål → nynorsk", "målform: bokmål → nynorsk"),
    ("numbering", "decimal", "none", "nummerering: desimal (1, 1.1) → ingen", "nummerering: desimal (1, 1.1) → inga"),
    ("period", "1. januar 2026 – 31. desember 2029", "til 31. desember 2029",
     "periode: 1. januar 2026 – 31. desember 2029 → til 31. desember 2029",
     "periode: 1. januar 2026 – 31. desember 2029 → til 31. desember 2029"),
    ("id", "2022-2025", "2026-2029", "id: 2022-2025 → 2026-2029", "id: 2022-2025 → 2026-2029"),
    ("parties", "KS", "KS, Kunnskapsdepartementet", "parter: KS → KS, Kunnskapsdepartementet",
     "partar: KS → KS, Kunnskapsdepartementet"),
])
def test_field_change(name, old, new, nb, nn):
    assert wording.field_change(name, old, new, "nb") == nb
    assert wording.field_change(name, old, new, "nn") == nn


@pytest.mark.parametrize(("change", "nb", "nn"), [
    (Change("Ola Nordmann (Kunnskapsdepartementet)", "", "statsråd", ADDED, "signatory"),
     "Ola Nordmann (Kunnskapsdepartementet): statsråd", "Ola Nordmann (Kunnskapsdepartementet): statsråd"),
    (Change("Ola Nordmann (Kunnskapsdepartementet)", "", "", ADDED, "signatory"),
     "Ola Nordmann (Kunnskapsdepartementet)", "Ola Nordmann (Kunnskapsdepartementet)"),
    (Change("Kari Nordmann (KS)", "styreleder", "", REMOVED, "signatory"),
     "Kari Nordmann (KS): styreleder", "Kari Nordmann (KS): styreleder"),
    (Change("Kari Nordmann (KS)", "styreleder, Oslo", "styreleder, Bodø", CHANGED, "signatory"),
     "Kari Nordmann (KS): styreleder, Oslo → styreleder, Bodø",
     "Kari Nordmann (KS): styreleder, Oslo → styreleder, Bodø"),
    (Change("sted og dato", "Oslo, 1. mars 2026", "Bodø, 2. mars 2026", CHANGED, "place-date"),
     "sted og dato: Oslo, 1. mars 2026 → Bodø, 2. mars 2026", "stad og dato: Oslo, 1. mars 2026 → Bodø, 2. mars 2026"),
    (Change("sted og dato", "", "Oslo, 1. mars 2026", ADDED, "place-date"),
     "sted og dato: Oslo, 1. mars 2026", "stad og dato: Oslo, 1. mars 2026"),
    (Change("elektronisk signering", "nei", "ja", CHANGED, "electronic"),
     "elektronisk signering: nei → ja", "elektronisk signering: nei → ja"),
])
def test_signing_line(change, nb, nn):
    assert wording.signing_line(change, "nb") == nb
    assert wording.signing_line(change, "nn") == nn


def _format(old: tuple, new: tuple) -> Format:
    return Format("ord", (("ord", *old),), (("ord", *new),))


@pytest.mark.parametrize(("old", "new", "nb", "nn"), [
    ((False, False, None), (True, False, None), "fet skrift lagt til", "feit skrift lagd til"),
    ((True, False, None), (False, False, None), "fet skrift fjernet", "feit skrift fjerna"),
    ((False, False, None), (False, True, None), "kursiv lagt til", "kursiv lagd til"),
    ((False, True, None), (False, False, None), "kursiv fjernet", "kursiv fjerna"),
    ((False, False, None), (False, False, "https://a"), "lenke lagt til (https://a)", "lenke lagd til (https://a)"),
    ((False, False, "https://a"), (False, False, None), "lenke fjernet (https://a)", "lenke fjerna (https://a)"),
    ((False, False, "https://a"), (False, False, "https://b"), "lenke endret: https://a → https://b",
     "lenke endra: https://a → https://b"),
    ((False, False, None), (True, True, None), "fet skrift lagt til, kursiv lagt til",
     "feit skrift lagd til, kursiv lagd til"),
])
def test_describe_format(old, new, nb, nn):
    assert wording.describe(_format(old, new), "nb") == nb
    assert wording.describe(_format(old, new), "nn") == nn


def test_markdown_describe_stays_importable_and_wraps_links():
    from avtale.diff.show_md import describe

    assert describe(_format((False, False, "https://a"), (False, False, "https://b"))) == "lenke endret: <https://a> → <https://b>"


def test_redline_comment():
    fields = [("status", "signed", "draft"), ("language", "nb", "nn"), ("parties", "KS", "KS, KD")]
    assert wording.redline_comment(diff_of(fields=fields)) == (
        "Endret utenfor teksten: status: signert → utkast; målform: bokmål → nynorsk")
    assert wording.redline_comment(diff_of(fields=fields, lang="nn")) == (
        "Endra utanfor teksten: status: signert → utkast; målform: bokmål → nynorsk")
    assert wording.redline_comment(diff_of(fields=[("parties", "KS", "KS, KD")])) == ""


@pytest.mark.parametrize(("status", "nb", "nn"), [
    (CHANGED, "endret", "endra"), (ADDED, "nytt", "nytt"), (REMOVED, "fjernet", "fjerna"), (MOVED, "flyttet", "flytta"),
])
def test_status_word(status, nb, nn):
    assert (wording.status_word(status, "nb"), wording.status_word(status, "nn")) == (nb, nn)


# --- the formats, whole -----------------------------------------------------------------------------------------

def _nn_pair():
    old = agreement(language="nn", status="signed")
    new = agreement(language="nn", status="draft", sections=sections(
        ("Formål", ["Avtalen skal styrke kvaliteten i skolen, barnehagen."]),
        ("Forpliktelser", ["Partene skal samarbeide."]),
    ))
    return old, new


def test_nynorsk_text_and_markdown():
    diff = compare(*_nn_pair())
    assert diff.language == "nn"
    text = show.text(diff)
    assert text.splitlines()[:4] == ["Endringar frå a til a", "3 kapittel: 2 endra og 1 fjerna.", "",
                                     "~ status: signert → utkast"]
    assert "(endra)" in text and "(fjerna)" in text and "endret" not in text and "fjernet" not in text
    md = show.markdown(diff)
    assert md.splitlines()[:9] == [
        "## Endringar frå a til a", "", "3 kapittel: 2 endra og 1 fjerna.",
        "Sletta tekst er ~~gjennomstreka~~, ny tekst er **utheva**.", "",
        "| | Før | Etter |", "| --- | --- | --- |", "| status | signert | utkast |", ""]
    assert "- *endra:* Avtalen skal styrke kvaliteten i skolen{+, barnehagen+}." not in md
    assert "- *endra:* Avtalen skal styrke kvaliteten i skolen**, barnehagen**." in md


def test_signatory_added_by_name_and_party_name():
    signing = {"place": "Oslo", "date": "2026-01-15", "signatories": [
        {"party": "kd", "name": "Kari Nordmann", "title": "Kunnskapsminister"}]}
    old = agreement(signing=signing)
    new = agreement(signing={**signing, "signatories": [*signing["signatories"],
                                                        {"party": "ks", "name": "Ola Nordmann", "title": "Styreleder"}]})
    diff = compare(old, new)
    text = show.text(diff)
    assert "  + Ola Nordmann (KS): Styreleder" in text.splitlines()
    assert "ks:" not in text and "(none)" not in text
    assert "- *ny:* Ola Nordmann (KS): **Styreleder**" in show.markdown(diff).splitlines()


def test_every_word_has_its_nynorsk_form():
    assert set(wording._WORDS["nb"]) == set(wording._WORDS["nn"])
    assert set(wording._FIELDS["nb"]) == set(wording._FIELDS["nn"])


BOKMAL_ONLY = ["Endringer fra", "(endret)", "*endret:*", "~~ endret", "endret)", "(fjernet)", "*fjernet:*",
               "(flyttet)", "flyttet ", "Innledning", "Fotnoter", "Slettet tekst", "kapitler", "fet skrift",
               "lagt til", "sted og dato", "ikke henvist", "høyre", "bredde", "tekst endret", "Endret utenfor"]


def test_nynorsk_agreements_get_no_bokmal_words_in_any_case():
    """Every change of the example (tests/diff/test_diff_features.py's cases), made to a nynorsk agreement, is
    shown in nynorsk: none of the diff's bokmål-only words appear in the text or the Markdown."""
    import test_diff_features as features

    for name, change in features.CASES.items():
        def nn(d, change=change):
            d["language"] = "nn"
            if isinstance(change, tuple):
                change[1](d)
            else:
                change(d)

        def nn_old(d, change=change):
            d["language"] = "nn"
            if isinstance(change, tuple):
                change[0](d)

        diff = compare(*features.pair((nn_old, nn)))
        assert diff.language == "nn", name
        for out in (show.text(diff), show.markdown(diff)):
            found = [w for w in BOKMAL_ONLY if w in out]
            assert not found, (name, found)


@pytest.mark.parametrize(("status", "kind", "lang", "expected"), [
    ("added", "paragraph", "nb", "nytt avsnitt"), ("added", "row", "nb", "ny rad"),
    ("removed", "item", "nb", "fjernet punkt"), ("changed", "table", "nb", "endret tabell"),
    ("moved", "section", "nb", "flyttet kapittel"), ("moved-away", "paragraph", "nb", "avsnitt flyttet herfra"),
    ("added", "note", "nn", "ny fotnote"), ("removed", "item", "nn", "fjerna punkt"),
    ("changed", "annex", "nn", "endra vedlegg"), ("moved", "numbered", "nn", "flytta nummerert liste"),
    ("moved-away", "item", "nn", "punkt flytta herifrå"), ("removed", "signatory", "nn", "fjerna underskrivar"),
])
def test_a_part_change_agrees_with_its_noun(status, kind, lang, expected):
    assert wording.part_change(status, kind, lang) == expected
