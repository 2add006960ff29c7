"""Writes the layout fixtures (tests/layout/fixtures/*.yaml) and their logos, from the committed agreements' text.

Run it again only to change the fixtures: `PYTHONPATH=src python tests/layout/make_fixtures.py`, then
`scripts/layout-references` (the references follow the fixtures). The YAML it writes is committed, so the
tests never depend on this script; it is here so that a fixture's origin can be read and changed in one place.

The set covers what the layout must hold for (issue 16): 2, 3, 5, 8 and 12 parties signing on paper, long
ministry names and long personal names, logos and none, nynorsk, every heading numbering the model allows,
a draft, annexes, tables and footnotes, and electronic signing. Each fixture is 2–4 pages.
"""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIXTURES = HERE / "fixtures"
LOGOS = FIXTURES / "logos"
sys.path.insert(0, str(ROOT / "src"))

from avtale import agreements
from avtale.model import Agreement
from avtale.store.write import dump

SCHEMA_COMMENT = "# yaml-language-server: $schema=../../../schema/agreement.schema.json"

# Real ministries (full name, short name, the minister's title) and KS.
MINISTRIES = {
    "kd": ("Kunnskapsdepartementet", "KD", "Kunnskapsminister"),
    "aid": ("Arbeids- og inkluderingsdepartementet", "AID", "Arbeids- og inkluderingsminister"),
    "kdd": ("Kommunal- og distriktsdepartementet", "KDD", "Kommunal- og distriktsminister"),
    "sd": ("Samferdselsdepartementet", "SD", "Samferdselsminister"),
    "hod": ("Helse- og omsorgsdepartementet", "HOD", "Helse- og omsorgsminister"),
    "bfd": ("Barne- og familiedepartementet", "BFD", "Barne- og familieminister"),
    "jd": ("Justis- og beredskapsdepartementet", "JD", "Justis- og beredskapsminister"),
    "kld": ("Klima- og miljødepartementet", "KLD", "Klima- og miljøminister"),
    "kud": ("Kultur- og likestillingsdepartementet", "KUD", "Kultur- og likestillingsminister"),
    "lmd": ("Landbruks- og matdepartementet", "LMD", "Landbruks- og matminister"),
    "nfd": ("Nærings- og fiskeridepartementet", "NFD", "Nærings- og fiskeriminister"),
    "dfd": ("Digitaliserings- og forvaltningsdepartementet", "DFD", "Digitaliserings- og forvaltningsminister"),
}
# Made-up people, some with long double names.
PEOPLE = [
    "Anne-Kristine Bjørnstad-Haugland", "Kari Nordmann", "Bjørn Johansen", "Ingrid Hansen", "Ola Nordmann",
    "Mari-Ann Strømsholm-Kristiansen", "Per Olav Lindqvist", "Sigrid Aasen", "Tor Einar Fjellheim-Berg",
    "Hanne Marit Solberg", "Jon-Erik Vestbø", "Lise Øvrebø", "Trond Arne Haugen",
]
KS_PERSON = ("Bjørn Arild Gramstad", "Styreleder i KS")

# Logos: (file, width, height, colour); different shapes, so "scaled to one height" shows.
LOGO_SPECS = {
    "kd": ((0, 51, 160), 240, 80),
    "ks": ((200, 16, 46), 120, 80),
    "aid": ((0, 110, 80), 320, 80),
    "kdd": ((90, 40, 120), 160, 120),
    "sd": ((220, 120, 0), 200, 100),
}

BASE = agreements.read(ROOT / "agreements" / "2022-2025.yaml").model_dump(mode="json", exclude_defaults=True)
EXAMPLE = agreements.read(ROOT / "agreements" / "eksempel-2026-2029.yaml").model_dump(
    mode="json", exclude_defaults=True)
OLD = agreements.read(ROOT / "agreements" / "2014-2017.yaml").model_dump(mode="json", exclude_defaults=True)


def section(source: dict, title: str) -> dict:
    return next(s for s in source["sections"] if s["title"] == title)


def parties(ids: list[str], logos: bool = False) -> list[dict]:
    out = []
    for pid in ids:
        if pid == "ks":
            party = {"id": "ks", "name": "KS"}
        else:
            name, short, _ = MINISTRIES[pid]
            party = {"id": pid, "name": name, "short": short}
        if logos and pid in LOGO_SPECS:
            party["logo"] = {"file": f"logos/{pid}.png", "alt": f"Logoen til {party['name']}"}
        out.append(party)
    return out


def signatories(ids: list[str], people_from: int = 0, **extra) -> list[dict]:
    out = []
    for i, pid in enumerate(ids):
        if pid == "ks":
            name, title = KS_PERSON
        else:
            name, title = PEOPLE[(people_from + i) % len(PEOPLE)], MINISTRIES[pid][2]
        out.append({"party": pid, "name": name, "title": title, **extra})
    return out


def paper(ids: list[str], people_from: int = 0, place: str = "Oslo", date: str = "2026-01-12") -> dict:
    return {"place": place, "date": date, "signatories": signatories(ids, people_from)}


def common(fixture_id: str, title: str, ids: list[str], **rest) -> dict:
    data = {"id": fixture_id, "title": title, "language": "nb", "parties": parties(ids, rest.pop("logos", False)),
            "period": {"start": "2026-01-01", "end": "2029-12-31"}, "status": "signed"}
    data.update(rest)
    return data


PURPOSE = section(BASE, "Formålet med avtalen")
DUTIES = section(BASE, "Avtalepartenes forpliktelser")
OTHERS = section(BASE, "Andre berørte parter og forventninger til medvirkning")
AREAS = section(BASE, "Samarbeidsområder i avtaleperioden")
ECONOMY = section(BASE, "Økonomi")
TIME = {"title": "Tidsramme og evaluering", "blocks": [
    section(BASE, "Tidsramme og evaluering")["blocks"][0].replace("31. desember 2025", "31. desember 2029"),
    *section(BASE, "Tidsramme og evaluering")["blocks"][1:]]}
AREAS_SHORT = {"title": AREAS["title"], "blocks": [AREAS["blocks"][0], {"numbered": AREAS["blocks"][1]["numbered"][:5]}]}

NN_PREAMBLE = [
    "Avtalen er ein del av konsultasjonsordninga mellom regjeringa og kommunesektoren representert ved KS. "
    "Avtalen byggjer på dialogen mellom partane i konsultasjonsordninga og dei generelle rammevilkåra for "
    "utvikling av kvalitativt gode tenester i kommunesektoren.",
]
NN_SECTIONS = [
    {"title": "Formålet med avtalen", "blocks": [
        "Formålet med avtalen er å styrkje kvaliteten i barnehagen og skulen og fremje læring, inkludering, "
        "motivasjon og meistring for alle born og unge. Avtalen skal vere eit reiskap for kvalitetsutvikling i "
        "barnehagen, grunnskulen og den vidaregåande opplæringa."]},
    {"title": "Forpliktingane til avtalepartane", "blocks": [
        "Partane skal i fellesskap arbeide for å styrkje kvaliteten i tenestene. Avtalepartane skal bidra til at "
        "politisk prioriterte satsingsområde blir realiserte og utvikla regionalt og lokalt.",
        {"bullets": ["Partane skal ha jamleg dialog om tiltak og måloppnåing.",
                     "Partane skal leggje til rette for lokale løysingar innanfor ramma av det kommunale sjølvstyret."]}],
     "subsections": [
         {"title": "Staten", "blocks": ["Departementa skal samordne tiltaka sine overfor kommunane."]},
         {"title": "Kommunesektoren", "blocks": ["KS skal bidra til at kommunane følgjer opp avtalen i eigne planar."]},
     ]},
    {"title": "Samarbeidsområde i avtaleperioden", "blocks": [
        "I avtaleperioden skal det særleg samarbeidast om desse politisk prioriterte satsingsområda:",
        {"numbered": ["Tidleg innsats i barnehage og skule.",
                      "Tverrfagleg samarbeid om utsette born og unge.",
                      "Kompetanse i tenestene, særleg vidareutdanning for tilsette i barnehage og skule."],
         "style": "a)"}]},
    {"title": "Økonomi", "blocks": [
        "Avtalen gjev ingen nye økonomiske forpliktingar. Forpliktingane til staten blir tilpassa dei økonomiske "
        "rammene Stortinget vedtek gjennom dei årlege budsjetta."]},
    {"title": "Tidsramme og evaluering", "blocks": [
        "Avtalen gjeld frå 1. januar 2026 til 31. desember 2029. Han skal evaluerast innan utgangen av 2028."]},
]

TITLE = "Avtale om kvalitetsutvikling i barnehagen, grunnskolen og videregående opplæring"
TITLE_LONG = ("Avtale om samarbeid om inkludering, kvalifisering, transport og distriktsutvikling i kommunene "
              "og fylkeskommunene 2026–2029")


def fixtures() -> dict[str, dict]:
    out = {}
    two = ["kd", "ks"]
    out["to-parter"] = common(
        "to-parter", TITLE, two, logos=True, preamble=BASE["preamble"],
        sections=[PURPOSE, DUTIES, OTHERS, AREAS, ECONOMY, TIME], signing=paper(two, 1))
    three = ["kd", "ks", "kdd"]
    out["tre-parter"] = common(
        "tre-parter", "Avtale om kvalitetsutvikling i barnehagen og grunnopplæringen", three, numbering="1",
        preamble=OLD["preamble"], sections=OLD["sections"][:4], signing=paper(three, 1, date="2026-03-02"))
    five = ["aid", "kdd", "sd", "kd", "ks"]
    out["fem-parter"] = common(
        "fem-parter", TITLE_LONG, five, preamble=BASE["preamble"],
        sections=[PURPOSE, DUTIES, AREAS_SHORT, TIME], signing=paper(five, 0))
    eight = ["aid", "kdd", "sd", "kd", "hod", "bfd", "jd", "ks"]
    out["atte-parter"] = common(
        "atte-parter", TITLE_LONG, eight, numbering="§ 1", preamble=BASE["preamble"],
        sections=[PURPOSE, OTHERS, AREAS_SHORT, TIME], signing=paper(eight, 0))
    twelve = ["aid", "kdd", "sd", "kd", "hod", "bfd", "jd", "kld", "kud", "lmd", "nfd", "ks"]
    out["tolv-parter"] = common(
        "tolv-parter", "Avtale om samordnet statlig styring overfor kommunesektoren", twelve, numbering="none",
        preamble=BASE["preamble"], sections=[PURPOSE, OTHERS, TIME], signing=paper(twelve, 3))
    long = ["aid", "kdd", "sd"]
    out["lange-navn"] = common(
        "lange-navn", TITLE_LONG, long, logos=True, preamble=BASE["preamble"],
        sections=[PURPOSE, DUTIES, AREAS_SHORT, ECONOMY, TIME],
        signing={"place": "Oslo", "date": "2026-01-12", "signatories": [
            {"party": "aid", "name": "Anne-Kristine Bjørnstad-Haugland", "title": "Arbeids- og inkluderingsminister"},
            {"party": "kdd", "name": "Mari-Ann Strømsholm-Kristiansen", "title": "Kommunal- og distriktsminister"},
            {"party": "sd", "name": "Tor Einar Fjellheim-Berg", "title": "Samferdselsminister"},
        ]})
    nn = ["kd", "kdd", "ks"]
    out["nynorsk"] = common(
        "nynorsk", "Avtale om kvalitetsutvikling i barnehagen og grunnopplæringa", nn, logos=True,
        numbering="§ 1", preamble=NN_PREAMBLE, sections=NN_SECTIONS, signing=paper(nn, 4, place="Bergen"))
    out["nynorsk"]["language"] = "nn"
    draft = ["kd", "ks"]
    out["utkast"] = common(
        "utkast", TITLE, draft, preamble=BASE["preamble"], sections=[PURPOSE, DUTIES, AREAS, ECONOMY, TIME],
        signing=paper(draft, 6))
    out["utkast"]["status"] = "draft"
    four = ["kd", "kdd", "hod", "ks"]
    out["vedlegg"] = common(
        "vedlegg", "Avtale om samarbeid om barn og unges oppvekst 2026–2029", four, logos=True,
        preamble=EXAMPLE["preamble"], sections=EXAMPLE["sections"][1:], signing=paper(four, 2),
        annexes=EXAMPLE["annexes"], footnotes=EXAMPLE["footnotes"])
    five_e = ["kd", "bfd", "aid", "kdd", "ks"]
    people = signatories(five_e, 5)
    for i, s in enumerate(people):
        s["date"] = f"2026-01-{12 + i // 2:02d}"
    out["elektronisk"] = common(
        "elektronisk", "Avtale om samarbeid om barn og unges oppvekst 2026–2029", five_e,
        preamble=BASE["preamble"], sections=[PURPOSE, DUTIES, AREAS_SHORT, TIME],
        signing={"electronic": True, "signatories": people})
    return out


def write_logo(path: Path, rgb: tuple[int, int, int], width: int, height: int) -> None:
    """A plain logo: a coloured field with a white band and a white square, small enough to commit."""
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (width, height), rgb)
    draw = ImageDraw.Draw(image)
    draw.rectangle([width // 10, height // 3, width - width // 10, height // 3 + height // 8], fill="white")
    draw.rectangle([width // 10, height * 2 // 3 - height // 10, width // 10 + height // 4, height * 2 // 3 + height // 10],
                   fill="white")
    image.save(path, optimize=True)


def main() -> None:
    LOGOS.mkdir(parents=True, exist_ok=True)
    for pid, (rgb, width, height) in LOGO_SPECS.items():
        write_logo(LOGOS / f"{pid}.png", rgb, width, height)
    for name, data in fixtures().items():
        Agreement.model_validate(data)
        (FIXTURES / f"{name}.yaml").write_text(dump(data, schema_comment=SCHEMA_COMMENT), encoding="utf-8")
        print(FIXTURES / f"{name}.yaml")


if __name__ == "__main__":
    main()
