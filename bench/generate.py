"""Deterministic generator of realistic agreements, for benchmarks and tests.

Seeded: the same seed gives the same agreement. Norwegian text of realistic
length, 4–12 sections, bullet and numbered lists, subsections now and then,
2–5 signatories, bokmål or nynorsk, every heading numbering style; signed ones
are sealed as `avtale sign-off` would seal them.
"""

from __future__ import annotations

import datetime as dt
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from avtale.agreements import canonical_yaml  # noqa: E402
from avtale.model import Agreement, Seal  # noqa: E402
from avtale.workflow import content_hash  # noqa: E402

WORDS = (
    "kommunesektoren staten samarbeid kvalitet barnehagen skolen opplæring utvikling partene avtalen "
    "kompetanse læring tiltak ansvar nasjonale regionale lokale myndigheter tjenester innsats dialog "
    "rammer prioriteringer oppfølging evaluering medvirkning strategi satsing ressurser digitale "
    "læremidler lærere ansatte barn unge inkludering mestring tillit styring forskrifter regelverk"
).split()
SUBJECTS = ["Partene", "Avtalen", "Kunnskapsdepartementet", "KS", "Staten", "Kommunesektoren", "Departementet"]
VERBS = ["skal bidra til", "skal arbeide for", "legger til rette for", "samarbeider om", "skal styrke", "følger opp"]
TITLES = [
    "Formålet med avtalen", "Avtalepartenes forpliktelser", "Andre berørte parter", "Samarbeidsområder",
    "Økonomi", "Tidsramme og evaluering", "Oppfølging og rapportering", "Kompetanseutvikling",
    "Digitalisering", "Regelverk og tilsyn", "Medvirkning", "Kunnskapsgrunnlag", "Organisering", "Dialogmøter",
]
MINISTRIES = [
    ("kd", "Kunnskapsdepartementet", "KD", "Kunnskapsminister"),
    ("kdd", "Kommunal- og distriktsdepartementet", "KDD", "Kommunal- og distriktsminister"),
    ("hod", "Helse- og omsorgsdepartementet", "HOD", "Helse- og omsorgsminister"),
    ("bfd", "Barne- og familiedepartementet", "BFD", "Barne- og familieminister"),
]
FIRST = ["Kari", "Ola", "Ingrid", "Per", "Astrid", "Torbjørn", "Gunn Marit", "Siri", "Bjørn", "Liv"]
LAST = ["Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Berg", "Haugen", "Dahl", "Lie", "Moen"]
MONTHS_LAST_DAY = 31


def sentence(rng: random.Random) -> str:
    words = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 16)))
    return f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {words}."


def paragraph(rng: random.Random) -> str:
    return " ".join(sentence(rng) for _ in range(rng.randint(1, 4)))


def blocks(rng: random.Random) -> list:
    out: list = [paragraph(rng)]
    for _ in range(rng.randint(0, 3)):
        kind = rng.random()
        if kind < 0.5 or isinstance(out[-1], dict):
            out.append(paragraph(rng))
        elif kind < 0.75:
            out.append({"bullets": [sentence(rng) for _ in range(rng.randint(2, 8))]})
        else:
            style = rng.choice(["1.", "1.", "1)", "a)"])
            items = {"numbered": [sentence(rng) for _ in range(rng.randint(2, 11))]}
            if style != "1.":
                items["style"] = style
            out.append(items)
    return out


def generate(seed: int) -> Agreement:
    rng = random.Random(seed)
    start = rng.randint(2010, 2040)
    end = start + rng.randint(1, 4)
    ministries = rng.sample(MINISTRIES, rng.randint(1, 4))
    parties = [{"id": m[0], "name": m[1], "short": m[2]} for m in ministries] + [{"id": "ks", "name": "KS"}]
    titles = rng.sample(TITLES, rng.randint(4, 10))
    sections = []
    for title in titles:
        section = {"title": title, "blocks": blocks(rng)}
        if rng.random() < 0.15:
            section["subsections"] = [{"title": t, "blocks": blocks(rng)} for t in rng.sample(TITLES, 2)]
        sections.append(section)
    sections[-1]["blocks"].append(
        f"Partene er enige om å samarbeide fram til {MONTHS_LAST_DAY}. desember {end}."
    )
    signatories = [
        {"party": m[0], "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "title": m[3]} for m in ministries
    ] + [{"party": "ks", "name": f"{rng.choice(FIRST)} {rng.choice(LAST)}", "title": "Leder KS"}]
    data = {
        "id": f"gen-{seed:05d}",
        "title": f"Avtale om {rng.choice(WORDS)} og {rng.choice(WORDS)} i kommunesektoren",
        "language": rng.choice(["nb", "nb", "nn"]),
        "parties": parties,
        "period": {"start": f"{start}-01-01", "end": f"{end}-12-31"},
        "status": rng.choice(["draft", "signed"]),
        "numbering": rng.choice(["1.", "1.", "1", "§ 1", "none"]),
        "preamble": [paragraph(rng)],
        "sections": sections,
        "signing": {"place": "Oslo", "date": f"{start - 1}-11-{rng.randint(1, 28):02d}", "signatories": signatories},
    }
    agreement = Agreement.model_validate(data)
    if agreement.status == "signed":
        # a signed agreement in a repository carries the seal of `avtale sign-off` (else AV402 warns)
        # a date object of its own: store.dump writes a YAML anchor/alias for a shared one (AV001)
        on = dt.date.fromordinal(agreement.signing.date.toordinal())
        seal = Seal(sha256=content_hash(agreement), date=on)
        agreement = agreement.model_copy(update={"seal": seal})
    return agreement


def generate_long(seed: int, sections: int = 12, rounds: int = 4) -> Agreement:
    """A long agreement (about ten pages with the defaults): `sections` sections of `rounds` runs of blocks, a draft."""
    rng = random.Random(seed)
    data = generate(seed).model_dump(mode="python", exclude_defaults=True, exclude={"seal"})
    data["status"] = "draft"
    data["sections"] = [
        {"title": title, "blocks": [b for _ in range(rounds) for b in blocks(rng)]}
        for title in rng.sample(TITLES, min(sections, len(TITLES)))
    ]
    data["sections"][-1]["blocks"].append(
        f"Partene er enige om å samarbeide fram til {MONTHS_LAST_DAY}. desember {data['period']['end'].year}."
    )
    data["id"] = f"long-{seed:05d}"
    return Agreement.model_validate(data)


def write_corpus(directory: Path, count: int, first_seed: int = 0) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for seed in range(first_seed, first_seed + count):
        a = generate(seed)
        path = directory / f"{a.id}.yaml"
        path.write_text(canonical_yaml(a), encoding="utf-8")
        paths.append(path)
    return paths


if __name__ == "__main__":
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("bench/out/corpus")
    n = int(sys.argv[2]) if len(sys.argv) > 2 else 100
    print(len(write_corpus(out, n)), "agreements in", out)
