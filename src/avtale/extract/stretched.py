"""Stretched lines: a justified line pdftotext (without -layout) took apart word by word.

Reads: cleaned `Line`s. Writes: the lines with the words of a stretched line put back on one line (a stack's lines
taken out, scattered words' lines left blank), marked `goes_on` (a justified line is never its paragraph's last:
Word stretches a line that ends in a manual break, and the paragraph goes on after it), and a note for each.

Word spaces stretched wide (a justified line that ends in a manual line break, Shift+Enter) make pdftotext read
each word as a block of its own. Two shapes come out:

- A word stack (`join_word_stacks`): three lines or more of one word each, one under another, at least one of
  them in lower case («Partane» / «i» / «denne» / «avtalen» / «er»): no heading, list or letterhead is set one word
  a line with a sentence's inner words in it. The words are one line again. A first word that ends the line above
  (`_ends_line_above`: a title's last word before «Partane», a heading of one word) is left out of the stack.
- Scattered words (`gather_scattered`): the line's first words stay with the paragraph's last line, and the other
  words come after the paragraph, each a block of its own with blank lines between («Avtalen er inngått» /
  «Energidepartementet.» / «» / «mellom» / «» / «KS,» / … ). When a paragraph of two lines or more is followed by
  such words (two or more, one at least in lower case or ending in «,» or «-»; a single one only in lower case)
  up to a blank line, and the paragraph's last line but one does not end a sentence or its last line starts in
  lower case (the sentence goes on across the seam), the words go back between those two lines (the stretched
  line is the one before the paragraph's last: its manual break ends it). The next paragraph's lead-in
  («Departementene skal:») may stand among the words, with two or more words from inside a sentence after it (the
  rest of the line, across a page break): those words are gathered too, and the lead-in keeps its place after the
  paragraph (`_lead_in_among`).
"""

from __future__ import annotations

import re

from avtale.extract.lines import Line, Notes
from avtale.extract.markers import LONE_LABEL, TERMINAL, starts_structure
from avtale.i18n import _

WORD = re.compile(r"^[\wæøåÆØÅ«»\"'()–-]+(?:\.[\wæøå]+)*[,.:;]?$")  # «ks.no.» too


def _word(line: Line) -> bool:
    text = line.text.strip()
    return (line.hint is None and bool(WORD.match(text)) and not LONE_LABEL.match(text) and not starts_structure(text)
            and any(c.isalpha() for c in text))  # not a number nor a span of years («2027–2029», a title's last line)


def _fragment(line: Line) -> bool:
    """Two or three words of a sentence's inside pdftotext kept together («samarbeid med»), in lower case: taken only
    after scattered single words, as the run's next block."""
    parts = line.text.split()
    return (line.hint is None and 2 <= len(parts) <= 3 and parts[0][:1].islower()
            and all(WORD.match(p) and any(c.isalpha() for c in p) for p in parts))


def _inner(text: str) -> bool:
    """A word from inside a sentence: lower case first, or a comma or hyphen after it."""
    return text[:1].islower() or text.endswith((",", "-"))


def join_word_stacks(lines: list[Line], notes: Notes) -> list[Line]:
    out = list(lines)
    i = 0
    while i < len(out):
        j = i
        while j < len(out) and _word(out[j]):
            j += 1
        if j - i >= 2 and _ends_line_above(out, i):
            i += 1  # the first word ends the line above: the stack starts after it
        if j - i >= 3 and any(out[k].text.strip()[:1].islower() for k in range(i, j)):
            first = out[i]
            text = " ".join(out[k].text.strip() for k in range(i, j))
            out[i : j] = [Line(first.no, text, first.page, first.hint, first.page_start, goes_on=True)]
            notes.uncertain(first.no, _("one word a line, read as one stretched line: «{text}»")
                                      .format(text=text[:60]))
            i += 1
            continue
        i = max(j, i + 1)
    return out


def _ends_line_above(lines: list[Line], i: int) -> bool:
    """Word i, first of a stack, ends the line above (a title's «kommunesektoren», «KOMMUNESEKTOREN»), not the
    stretched line: the line above goes on (no closing mark), and the word is in lower case or in capitals while
    the next starts a sentence or a name (a capital, then lower case). Or it is a heading of one word: after a blank
    line, a capital, and a capital after it (the stretched line's first word starts its sentence)."""
    above = lines[i - 1] if i > 0 else None
    word, nxt = lines[i].text.strip(), lines[i + 1].text.strip()
    if (above is None or above.blank()) and word[:1].isupper() and nxt[:1].isupper() and not TERMINAL.search(word):
        return True  # a heading of one word over the stack («Organisering» / «Rettleiarar» / «og» / …)
    if above is None or above.blank() or TERMINAL.search(above.text.strip()):
        return False
    return (word[:1].islower() or (word.isupper() and len(word) > 1)) and nxt[:1].isupper() and not nxt.isupper()


def gather_scattered(lines: list[Line], notes: Notes) -> list[Line]:
    out = list(lines)
    i = 0
    while i < len(out):
        if not out[i].blank() or i == 0 or out[i - 1].blank():
            i += 1
            continue
        start = i - 1
        while start > 0 and not out[start - 1].blank():
            start -= 1
        block = out[start:i]  # the paragraph before the blank line at i
        words, k, leapt = [], i, False
        while True:
            while k < len(out) and out[k].blank():
                k += 1
            if k < len(out) and _alone(out, k) and (_word(out[k]) or words and _fragment(out[k])):
                words.append(k)
                k += 1
            elif words and not leapt and _lead_in_among(out, k):
                leapt, k = True, k + 1  # the next paragraph's lead-in, read among the words: it keeps its place
            else:
                break
        past = not words
        if past:
            words = _past_heading_number(out, k)
        seam = _seam(block, [out[w].text.strip() for w in words])
        inner = list(words)
        while inner and out[inner[-1]].text.strip()[:1].isupper() and not out[inner[-1]].text.strip().endswith(","):
            inner.pop()  # a heading of one word after the scattered words («Varighet») is none of them
        if seam is None and _into_stack(block, [out[w].text.strip() for w in inner]):
            words, last = inner, block[-1]
            *inner, end = last.text.split()
            text = " ".join(inner + [out[w].text.strip() for w in words] + [end])
            out[i - 1] = Line(last.no, text, last.page, last.hint, last.page_start, goes_on=False)
            for w in words:
                out[w] = Line(out[w].no, "", out[w].page, None, out[w].page_start)
            notes.uncertain(last.no, _("words set apart after a stretched line put back before its last word: "
                                       "«{text}»").format(text=text[:60]))
            i = words[-1] + 1
            continue
        if seam is not None:
            head = out[start + seam]
            text = " ".join([head.text.strip()] + [out[w].text.strip() for w in words])
            out[start + seam] = Line(head.no, text, head.page, head.hint, head.page_start, goes_on=True)
            for w in words:
                out[w] = Line(out[w].no, "", out[w].page, None, out[w].page_start)
            notes.uncertain(head.no, _("words set apart after the paragraph put back into it: «{text}»")
                                     .format(text=text[:60]))
            i = words[-1] + 1
            if past and words:  # the heading's number keeps its place, one blank line from what follows the words
                gone = set(range(k + 1, words[-1] + 1))
                out = [x for n, x in enumerate(out) if n not in gone]
                i = k + 1
            continue
        i += 1
    return out


def _alone(lines: list[Line], k: int) -> bool:
    """Line k is a block of its own: a blank line (or the end) after it."""
    return k + 1 == len(lines) or lines[k + 1].blank()


def _lead_in_among(lines: list[Line], k: int) -> bool:
    """Line k is a lead-in of its own («Departementene skal:»: the paragraph after the stretched one) that pdftotext
    read among the scattered words, and two words or more from inside a sentence, each a block of its own, go on
    after it («for» / «et» / «godt» / … across the page break): the words are the stretched line's still."""
    if k >= len(lines) or not _alone(lines, k) or lines[k].hint:
        return False
    text = lines[k].text.strip()
    if not (text[:1].isupper() and text.endswith(":") and len(text.split()) <= 8 and not starts_structure(text)):
        return False
    after, j = [], k + 1
    while len(after) < 2:
        while j < len(lines) and lines[j].blank():
            j += 1
        if j == len(lines) or not (_alone(lines, j) and _word(lines[j]) and _inner(lines[j].text.strip())):
            return False
        after.append(j)
        j += 1
    return True


def _past_heading_number(lines: list[Line], k: int) -> list[int]:
    """The scattered words after a heading's lone number (lines[k]: «2.», set between the paragraph and them by the
    text flow), each a block of its own, up to the one closing the sentence: «2.» / «ny» / «avtale.» / «Virkeområde».
    The first in lower case; none when they do not close a sentence (then they may be the heading's own)."""
    if k >= len(lines) or not LONE_LABEL.match(lines[k].text.strip()) or lines[k].text.strip()[:1] not in "§0123456789":
        return []
    words, k = [], k + 1
    while True:
        while k < len(lines) and lines[k].blank():
            k += 1
        if k < len(lines) and _word(lines[k]) and (k + 1 == len(lines) or lines[k + 1].blank()):
            words.append(k)
            if TERMINAL.search(lines[k].text.strip()):
                break
            k += 1
        else:
            return []
    return words if lines[words[0]].text.strip()[:1].islower() else []


def _seam(block: list[Line], words: list[str]) -> int | None:
    """The line of the block the words go after: the last but one line, when the sentence goes on across the seam."""
    if len(block) < 2 or not words or any(x.hint or starts_structure(x.text) for x in block[-2:]):
        return None
    if len(words) == 1 and not words[0][:1].islower():
        return None
    if not any(_inner(w) for w in words):
        return None
    first, second = block[-2].text.strip(), block[-1].text.strip()
    return len(block) - 2 if not TERMINAL.search(first) or second[:1].islower() else None


def _into_stack(block: list[Line], words: list[str]) -> bool:
    """The block ends in a word stack (`join_word_stacks`) whose last word closes a sentence, and words from inside a
    sentence follow (the first in lower case): the stack held the stretched line's first words and then the
    paragraph's last line, one word («Tiltak» / «som» / … / «handsamast» / «budsjettprosessane.» / «» / «i» / «» /
    «dei» / «» / «ordinære»); the words go before that last word. No sentence starts in lower case after a full stop."""
    if not block or not words or not block[-1].goes_on or block[-1].hint or len(block[-1].text.split()) < 3:
        return False
    return bool(TERMINAL.search(block[-1].text.strip())) and words[0][:1].islower() and not TERMINAL.search(words[-1])


def restore_stretched(lines: list[Line], notes: Notes) -> list[Line]:
    return gather_scattered(join_word_stacks(lines, notes), notes)
