"""Mending stage for text Tesseract read: the labels and bullets of a list it lost or misread.

Reads: the lines of one document as Tesseract wrote them (after `ocr_text.even_out` and
`ocr_text.mend_document`), all pages. Writes: the same lines, as many and in the same order,
with the labels of the lists under a lead-in («Partene skal:») put back (and the bullets
of a list whose «o» column was read as a word), and (line index, note) pairs.

First two slips are set right, as evidence that does not depend on the list's form:

- a letter label read as its twin (`TWINS`: the capital of the same shape, «C)» for «c)»,
  or a digit like it, «9)» for «g)») before lower-case text is that letter when the label
  above it (past blank lines and its wrapped rest) is the letter before: `_label_slips`;
- a column of «o» bullets (Word's second-level bullet, or one typed) read as one word
  (`BULLET_RUN`: «00006», «o 0006», «00009060»: three or more «0», «o», «6», «9», starting
  with an «o» or «0»; or a line of nothing but short marks, «v v yy y» or «o 00 o», a column
  of «►» or «✓» read mark by mark), alone between blank lines (within two paragraphs after the
  list, where Tesseract set that column's block), before an item's text, or between two of the
  list's lines (where our own reader set it by its place on the page). The list is the run of
  lines in lower case or with a bullet around it, or ending just above those paragraphs
  (past a blank line, a paragraph above joins only when all its lines are such: a prose
  paragraph's wrapped lines start in lower case too, `_list_around`); the word goes and
  each item in it (a wrapped rest, `_rest_of`, is no item) gets «• » when it has none:
  `bullet_column`. A word of zeros with no such list by it is left.

Tesseract's column finder often takes a list's labels for a column of their own: the
numbers «1.» … «5.» come out as one word of capitals alone between blank lines, after the
list or inside it («RØNNE», «FUWUNH», «PFUNH-», «GORØENEHE», or a word with a capital after a small
letter, «guUpuw», «NØeR»: `DEBRIS`, no longer than two letters a label and one more, three in mixed case
(`_column_of`), a word found nowhere else in the
text), and each item comes out bare. Or it reads some labels and loses others («1)», «)»,
«3)», or «a)» over three bare items and «e)»). Or it drops a small bullet («·») as noise.
The items under a lead-in are found by their form: lines starting in lower case with no
label (a wrapped item's rest joins its line when that line ends in a word that cannot end
it, `ocr_columns.GOES_ON`, or is full while the rest is less than half a line), or
paragraphs of one sentence each starting with a capital (at most two lines each). A page
number and a capitalised line that comes again elsewhere unpunctuated (a running header)
are a page break between items. The list ends at anything else (a heading, a paragraph of
two sentences, a line of the other form). Then:

- a list with a label column read as debris (in the list, or within two paragraphs after
  it, where Tesseract set that column's block; or lone letters or numbers in sequence,
  «a» «b» «C» «d», which give the style «a)») is numbered «1.», «2.», … and the debris goes;
  a letter or two alone found nowhere else in the text («N», «ar»: `SHORT_DEBRIS`, one
  label misread) is debris too, but numbers no list by itself (a bullet read apart, «o»,
  looks the same): it goes only when a kept label numbers the list;
- a list of which one item kept its label («1)», «a)») and every other item up to the last
  label has none or its closing mark alone («)») is labelled on from it, when every kept
  label fits the count (counting each line an item where counting wrapped lines as one
  does not fit); with the label column's debris by it (labels were lost, and no paragraph
  starts in lower case) the items in lower case past the last label are counted on too;
- an item among items in lower case that starts with a capital shaped as its small letter
  (`CASE_TWIN`: «Sørge for …» for «sørge», C, O, Ø, S, V, W, X, Z differ only in height),
  is shorter than 0.8 of a full line and holds no sentence's end, is an item whose first
  letter Tesseract read large: the letter is set small. Not on the list's last line (a
  capital there may start what follows the list);
- a list of two or more one-sentence paragraphs gets bullets (a lead-in over sentences that
  have no label and each make a paragraph of their own: its bullets were dropped); a list
  in lower case is left for `ocr_columns.restore_bullets` (text export) or the reader.
"""

from __future__ import annotations

import re
from collections import Counter

from avtale.extract.page_furniture import PAGE_NUMBER
from avtale.extract.markers import TERMINAL, marker
from avtale.extract.ocr_text import MARKS_ONLY
from avtale.i18n import _

# a column of labels read as one word: capitals, or a capital after a small letter as no word is written («NØeR»)
DEBRIS = re.compile(r"^(?:[A-ZÆØÅ]{3,12}-?|(?=[^\W\d_]{3,12}$)[^\W\d_]*[a-zæøå][A-ZÆØÅ][^\W\d_]*)$")
PER_LABEL = 2  # letters Tesseract reads for one label («1.» → «R», «Ø», «FU»): a column of n reads 2n + 1 at most
PER_LABEL_MIXED = 3  # … where it reads them in mixed case («Uu», «gU»)
LEAD_IN = re.compile(r":$")
LABEL = re.compile(r"^(?:(\d{1,2})([.)])|([a-zæøå])\))\s+(?=[a-zæøå])")  # an item's label (a heading's: a capital)
LABEL_ANY = re.compile(r"^(?:(\d{1,2})([.)])|([a-zæøå])\))\s+(?=\S)")
LONE = re.compile(r"^(?:\d{1,2}|[a-zA-Z])[.)]?$")  # a label alone: one of a column of labels read as a block
BROKEN_LABEL = re.compile(r"^[.)]\s+(?=[a-zæøå])")  # the label's number lost, its mark kept
ONE_SENTENCE = re.compile(r"^[A-ZÆØÅ](?:[^.!?]|\.(?=\w))*\.$")  # «… på ks.no.»: a dot inside a word ends nothing
LOWER = re.compile(r"^[a-zæøå]")
SCAN = 40  # lines a list may run under its lead-in
SHORT_DEBRIS = re.compile(r"^[^\W\d_]{1,2}$")  # «N», «ar»: one label read as a letter or two, alone
# glyphs Tesseract reads for a letter label's letter: its capital of the same shape, or a digit like it
TWINS = {"b": "6", "c": "C", "g": "9", "l": "1I", "o": "O0", "s": "S5", "v": "V", "w": "W", "x": "X", "z": "Z2"}
SLIPPED = re.compile(r"^([A-Z0-9])\)(\s+)(?=[a-zæøå])")  # «C) rekruttering», «9) gi veiledning»
LETTER_LABEL = re.compile(r"^([a-zæøå])\)\s")
CASE_TWIN = re.compile(r"^[CØOSVWXZ](?=[a-zæøå])")  # capitals shaped as their small letter, only taller
# «00006», «o 0006»: a column of «o» bullets read as a word; «v v yy y»: a column of «►» or «✓» read as a line of
# short marks (no line of text is only such marks)
BULLET_RUN = re.compile(r"^(?:[oO0•·]\s+)?[0oO][0oO69]{2,}(?=\s|$)|" + MARKS_ONLY.pattern)


def _column_of(lines: list[str], at: list[int], n: int) -> bool:
    """Debris on the lines `at` can be the label column of n items (a column of lone labels in sequence always
    can): a word in capitals no longer than `PER_LABEL` letters a label and one more (a longer one may be a heading
    in capitals, «VARIGHET» after three items); a word of mixed case, which no heading is, up to `PER_LABEL_MIXED`
    («UuUKRKUWUNKE» for five labels)."""
    letters = sum(len(re.findall(r"[^\W\d_]", lines[i])) for i in at)
    per = PER_LABEL if all(lines[i].strip().rstrip("-").isupper() for i in at) else PER_LABEL_MIXED
    return len(at) > 1 or letters <= per * n + 1


def lost_labels(lines: list[str], width: float) -> tuple[list[str], list[tuple[int, str]]]:
    """The lists under lead-ins with their lost labels put back (the module's docstring)."""
    lines, notes = _label_slips(lines)
    lines, column_notes = bullet_column(lines, width)
    notes += column_notes
    words = re.findall(r"\w+", "\n".join(lines).lower())
    seen = dict(Counter(words)) if len(words) < 50000 else {}  # (counted once: a count for each word cost the square)
    repeated = Counter(ln.strip() for ln in lines)
    out = list(lines)

    def column(i: int) -> tuple[list[int], str] | None:
        """A block of lone labels in sequence from «a» or «1» («a» «b» «C» «d»; «1.» «2.» «3.»): its lines and style."""
        if i > 0 and lines[i - 1].strip():
            return None
        block = []
        while i + len(block) < len(lines) and LONE.match(lines[i + len(block)].strip()):
            block.append(i + len(block))
        values = [lines[k].strip().rstrip(".)").lower() for k in block]
        if len(block) < 2 or (i + len(block) < len(lines) and lines[i + len(block)].strip()):
            return None
        if values == [str(n) for n in range(1, len(values) + 1)]:
            return block, "1."
        if values == [chr(ord("a") + n) for n in range(len(values))]:
            return block, "a)"
        return None

    def junk_at(i: int) -> tuple[list[int], str] | None:
        text = lines[i].strip()
        alone = (i == 0 or not lines[i - 1].strip()) and (i + 1 == len(lines) or not lines[i + 1].strip())
        if alone and DEBRIS.match(text) and seen.get(text.rstrip("-").lower(), 0) <= 1:
            return [i], "1."
        if alone and SHORT_DEBRIS.match(text) and seen.get(text.lower(), 0) <= 1:
            return [i], ""  # a label read apart as a letter or two: debris, but no evidence of a numbered list
        return column(i)

    for lead, line in enumerate(lines):
        if not LEAD_IN.search(line.strip()):
            continue
        items: list[list[int]] = []
        form = None
        junk: tuple[list[int], str] | None = None
        twins: list[int] = []  # items whose first letter Tesseract read as its capital twin
        j = lead + 1
        while j < min(len(lines), lead + SCAN):
            text = lines[j].strip()
            if not text:
                j += 1
                continue
            found = junk_at(j)
            if found:
                junk = junk or found
                j = found[0][-1] + 1
                if form == "sentence":
                    break  # a label column read after sentences ends their list (what follows is prose)
                continue
            if PAGE_NUMBER.match(text) or (repeated[text] >= 2 and text[:1].isupper()
                                           and not TERMINAL.search(text)):
                j += 1  # page furniture between a list's items: a page break
                continue
            kind = marker(text).kind
            if form in (None, "lower") and (LABEL.match(text) or BROKEN_LABEL.match(text) or (
                    LOWER.match(text) and kind == "none")):
                prev = lines[items[-1][-1]].strip() if items else ""
                if items and LOWER.match(text) and kind == "none" and j == items[-1][-1] + 1 and \
                        _rest_of(prev, text, width):
                    items[-1].append(j)  # the rest of a wrapped item
                else:
                    items.append([j])
                form = "lower"
                j += 1
                continue
            if (form == "lower" and kind == "none" and CASE_TWIN.match(text) and len(text) < 0.8 * width
                    and not re.search(r"[.!?](?:\s|$)", text)):
                twins.append(len(items))  # «Sørge for …» among lower-case items: «s» read as «S»
                items.append([j])
                j += 1
                continue
            if form in (None, "sentence") and (kind == "none" or LABEL_ANY.match(text)) and \
                    re.match(r"[A-ZÆØÅ]", _bare(text)):
                para = [j]
                while not text.endswith(".") and len(para) < 2 and j + len(para) < len(lines) and \
                        lines[j + len(para)].strip():
                    text += " " + lines[j + len(para)].strip()
                    para.append(j + len(para))
                if ONE_SENTENCE.match(_bare(text)):
                    items.append(para)
                    form = "sentence"
                    j = para[-1] + 1
                    continue
            break
        while twins and twins[-1] >= len(items) - 1:
            twins.pop()  # a capital on the last line may start what follows the list: no evidence
            items.pop()
        for n in twins:
            i = items[n][0]
            out[i] = lines[i] = re.sub(r"\S", lambda m: m.group(0).lower(), lines[i], count=1)
            notes.append((i, _("«{text}»: the capital Tesseract read for the first letter of an item among "
                               "lower-case items set small").format(text=lines[i].strip()[:30])))
        if len(items) < 2:
            continue
        if junk and not _column_of(lines, junk[0], len(items)):
            junk = None  # a word too long for the labels of this many items (a heading in capitals, «VARIGHET»)
        if not junk:  # the label column's block may come after the list, past a paragraph or two
            k, paras = j, 0
            while k < len(lines) and paras <= 2 and not junk:
                if lines[k].strip():
                    junk = junk_at(k)
                    junk = junk if junk and _column_of(lines, junk[0], len(items)) else None
                    if k == 0 or not lines[k - 1].strip():
                        paras += 1
                k += 1
        labelled = [n for n, it in enumerate(items) if LABEL_ANY.match(lines[it[0]].strip())
                    or BROKEN_LABEL.match(lines[it[0]].strip())]
        kept = bool(labelled)
        if kept and not junk and form == "sentence":
            items = items[: labelled[-1] + 1]  # past the last label: the paragraphs after the list
        firsts = [it[0] for it in items]
        filled = None
        if kept:
            filled = _filled(lines, firsts, through=form == "lower" and bool(junk))
            if not filled and form == "lower":  # a line taken for a wrapped item's rest may be an item: labels tell
                firsts = [i for it in items for i in it]
                filled = _filled(lines, firsts)
        if not filled and junk and junk[1] and not kept:
            filled = [(chr(ord("a") + n) + ")" if junk[1] == "a)" else f"{n + 1}.") for n in range(len(firsts))]
        heading = lines[lead].strip()[:30]
        if filled:
            for i, label in zip(firsts, filled):
                out[i] = label + " " + _bare(lines[i])
            if junk:
                for i in junk[0]:
                    out[i] = ""
                shown = " ".join(lines[i].strip() for i in junk[0])
                notes.append((junk[0][0], _("«{shown}» dropped: a list's labels Tesseract read apart; the {n} items "
                                            "under «{heading}» labelled {first} to {last}")
                                          .format(shown=shown, n=len(firsts), heading=heading, first=filled[0],
                                                  last=filled[-1])))
            else:
                notes.append((firsts[0], _("labels Tesseract lost in the list under «{heading}» filled in by their count")
                                         .format(heading=heading)))
        elif form == "sentence" and not kept:
            for i in firsts:
                out[i] = "• " + lines[i].strip()
            notes.append((firsts[0], _("the {n} one-sentence paragraphs under «{heading}» read as a list whose bullets "
                                       "Tesseract dropped").format(n=len(firsts), heading=heading)))
    return out, notes


def _list_around(lines: list[str], k: int, item_like) -> tuple[int, int]:
    """The first and last line of the list around line `k`: its lines that are `item_like` and, past blank lines,
    the paragraphs above whose every line is (a paragraph's wrapped lines are in lower case too, its first is not),
    or whose last lines are and start with a bullet (a lead-in right above the list's first item), and below whose
    first line is."""
    top = bottom = k
    while True:
        while top > 0 and lines[top - 1].strip() and item_like(top - 1):
            top -= 1
        n = top - 1
        while n >= 0 and not lines[n].strip():
            n -= 1
        if n < 0 or n == top - 1:
            break  # the start of the text, or a line of another kind right above: the list starts here
        first = n
        while first > 0 and lines[first - 1].strip():
            first -= 1
        run = n  # the paragraph's last lines that are item-like
        while run > first and item_like(run - 1):
            run -= 1
        if run > first and item_like(run) and marker(lines[run].strip()).kind == "bullet":
            top = run  # a list that starts with a bullet right under its lead-in («Staten skal:»)
            break
        if not all(item_like(m) for m in range(first, n + 1)):
            break
        top = first
    while True:
        while bottom + 1 < len(lines) and lines[bottom + 1].strip() and item_like(bottom + 1):
            bottom += 1
        n = bottom + 1
        while n < len(lines) and not lines[n].strip():
            n += 1
        if n >= len(lines) or n == bottom + 1 or not item_like(n):
            break
        bottom = n
    return top, bottom


def _rest_of(above: str, text: str, width: float) -> bool:
    """`text` (lower case) is the rest of an item wrapped from the line `above`: that ends in a word that cannot end
    an item (`ocr_columns.GOES_ON`), or is full while `text` is less than half a line."""
    from avtale.extract.ocr_columns import GOES_ON

    return bool(GOES_ON.search(above)) or (len(above) + 1 + len(text.split()[0]) > width and len(text) < 0.5 * width)


def _bare(line: str) -> str:
    text = line.strip()
    return LABEL_ANY.sub("", BROKEN_LABEL.sub("", text), count=1)


def _filled(lines: list[str], firsts: list[int], through: bool = False) -> list[str] | None:
    """Each item's label counted on from the labels kept, or None when no label was kept, none was lost, or one
    does not fit the count. Items past the last label are counted only `through` (items in lower case, which no
    paragraph after the list starts with, beside debris of the label column: labels were lost)."""
    kept = [(n, m) for n, i in enumerate(firsts) if (m := LABEL_ANY.match(lines[i].strip()))]
    last = max((n for n, i in enumerate(firsts) if LABEL_ANY.match(lines[i].strip())
                or BROKEN_LABEL.match(lines[i].strip())), default=-1)
    if not through:
        firsts = firsts[: last + 1]  # past the last label nothing tells an item from the paragraph after the list
    if not kept or len(kept) == len(firsts):
        return None
    n0, m0 = kept[0]
    if m0.group(1):
        start, mark, letters = int(m0.group(1)) - n0, m0.group(2), False
    else:
        start, mark, letters = ord(m0.group(3)) - ord("a") + 1 - n0, ")", True
    if start < 1:
        return None
    labels = [(chr(ord("a") + start + n - 1) if letters else str(start + n)) + mark for n in range(len(firsts))]
    for n, m in kept:
        if m.group(0).strip() != labels[n]:
            return None
    return labels


def _label_slips(lines: list[str]) -> tuple[list[str], list[tuple[int, str]]]:
    """A letter label Tesseract read as its twin («C)» for «c)», «9)» for «g)»: `TWINS`) set right when the item
    above (past blank lines and the wrapped rests of its text, lines in lower case) has the letter before it."""
    out, notes = list(lines), []
    for i, line in enumerate(lines):
        m = SLIPPED.match(line.strip())
        if not m:
            continue
        k = i - 1
        while k >= 0 and i - k <= 4 and (not lines[k].strip() or (
                LOWER.match(lines[k].strip()) and not LETTER_LABEL.match(lines[k].strip()))):
            k -= 1
        above = LETTER_LABEL.match(lines[k].strip()) if k >= 0 else None
        if not above or above.group(1) == "z":
            continue
        letter = chr(ord(above.group(1)) + 1)
        if m.group(1) in TWINS.get(letter, ""):
            out[i] = letter + ")" + m.group(2) + line.strip()[m.end():]
            notes.append((i, _("«{read})» read as «{letter})»: the label after «{above})»")
                             .format(read=m.group(1), letter=letter, above=above.group(1))))
    return out, notes


def bullet_column(lines: list[str], width: float) -> tuple[list[str], list[tuple[int, str]]]:
    """A list's column of «o» bullets read as one word (`BULLET_RUN`: «00006», «o 0006», «00009060») dropped and
    the bullets set back before its items (the module's docstring)."""
    out, notes = list(lines), []

    def item_like(k: int) -> bool:
        text = out[k].strip()
        kind = marker(text).kind
        return bool(BULLET_RUN.match(text)) or kind == "bullet" or (kind == "none" and bool(LOWER.match(text)))

    for i, line in enumerate(lines):
        m = BULLET_RUN.match(line.strip())
        rest = line.strip()[m.end():].strip() if m else ""
        if not m or (rest and not LOWER.match(rest)):
            continue
        k = i
        inside = (0 < i < len(lines) - 1 and lines[i - 1].strip() and lines[i + 1].strip()
                  and item_like(i - 1) and item_like(i + 1))  # a scan's column set in place among its items
        if not rest and not inside:
            if (i > 0 and lines[i - 1].strip()) or (i + 1 < len(lines) and lines[i + 1].strip()):
                continue  # a column read as a word stands alone, or before an item's text
            k, paras = i - 1, 0  # its block set after the list, past a paragraph or two
            while k >= 0 and paras <= 2:
                if out[k].strip() and (k == 0 or not out[k - 1].strip()):  # a paragraph's first line
                    if item_like(k):
                        break
                    paras += 1
                k -= 1
            if k < 0 or paras > 2:
                continue
            while k + 1 < i and out[k + 1].strip():
                k += 1  # the block's last line
        top, bottom = _list_around(out, k, item_like)
        items = []
        for n in range(top, bottom + 1):
            text = out[n].strip()
            if not text or n == i or BULLET_RUN.match(text):
                continue
            above = out[n - 1].strip() if n > 0 else ""
            if above and not BULLET_RUN.match(above) and LOWER.match(text) and _rest_of(above, text, width):
                continue  # the rest of the item above, wrapped
            items.append(n)
        if len(items) + bool(rest) < 2:
            continue
        for n in items:
            if marker(out[n].strip()).kind != "bullet":
                out[n] = "• " + out[n].strip()
        out[i] = "• " + rest if rest else ""
        notes.append((i, _("«{word}» dropped: a column of bullets Tesseract read as a word; {n} items bulleted")
                         .format(word=m.group(0), n=len(items) + bool(rest))))
    return out, notes
