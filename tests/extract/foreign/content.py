"""Random agreement content: `draw_agreement(r, ...)` makes a valid `avtale.model.Agreement`.

Every choice is a call on `r`, a `random.Random` (or the one hypothesis hands out with
`st.randoms`), so a seed gives the same agreement on every machine. The text is assembled from
a bank of Norwegian sentence fragments per written standard (bokmål `nb`, nynorsk `nn`): subject,
verb phrase, object, an optional adverbial and clause. No text starts with something that looks
like a list marker or a date, none holds page furniture («Side 1 av 2») or a signature-block word
(«Sted:», «For …»), so whatever an extractor gets wrong is its own doing.
"""

from __future__ import annotations

import datetime as dt
import re

from hypothesis import strategies as st

from avtale.model import Agreement

# (bokmål name, nynorsk name, ministers' titles in bokmål, in nynorsk, id)
MINISTRIES = [
    ("Arbeids- og inkluderingsdepartementet", None, ["Arbeids- og inkluderingsminister"], None, "aid"),
    ("Barne- og familiedepartementet", None, ["Barne- og familieminister"], None, "bfd"),
    ("Digitaliserings- og forvaltningsdepartementet", None, ["Digitaliserings- og forvaltningsminister"], None, "dfd"),
    ("Energidepartementet", None, ["Energiminister"], None, "ed"),
    ("Finansdepartementet", None, ["Finansminister"], None, "fin"),
    ("Forsvarsdepartementet", None, ["Forsvarsminister"], None, "fd"),
    ("Helse- og omsorgsdepartementet", None, ["Helse- og omsorgsminister"], None, "hod"),
    ("Justis- og beredskapsdepartementet", None, ["Justis- og beredskapsminister"], None, "jd"),
    ("Klima- og miljødepartementet", None, ["Klima- og miljøminister"], None, "kld"),
    ("Kommunal- og distriktsdepartementet", None, ["Kommunal- og distriktsminister"], None, "kdd"),
    ("Kultur- og likestillingsdepartementet", None, ["Kultur- og likestillingsminister"], None, "kud"),
    ("Kunnskapsdepartementet", None, ["Kunnskapsminister", "Forsknings- og høyere utdanningsminister"],
     ["Kunnskapsminister", "Forskings- og høgare utdanningsminister"], "kd"),
    ("Landbruks- og matdepartementet", None, ["Landbruks- og matminister"], None, "lmd"),
    ("Nærings- og fiskeridepartementet", None, ["Næringsminister", "Fiskeri- og havminister"], None, "nfd"),
    ("Samferdselsdepartementet", None, ["Samferdselsminister"], None, "sd"),
    ("Utenriksdepartementet", "Utanriksdepartementet", ["Utviklingsminister"], None, "ud"),
]
KS_TITLES = {"nb": ["Styreleder i KS", "Leder i KS", "Administrerende direktør"],
             "nn": ["Styreleiar i KS", "Leiar i KS", "Administrerande direktør"]}
FIRST = ("Anne Astrid Bjørn Eirik Gunn Marit Håkon Ingrid Jon Kari Kjersti Lars Liv Marte Nils Ola Per Ragnhild "
         "Sigrid Solveig Stein Terje Tone Torbjørn Trond Unni Vidar Åse Øystein Aud Hege Geir").split()
MIDDLE = "Marie Helene Kristian Erik Elise Sofie Andreas Johanne Olav Margrethe".split()
LAST = ("Aasen Berg Bakke Dahl Fjeld Haugen Holm Lunde Moen Nes Ravndal Rønning Sæther Solvang Strand Tangen "
        "Tveit Vik Ødegård Østby Bråten Løvås Fuglesang Hatlevik Lyngstad Nygård Aune Hagen").split()
PLACES = "Oslo Bergen Trondheim Stavanger Tromsø Bodø Kristiansand Lillehammer Ålesund Hamar Drammen Molde".split()
MONTHS = "januar februar mars april mai juni juli august september oktober november desember".split()

# One bank per written standard; {dep} is «departementet» or «departementene» by the number of ministries.
BANK = {
    "nb": dict(
        subjects=["Partene", "Staten", "KS", "Kommunene", "Kommunesektoren", "{Dep}", "Statsforvalteren",
                  "Fylkeskommunene", "Arbeidsgruppen", "Direktoratet"],
        verbs=["skal styrke", "skal bidra til", "skal legge til rette for", "skal følge opp", "skal vurdere",
               "skal prioritere", "skal samarbeide om", "skal gi råd om", "har ansvar for", "skal arbeide for",
               "skal utvikle", "vil støtte", "skal gjennomgå", "skal sørge for"],
        infinitives=["styrke", "bidra til", "legge til rette for", "følge opp", "vurdere", "prioritere", "utvikle",
                     "støtte", "sørge for", "gi veiledning om", "gjennomgå"],
        objects=["kvaliteten i de kommunale tjenestene", "kompetansen hos de ansatte",
                 "rekruttering av fagfolk til kommunene", "et godt samarbeid mellom forvaltningsnivåene",
                 "bedre bruk av digitale løsninger", "tidlig innsats for barn og unge",
                 "erfaringsdeling mellom kommunene", "et godt kunnskapsgrunnlag for tiltakene",
                 "forenkling av statlige krav og rapportering", "gode overganger mellom tjenestene",
                 "medvirkning fra innbyggerne", "likeverdige tjenester i hele landet", "felles mål for arbeidet",
                 "tiltak som virker etter hensikten", "en bedre ressursbruk i sektoren",
                 "veiledning til kommuner med små fagmiljøer", "tverrfaglig samarbeid i kommunene",
                 "arbeidet med helse- og omsorgstjenestene", "beredskapsarbeidet i kommunene",
                 "de nasjonale målene for sektoren", "regelverk som er enkelt å bruke", "lokale og regionale nettverk"],
        tails=["i hele avtaleperioden", "i samarbeid med kommunene", "innenfor gjeldende budsjettrammer",
               "på nasjonalt og regionalt nivå", "i tråd med gjeldende regelverk", "der det er hensiktsmessig",
               "så langt det er mulig", "gjennom faste møter"],
        clauses=["slik at innbyggerne får gode og likeverdige tjenester", "og resultatene skal deles med kommunene",
                 "men ansvaret for tjenestene ligger fortsatt hos kommunene", "og arbeidet skal evalueres underveis"],
        whole=["Avtalen gir ingen nye økonomiske forpliktelser for partene.",
               "Partene skal møtes minst to ganger i året.",
               "Møtene ledes vekselvis av {dep} og KS.",
               "Tiltak som krever finansiering, skal behandles i de ordinære budsjettprosessene.",
               "Avtalen er en del av konsultasjonsordningen mellom regjeringen og kommunesektoren.",
               "Erfaringene skal brukes i arbeidet med en eventuell ny avtale.",
               "Veiledere og eksempler fra kommunene er samlet på ks.no.",
               "Mer informasjon om arbeidet er publisert på regjeringen.no.",
               "Statlige tiltak tilpasses de økonomiske rammene som Stortinget vedtar."],
        leadins=[("Partene skal:", "inf"), ("KS skal:", "inf"), ("{Dep} skal:", "inf"), ("Staten skal:", "inf"),
                 ("Partene skal i avtaleperioden særlig samarbeide om:", "np"),
                 ("Rapporteringen skal vise:", "np"), ("Satsingen omfatter blant annet:", "np"),
                 ("Arbeidet skal særlig rettes mot:", "np"), ("Partene er enige om følgende mål:", "sentence")],
        titles=["Avtale om {t}", "Samarbeidsavtale om {t}", "Avtale om samarbeid om {t}",
                "Avtale mellom staten og KS om {t}"],
        topics=["kvalitetsutvikling i barnehagen og skolen", "digitalisering i kommunesektoren",
                "det lokale folkehelsearbeidet", "rekruttering til helse- og omsorgstjenestene",
                "samfunnssikkerhet og beredskap i kommunene", "flere læreplasser i kommunesektoren",
                "klima- og energiarbeid i kommunene", "kvalitet i barnevernet", "bedre tjenester til eldre",
                "inkludering av flyktninger i kommunene", "utvikling av kulturskoletilbudet",
                "tidlig innsats for barn og unge", "forenkling av statlig styring av kommunene"],
        sections=["Formål", "Bakgrunn", "Virkeområde", "Partenes ansvar", "Satsingsområder", "Mål for samarbeidet",
                  "Organisering", "Oppfølging og rapportering", "Økonomi", "Kompetanse", "Informasjon og dialog",
                  "Tiltak", "Utfordringer", "Roller og ansvar"],
        subsections=["Statens ansvar", "Kommunenes ansvar", "Felles ansvar", "Barn og unge", "Rekruttering",
                     "Digitalisering", "Kunnskapsgrunnlag", "Samarbeid med frivillige", "Møteplasser",
                     "Veiledning og nettverk"],
        last=["Varighet", "Varighet og evaluering", "Varighet og oppsigelse", "Avtalens varighet"],
        until=["Avtalen gjelder fram til {end}.", "Avtalen gjelder fra {start} og fram til {end}.",
               "Avtalen gjelder fra signering og fram til {end}."],
        after=["Partene kan si opp avtalen med seks måneders skriftlig varsel.",
               "Avtalen skal evalueres i løpet av {year}.",
               "Partene kan be om reforhandling dersom forutsetningene for avtalen endres vesentlig."],
        naming=["Partene i denne avtalen er {parties}.", "Avtalen er inngått mellom {parties}.",
                "Denne avtalen er inngått mellom {parties}.",
                "{parties} inngår denne avtalen for å styrke samarbeidet om {topic}."],
        dep=("departementet", "departementene"),
    ),
    "nn": dict(
        subjects=["Partane", "Staten", "KS", "Kommunane", "Kommunesektoren", "{Dep}", "Statsforvaltaren",
                  "Fylkeskommunane", "Arbeidsgruppa", "Direktoratet"],
        verbs=["skal styrkje", "skal bidra til", "skal leggje til rette for", "skal følgje opp", "skal vurdere",
               "skal prioritere", "skal samarbeide om", "skal gje råd om", "har ansvar for", "skal arbeide for",
               "skal utvikle", "vil støtte", "skal gå gjennom", "skal sørgje for"],
        infinitives=["styrkje", "bidra til", "leggje til rette for", "følgje opp", "vurdere", "prioritere",
                     "utvikle", "støtte", "sørgje for", "gje rettleiing om", "gå gjennom"],
        objects=["kvaliteten i dei kommunale tenestene", "kompetansen hos dei tilsette",
                 "rekruttering av fagfolk til kommunane", "eit godt samarbeid mellom forvaltningsnivåa",
                 "betre bruk av digitale løysingar", "tidleg innsats for barn og unge",
                 "erfaringsdeling mellom kommunane", "eit godt kunnskapsgrunnlag for tiltaka",
                 "forenkling av statlege krav og rapportering", "gode overgangar mellom tenestene",
                 "medverknad frå innbyggjarane", "likeverdige tenester i heile landet", "felles mål for arbeidet",
                 "tiltak som verkar etter føremålet", "betre ressursbruk i sektoren",
                 "rettleiing til kommunar med små fagmiljø", "tverrfagleg samarbeid i kommunane",
                 "arbeidet med helse- og omsorgstenestene", "beredskapsarbeidet i kommunane",
                 "dei nasjonale måla for sektoren", "regelverk som er enkelt å bruke", "lokale og regionale nettverk"],
        tails=["i heile avtaleperioden", "i samarbeid med kommunane", "innanfor gjeldande budsjettrammer",
               "på nasjonalt og regionalt nivå", "i tråd med gjeldande regelverk", "der det er tenleg",
               "så langt det er mogleg", "gjennom faste møte"],
        clauses=["slik at innbyggjarane får gode og likeverdige tenester", "og resultata skal delast med kommunane",
                 "men ansvaret for tenestene ligg framleis hos kommunane", "og arbeidet skal evaluerast undervegs"],
        whole=["Avtalen gjev ingen nye økonomiske plikter for partane.",
               "Partane skal møtast minst to gonger i året.",
               "Møta blir leidde vekselvis av {dep} og KS.",
               "Tiltak som krev finansiering, skal handsamast i dei ordinære budsjettprosessane.",
               "Avtalen er ein del av konsultasjonsordninga mellom regjeringa og kommunesektoren.",
               "Erfaringane skal nyttast i arbeidet med ein eventuell ny avtale.",
               "Rettleiarar og døme frå kommunane er samla på ks.no.",
               "Meir informasjon om arbeidet er publisert på regjeringen.no.",
               "Statlege tiltak blir tilpassa dei økonomiske rammene som Stortinget vedtek."],
        leadins=[("Partane skal:", "inf"), ("KS skal:", "inf"), ("{Dep} skal:", "inf"), ("Staten skal:", "inf"),
                 ("Partane skal i avtaleperioden særleg samarbeide om:", "np"),
                 ("Rapporteringa skal vise:", "np"), ("Satsinga omfattar mellom anna:", "np"),
                 ("Arbeidet skal særleg rettast mot:", "np"), ("Partane er samde om desse måla:", "sentence")],
        titles=["Avtale om {t}", "Samarbeidsavtale om {t}", "Avtale om samarbeid om {t}",
                "Avtale mellom staten og KS om {t}"],
        topics=["kvalitetsutvikling i barnehagen og skulen", "digitalisering i kommunesektoren",
                "det lokale folkehelsearbeidet", "rekruttering til helse- og omsorgstenestene",
                "samfunnstryggleik og beredskap i kommunane", "fleire læreplassar i kommunesektoren",
                "klima- og energiarbeid i kommunane", "kvalitet i barnevernet", "betre tenester til eldre",
                "inkludering av flyktningar i kommunane", "utvikling av kulturskuletilbodet",
                "tidleg innsats for barn og unge", "forenkling av statleg styring av kommunane"],
        sections=["Føremål", "Bakgrunn", "Verkeområde", "Ansvaret til partane", "Satsingsområde",
                  "Mål for samarbeidet", "Organisering", "Oppfølging og rapportering", "Økonomi", "Kompetanse",
                  "Informasjon og dialog", "Tiltak", "Utfordringar", "Roller og ansvar"],
        subsections=["Ansvaret til staten", "Ansvaret til kommunane", "Felles ansvar", "Barn og unge",
                     "Rekruttering", "Digitalisering", "Kunnskapsgrunnlag", "Samarbeid med frivillige",
                     "Møteplassar", "Rettleiing og nettverk"],
        last=["Varigheit", "Varigheit og evaluering", "Varigheit og oppseiing", "Kor lenge avtalen gjeld"],
        until=["Avtalen gjeld fram til {end}.", "Avtalen gjeld frå {start} og fram til {end}.",
               "Avtalen gjeld frå signering og fram til {end}."],
        after=["Partane kan seie opp avtalen med seks månaders skriftleg varsel.",
               "Avtalen skal evaluerast i løpet av {year}.",
               "Partane kan be om reforhandling dersom føresetnadene for avtalen blir monaleg endra."],
        naming=["Partane i denne avtalen er {parties}.", "Avtalen er inngått mellom {parties}.",
                "Denne avtalen er inngått mellom {parties}.",
                "{parties} inngår denne avtalen for å styrkje samarbeidet om {topic}."],
        dep=("departementet", "departementa"),
    ),
}
# What no text may start with or hold: list markers, dates, page furniture, signature-block words.
MARKER_START = re.compile(r"^(\d+[.)]?\s|[a-zæøå][.)]\s|[•·–\-o*]\s|§|\d)")
FURNITURE = re.compile(r"Side \d+ av|^- ?\d+ ?-$|^For |^(Sted|Stad|Dato):|signert elektronisk|_{3,}|\t|  ")


def long_date(d: dt.date) -> str:
    """«7. november 2014»."""
    return f"{d.day}. {MONTHS[d.month - 1]} {d.year}"


def join_names(names: list[str]) -> str:
    """«A, B og C»."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " og " + names[-1]


class _Writer:
    """Draws the text of one agreement; remembers what it used so nothing repeats."""

    def __init__(self, r, lang: str, ministries: int):
        self.r, self.lang, self.b = r, lang, BANK[lang]
        self.dep = self.b["dep"][0 if ministries == 1 else 1]
        self.used: set[str] = set()

    def fill(self, text: str) -> str:
        return text.replace("{Dep}", self.dep.capitalize()).replace("{dep}", self.dep)

    def fresh(self, make, tries: int = 30) -> str:
        for _ in range(tries):
            text = make()
            if text not in self.used:
                break
        self.used.add(text)
        return text

    def sentence(self) -> str:
        r, b = self.r, self.b
        if r.random() < 0.2:
            return self.fill(r.choice(b["whole"]))
        text = f"{self.fill(r.choice(b['subjects']))} {r.choice(b['verbs'])} {r.choice(b['objects'])}"
        if r.random() < 0.4:
            text += " " + r.choice(b["tails"])
        if r.random() < 0.25:
            text += ", " + r.choice(b["clauses"])
        return text + "."

    def paragraph(self) -> str:
        return self.fresh(lambda: " ".join(dict.fromkeys(self.sentence() for _ in range(self.r.randint(1, 3)))))

    def items(self, kind: str) -> list[str]:
        r, b = self.r, self.b
        capital = kind == "sentence" or (kind == "np" and r.random() < 0.3)
        out: list[str] = []
        for _ in range(r.randint(2, 5)):
            if kind == "inf":
                text = f"{r.choice(b['infinitives'])} {r.choice(b['objects'])}"
            elif kind == "np":
                text = r.choice(b["objects"])
            else:
                text = self.sentence()[:-1]
            if r.random() < 0.25:
                text += " " + r.choice(b["tails"])
            text = text[0].upper() + text[1:] + "." if capital else text
            if text not in out and not MARKER_START.match(text):
                out.append(text)
        return out

    def list_block(self, kind: str) -> dict:
        items = self.items(kind)
        if self.r.random() < 0.5:
            return {"bullets": items}
        return {"numbered": items, "style": self.r.choice(["1.", "1.", "1)", "a)"])}

    def blocks(self, allow_list: bool = True) -> list:
        r = self.r
        out = [self.paragraph()] if r.random() < 0.8 else []
        if allow_list and r.random() < 0.5:
            leadin, kind = r.choice(self.b["leadins"])
            if out or r.random() < 0.85:
                out.append(self.fresh(lambda: self.fill(leadin)))
            else:  # a list right under the heading: items that stand on their own
                kind = "np"
            out.append(self.list_block(kind))
            if r.random() < 0.4:
                out.append(self.paragraph())
        if not out or r.random() < 0.3:
            out.append(self.paragraph())
        return out


def _parties(r, lang: str):
    n = r.choices([1, 2, 3, 4], weights=[40, 25, 20, 15])[0]
    chosen = r.sample(MINISTRIES, n)
    parties, signers = [], []
    for nb, nn, titles_nb, titles_nn, pid in chosen:
        name = nn if lang == "nn" and nn else nb
        titles = titles_nn if lang == "nn" and titles_nn else titles_nb
        parties.append({"id": pid, "name": name})
        signers.append(r.choice(titles))
    ks = ({"id": "ks", "name": "KS"}, r.choice(KS_TITLES[lang]))
    at = 0 if r.random() < 0.1 else len(parties)
    parties.insert(at, ks[0])
    signers.insert(at, ks[1])
    return parties, signers


def _person(r, taken: set[str]) -> str:
    for attempt in range(20):
        parts = [r.choice(FIRST)] + ([r.choice(MIDDLE)] if r.random() < 0.3 else []) + [r.choice(LAST)]
        if r.random() < 0.25 or attempt > 10:
            parts.insert(-1, r.choice(LAST) if attempt <= 10 else LAST[len(taken)])
        name = " ".join(dict.fromkeys(parts))
        if name not in taken:
            break
    taken.add(name)
    return name


def draw_agreement(r, numbering: str = "1.", subsections: bool = True, id: str | None = None) -> Agreement:
    """A random, valid agreement; `subsections` says whether the heading manner can show them."""
    lang = r.choice(["nb", "nn"])
    parties, signer_titles = _parties(r, lang)
    w = _Writer(r, lang, len(parties) - 1)
    b = w.b
    start = dt.date(r.randint(2024, 2031), 1, 1)
    end_year = start.year + r.randint(1, 4)
    end = dt.date(end_year, 6, 30) if r.random() < 0.15 else dt.date(end_year, 12, 31)
    topic = r.choice(b["topics"])
    title = r.choice(b["titles"]).format(t=topic)
    if r.random() < 0.4:
        title += f" {start.year}–{end.year}"
    names = join_names([p["name"] for p in parties])
    naming = r.choice(b["naming"]).format(parties=names, topic=topic)
    if r.random() < 0.4:
        naming += " " + w.fill(r.choice(b["whole"][:6]))
    preamble = [naming] + ([w.paragraph()] if r.random() < 0.5 else [])
    n_sections = r.randint(4, 8)
    titles = r.sample(b["sections"], n_sections - 1) + [r.choice(b["last"])]
    sections = []
    with_subs = set()
    if subsections and r.random() < 0.35:
        with_subs = set(r.sample(range(n_sections - 1), r.randint(1, min(2, n_sections - 1))))
    sub_titles = iter(r.sample(b["subsections"], len(b["subsections"])))
    for i, heading in enumerate(titles[:-1]):
        section = {"title": heading, "blocks": w.blocks()}
        if i in with_subs:
            if r.random() < 0.3:
                section["blocks"] = []
            elif isinstance(section["blocks"][-1], dict):
                section["blocks"].append(w.paragraph())
            section["subsections"] = [{"title": next(sub_titles), "blocks": w.blocks()}
                                      for _ in range(r.randint(2, 3))]
        sections.append(section)
    until = r.choice(b["until"]).format(start=long_date(start), end=long_date(end))
    last = [until] + [r.choice(b["after"]).format(year=end.year - 1) for _ in range(r.randint(0, 1))]
    sections.append({"title": titles[-1], "blocks": [" ".join(last)] if r.random() < 0.5 else last})
    signed = start - dt.timedelta(days=r.randint(10, 200))
    taken: set[str] = set()
    signatories = [{"party": p["id"], "name": _person(r, taken), "title": t} for p, t in zip(parties, signer_titles)]
    data = {
        "id": id or f"{start.year}-{end.year}",
        "title": title,
        "language": lang,
        "parties": parties,
        "period": {"end": end},
        "status": "signed",
        "numbering": numbering,
        "preamble": preamble,
        "sections": sections,
        "signing": {"place": r.choice(PLACES), "date": signed, "signatories": signatories},
    }
    return Agreement.model_validate(data)


def implausible(agreement: Agreement) -> list[str]:
    """Texts that would make an example unfair: list-marker starts, page furniture, repeats."""
    from avtale.model import all_texts

    problems = []
    for loc, text in all_texts(agreement):
        if loc[-1] in ("name", "title", "place") and loc[0] == "signing":
            continue
        if MARKER_START.match(text) or FURNITURE.search(text):
            problems.append(f"{'.'.join(map(str, loc))}: {text!r}")
    titles = [s.title for s in agreement.sections] + [u.title for s in agreement.sections for u in s.subsections]
    if len(set(titles)) != len(titles):
        problems.append(f"repeated heading in {titles}")
    return problems


def agreements(numbering: str = "1.", subsections: bool = True) -> st.SearchStrategy[Agreement]:
    """Hypothesis strategy: agreements drawn from a random hypothesis controls (and can shrink)."""
    return st.builds(lambda r: draw_agreement(r, numbering, subsections), st.randoms(use_true_random=False))
