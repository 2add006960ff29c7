"""Generators for tests/corpus/cases/cost.yaml: agreements whose cost grew faster than their size.

Each writes, at `path`, a valid agreement (its id the file's stem) large in one way: dates in one text,
sections, paragraphs, list items, parties, comment lines, export debris; close to the 2 MB limit where the
issue met the problem at that size. Made by tests/scaling_inputs.py, which writes YAML text directly.
"""

from __future__ import annotations

from pathlib import Path

from scaling_inputs import text as _text
from scaling_inputs import words

MB2 = 2 * 1024 * 1024


def _agreement(**kw) -> str:
    return _text(schema_line=False, **kw)  # no schema beside the corpus: AV406 would warn


def _write(path: Path, content: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(content, encoding="utf-8")


def _largest(path: Path, make, start: int, limit: int = MB2) -> None:
    """The agreement `make(n)` for the largest n whose text fits in `limit` bytes, written at `path`."""
    low, high = 1, start
    while len(make(high).encode()) <= limit:
        low, high = high, high * 2
    while high - low > 1:
        middle = (low + high) // 2
        if len(make(middle).encode()) <= limit:
            low = middle
        else:
            high = middle
    _write(path, make(low))


def dates_in_one_text(path: Path) -> None:
    """230 KB: one paragraph of 4 700 dates «fram til 31. desember 2017»; the first says 2018."""
    body = _agreement(ident=path.stem, dates=4700)
    _write(path, body.replace("31. desember 2017.'", "31. desember 2018.'", 1))


def many_sections(path: Path) -> None:
    """47 000 sections of one short paragraph each, in flow style (about 1.6 MB)."""
    head = (f"id: {path.stem}\ntitle: Mange seksjoner\nlanguage: nb\nparties: [{{id: a, name: A}}, {{id: b, name: B}}]"
            "\nperiod: {end: 2017-12-31}\nstatus: draft\nsections:\n")
    _write(path, head + "".join(f"  - {{title: S{i}, blocks: [Tekst.]}}\n" for i in range(47_000)))


def agreement_of_two_mb(path: Path, limit: int = MB2) -> None:
    """Just under 2 MB of prose: sections of paragraphs of many sentences, with a comment line in each."""
    _largest(path, lambda n: _agreement(ident=path.stem, sections=n, sentences=8, comments=n), 1000, limit)


def agreement_of_two_mb_and_its_edit(path: Path) -> None:
    """Nearly 2 MB of prose, and beside it in edited/ the same with a word in every five changed (and so a
    little longer)."""
    agreement_of_two_mb(path, MB2 - 100_000)
    edited = path.parent / "edited"
    size = path.read_text(encoding="utf-8").count("  - title: 'Seksjon")
    _write(edited / path.name, _agreement(ident=path.stem, sections=size, sentences=8, comments=size, changed=True))


def pdf_just_under_its_limit(path: Path) -> None:
    """An agreement weighing just under --max-pdf-text (500 000): 1 480 sections of 20 words (497 000)."""
    _write(path, _agreement(ident=path.stem, sections=1480, words_per_paragraph=20))


def pdf_just_over_its_limit(path: Path) -> None:
    """The same, with 1 500 sections: just over --max-pdf-text (503 216)."""
    _write(path, _agreement(ident=path.stem, sections=1500, words_per_paragraph=20))


def one_paragraph_of_two_mb(path: Path) -> None:
    """One paragraph of a single sentence filling 2 MB (a line far past the YAML writer's width)."""
    _largest(path, lambda n: _agreement(ident=path.stem, sections=1, words_per_paragraph=n), 100_000)


def repeated_words_and_their_edit(path: Path) -> None:
    """A text of 20 000 words «x» and, in edited/, the same text with every other word «y»: difflib's
    SequenceMatcher took minutes to match them."""
    base = _agreement(ident=path.stem, sections=2)
    first = words(12, 0)
    first = f"'{first[:1].upper()}{first[1:]}.'"  # the first section's paragraph, as the generator writes it
    _write(path, base.replace(first, " ".join(["x"] * 20_000), 1))
    edited = path.parent / "edited"
    _write(edited / path.name, base.replace(first, " ".join(["x", "y"] * 10_000), 1))


def many_list_items(path: Path) -> None:
    """A bullet list and a numbered list of 12 000 items each (about 1.4 MB)."""
    _write(path, _agreement(ident=path.stem, items=12_000))


def many_parties(path: Path) -> None:
    """20 000 parties (the first five sign): a letterhead of 20 000 columns."""
    _write(path, _agreement(ident=path.stem, parties=20_000))


def debris_in_every_section(path: Path) -> None:
    """12 000 sections, each text with two spaces in a row: 12 000 findings, each at its line and column."""
    _write(path, _agreement(ident=path.stem, sections=12_000, debris=12_000))


def items_read_as_numbers(path: Path) -> None:
    """40 000 list items YAML reads as numbers (2000, 2001 …): 40 000 findings, each told from the line it
    stands on (the file was split into lines again for each one)."""
    _write(path, _agreement(ident=path.stem, numbers=40_000))


def comment_marks_in_one_line(path: Path) -> None:
    """A line of 900 000 « #» after the id: a comment, told from text by looking at each mark's line (the line
    was searched from each mark back to its start)."""
    _write(path, _agreement(ident=path.stem, hashes=900_000))


def one_number_among_many_sections(path: Path) -> None:
    """12 000 sections and one list item «1_000», a number in a form only the round-trip loader read: it sent
    the whole file there (half a minute for 2 MB)."""
    text = _agreement(ident=path.stem, sections=12_000)
    _write(path, text.replace("          - 'Punkt 0 om", "          - 1_000\n          - 'Punkt 0 om", 1))
