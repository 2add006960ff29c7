"""Running headers and footers in a text, for the clean stage (page numbers are `page_furniture`'s).

Reads: the `Line`s clean keeps. Writes: the same lines with the headers and footers blanked (each noted): the
same short line repeated page after page, next to the page breaks (text repeated elsewhere is the agreement's
own: `drop_running`); in a text without page breaks, a first line that comes again later under which the title
stands (`drop_header_without_pages`); a header over the title it repeats, wrapped (`drop_header_over_wrapped_title`).
"""

from __future__ import annotations

import re
from collections import defaultdict

from avtale.extract.letterhead import after_letterhead, columns, is_organisation
from avtale.extract.lines import Line, Notes
from avtale.extract.markers import BULLET_CHARS, marker
from avtale.extract.page_furniture import Facts, near_page_break, neighbour, norm
from avtale.i18n import _


def drop_running(lines: list[Line], notes: Notes) -> list[Line]:
    """Short lines repeated on several pages (digits ignored) are running headers or footers; not a line that
    starts in lower case (the end of a sentence, «gjeldende regelverk.», which comes again by chance), nor a
    sentence that stands at the top or foot of fewer pages than all but one (`_sentence`: the agreement says
    «Statlege tiltak blir tilpassa … vedtek.» twice, and a page turned before it each time), nor a lead-in
    with a list item after it each time («Staten skal:», `_item_after`), nor a compound's first half with its
    second half on the next line each time («Landbruks- og» / «matdepartementet», `_compound_goes_on`)."""
    where: dict[str, list[int]] = defaultdict(list)
    for i, line in enumerate(lines):
        if line.blank() or line.hint not in (None, "para"):
            continue
        key = norm(line.text)
        if len(key.split()) <= 16 and not re.match(r"^(?:[#]+[.)]|§|[" + re.escape(BULLET_CHARS) + r"])", key) \
                and not re.match(r"[a-zæøå]", line.text.strip()):  # a line in lower case goes on with a sentence
            where[key].append(i)
    first_content = next((i for i, ln in enumerate(lines) if not ln.blank()), -1)
    pages = len({ln.page for ln in lines})
    facts = Facts(lines)
    out = list(lines)
    for key, idxs in where.items():
        if len(idxs) < 2:
            continue
        distinct_pages = len({lines[i].page for i in idxs})
        near_break = sum(1 for i in idxs if near_page_break(lines, i, facts))
        if not (pages > 1 and distinct_pages >= 2 and near_break >= max(2, len(idxs) - 1)):
            continue  # repeated text away from page breaks is the agreement's own (a heading, a sentence)
        if _sentence(key) and distinct_pages < pages - 1:
            continue  # a sentence the text says twice, each time where a page turned, is no header on most pages
        if key.endswith(":") and all(_item_after(lines, i) for i in idxs):
            continue  # a lead-in over a list («Staten skal:»), said again where a page turned
        if all(_compound_goes_on(lines, i) for i in idxs):
            continue  # a name's first half («Landbruks- og»), its second on the next line each time
        over_title = first_content in idxs and _header_over_title(lines, first_content)
        title_at = next((j for j in idxs if j > first_content and lines[j].page == lines[first_content].page), -1)
        for i in idxs:
            if i == first_content and not over_title:
                continue  # the title, repeated as a running header later
            if over_title and i == title_at:
                continue  # the title under a running header that repeats it
            notes.dropped(lines[i].no, lines[i].text, _("running header or footer, repeated on every page"))
            out[i] = Line(lines[i].no, "", lines[i].page, None, lines[i].page_start)
    return out


def _item_after(lines: list[Line], i: int) -> bool:
    """The next line with text after line i (`neighbour`) is a list item («1) utvikle …», «• …»)."""
    k = neighbour(lines, i, 1)
    return k is not None and marker(lines[k].text.strip()).kind in ("bullet", "number", "letter")


def _compound_goes_on(lines: list[Line], i: int) -> bool:
    """Line i ends a compound's first half («Landbruks- og», «Kultur-») and the very next line goes on in lower
    case («matdepartementet»): a name wrapped in a narrow column (a letterhead's, a signature's), which the
    agreement prints again with its party; no running header waits for its second half."""
    after = i + 1
    return (bool(re.search(r"(?:-|\s(?:og|eller))$", lines[i].text.strip())) and after < len(lines)
            and not lines[after].blank() and bool(re.match(r"[a-zæøå]", lines[after].text.strip())))


def _sentence(key: str) -> bool:
    """A whole sentence: six words or more and a full stop at the end. A running header or footer is a name or a
    title («Avtale om …», «Side 2 av 4»), seldom a sentence."""
    return len(key.split()) >= 6 and key.rstrip().endswith(".")


def drop_header_without_pages(lines: list[Line], notes: Notes) -> list[Line]:
    """Text with no page breaks (pypdf without folios): a first line that comes again later as a line of its
    own, with a short unpunctuated line (the title, a letterhead) right under it, is a running header."""
    if len({ln.page for ln in lines}) > 1:
        return lines
    first = next((i for i, ln in enumerate(lines) if not ln.blank()), None)
    if first is None or lines[first].hint not in (None, "para"):
        return lines
    key = norm(lines[first].text)
    again = [i for i in range(first + 1, len(lines)) if not lines[i].blank() and norm(lines[i].text) == key]
    if not again or len(key.split()) > 16 or not _header_over_title(lines, first):
        return lines
    if _letterhead_rows(lines, first):
        return lines  # a letterhead's first name, which the signature block names again (`letterhead`)
    under = after_letterhead(lines, first + 1)  # a letterhead between the header and the title
    nxt = next((i for i in range(under, len(lines)) if not lines[i].blank()), None)
    if again[0] == nxt:
        again = again[1:]  # the title itself, straight under the header that repeats it
    out = list(lines)
    for i in [first] + again:
        notes.dropped(lines[i].no, lines[i].text, _("running header, repeated at page tops"))
        out[i] = Line(lines[i].no, "", lines[i].page, None, lines[i].page_start)
    return out


def drop_header_over_wrapped_title(lines: list[Line], notes: Notes) -> list[Line]:
    """A first line that the next two or three lines say again, wrapped (digits, case and spacing aside), is a
    running header over the title it repeats: «Avtale om flere læreplasser 2026–2030» over «AVTALE OM FLERE
    LÆREPLASSER» / «2026–2030». A one-page agreement shows its header once, so only the repetition tells.
    So is a short first line (eight words at most) that the next line starts with and goes on from: a header
    that gives the title's first words («Samarbeidsavtale om forenkling» over «Samarbeidsavtale om forenkling
    av statleg» / «styring av kommunane»); a title never says its own first words again. So is a short title
    made of the title's first words and its last ones, over the title (on up to three lines) that says them:
    «Avtale mellom staten 2028–2030» (`_first_and_last`). A span of years broken at its dash («2024–» / «2025»)
    reads whole (`_wrapped`). A letterhead of
    organisations' names only may stand between the header and the title it repeats."""
    filled = [i for i, ln in enumerate(lines) if not ln.blank()][:12]
    if len(filled) < 2 or lines[filled[0]].hint not in (None, "para"):
        return lines
    key = norm(lines[filled[0]].text)
    short = key.split()
    title = norm(lines[filled[1]].text).split()
    if lines[filled[1]].hint in (None, "para", "title") and 2 <= len(short) <= 8 \
            and len(title) > len(short) and title[: len(short)] == short:
        return _drop_header(lines, filled[0], notes)
    for k in (1, 2, 3) if 3 <= len(short) <= 8 else ():
        under = filled[1 : 1 + k]
        if len(under) == k and under[-1] - under[0] == k - 1 \
                and all(lines[i].hint in (None, "para", "title") for i in under) \
                and _first_and_last(short, norm(" ".join(lines[i].text for i in under)).split()):
            return _drop_header(lines, filled[0], notes)
    skip = 1
    while skip < len(filled) - 1 and lines[filled[skip]].hint in (None, "para", "letterhead") \
            and all(is_organisation(c) for c in columns(lines[filled[skip]].text)):
        skip += 1  # the letterhead between the header and the title
    if len(filled) < skip + 2:
        return lines
    for k in (1, 2, 3) if skip > 1 else (2, 3):
        under = filled[skip : skip + k]
        if len(under) == k and under[-1] - under[0] == k - 1 and all(lines[i].hint in (None, "para") for i in under) \
                and norm(_wrapped(lines[i].text for i in under)) == key:
            return _drop_header(lines, filled[0], notes)
    return lines


def _wrapped(texts) -> str:
    """Lines of one text joined: a space between two, none after a dash a span broke at («2024–» / «2025»)."""
    out = ""
    for text in texts:
        text = text.strip()
        out += ("" if not out or re.search(r"\d[-–]$", out) else " ") + text
    return out


def _first_and_last(short: list[str], title: list[str]) -> bool:
    """`short` is a short title made of the title's first words and its period («Avtale mellom staten
    2028–2030» for «Avtale mellom staten og KS om kvalitetsutvikling … 2028–2030»): two first words at least,
    and last words with a number."""
    return len(title) > len(short) and any(
        short[: len(short) - b] == title[: len(short) - b] and short[len(short) - b :] == title[-b:]
        and "#" in " ".join(title[-b:]) for b in range(1, len(short) - 1))


def _drop_header(lines: list[Line], i: int, notes: Notes) -> list[Line]:
    """The lines with line i, a running header over the title it repeats, blanked (and noted)."""
    out = list(lines)
    first = lines[i]
    notes.dropped(first.no, first.text, _("running header over the title it repeats"))
    out[i] = Line(first.no, "", first.page, None, first.page_start)
    return out


def _letterhead_rows(lines: list[Line], i: int) -> bool:
    """Line i and the next line both name organisations only («Kultur- og likestillingsdepartementet» over «KS»)."""
    nxt = next((ln for ln in lines[i + 1 : i + 3] if not ln.blank()), None)
    return nxt is not None and all(is_organisation(c) for ln in (lines[i], nxt) for c in columns(ln.text))


def _header_over_title(lines: list[Line], i: int) -> bool:
    """A running header on the first page too: the next line is short and unpunctuated (the title itself); blank
    lines between count for little (OCR leaves the lines of the logos it read between blank)."""
    nxt = next((ln for ln in lines[i + 1 : i + 12] if not ln.blank()), None)
    if nxt is None or nxt.page != lines[i].page:
        return False
    text = " ".join(nxt.text.split())
    return 0 < len(text.split()) <= 16 and not re.search(r"[.:;,]['»\")]*$", text) and text[:1].isupper()
