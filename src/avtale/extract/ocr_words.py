"""Mending stage for text Tesseract read: single letters it misread inside a word, by the document's own words.

Reads: the lines of one document (all pages, after `ocr_text.join_capitals` and the other
whole-document mending). Writes: the same lines, as many, with these slips mended:

- *A stray letter before a word* (`stray_letters`): a speck or a stroke of the line above
  read as a letter glued to the word («xgjennom», «mnasjonale»; «EFrfaringane», the stray
  «F» second). No Norwegian word starts with two consonants that are no Norwegian onset
  (`ONSETS`: «bl», «gj», «kv», «str», …), and no word is written with a capital as its
  second letter and lower case after it; such a word, found nowhere else in the document,
  loses the stray letter where what is left (six letters or more) stands elsewhere in the
  document. A word with a prefix («utrygg») starts with a vowel and is
  never touched.
- *A lone «ø» for «i»* (`lone_oe`): Tesseract reads the preposition «i» as «ø» beside a
  dark speck; «ø» alone is no Norwegian word, «i» is the commonest.
- *A capital inside a sentence* (`stray_capitals`): «og arbeidet Skal evalueres», «… Partene» /
  «Skal møtes …»: a word with a capital after a word ending in a lower-case letter (no sentence
  ends before it; at a line's start, under a line of prose), found so only once,
  whose lower-case form stands three times or more in the document, is that lower-case word
  (a name or a party is written with its capital wherever it stands, so its lower-case form
  is rare).
- *Two words read as one* (`glued_words`): Tesseract loses a narrow space («Etgodt
  kunnskapsgrunnlag», «Leder iKS»). A word found only once in the document that is a short
  word (three letters or fewer: the narrow space after it is the one lost) and another of its
  words run together is split where the document has the pair apart elsewhere
  («et godt»), or where a lower-case word runs into capitals («iKS»: no Norwegian word is
  written so). A compound («fagfolk») is one word however often its halves stand alone, so
  the pair must stand apart somewhere.
"""

from __future__ import annotations

import re
from collections import Counter

from avtale.extract.markers import starts_structure

CONSONANTS = "bcdfghjklmnpqrstvwxz"
ONSETS = set("bl br dr fj fl fr gj gl gn gr hj hv kj kl kn kr kv pj pl pr ps sj sk sl sm sn sp st sv tj tr tv vr "
             "sc ch th ph".split())  # sc, ch, th, ph: loanwords («scene», «chip», «thai», «pharma»)
WORD = re.compile(r"\b[A-Za-zÆØÅæøå]{7,}\b")
# a capital after a word with no sentence's end between (on the same line, or at the start of the next line
# under a line of prose: `_prose_above`)
INSIDE = re.compile(r"\b[A-Za-zÆØÅæøå]*[a-zæøå],?([ \n])([A-ZÆØÅ][a-zæøå]+)\b(?![-.])")
PROSE_WORDS = 6  # words on a line of prose at the least: a heading over a paragraph is shorter
FULL = 0.8  # of the widest line: a line that long is full, and a paragraph going on past it
GLUED = re.compile(r"\b[A-Za-zÆØÅæøå]{3,}\b")
LONE_OE = re.compile(r"(?<=[a-zæøå] )ø(?= [a-zæøå])")


def mend(lines: list[str]) -> list[str]:
    """`stray_letters`, `lone_oe`, `stray_capitals` and `glued_words` (the module's docstring)."""
    return glued_words(stray_capitals([LONE_OE.sub("i", ln) for ln in stray_letters(lines)]))


def _stray(word: str) -> int | None:
    """Where a word has a letter no Norwegian word has there: 0 (two consonants that are no onset), 1 (a capital
    second, lower case after it), else None."""
    w = word.lower()
    if w[0] in CONSONANTS and w[1] in CONSONANTS and w[:2] not in ONSETS and w[:3] not in ("skj", "spr", "str",
                                                                                          "skr", "spl", "stj"):
        return 0
    if word[0].isupper() and word[1].isupper() and word[2:].islower():
        return 1
    return None


def stray_letters(lines: list[str]) -> list[str]:
    """Words with a stray letter lose it where the rest is a word of the document (the module's docstring)."""
    text = "\n".join(lines)
    seen = Counter(w.lower() for w in re.findall(r"\b[A-Za-zÆØÅæøå]+\b", text))

    def fix(m: re.Match) -> str:
        word = m.group(0)
        at = _stray(word)
        if at is None or seen[word.lower()] > 1:
            return word
        rest = word[:at] + word[at + 1:]
        return rest if seen[rest.lower()] >= 1 else word

    return [WORD.sub(fix, ln) for ln in lines]


def stray_capitals(lines: list[str]) -> list[str]:
    """A capitalised word once inside a sentence, common in lower case, is the lower-case word."""
    text = "\n".join(lines)
    words = Counter(re.findall(r"\b[A-Za-zÆØÅæøå]+\b", text))
    widest = max((len(ln.strip()) for ln in lines), default=0)
    found = [m for m in INSIDE.finditer(text) if m.group(1) == " " or _prose_above(text, m.start(1), widest)]
    inside = Counter(m.group(2) for m in found)
    at = {m.start(2) for m in found}

    def fix(m: re.Match) -> str:
        word = m.group(2)
        lower = word.lower()
        if m.start(2) in at and words[word] == 1 and inside[word] == 1 and words[lower] >= 3:
            return m.group(0)[: -len(word)] + lower
        return m.group(0)

    return INSIDE.sub(fix, text).split("\n") if lines else lines


def _prose_above(text: str, end: int, widest: int) -> bool:
    """The line ending at `end` is a full line of prose (`PROSE_WORDS`, `FULL`; no list item: a paragraph may follow
    a list), so the next line's first word goes on with its sentence."""
    line = text[text.rfind("\n", 0, end) + 1:end].strip()
    return len(line.split()) >= PROSE_WORDS and len(line) >= FULL * widest and not starts_structure(line)


def glued_words(lines: list[str]) -> list[str]:
    """A word found once that is two of the document's words run together, split (the module's docstring)."""
    text = "\n".join(lines)
    tokens = re.findall(r"\b[A-Za-zÆØÅæøå]+\b", text)
    seen = Counter(w.lower() for w in tokens)
    pairs = Counter(f"{a} {b}".lower() for a, b in zip(tokens, tokens[1:]))

    def fix(m: re.Match) -> str:
        word = m.group(0)
        if seen[word.lower()] > 1:
            return word
        for k in range(1, min(4, len(word) - 1)):  # a short word's narrow space is the one lost
            a, b = word[:k], word[k:]
            if seen[a.lower()] and seen[b.lower()] and (pairs[f"{a} {b}".lower()] or a.islower() and b.isupper()):
                return f"{a} {b}"
        return word

    return [GLUED.sub(fix, ln) for ln in lines]
