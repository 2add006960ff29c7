"""Mending stage helper for text Tesseract read: «§ n» headings whose sign it misread, and list labels
it read as digits.

Reads: the lines of one document (all pages). Writes: the same lines, as many, with the section
headings of a document numbered «§ 1», «§ 2» … set right where Tesseract read the sign as a digit or
a letter (its Norwegian model has no «§»): `glued_signs`; and a list's letter label read as a digit
(«8)» for «g)») where the labels around it count over it: `letter_labels`. Used by
`ocr_text.mend_document`.
"""

from __future__ import annotations

import re

from avtale.extract.ocr_text import SIGN_HEADING

# «51 Bakgrunn»: «§ 1 Bakgrunn», the sign glued (and read with a speck before it: «&$6 Roller»)
GLUED_SIGN = re.compile(r"^[&%]?[85S$](\d{1,2})\s+([A-ZÆØÅ][^.:;!?]{0,70})$")
# any reading of a «§ n» heading: the sign right, or read as one or two of «8», «5», «S», «$» (a speck before),
# glued to its number or not («§ 1», «$ 1», «$2», «83», «8$5», «5 3»), a subsection's number too («§ 2.1»)
SIGN_READ = re.compile(r"^[&%]?(?:§|[85S$]{1,2})\s?(\d{1,2}(?:\.\d{1,2})?)\s+([A-ZÆØÅ][^.:;!?]{0,70})$")


def glued_signs(lines: list[str]) -> list[str]:
    """«51 Bakgrunn», «52 Organisering», …: «§ 1 Bakgrunn», «§ 2 Organisering», the «§» read as a digit glued to the
    number, where two or more short lines read so and their numbers count 1, 2, 3 … in order (the sign may be read
    as two: «855 Mål» for «§ 5 Mål» where 5 is the count's next). The count may run through headings whose sign
    was read right or apart, or otherwise (`SIGN_READ`: «§ 1», «$2», «83», «8$5», «5 3»), subsections under their
    section («§ 2.1» after «§ 2»): then every one of them is «§ n»."""
    read = _sign_readings(lines)
    if read:
        out = list(lines)
        for i, number, text in read:
            out[i] = f"§ {number} {text}"
        return out
    found = [(i, m) for i, ln in enumerate(lines) if (m := GLUED_SIGN.match(ln.strip()))]
    numbers = [_glued_number(m, n + 1) for n, (_, m) in enumerate(found)]
    if len(found) < 2 or numbers != list(range(1, len(found) + 1)):
        return _glued_among_signs(lines, found)
    out = list(lines)
    for (i, m), number in zip(found, numbers):
        out[i] = f"§ {number} {m.group(2)}"
    return out


def _sign_readings(lines: list[str]) -> list[tuple[int, str, str]]:
    """The «§ n» headings however their sign was read (`SIGN_READ`), as (line, number, text), where two or more
    read otherwise than «§ n» and the sections count 1, 2, 3 … in order with every subsection under its section;
    else none."""
    read, top, sub = [], 0, 0
    for i, line in enumerate(lines):
        m = SIGN_READ.match(line.strip())
        if not m:
            continue
        number = m.group(1)
        if "." not in number:
            if int(number) != top + 1:
                return []
            top, sub = top + 1, 0
        else:
            section, part = map(int, number.split("."))
            if section != top or part != sub + 1:
                return []
            sub += 1
        read.append((i, number, m.group(2)))
    misread = sum(1 for i, _, _ in read if not lines[i].strip().startswith("§ "))
    return read if top >= 2 and misread >= 2 else []


def _glued_number(m: re.Match, want: int) -> int:
    """The heading's number: «855 Mål» is «§ 5» where 5 is the count's next (the sign read as two signs, «85»)."""
    number = int(m.group(1))
    if number != want and len(m.group(1)) == 2 and m.group(1)[0] in "85" and int(m.group(1)[1]) == want:
        return want
    return number


def _glued_among_signs(lines: list[str], found: list[tuple[int, re.Match]]) -> list[str]:
    """«85 Varigheit» after «§ 4 Mål for samarbeidet» is «§ 5 Varigheit»: among headings read «§ n», a glued one
    whose number follows the «§» heading above it (and comes before the one below); «81 Tiltak» over «§ 2 …»
    with no «§» heading above it is «§ 1 Tiltak», the first of the count."""
    signs = [(i, int(m.group(1))) for i, ln in enumerate(lines) if (m := SIGN_HEADING.match(ln.strip()))]
    out = list(lines)
    for i, m in found:
        above = [n for k, n in signs if k < i]
        below = [n for k, n in signs if k > i]
        number = int(m.group(1))
        first = not above and number == 1 and bool(below) and below[0] == 2
        if first or above and above[-1] + 1 == number and (not below or below[0] > number):
            out[i] = f"§ {m.group(1)} {m.group(2)}"
    return out


LETTER_LABEL = re.compile(r"^\s*([a-zæøå])\)\s+\S")  # «f) gje rettleiing …»
DIGIT_LABEL = re.compile(r"^(\s*)(\d)\)(\s+[a-zæøå])")  # «8) støtte …»: a letter read as a digit
LABEL_SPAN = 4  # lines from a misread label to the labels around it (blank lines between items)


def letter_labels(lines: list[str]) -> list[str]:
    """«e)», «f)», «8)», «h)»: a digit label between two letter labels two letters apart, each within `LABEL_SPAN`
    lines, is the letter between them («g)»). Tesseract reads «g» as «8» or «9», «l» as «1», «o» as «0»; the
    count around it says which letter, whatever the digit. A list numbered «1)», «2)» has no letters around."""
    out = list(lines)

    def letter(span: range) -> str | None:
        """The letter of the first letter label on the lines of `span`."""
        return next((m.group(1) for j in span if (m := LETTER_LABEL.match(lines[j]))), None)

    for i, line in enumerate(lines):
        if not DIGIT_LABEL.match(line):
            continue
        above = letter(range(i - 1, max(-1, i - LABEL_SPAN - 1), -1))
        below = letter(range(i + 1, min(len(lines), i + LABEL_SPAN + 1)))
        if above and below and ord(below) - ord(above) == 2:
            out[i] = DIGIT_LABEL.sub(lambda x: f"{x.group(1)}{chr(ord(above) + 1)}){x.group(3)}", line, count=1)
    return out
