"""Read stage for HTML: an agreement saved from a web page (or by Word, LibreOffice, pandoc), and avtale's own.

Reads: the bytes of an .html, .htm or .xhtml file (lxml's HTML parser, no network).
Writes: one `Line` per block in reading order, numbered by source line, with the
hints read_docx gives, so that the later stages treat both alike: `title` (Word's
Title style; else the only h1; else a first paragraph before the headings that is the
<title> or reads like a heading; else the first of several h1s; else the <title>
without the site's name; else a first heading of a level used once); `heading`, `subheading` (the next two heading
levels used; deeper ones `para`); `bullet` («• item») for li in ul, `numbered` for
li in ol with the number written out («1.», «1)» for avtale's class list-paren, «a)»
for type="a"; from start or an li's value); `letterhead` (a <header> without
headings naming organisations, names tab-separated; an image's alt text is never
content); table rows one line each, cells tab-separated, read cell by cell like
read_docx (a cell of underscores is empty); `signature` after the last «Oslo, 7.
november 2014» line; `para` else. A heading in a list item (LibreOffice) stays a heading;
an item all in bold is `para` («1. Formål»: a heading numbered as a list, as read_docx gives it).

A saved web page brings its site with it: only the main content is read (<main>,
else the <article> with most text, else the innermost element with nearly all the
text and the h1). Invisible parts (<head>, <script>, <style> …) are skipped;
navigation, breadcrumbs, cookie banners, page headers and footers (also Word's and
LibreOffice's), asides, forms, hidden elements, and paragraphs that are a link or
«Publisert …» only are dropped with a note (never an element with half the text:
some sites wrap the page in a <form>). A table holding headings, lists or long
text lays out the page and is read as blocks.

Bounded: the source size (`guard`), tags before parsing and nesting (`read_html_source`, which decodes and
parses), lines emitted (`guard.check_lines`), a table row's cells read as columns (MAX_COLUMNS). Text is
UTF-8 unless the page declares a charset. Anything else, a page the parser gives up on, or one with no text,
is one `ExtractError`.

A page avtale wrote (`<meta name="generator" content="avtale">`) is read by its structure instead
(`read_own`: `read_html_own`, `own_build`), so every mark, note, table and annex comes back exactly.
"""

from __future__ import annotations

import re
from pathlib import Path

from avtale.errors import ExtractError, Position
from avtale.extract import guard
from avtale.extract.read_html_source import MAX_DEPTH, TAGS_PER_PAGE, check_tags, decode, parse  # noqa: F401
from avtale.extract.hints import LETTER, PLACE_DATE, Item, lines_from
from avtale.extract.lines import Line, Notes
from avtale.i18n import N_, _

MAX_COLUMNS = 64  # cells in a row read as columns side by side (more would make rows of their product)
INVISIBLE = {"head", "title", "meta", "link", "base", "script", "style", "template", "noscript", "iframe", "object",
             "embed", "svg", "math", "canvas", "audio", "video", "source", "track", "map", "area", "img", "picture",
             "input", "button", "select", "option", "textarea", "datalist", "label", "progress", "meter"}
BLOCKS = {"p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote", "pre", "dl",
          "dt", "dd", "figure", "figcaption", "address", "hr", "form", "fieldset", "legend", "details", "summary",
          "center", "caption", "body", "html", "hgroup", "dialog", "li", "ul", "ol", "table", "tr", "td", "th"}
CONTAINERS = {"div", "section", "article", "main", "center", "form", "table", "tbody", "thead", "tr", "td", "th"}
HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
# why an element is left out, in English; translated where the note is made (a class name found is shown as it is)
CHROME_TAGS = {"nav": N_("navigation"), "footer": N_("page footer"), "aside": N_("aside"), "form": N_("form"),
               "dialog": N_("dialog")}
CHROME_ROLES = {"navigation": N_("navigation"), "banner": N_("page header"), "contentinfo": N_("page footer"),
                "search": N_("search"), "complementary": N_("aside"), "dialog": N_("dialog"),
                "alertdialog": N_("dialog"), "menubar": N_("menu")}
CHROME_NAMES = re.compile(r"(cookie|consent|gdpr|breadcrumb|br[øo]dsmule|skip-?link|skip-?to|sr-only|visually-?hidden"
                          r"|navbar|sidebar|site-?header|site-?footer)", re.IGNORECASE)
PAGE_PART = re.compile(r"^\s*(header|footer)\s|mso-element:\s*(?:\w+-)?(header|footer)", re.IGNORECASE)
PAGE_META = re.compile(r"^(?:publisert|sist\s+(?:endret|oppdatert|endra)|oppdatert|endret|endra|skrevet\s+av)\b",
                       re.IGNORECASE)
BR = "\x00"  # a <br> in the buffer: source line breaks are spaces


def read(path: Path | str, notes: Notes) -> list[Line]:
    raw = guard.read_source(path)
    check_tags(raw.count(b"<"), path)
    doc = parse(decode(raw, path), path)
    items = items_of(doc, notes)
    guard.check_lines(len(items), path)
    title = next(iter(doc.xpath("/html/head/title")), None)
    title_text = " ".join((title.text_content() if title is not None else "").split())
    title_text = max(re.split(r"\s+[|–—-]\s+", title_text), key=len)  # «Avtale om … - regjeringen.no»
    lines = lines_from(items, notes, (title_text, title.sourceline or 1) if title_text else None)
    if not any(ln.text.strip() for ln in lines):
        raise ExtractError(_("no text in the page (only markup, scripts, navigation or images)"), Position(path))
    return lines


def read_own(path: Path | str, notes: Notes):
    """(OwnDoc, "html") for a page avtale wrote (`read_html_own`), else None: the page is read line by line."""
    from avtale.extract import read_html_own

    raw = guard.read_source(path)
    check_tags(raw.count(b"<"), path)
    if b'<meta name="generator" content="avtale">' not in raw[:4096]:
        return None
    doc = parse(decode(raw, path), path)
    own = read_html_own.read(doc)
    if own is not None:
        from avtale.extract import draft_mark

        for mark in doc.xpath("//main/p[@class='draft-mark']"):  # a draft's mark over the letterhead
            if draft_mark.is_mark(mark.text_content()):
                draft_mark.seen(notes, mark.text_content().strip())
    return (own, "html") if own is not None else None


def items_of(doc, notes: Notes, page: bool = True, first_line: int = 1) -> list[Item]:
    """The blocks of a document in reading order: of a page its main content, of a fragment (HTML in Markdown) all."""
    reader = _Reader(doc, notes, page)
    reader.walk(reader.root)
    reader.flush()
    return [Item(it.text, it.line + first_line - 1, it.kind, it.level, it.listed) for it in reader.items]


def _hidden(el) -> bool:
    style = (el.get("style") or "").replace(" ", "").lower()
    return el.get("hidden") is not None or el.get("aria-hidden") == "true" or "display:none" in style or "visibility:hidden" in style


def _weights(root) -> dict:
    """Words of visible text in each element (its descendants' included), in one pass from the leaves up."""
    weight: dict = {}
    for el in reversed(list(root.iter())):
        if not isinstance(el.tag, str) or el.tag in INVISIBLE:
            weight[el] = 0
            continue
        n = len((el.text or "").split())
        for child in el:
            n += weight.get(child, 0) + len((child.tail or "").split())
        weight[el] = n
    return weight


def _main(body, weight: dict):
    """The element holding the agreement: <main>, an <article>, or the innermost one with nearly all the text."""
    visible = lambda els: [e for e in els if weight.get(e, 0) and not _hidden(e)]  # noqa: E731
    mains = visible(body.xpath(".//main | .//*[@role='main']"))
    if mains:
        return max(mains, key=weight.get)
    articles = visible(body.iter("article"))
    if articles:
        best = max(articles, key=weight.get)
        if weight[best] * 2 >= weight.get(body, 0):
            return best
    el = body
    while True:
        children = [c for c in el if c.tag in CONTAINERS and (c.tag != "table" or _layout_table(c))]
        child = max(children, key=lambda c: weight.get(c, 0), default=None)
        if child is None or weight.get(child, 0) < 0.85 * weight.get(el, 0):
            return el
        inside = set(child.iter("h1"))
        if any(h not in inside for h in el.iter("h1")):
            return el
        el = child


class _Reader:
    """Walks the content in reading order, collecting `Item`s; inline text gathers in a buffer until a block ends."""

    def __init__(self, doc, notes: Notes, page: bool = True):
        self.notes = notes
        body = doc.body if doc.find("body") is not None else doc
        self.weight = _weights(body)
        self.root = _main(body, self.weight) if page else body
        self.total = max(1, self.weight.get(self.root, 0))
        outside = self.weight.get(body, 0) - self.weight.get(self.root, 0)
        if outside > 0:
            notes.meta(_("only the page's main content (<{tag}> at line {line}) is read; {outside} words "
                         "around it (navigation, banners, footer) are left out")
                       .format(tag=self.root.tag, line=self.root.sourceline, outside=outside))
        self.items: list[Item] = []
        self.buffer: list[tuple[str, bool]] = []  # (text, inside a link)
        self.line, self.links, self.started = 0, 0, False
        self.split = False  # <br> and cell paragraphs make lines of their own (cells, signatures)
        self.signing = False
        self.verbatim = False  # in a heading, list item or cell a link is text (anchors, laws), not navigation

    def add(self, text: str | None, el) -> None:
        if text:
            if not self.started and text.strip() and text != BR:
                self.started, self.line = True, el.sourceline or self.line  # the line where the block's text starts
            self.buffer.append((text.replace("\x00", " ") if text != BR else text, self.links > 0))

    def flush(self) -> None:
        text = "".join(t for t, _ in self.buffer)
        linked = "".join(t for t, in_link in self.buffer if in_link)
        self.buffer, self.started = [], False
        pieces = [_norm(p) for p in text.split(BR)]
        pieces = [p for p in pieces if p]
        if not pieces:
            return
        joined = " ".join(pieces)
        if not self.verbatim and len(joined) < 100 and (linked.split() == text.split() or PAGE_META.match(joined)):
            why = _("page metadata") if PAGE_META.match(joined) else _("a link alone: navigation or sharing")
            self.notes.dropped(self.line, joined, why)
            return
        if any(PLACE_DATE.match(p) for p in pieces):
            self.signing = True
        for p in pieces if self.split or self.signing else [joined]:
            self.items.append(Item(p, self.line))

    def walk(self, el) -> None:
        self.add(el.text, el)
        for child in el:
            if isinstance(child.tag, str):
                self.element(child)
            self.add(child.tail, el)

    def element(self, el) -> None:
        tag = el.tag.lower()
        if tag in INVISIBLE or _hidden(el):
            return
        if tag == "br":
            self.add(BR, el)
            return
        why = self.chrome(el, tag)
        if why:
            self.flush()
            text = _norm(el.text_content())
            if text:
                self.notes.dropped(el.sourceline, text[:60] + ("…" if len(text) > 60 else ""), _(why))
            return
        level = 0 if "MsoTitle" in (el.get("class") or "").split() else HEADINGS.get(tag)  # Word's Title style
        if level is not None:
            self.flush()
            text = " ".join(it.text for it in self.collect(el))
            if text:
                self.items.append(Item(text, el.sourceline or self.line, "h", level))
        elif tag in ("ul", "ol", "menu"):
            self.flush()
            self.list(el, tag == "ol")
        elif tag == "table" and not _layout_table(el):
            self.flush()
            self.table(el)
        elif tag == "header" and self.letterhead(el):
            self.flush()
        elif tag == "a":
            self.links += 1
            self.walk(el)
            self.links -= 1
        elif tag in BLOCKS:
            self.flush()
            self.walk(el)
            self.flush()
        else:
            self.walk(el)

    def chrome(self, el, tag: str) -> str | None:
        """Why an element is page furniture (navigation, banners …), or None; never one holding half the text."""
        why = CHROME_TAGS.get(tag) or CHROME_ROLES.get((el.get("role") or "").lower())
        page_part = PAGE_PART.search(f"{el.get('title') or ''} {el.get('style') or ''}") if tag == "div" else None
        why = why or (page_part and f"page {(page_part.group(1) or page_part.group(2)).lower()}")  # LibreOffice, Word
        if tag == "header" and (el.get("role") == "banner" or el.find(".//nav") is not None):
            why = why or N_("page header")
        if not why:
            m = CHROME_NAMES.search(f"{el.get('id') or ''} {el.get('class') or ''}")
            why = m and (m.group(1).lower().replace("-", " ") if "cookie" not in m.group(1).lower() else N_("cookie banner"))
        if why and self.weight.get(el, 0) * 2 < self.total:
            return why
        return None

    def collect(self, el, split: bool = False) -> list[Item]:
        """The items of one element, read on their own (a heading, a list item, a table cell)."""
        saved = self.items, self.buffer, self.split, self.line, self.verbatim, self.started
        self.items, self.buffer, self.split, self.verbatim, self.started = [], [], split or self.split, True, False
        self.walk(el)
        self.flush()
        out = self.items
        self.items, self.buffer, self.split, self.line, self.verbatim, self.started = saved
        return out

    def list(self, el, ordered: bool) -> None:
        kind, style = ("numbered", _list_style(el)) if ordered else ("bullet", "•")
        if ordered and (el.get("type") or "") in ("i", "I"):
            self.notes.uncertain(el.sourceline, _("a list numbered i, ii, iii … is read as 1., 2., 3. …"))
        n = _int(el.get("start"), 1)
        for li in el:
            if not isinstance(li.tag, str) or li.tag in INVISIBLE or _hidden(li):
                continue
            if li.tag != "li":
                self.element(li)
                continue
            n = _int(li.get("value"), n)
            found = self.collect(li)
            mine = [it for it in found if it.kind in ("p", "h") and not it.listed]
            own, heads = " ".join(it.text for it in mine), [it for it in mine if it.kind == "h"]
            if heads and len(heads) == len(mine):  # a numbered heading (LibreOffice); 2.1 is not told
                label = "" if style == "•" or el.getparent().tag in ("ol", "ul", "li") else _label(style, n) + " "
                self.items.append(Item(label + own, heads[0].line, "h", heads[0].level, True))
            elif own:  # all bold: a heading numbered as a list (read as read_docx reads one), else an item
                self.items.append(Item(f"{_label(style, n)} {own}", li.sourceline or self.line,
                                       "p" if _bold(li) else kind, listed=True))
            taken = {id(m) for m in mine}
            self.items += [it for it in found if id(it) not in taken]
            n += 1

    def table(self, el) -> None:
        for caption in el.iterchildren("caption"):
            self.items += self.collect(caption)
        for tr in el.xpath("./tr | ./thead/tr | ./tbody/tr | ./tfoot/tr"):
            columns = []
            for cell in tr.iterchildren("td", "th"):
                if _hidden(cell):
                    continue
                columns.append([it.text for it in self.collect(cell, split=True) if LETTER.search(it.text)])
            if len(columns) > MAX_COLUMNS:  # no table of an agreement is so wide: its cells are read one by one
                self.items += [Item(text, tr.sourceline or self.line, "row") for c in columns for text in c]
                continue
            for k in range(max((len(c) for c in columns), default=0)):
                row = "\t".join(c[k] if k < len(c) else "" for c in columns)
                self.items.append(Item(row, tr.sourceline or self.line, "row"))

    def letterhead(self, el) -> bool:
        """A <header> in the content without headings that names organisations: one letterhead line."""
        from avtale.extract.letterhead import is_organisation

        if el.xpath(".//h1 | .//h2 | .//h3"):
            return False
        pieces = [it.text for it in self.collect(el, split=True)]
        if "letterhead" in (el.get("class") or "") or all(is_organisation(p) for p in pieces):
            if pieces:
                self.items.append(Item("\t".join(pieces), el.sourceline or self.line, "letterhead"))
            return True
        return False


def _norm(text: str) -> str:
    """Whitespace collapsed; a tab inside a line (LibreOffice keeps Word's tabs so) stays, as read_docx keeps it."""
    text = re.sub(r"[\r\n][ \t]*", " ", text.replace("\u00ad", "").replace("\u200b", ""))
    return "\t".join(" ".join(cell.split()) for cell in text.split("\t")).strip("\t ")


def _int(value, default: int) -> int:
    return min(10**6, max(0, int(value))) if re.fullmatch(r"\s*-?\d{1,9}\s*", value or "") else default


def _list_style(el) -> str:
    classes = (el.get("class") or "").split()
    style = (el.get("style") or "").replace(" ", "").lower()
    if el.get("type") in ("a", "A") or "list-alpha" in classes or "alpha" in style or "latin" in style:
        return "a)"
    return "1)" if "list-paren" in classes else "1."


def _label(style: str, n: int) -> str:
    from avtale.render.common import letters

    return style if style == "•" else f"{letters(n)})" if style == "a)" else f"{n}{style[-1]}"


def _bold(li) -> bool:
    """Every word of a list item's own text (not of a list in it) is bold."""
    words = [0, 0]  # not bold, bold
    stack = [(li, False)]
    while stack:
        el, bold = stack.pop()
        inner = bold or el.tag in ("b", "strong")
        words[inner] += len((el.text or "").split())
        for child in el:
            if isinstance(child.tag, str) and child.tag not in ("ul", "ol") and child.tag not in INVISIBLE:
                stack.append((child, inner))
            words[inner] += len((child.tail or "").split())
    return words[1] > 0 and words[0] == 0


def _layout_table(el) -> bool:
    """A table that lays out a page (headings, lists or long text in it), not one of data or signatures."""
    if el.xpath(".//h1 | .//h2 | .//h3 | .//h4 | .//ul | .//ol | .//table"):
        return True
    return any(len(_norm(cell.text_content())) > 400 for cell in el.iter("td", "th"))
