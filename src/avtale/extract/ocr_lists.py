"""Mending stage for text Tesseract read: the labels of a list it lost.

Reads: the lines of one document as Tesseract wrote them (after `ocr_text.even_out` and
`ocr_text.mend_document`), all pages. Writes: the same lines, as many and in the same order,
with the labels of the lists under a lead-in («Partene skal:») put back, and (line index,
note) pairs.

Tesseract's column finder often takes a list's labels for a column of their own: the
numbers «1.» … «5.» come out as one word of capitals alone between blank lines, after the
list or inside it («RØNNE», «FUWUNH», «PFUNH-»: `DEBRIS`, a word found nowhere else in the
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
- a list of which one item kept its label («1)», «a)») and every other item up to the last
  label has none or its closing mark alone («)») is labelled on from it, when every kept
  label fits the count (counting each line an item where counting wrapped lines as one
  does not fit);
- a list of two or more one-sentence paragraphs gets bullets (a lead-in over sentences that
  have no label and each make a paragraph of their own: its bullets were dropped); a list
  in lower case is left for `ocr_columns.restore_bullets` (text export) or the reader.
"""

from __future__ import annotations

import re
from collections import Counter

from avtale.extract.page_furniture import PAGE_NUMBER
from avtale.extract.markers import TERMINAL, marker

DEBRIS = re.compile(r"^[A-ZÆØÅ]{3,8}-?$")
LEAD_IN = re.compile(r":$")
LABEL = re.compile(r"^(?:(\d{1,2})([.)])|([a-zæøå])\))\s+(?=[a-zæøå])")  # an item's label (a heading's: a capital)
LABEL_ANY = re.compile(r"^(?:(\d{1,2})([.)])|([a-zæøå])\))\s+(?=\S)")
LONE = re.compile(r"^(?:\d{1,2}|[a-zA-Z])[.)]?$")  # a label alone: one of a column of labels read as a block
BROKEN_LABEL = re.compile(r"^[.)]\s+(?=[a-zæøå])")  # the label's number lost, its mark kept
ONE_SENTENCE = re.compile(r"^[A-ZÆØÅ](?:[^.!?]|\.(?=\w))*\.$")  # «… på ks.no.»: a dot inside a word ends nothing
LOWER = re.compile(r"^[a-zæøå]")
SCAN = 40  # lines a list may run under its lead-in


def lost_labels(lines: list[str], width: float) -> tuple[list[str], list[tuple[int, str]]]:
    """The lists under lead-ins with their lost labels put back (the module's docstring)."""
    from avtale.extract.ocr_columns import GOES_ON

    words = re.findall(r"\w+", "\n".join(lines).lower())
    seen = {w: words.count(w) for w in set(words)} if len(words) < 50000 else {}
    repeated = Counter(ln.strip() for ln in lines)
    out, notes = list(lines), []

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
        return column(i)

    for lead, line in enumerate(lines):
        if not LEAD_IN.search(line.strip()):
            continue
        items: list[list[int]] = []
        form = None
        junk: tuple[list[int], str] | None = None
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
                if (items and LOWER.match(text) and kind == "none"
                        and j == items[-1][-1] + 1 and (GOES_ON.search(prev) or (
                            len(prev) + 1 + len(text.split()[0]) > width and len(text) < 0.5 * width))):
                    items[-1].append(j)  # the rest of a wrapped item
                else:
                    items.append([j])
                form = "lower"
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
        if len(items) < 2:
            continue
        if not junk:  # the label column's block may come after the list, past a paragraph or two
            k, paras = j, 0
            while k < len(lines) and paras <= 2 and not junk:
                if lines[k].strip():
                    junk = junk_at(k)
                    if k == 0 or not lines[k - 1].strip():
                        paras += 1
                k += 1
        labelled = [n for n, it in enumerate(items) if LABEL_ANY.match(lines[it[0]].strip())
                    or BROKEN_LABEL.match(lines[it[0]].strip())]
        kept = bool(labelled)
        if kept and not junk:
            items = items[: labelled[-1] + 1]  # past the last label: the paragraphs after the list
        firsts = [it[0] for it in items]
        filled = None
        if kept:
            filled = _filled(lines, firsts)
            if not filled and form == "lower":  # a line taken for a wrapped item's rest may be an item: labels tell
                firsts = [i for it in items for i in it]
                filled = _filled(lines, firsts)
        if not filled and junk and not kept:
            filled = [(chr(ord("a") + n) + ")" if junk[1] == "a)" else f"{n + 1}.") for n in range(len(firsts))]
        where = f"under «{lines[lead].strip()[:30]}»"
        if filled:
            for i, label in zip(firsts, filled):
                out[i] = label + " " + _bare(lines[i])
            if junk:
                for i in junk[0]:
                    out[i] = ""
                shown = " ".join(lines[i].strip() for i in junk[0])
                notes.append((junk[0][0], f"«{shown}» dropped: a list's labels Tesseract read apart; the "
                                          f"{len(firsts)} items {where} labelled {filled[0]} to {filled[-1]}"))
            else:
                notes.append((firsts[0], f"labels Tesseract lost in the list {where} filled in by their count"))
        elif form == "sentence" and not kept:
            for i in firsts:
                out[i] = "• " + lines[i].strip()
            notes.append((firsts[0], f"the {len(firsts)} one-sentence paragraphs {where} read as a list whose "
                                     "bullets Tesseract dropped"))
    return out, notes


def _bare(line: str) -> str:
    text = line.strip()
    return LABEL_ANY.sub("", BROKEN_LABEL.sub("", text), count=1)


def _filled(lines: list[str], firsts: list[int]) -> list[str] | None:
    """Each item's label counted on from the labels kept, or None when no label was kept, none was lost, or one
    does not fit the count."""
    kept = [(n, m) for n, i in enumerate(firsts) if (m := LABEL_ANY.match(lines[i].strip()))]
    last = max((n for n, i in enumerate(firsts) if LABEL_ANY.match(lines[i].strip())
                or BROKEN_LABEL.match(lines[i].strip())), default=-1)
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
