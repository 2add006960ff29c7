"""`avtale diff` shows every part of the format: tables, nested lists, marks, footnotes, three heading
levels, annexes and the signature block, in the text and the Markdown format.

Each case makes one change to the example agreement (agreements/eksempel-2026-2029.yaml) and pins the
exact lines of both formats: the text format after its header line (its summary lines first), the Markdown
after its heading, with its summary lines apart.
"""

from __future__ import annotations

import copy

import pytest
import yaml
from conftest import AGREEMENTS

from avtale.diff import compare, show
from avtale.diff.tree import CHANGED, SAME, Format
from avtale.model import Agreement

BASE = yaml.safe_load((AGREEMENTS / "eksempel-2026-2029.yaml").read_text(encoding="utf-8"))
HEADER = "Endringer fra eksempel-2026-2029 til eksempel-2026-2029"
MD_HEADING = f"## {HEADER}"
LEGEND = "Slettet tekst er ~~gjennomstreket~~, ny tekst er **uthevet**."


def pair(change) -> tuple[Agreement, Agreement]:
    """OLD and NEW: the example, and the example with `change` made (a function of its data); a pair of
    functions makes both sides from the example."""
    before, after = change if isinstance(change, tuple) else ((lambda d: None), change)
    old, new = copy.deepcopy(BASE), copy.deepcopy(BASE)
    before(old)
    after(new)
    return Agreement.model_validate(old), Agreement.model_validate(new)


def blocks(d, *path):
    """The blocks of a section (`path` = its index), or of a subsection under it (then their indexes)."""
    node = d["sections"][path[0]]
    for i in path[1:]:
        node = node["subsections"][i]
    return node["blocks"]


def replace(d, where, old, new):
    """Replace `old` by `new` in the text at `where` (a list and an index), which must hold it."""
    b, i = where
    assert old in b[i]
    b[i] = b[i].replace(old, new)


def table(d):
    """The captioned table of section 3."""
    return d["sections"][2]["blocks"][1]["table"]


def lst(d):
    """The items of section 2's numbered list (three levels deep)."""
    return d["sections"][1]["blocks"][1]["numbered"]


def sigs(d):
    return d["signing"]["signatories"]


def two_level3(d):
    """A second subsection at the third level: 2.1.2 «Frister»."""
    d["sections"][1]["subsections"][0]["subsections"].append({"title": "Frister", "blocks": ["Fristen er 1. mars."]})


# name -> the change: a function of NEW's data, or (a function of OLD's, a function of NEW's)
CASES = {
    "table-cell": lambda d: table(d)["rows"][1].__setitem__(1, "90"),
    "table-row-added": lambda d: table(d)["rows"].insert(2, ["Kompetanse", "10", "12"]),
    "table-row-removed": lambda d: table(d)["rows"].pop(0),
    "table-header": lambda d: table(d)["header"].__setitem__(2, "2028"),
    "table-caption": lambda d: table(d).__setitem__("caption", "Midler til samarbeidsområdene (tusen kroner)"),
    "table-columns": lambda d: table(d)["columns"][1].update(width=2, align="center"),
    "list-item-added-level-1": lambda d: lst(d).append("Digitalisering av tjenestene."),
    "list-item-changed-level-2": lambda d: lst(d)[1]["numbered"].__setitem__(0, "felles kartlegging, tiltak og oppfølging,"),
    "list-item-added-level-3": lambda d: lst(d)[1]["numbered"][1]["numbered"].append("barnets beste går foran."),
    "list-item-removed-level-3": lambda d: lst(d)[1]["numbered"][1]["numbered"].pop(1),
    "list-style": lambda d: lst(d)[1].__setitem__("style", "1)"),
    "bold-added": lambda d: replace(d, (blocks(d, 0), 0), "der de bor", "**der de bor**"),
    "italic-removed": lambda d: replace(d, (blocks(d, 0), 0), "*jevnlig*", "jevnlig"),
    "link-url": lambda d: replace(d, (blocks(d, 0), 1), "register/lover", "lover"),
    "link-added": lambda d: replace(d, (blocks(d, 0), 1), "barnehageloven", "[barnehageloven](https://lovdata.no/lov/2005-06-17-64)"),
    "footnote-changed": lambda d: d["footnotes"].__setitem__("kostra", d["footnotes"]["kostra"].replace("(kommune-stat-rapportering)", "(kommune-stat-rapportering, SSB)")),
    "footnote-added": lambda d: (d["footnotes"].__setitem__("evaluering", "Evalueringen gjøres av et eksternt miljø."),
                                 replace(d, (blocks(d, 3), 0), "2028,", "2028[^evaluering],")),
    "footnote-removed": lambda d: (d["footnotes"].pop("kostra"),
                                   replace(d, (blocks(d, 1, 0, 0), 0), "[^kostra]", "")),
    "footnote-reference-added": lambda d: replace(d, (blocks(d, 3), 0), "2028,", "2028[^oppvekst],"),
    "subsection-3-moved": (two_level3, lambda d: (two_level3(d), d["sections"][1]["subsections"][0].__setitem__(
        "subsections", d["sections"][1]["subsections"][0]["subsections"][::-1]))),
    "electronic-on": (lambda d: d["signing"].update(electronic=False, place="Oslo", date="2026-01-15"), lambda d: None),
    "subsection-3-added": lambda d: d["sections"][1]["subsections"][0]["subsections"].append({"title": "Frister", "blocks": ["Fristen er 1. mars."]}),
    "subsection-3-changed": lambda d: replace(d, (blocks(d, 1, 0, 0), 0), "nye rapporteringskrav", "nye krav"),
    "annex-added": lambda d: d["annexes"].append({"id": "kontakt", "title": "Kontaktpersoner", "blocks": ["Kontaktpersonene står på partenes nettsider."]}),
    "annex-removed": lambda d: d["annexes"].pop(0),
    "annex-changed": lambda d: replace(d, (d["annexes"][0]["blocks"], 0), "én representant", "to representanter"),
    "annex-moved": lambda d: d.__setitem__("annexes", d["annexes"][::-1]),
    "electronic-off": lambda d: d["signing"].update(electronic=False, place="Oslo", date="2026-01-15"),
    "signatory-place-date": lambda d: sigs(d)[5].update(place="Tromsø", date="2026-01-16"),
    "signatory-added": lambda d: sigs(d).append({"party": "ks", "name": "Tone Berg", "title": "Direktør i KS", "date": "2026-01-15"}),
    "signatory-removed": lambda d: sigs(d).pop(2),
}

EXPECTED = {
    'table-cell': (
        [
            '1 kapittel er endret.',
            '',
            '~ 3 Økonomi (endret)',
            '  ~ tabell «Midler til samarbeidsområdene (mill. kroner)»:',
            '      ~ rad 2, kolonne 2 «2026»: [-80-]{+90+}',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 3 Økonomi (endret)',
            '',
            '- *endret:* Tabell «Midler til samarbeidsområdene (mill. kroner)»:',
            '  - *endret:* rad 2, kolonne 2 «2026»: ~~80~~**90**',
        ],
    ),
    'table-row-added': (
        [
            '1 kapittel er endret.',
            '',
            '~ 3 Økonomi (endret)',
            '  ~ tabell «Midler til samarbeidsområdene (mill. kroner)»:',
            '      + rad 3: {+Kompetanse | 10 | 12+}',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 3 Økonomi (endret)',
            '',
            '- *endret:* Tabell «Midler til samarbeidsområdene (mill. kroner)»:',
            '  - *ny:* rad 3: **Kompetanse \\| 10 \\| 12**',
        ],
    ),
    'table-row-removed': (
        [
            '1 kapittel er endret.',
            '',
            '~ 3 Økonomi (endret)',
            '  ~ tabell «Midler til samarbeidsområdene (mill. kroner)»:',
            '      - rad 1: [-Tidlig innsats | 120 | 125-]',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 3 Økonomi (endret)',
            '',
            '- *endret:* Tabell «Midler til samarbeidsområdene (mill. kroner)»:',
            '  - *fjernet:* rad 1: ~~Tidlig innsats \\| 120 \\| 125~~',
        ],
    ),
    'table-header': (
        [
            '1 kapittel er endret.',
            '',
            '~ 3 Økonomi (endret)',
            '  ~ tabell «Midler til samarbeidsområdene (mill. kroner)»:',
            '      ~ overskriftsrad, kolonne 3 «2028»: [-2027-]{+2028+}',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 3 Økonomi (endret)',
            '',
            '- *endret:* Tabell «Midler til samarbeidsområdene (mill. kroner)»:',
            '  - *endret:* overskriftsrad, kolonne 3 «2028»: ~~2027~~**2028**',
        ],
    ),
    'table-caption': (
        [
            '1 kapittel er endret.',
            '',
            '~ 3 Økonomi (endret)',
            '  ~ tabell «Midler til samarbeidsområdene (tusen kroner)»:',
            '      ~ tittel: Midler til samarbeidsområdene ([-mill.-]{+tusen+} kroner)',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 3 Økonomi (endret)',
            '',
            '- *endret:* Tabell «Midler til samarbeidsområdene (tusen kroner)»:',
            '  - *endret:* tittel: Midler til samarbeidsområdene (~~mill.~~**tusen** kroner)',
        ],
    ),
    'table-columns': (
        [
            '1 kapittel er endret.',
            '',
            '~ 3 Økonomi (endret)',
            '  ~ tabell «Midler til samarbeidsområdene (mill. kroner)»:',
            '      ~ kolonne 2 «2026»: bredde 1, høyre → bredde 2, midtstilt',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 3 Økonomi (endret)',
            '',
            '- *endret:* Tabell «Midler til samarbeidsområdene (mill. kroner)»:',
            '  - *endret:* kolonne 2 «2026»: bredde 1, høyre → bredde 2, midtstilt',
        ],
    ),
    'list-item-added-level-1': (
        [
            '1 kapittel er endret.',
            '',
            '~ 2 Samarbeidsområder (endret)',
            '  ~ nummerert liste:',
            '      + 4. {+Digitalisering av tjenestene.+}',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 2 Samarbeidsområder (endret)',
            '',
            '- *endret:* Nummerert liste:',
            '  - *ny:* 4. **Digitalisering av tjenestene.**',
        ],
    ),
    'list-item-changed-level-2': (
        [
            '1 kapittel er endret.',
            '',
            '~ 2 Samarbeidsområder (endret)',
            '  ~ nummerert liste:',
            '      ~ 2. Tverrfaglig samarbeid om utsatte barn og unge, blant annet om',
            '          ~ a) felles kartlegging{+, tiltak+} og oppfølging,',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 2 Samarbeidsområder (endret)',
            '',
            '- *endret:* Nummerert liste:',
            '  - *endret:* 2. Tverrfaglig samarbeid om utsatte barn og unge, blant annet om',
            '    - *endret:* a) felles kartlegging**, tiltak** og oppfølging,',
        ],
    ),
    'list-item-added-level-3': (
        [
            '1 kapittel er endret.',
            '',
            '~ 2 Samarbeidsområder (endret)',
            '  ~ nummerert liste:',
            '      ~ 2. Tverrfaglig samarbeid om utsatte barn og unge, blant annet om',
            '          ~ b) informasjonsdeling mellom tjenestene, der',
            '              + iii) {+barnets beste går foran.+}',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 2 Samarbeidsområder (endret)',
            '',
            '- *endret:* Nummerert liste:',
            '  - *endret:* 2. Tverrfaglig samarbeid om utsatte barn og unge, blant annet om',
            '    - *endret:* b) informasjonsdeling mellom tjenestene, der',
            '      - *ny:* iii) **barnets beste går foran.**',
        ],
    ),
    'list-item-removed-level-3': (
        [
            '1 kapittel er endret.',
            '',
            '~ 2 Samarbeidsområder (endret)',
            '  ~ nummerert liste:',
            '      ~ 2. Tverrfaglig samarbeid om utsatte barn og unge, blant annet om',
            '          ~ b) informasjonsdeling mellom tjenestene, der',
            '              - ii) [-taushetsplikten gjelder som før;-]',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 2 Samarbeidsområder (endret)',
            '',
            '- *endret:* Nummerert liste:',
            '  - *endret:* 2. Tverrfaglig samarbeid om utsatte barn og unge, blant annet om',
            '    - *endret:* b) informasjonsdeling mellom tjenestene, der',
            '      - *fjernet:* ii) ~~taushetsplikten gjelder som før;~~',
        ],
    ),
    'list-style': (
        [
            '1 kapittel er endret.',
            '',
            '~ 2 Samarbeidsområder (endret)',
            '  ~ nummerert liste:',
            '      ~ 2. Tverrfaglig samarbeid om utsatte barn og unge, blant annet om',
            '      ~ nummerert liste, nummerering a) → 1):',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 2 Samarbeidsområder (endret)',
            '',
            '- *endret:* Nummerert liste:',
            '  - *endret:* 2. Tverrfaglig samarbeid om utsatte barn og unge, blant annet om',
            '    - *endret:* Nummerert liste, nummerering a) → 1\\):',
        ],
    ),
    'bold-added': (
        [
            '1 kapittel er endret.',
            '',
            '~ 1 Formålet med avtalen (endret)',
            '  ~ **der de bor**: fet skrift lagt til',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 1 Formålet med avtalen (endret)',
            '',
            '- *formatering:* **der de bor**: fet skrift lagt til',
        ],
    ),
    'italic-removed': (
        [
            '1 kapittel er endret.',
            '',
            '~ 1 Formålet med avtalen (endret)',
            '  ~ jevnlig: kursiv fjernet',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 1 Formålet med avtalen (endret)',
            '',
            '- *formatering:* jevnlig: kursiv fjernet',
        ],
    ),
    'link-url': (
        [
            '1 kapittel er endret.',
            '',
            '~ 1 Formålet med avtalen (endret)',
            '  ~ [Lovdata](https://lovdata.no/lover): lenke endret: https://lovdata.no/register/lover → https://lovdata.no/lover',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 1 Formålet med avtalen (endret)',
            '',
            '- *formatering:* [Lovdata](https://lovdata.no/lover): lenke endret: <https://lovdata.no/register/lover> → <https://lovdata.no/lover>',
        ],
    ),
    'link-added': (
        [
            '1 kapittel er endret.',
            '',
            '~ 1 Formålet med avtalen (endret)',
            '  ~ [barnehageloven](https://lovdata.no/lov/2005-06-17-64): lenke lagt til (https://lovdata.no/lov/2005-06-17-64)',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 1 Formålet med avtalen (endret)',
            '',
            '- *formatering:* [barnehageloven](https://lovdata.no/lov/2005-06-17-64): lenke lagt til (<https://lovdata.no/lov/2005-06-17-64>)',
        ],
    ),
    'footnote-changed': (
        [
            '',
            'Fotnoter',
            '  ~ 2 [^kostra]: KOSTRA (kommune-stat-rapportering{+, SSB+}), se [ssb.no/kostra](https://www.ssb.no/offentlig-sektor/kostra).',
        ],
        [
        ],
        [
            '### Fotnoter',
            '',
            '- *endret:* 2 `[^kostra]`: KOSTRA (kommune-stat-rapportering**, SSB**), se \\[ssb.no/kostra\\](https://www.ssb.no/offentlig-sektor/kostra).',
        ],
    ),
    'footnote-added': (
        [
            '1 kapittel er endret.',
            '',
            '~ 4 Tidsramme og evaluering (endret)',
            '  ~ Avtalen gjelder fra 1. januar 2026 til 31. desember 2029. Den skal evalueres innen utgangen av 2028{+[^evaluering]+}, se [fremdriftsplanen](#plan).',
            '',
            'Fotnoter',
            '  + 3 [^evaluering]: {+Evalueringen gjøres av et eksternt miljø.+}',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 4 Tidsramme og evaluering (endret)',
            '',
            '- *endret:* Avtalen gjelder fra 1. januar 2026 til 31. desember 2029. Den skal evalueres innen utgangen av 2028**\\[^evaluering\\]**, se \\[fremdriftsplanen\\](\\#plan).',
            '',
            '### Fotnoter',
            '',
            '- *ny:* 3 `[^evaluering]`: **Evalueringen gjøres av et eksternt miljø.**',
        ],
    ),
    'footnote-removed': (
        [
            '1 kapittel er endret.',
            '',
            '~ 2 Samarbeidsområder (endret)',
            '',
            '~ 2.1 Oppfølging i kommunene (endret)',
            '',
            '~ 2.1.1 Rapportering (endret)',
            '  ~ Kommunene rapporterer gjennom de ordinære rapporteringssystemene[-[^kostra]-]; det innføres ingen nye rapporteringskrav.',
            '',
            'Fotnoter',
            '  - 2 [^kostra]: [-KOSTRA (kommune-stat-rapportering), se [ssb.no/kostra](https://www.ssb.no/offentlig-sektor/kostra).-]',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 2 Samarbeidsområder (endret)',
            '',
            '#### 2.1 Oppfølging i kommunene (endret)',
            '',
            '##### 2.1.1 Rapportering (endret)',
            '',
            '- *endret:* Kommunene rapporterer gjennom de ordinære rapporteringssystemene~~\\[^kostra\\]~~; det innføres ingen nye rapporteringskrav.',
            '',
            '### Fotnoter',
            '',
            '- *fjernet:* 2 `[^kostra]`: ~~KOSTRA (kommune-stat-rapportering), se \\[ssb.no/kostra\\](https://www.ssb.no/offentlig-sektor/kostra).~~',
        ],
    ),
    'footnote-reference-added': (
        [
            '1 kapittel er endret.',
            '',
            '~ 4 Tidsramme og evaluering (endret)',
            '  ~ Avtalen gjelder fra 1. januar 2026 til 31. desember 2029. Den skal evalueres innen utgangen av 2028{+[^oppvekst]+}, se [fremdriftsplanen](#plan).',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 4 Tidsramme og evaluering (endret)',
            '',
            '- *endret:* Avtalen gjelder fra 1. januar 2026 til 31. desember 2029. Den skal evalueres innen utgangen av 2028**\\[^oppvekst\\]**, se \\[fremdriftsplanen\\](\\#plan).',
        ],
    ),
    'subsection-3-moved': (
        [
            '1 kapittel er endret.',
            '',
            '~ 2 Samarbeidsområder (endret)',
            '',
            '~ 2.1 Oppfølging i kommunene (endret)',
            '',
            '> 2.1.2→2.1.1 Frister (flyttet)',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 2 Samarbeidsområder (endret)',
            '',
            '#### 2.1 Oppfølging i kommunene (endret)',
            '',
            '##### 2.1.2→2.1.1 Frister (flyttet)',
        ],
    ),
    'electronic-on': (
        [
            '',
            'Underskrifter',
            '  - sted og dato: Oslo, 15. januar 2026',
            '  ~ elektronisk signering: nei → ja',
        ],
        [
        ],
        [
            '### Underskrifter',
            '',
            '- *fjernet:* sted og dato: ~~Oslo, 15. januar 2026~~',
            '- *endret:* elektronisk signering: ~~nei~~ → **ja**',
        ],
    ),
    'subsection-3-added': (
        [
            '1 kapittel er endret.',
            '',
            '~ 2 Samarbeidsområder (endret)',
            '',
            '~ 2.1 Oppfølging i kommunene (endret)',
            '',
            '+ 2.1.2 Frister (nytt)',
            '  + {+Fristen er 1. mars.+}',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 2 Samarbeidsområder (endret)',
            '',
            '#### 2.1 Oppfølging i kommunene (endret)',
            '',
            '##### 2.1.2 Frister (nytt)',
            '',
            '- *ny:* **Fristen er 1. mars.**',
        ],
    ),
    'subsection-3-changed': (
        [
            '1 kapittel er endret.',
            '',
            '~ 2 Samarbeidsområder (endret)',
            '',
            '~ 2.1 Oppfølging i kommunene (endret)',
            '',
            '~ 2.1.1 Rapportering (endret)',
            '  ~ Kommunene rapporterer gjennom de ordinære rapporteringssystemene[^kostra]; det innføres ingen nye [-rapporteringskrav-]{+krav+}.',
        ],
        [
            '1 kapittel er endret.',
        ],
        [
            '### 2 Samarbeidsområder (endret)',
            '',
            '#### 2.1 Oppfølging i kommunene (endret)',
            '',
            '##### 2.1.1 Rapportering (endret)',
            '',
            '- *endret:* Kommunene rapporterer gjennom de ordinære rapporteringssystemene\\[^kostra\\]; det innføres ingen nye ~~rapporteringskrav~~**krav**.',
        ],
    ),
    'annex-added': (
        [
            '1 vedlegg er nytt.',
            '',
            '+ vedlegg 3 Kontaktpersoner (nytt)',
            '  + {+Kontaktpersonene står på partenes nettsider.+}',
        ],
        [
            '1 vedlegg er nytt.',
        ],
        [
            '### Vedlegg 3 Kontaktpersoner (nytt)',
            '',
            '- *ny:* **Kontaktpersonene står på partenes nettsider.**',
        ],
    ),
    'annex-removed': (
        [
            '1 vedlegg er fjernet.',
            '',
            '- vedlegg 1 Mandat for partssamarbeidet (fjernet)',
            '  - [-Partssamarbeidet ledes av en styringsgruppe med én representant fra hver part.-]',
            '  - punktliste:',
            '      - • [-Styringsgruppen møtes minst to ganger i året.-]',
            '      - • [-Sekretariatet ligger i Kunnskapsdepartementet.-]',
            '',
            '- vedlegg 1, 1 Styringsgruppens oppgaver (fjernet)',
            '  - [-Styringsgruppen følger opp avtalen og foreslår endringer for partene.-]',
        ],
        [
            '1 vedlegg er fjernet.',
        ],
        [
            '### Vedlegg 1 Mandat for partssamarbeidet (fjernet)',
            '',
            '- *fjernet:* ~~Partssamarbeidet ledes av en styringsgruppe med én representant fra hver part.~~',
            '- *fjernet:* Punktliste:',
            '  - *fjernet:* ~~Styringsgruppen møtes minst to ganger i året.~~',
            '  - *fjernet:* ~~Sekretariatet ligger i Kunnskapsdepartementet.~~',
            '',
            '#### Vedlegg 1, 1 Styringsgruppens oppgaver (fjernet)',
            '',
            '- *fjernet:* ~~Styringsgruppen følger opp avtalen og foreslår endringer for partene.~~',
        ],
    ),
    'annex-changed': (
        [
            '1 vedlegg er endret.',
            '',
            '~ vedlegg 1 Mandat for partssamarbeidet (endret)',
            '  ~ Partssamarbeidet ledes av en styringsgruppe med [-én representant-]{+to representanter+} fra hver part.',
        ],
        [
            '1 vedlegg er endret.',
        ],
        [
            '### Vedlegg 1 Mandat for partssamarbeidet (endret)',
            '',
            '- *endret:* Partssamarbeidet ledes av en styringsgruppe med ~~én representant~~**to representanter** fra hver part.',
        ],
    ),
    'annex-moved': (
        [
            '1 vedlegg er flyttet.',
            '',
            '> vedlegg 2→1 Fremdriftsplan (flyttet)',
        ],
        [
            '1 vedlegg er flyttet.',
        ],
        [
            '### Vedlegg 2→1 Fremdriftsplan (flyttet)',
        ],
    ),
    'electronic-off': (
        [
            '',
            'Underskrifter',
            '  + sted og dato: Oslo, 15. januar 2026',
            '  ~ elektronisk signering: ja → nei',
        ],
        [
        ],
        [
            '### Underskrifter',
            '',
            '- *ny:* sted og dato: **Oslo, 15. januar 2026**',
            '- *endret:* elektronisk signering: ~~ja~~ → **nei**',
        ],
    ),
    'signatory-place-date': (
        [
            '',
            'Underskrifter',
            '  ~ Bjørn Arild Gram (KS): Styreleder i KS, Bodø, 15. januar 2026 → Styreleder i KS, Tromsø, 16. januar 2026',
        ],
        [
        ],
        [
            '### Underskrifter',
            '',
            '- *endret:* Bjørn Arild Gram (KS): ~~Styreleder i KS, Bodø, 15. januar 2026~~ → **Styreleder i KS, Tromsø, 16. januar 2026**',
        ],
    ),
    'signatory-added': (
        [
            '',
            'Underskrifter',
            '  + Tone Berg (KS): Direktør i KS, 15. januar 2026',
        ],
        [
        ],
        [
            '### Underskrifter',
            '',
            '- *ny:* Tone Berg (KS): **Direktør i KS, 15. januar 2026**',
        ],
    ),
    'signatory-removed': (
        [
            '',
            'Underskrifter',
            '  - Ingrid Hansen (Helse- og omsorgsdepartementet): Helse- og omsorgsminister, 13. januar 2026',
        ],
        [
        ],
        [
            '### Underskrifter',
            '',
            '- *fjernet:* Ingrid Hansen (Helse- og omsorgsdepartementet): ~~Helse- og omsorgsminister, 13. januar 2026~~',
        ],
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_text_format(name):
    text = show.text(compare(*pair(CASES[name])))
    assert text.splitlines() == [HEADER, *EXPECTED[name][0]]
    assert text.endswith("\n")


@pytest.mark.parametrize("name", list(CASES))
def test_markdown_format(name):
    _, counts, body = EXPECTED[name]
    lines = show.markdown(compare(*pair(CASES[name]))).splitlines()
    assert lines == [MD_HEADING, "", *counts, LEGEND, "", *body]


def test_unchanged_example_has_no_changes():
    old, new = pair(lambda d: None)
    diff = compare(old, new)
    assert diff.empty
    assert show.text(diff) == f"{HEADER}\nIngen endringer i avtalen.\n"
    assert show.markdown(diff) == f"{MD_HEADING}\n\nIngen endringer i avtalen.\n"


def test_marks_only_change_is_a_format_in_the_tree():
    """A phrase made bold: the words are kept; the tree says which phrase and which marks, on each side."""
    diff = compare(*pair(CASES["bold-added"]))
    text = diff.sections[0].blocks[0].text
    assert (text.status, text.marks_only) == (CHANGED, True)
    assert text.formats == [Format("der de bor", (("der de bor", False, False, None),),
                                   (("der de bor", True, False, None),))]
    assert "**der de bor**" in text.new and "**der de bor**" not in text.old


def test_link_added_to_a_word_leaves_the_comma_after_it():
    diff = compare(*pair(CASES["link-added"]))
    (f,) = diff.sections[0].blocks[1].text.formats
    assert (f.phrase, f.old[0][3], f.new[0][3]) == ("barnehageloven", None, "https://lovdata.no/lov/2005-06-17-64")


def test_numbers_of_footnotes_follow_first_use():
    diff = compare(*pair(CASES["footnote-added"]))
    assert [(n.id, n.status, n.old_number, n.new_number) for n in diff.footnotes] == [
        ("oppvekst", SAME, 1, 1), ("kostra", SAME, 2, 2), ("evaluering", "added", None, 3)]


def test_table_cell_in_the_tree():
    diff = compare(*pair(CASES["table-cell"]))
    table = diff.sections[2].blocks[1]
    assert (table.kind, table.status, table.header.status) == ("table", CHANGED, SAME)
    assert [(r.status, r.old_number, r.new_number) for r in table.rows] == [
        (SAME, 1, 1), (CHANGED, 2, 2), (SAME, 3, 3)]
    assert table.rows[1].cells[1].ops == [("-", "80"), ("+", "90")]


def test_more_than_five_signatories_by_name_and_party():
    """Seven signatories, two of them for KS: the one added is told apart from the one already there."""
    diff = compare(*pair(CASES["signatory-added"]))
    assert [(c.kind, c.status, c.what) for c in diff.signing] == [("signatory", "added", "Tone Berg (KS)")]
