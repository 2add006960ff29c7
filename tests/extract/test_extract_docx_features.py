"""`avtale extract` of a Word file reads issue 15's structures back from Word's own parts.

Inputs are written by `docx_features_maker` as Word and LibreOffice write them (not by avtale's renderer):
runs with `w:b`/`w:i`, `w:hyperlink` (r:id and w:anchor), a footnotes part, numbering levels, tables with
`w:tblHeader` and `w:tblGrid`, Heading 1–3, annex headings with bookmarks, signature tables. Each test
compares the extracted model exactly.
"""

from __future__ import annotations

from docx.enum.style import WD_STYLE_TYPE

from avtale import inline
from avtale.extract import extract
from avtale.extract.compare import content

from docx_features_maker import Maker, skeleton


def _extract(tmp_path, body, name="a.docx", **kw):
    m = skeleton(Maker(), body, **kw)
    path = m.save(tmp_path / name)
    return extract(path).agreement


def _blocks(agreement, i=0):
    return agreement.sections[i].model_dump(mode="json", exclude_none=True)["blocks"]


def test_bold_italic_runs_are_marks_and_literal_asterisks_stay_literal(tmp_path):
    def body(m):
        m.para("Formålet er ", ("b", "likeverdige tjenester"), " der de bor; partene skal ", ("i", "jevnlig"),
               " vurdere avtalen.")
        m.para("Et tall merket med * er et anslag, og [1] er en henvisning.")
        m.para(("b", "Alt i denne setningen er uthevet."))
        style = m.doc.styles.add_style("Uthevet avsnitt", WD_STYLE_TYPE.PARAGRAPH)
        style.font.bold = True
        m.para("Et avsnitt i en halvfet stil er ingen markering.", style="Uthevet avsnitt")
        m.para(("bi", "Begge"), " og ", ("i", "kursiv "), "med mellomrom.")

    blocks = _blocks(_extract(tmp_path, body))
    assert blocks == [
        "Formålet er **likeverdige tjenester** der de bor; partene skal *jevnlig* vurdere avtalen.",
        "Et tall merket med \\* er et anslag, og [1] er en henvisning.",
        "**Alt i denne setningen er uthevet.**",
        "Et avsnitt i en halvfet stil er ingen markering.",
        "***Begge*** og *kursiv* med mellomrom.",
    ]
    assert inline.plain(blocks[1]) == "Et tall merket med * er et anslag, og [1] er en henvisning."


def test_hyperlinks_and_annex_references(tmp_path):
    def body(m):
        m.para("Lovene finnes på ", ("link", "Lovdata", "https://lovdata.no/register/lover"),
               " (https://lovdata.no/register/lover).")
        m.para("Mandatet står i ", ("anchor", "vedlegg 1", "mandat"), ", og planen i ",
               ("anchor", "fremdriftsplanen", "plan"), ".")
        m.para("En lenke til et bokmerke som ikke er et vedlegg er tekst: ", ("anchor", "her", "_Toc1"), ".")

    def annexes(m):
        m.annex(1, "Mandat for partssamarbeidet", "mandat")
        m.para("Styringsgruppen har én representant fra hver part.")
        m.annex(2, "Fremdriftsplan", "plan")
        m.para("Planen følger.")

    a = _extract(tmp_path, body, annexes=[annexes])
    assert _blocks(a) == [
        "Lovene finnes på [Lovdata](https://lovdata.no/register/lover).",
        "Mandatet står i [#mandat], og planen i [fremdriftsplanen](#plan).",
        "En lenke til et bokmerke som ikke er et vedlegg er tekst: her.",
    ]
    assert [(x.id, x.title) for x in a.annexes] == [("mandat", "Mandat for partssamarbeidet"),
                                                     ("plan", "Fremdriftsplan")]


def test_footnotes_are_read_from_the_footnotes_part(tmp_path):
    def body(m):
        m.para("Avtalen bygger på meldingen", ("note", "Meld. St. 6 (2019–2020) Tett på."), " og på erfaringer.")
        m.para("Kommunene rapporterer gjennom KOSTRA", ("note", "Kommune-stat-rapportering."), ".")

    a = _extract(tmp_path, body)
    assert _blocks(a) == ["Avtalen bygger på meldingen[^n1] og på erfaringer.",
                          "Kommunene rapporterer gjennom KOSTRA[^n2]."]
    assert a.footnotes == {"n1": "Meld. St. 6 (2019–2020) Tett på.", "n2": "Kommune-stat-rapportering."}


def test_tables_with_header_caption_widths_and_alignment(tmp_path):
    def body(m):
        m.para("Fordelingen er:")
        m.para("Tabell 1: Midler til samarbeidsområdene (mill. kroner)")
        m.table(["Samarbeidsområde", "2026", "2027"],
                [["Tidlig innsats", "120", "125"], ["Tverrfaglig samarbeid*", "80", "85"],
                 [[("b", "Sum")], [("b", "200")], [("b", "210")]]],
                widths=[5400, 1800, 1800], aligns=["left", "right", "right"])
        m.para("Kontakter:")
        m.table(["Rolle", "Ansvar"], [["Sekretariat", "Kunnskapsdepartementet og KS"]], widths=[4500, 4500],
                header_repeat=False)

    assert _blocks(_extract(tmp_path, body)) == [
        "Fordelingen er:",
        {"table": {"caption": "Midler til samarbeidsområdene (mill. kroner)",
                   "columns": [{"width": 3.0, "align": "left"}, {"width": 1.0, "align": "right"},
                               {"width": 1.0, "align": "right"}],
                   "header": ["Samarbeidsområde", "2026", "2027"],
                   "rows": [["Tidlig innsats", "120", "125"], ["Tverrfaglig samarbeid*", "80", "85"],
                            ["**Sum**", "**200**", "**210**"]]}},
        "Kontakter:",
        {"table": {"header": ["Rolle", "Ansvar"], "rows": [["Sekretariat", "Kunnskapsdepartementet og KS"]]}},
    ]


def test_nested_numbering_levels_become_nested_lists(tmp_path):
    def body(m):
        m.para("Partene skal særskilt samarbeide om:")
        m.numbered(["Tidlig innsats.",
                    "Tverrfaglig samarbeid, blant annet om",
                    (1, "felles kartlegging,"), (1, ["informasjonsdeling, der ", ("i", "samtykke")]),
                    (2, "samtykke er hovedregelen, og"), (2, "taushetsplikten gjelder;"),
                    (1, "samlokaliserte tjenester."),
                    "Kompetanse, særlig", (3, "videreutdanning,"), (3, "veiledning.")])

    assert _blocks(_extract(tmp_path, body)) == [
        "Partene skal særskilt samarbeide om:",
        {"numbered": [
            "Tidlig innsats.",
            {"text": "Tverrfaglig samarbeid, blant annet om", "numbered": [
                "felles kartlegging,",
                {"text": "informasjonsdeling, der *samtykke*",
                 "numbered": ["samtykke er hovedregelen, og", "taushetsplikten gjelder;"]},
                "samlokaliserte tjenester."]},
            {"text": "Kompetanse, særlig", "bullets": ["videreutdanning,", "veiledning."]}]},
    ]


def test_three_heading_levels(tmp_path):
    def body(m):
        m.para("Innledning.")
        m.heading("1.1 Oppfølging i kommunene", 2)
        m.para("KS skal bidra.")
        m.heading("1.1.1 Rapportering", 3)
        m.para("Kommunene rapporterer som før.")
        m.heading("1.2 Oppfølging i staten", 2)
        m.para("Departementene samordner.")

    s = _extract(tmp_path, body).sections[0].model_dump(mode="json", exclude_none=True)
    assert s == {"title": "Formål", "blocks": ["Innledning."], "subsections": [
        {"title": "Oppfølging i kommunene", "blocks": ["KS skal bidra."], "subsections": [
            {"title": "Rapportering", "blocks": ["Kommunene rapporterer som før."], "subsections": []}]},
        {"title": "Oppfølging i staten", "blocks": ["Departementene samordner."], "subsections": []}]}


def test_annexes_after_the_signature_block(tmp_path):
    def annexes(m):
        m.annex(1, "Mandat", "mandat")
        m.para("Styringsgruppen ledes av KS.")
        m.numbered(["Den møtes to ganger i året.", "Den rapporterer til partene."])
        m.heading("Styringsgruppens oppgaver", 2)
        m.para("Den følger opp avtalen.")
        m.annex(2, "Fremdriftsplan", None)
        m.table(["Tiltak", "Frist"], [["Veileder", "1. juni 2027"]])

    a = _extract(tmp_path, lambda m: m.para("Innledning."), annexes=[annexes])
    assert [x.model_dump(mode="json", exclude_none=True) for x in a.annexes] == [
        {"id": "mandat", "title": "Mandat",
         "blocks": ["Styringsgruppen ledes av KS.",
                    {"numbered": ["Den møtes to ganger i året.", "Den rapporterer til partene."]}],
         "subsections": [{"title": "Styringsgruppens oppgaver", "blocks": ["Den følger opp avtalen."],
                          "subsections": []}]},
        {"title": "Fremdriftsplan",
         "blocks": [{"table": {"header": ["Tiltak", "Frist"], "rows": [["Veileder", "1. juni 2027"]]}}],
         "subsections": []},
    ]
    assert a.signing is not None and [s.name for s in a.signing.signatories] == ["Kari Nordmann", "Ola Hansen"]


SIX = [("Kunnskapsdepartementet", "Kari Nordmann", "Kunnskapsminister", None),
       ("Barne- og familiedepartementet", "Ola Nordmann", "Barne- og familieminister", None),
       ("Helse- og omsorgsdepartementet", "Ingrid Hansen", "Helse- og omsorgsminister", None),
       ("Kommunal- og distriktsdepartementet", "Per Olsen", "Kommunal- og distriktsminister", None),
       ("Justis- og beredskapsdepartementet", "Anne Larsen", "Justis- og beredskapsminister", None),
       ("KS", "Bjørn Arild Gram", "Styreleder i KS", None)]


def test_six_signatories_signing_electronically(tmp_path):
    a = _extract(tmp_path, lambda m: m.para("Innledning."), signers=SIX, electronic=True,
                 place_date="Oslo, 12. januar 2026")
    g = a.signing
    assert g.electronic is True and (g.place, g.date.isoformat()) == ("Oslo", "2026-01-12")
    assert [(a.party(s.party).name, s.name, s.title) for s in g.signatories] == [x[:3] for x in SIX]


def test_every_feature_together(tmp_path):
    def body(m):
        m.para("Formålet er ", ("b", "likeverdige tjenester"), ", se ", ("anchor", "vedlegg 1", "mandat"),
               " og ", ("link", "Lovdata", "https://lovdata.no"), ".", ("note", "Se *også* meldingen."))
        m.para("Partene skal:")
        m.numbered(["samarbeide om", (1, "kartlegging,"), (1, "oppfølging;"), "rapportere."])
        m.table(["Område", "Beløp"], [["Tidlig innsats", "120"]], aligns=["left", "right"])
        m.heading("1.1 Oppfølging", 2)
        m.para("KS bidrar.")
        m.heading("1.1.1 Rapportering", 3)
        m.para(("i", "Ingen"), " nye krav.")

    def annexes(m):
        m.annex(1, "Mandat", "mandat")
        m.para("Styringsgruppen følger opp.")

    a = _extract(tmp_path, body, signers=SIX, electronic=True, annexes=[annexes])
    s = a.sections[0].model_dump(mode="json", exclude_none=True)
    assert s == {"title": "Formål", "blocks": [
        "Formålet er **likeverdige tjenester**, se [#mandat] og [Lovdata](https://lovdata.no).[^n1]",
        "Partene skal:",
        {"numbered": [{"text": "samarbeide om", "numbered": ["kartlegging,", "oppfølging;"]}, "rapportere."]},
        {"table": {"columns": [{"align": "left"}, {"align": "right"}], "header": ["Område", "Beløp"],
                   "rows": [["Tidlig innsats", "120"]]}},
    ], "subsections": [{"title": "Oppfølging", "blocks": ["KS bidrar."], "subsections": [
        {"title": "Rapportering", "blocks": ["*Ingen* nye krav."], "subsections": []}]}]}
    assert a.footnotes == {"n1": "Se \\*også* meldingen."}  # a word-final star as a drafter types it
    assert [(x.id, x.title, x.blocks) for x in a.annexes] == [("mandat", "Mandat", ["Styringsgruppen følger opp."])]
    assert a.signing.electronic and len(a.signing.signatories) == 6
    assert content(a)["body"]["sections"][0]["blocks"][0] == \
        "Formålet er likeverdige tjenester, se mandat og Lovdata."
