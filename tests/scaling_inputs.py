"""Agreements of a chosen size along one axis, as YAML text, for tests/test_scaling.py and the cost corpus.

`text(sections=…, words=…, …)` writes a valid draft agreement straight as text (no model, no YAML library:
quick at any size). It is deliberately not in the canonical form, so `fmt` has every text to rewrite:
texts are quoted, and `title` comes before `id`. `changed=True` gives the same agreement with a word in
every few changed, for `diff`.
"""

from __future__ import annotations

WORDS = ("kommunesektoren staten samarbeid kvalitet barnehagen skolen opplæring utvikling partene avtalen "
         "kompetanse læring tiltak ansvar nasjonale regionale lokale myndigheter tjenester innsats dialog").split()


def words(n: int, seed: int = 0, changed: bool = False) -> str:
    """`n` words; with `changed`, every fifth one another word."""
    out = []
    for i in range(n):
        word = WORDS[(i * 7 + seed * 3) % len(WORDS)]
        out.append(word.upper() if changed and i % 5 == 2 else word)
    return " ".join(out)


def _quoted(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def text(*, sections: int = 3, words_per_paragraph: int = 12, sentences: int = 1, dates: int = 0, items: int = 3,
         parties: int = 2, comments: int = 0, debris: int = 0, wrong_dates: bool = False, changed: bool = False,
         untitled: int = 0, numbers: int = 0, hashes: int = 0, moved: bool = False, ident: str = "scale",
         schema_line: bool = True) -> str:
    """An agreement: `sections` sections of one paragraph of `sentences` sentences of `words_per_paragraph`
    words, a section whose paragraph gives `dates` end dates, a section with a bullet list and a numbered
    list of `items` items each, `parties` parties (the first five sign), `comments` comment lines, and
    `debris` sections whose text holds two spaces in a row (an AV302 finding each); with `wrong_dates`, every
    third date disagrees with `period.end` (an AV301 finding each). The first line names the schema, unless
    `schema_line` is False (where no schema lies beside it, AV406 would warn). Mistakes, each a finding:
    `untitled` sections without a title (the schema's), `numbers` list items YAML reads as numbers (AV101),
    and `hashes` times « #» after the id (a comment the reader must tell from text). With `moved` and
    `changed`, the sections stand in the opposite order (every one moved)."""
    lines = ["# yaml-language-server: $schema=../schema/agreement.schema.json"] if schema_line else []
    lines += ["title: 'Avtale om skalering'", f"id: {ident}" + " #" * hashes, "language: nb", "parties:"]
    for p in range(parties):
        name = f"Part nummer {p}" + (" endret" if changed and p % 3 == 1 else "")
        lines += [f"  - id: p{p}", f"    name: {_quoted(name)}"]
    lines += ["period:", "  start: 2015-01-01", "  end: 2017-12-31", "status: draft", "sections:"]
    lines += [f"  - blocks: [Tekst {s}.]" for s in range(untitled)]
    for s in (reversed(range(sections)) if moved and changed else range(sections)):
        title = f"Seksjon {s}" + (" endret" if changed and s % 3 == 1 else "")
        body = " ".join(_sentence(words(words_per_paragraph, s + k, changed)) for k in range(sentences))
        if s < debris:
            body = body.replace(" ", "  ", 1)
        lines += [f"  - title: {_quoted(title)}", "    blocks:", f"      - {_quoted(body)}"]
        if s < comments:
            lines.append(f"    # merknad {s}")
    lines.append(f"  - title: Datoer\n    blocks:\n      - {_quoted(_dates(max(dates, 1), wrong_dates))}")
    lines += ["  - title: Lister", "    blocks:", "      - bullets:"]
    lines += [f"          - {_quoted(_item(i, changed))}" for i in range(items)]
    lines += [f"          - {2000 + i}" for i in range(numbers)]
    lines += ["      - numbered:"] + [f"          - {_quoted(_item(i, changed))}" for i in range(items)]
    lines += ["signing:", "  place: Oslo", "  date: 2014-11-07", "  signatories:"]
    for p in range(min(parties, 5)):
        lines += [f"    - party: p{p}", f"      name: Navn {p}", "      title: Leder"]
    return "\n".join(lines) + "\n"


def _sentence(text: str) -> str:
    return text[:1].upper() + text[1:] + "."


def _dates(n: int, wrong: bool) -> str:
    sentence = "Partene samarbeider fram til 31. desember {year}."
    return " ".join(sentence.format(year=2018 if wrong and i % 3 == 1 else 2017) for i in range(n))


def _item(i: int, changed: bool) -> str:
    return f"Punkt {i} om {words(4, i, changed and i % 3 == 1)}."
