"""Compare an extracted agreement with the one it should be, by content.

Reads: two `Agreement`s. Writes: the differences, by area (meta, parties, body, signing).

The rule is the extraction corpus's «what counts as right»: comments, `seal`,
`status`, `period.start` and the party ids are left out (a signatory's party is
compared by the party's name); whitespace inside a text is normalised; defaults
count as given; the body's inline marks are left out (`_plain_body`). Used by `make extract-score` and the tests on foreign documents.
"""

from __future__ import annotations

import difflib
import re

from avtale import inline
from avtale.extract.markers import TERMINAL, starts_structure
from avtale.model import Agreement, all_texts, list_style

AREAS = ("meta", "parties", "body", "signing")


def _norm(value):
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def _plain_body(value):
    """Body texts without their marks: the corpus's gold follows «bold, italic and hyperlinks leave just their
    text» (it predates inline marks), so an extraction that keeps a source's marks compares as one that leaves them."""
    if isinstance(value, str):
        return inline.plain(value) if inline.has_marks(value) else value
    if isinstance(value, list):
        return [_plain_body(v) for v in value]
    if isinstance(value, dict):
        return {k: _plain_body(v) for k, v in value.items()}
    return value


def _styles(value, level: int = 1):
    """A numbered list's style as given where it is the default of its level (`list_style`): defaults count as given."""
    if isinstance(value, list):
        return [_styles(v, level) for v in value]
    if isinstance(value, dict):
        out = {}
        for k, v in value.items():
            deeper = level + 1 if k in ("bullets", "numbered") and "text" in value else level
            out[k] = _styles(v, deeper)
        if "numbered" in out and out.get("style") is None:  # a list item's own list is a level deeper
            out["style"] = list_style(None, level + 1 if "text" in value else level)
        return out
    return value


def content(agreement: Agreement, marks: bool = False) -> dict[str, object]:
    """The comparable content of an agreement, by area; the body's marks left out unless `marks`."""
    data = _norm(agreement.model_dump(mode="json"))
    data["preamble"], data["sections"] = _styles(data["preamble"]), _styles(data["sections"])
    if not marks:
        data["preamble"], data["sections"] = _plain_body(data["preamble"]), _plain_body(data["sections"])
    names = {p["id"]: p["name"] for p in data["parties"]}
    signing = data.get("signing")
    if signing:
        for s in signing["signatories"]:
            s["party"] = names.get(s["party"], s["party"])
    return {
        "meta": {"title": data["title"], "language": data["language"], "end": data["period"]["end"],
                 "numbering": data["numbering"], "supersedes": data["supersedes"]},
        "parties": [{k: v for k, v in p.items() if k not in ("id", "logo")} for p in data["parties"]],
        "body": {"preamble": data["preamble"], "sections": data["sections"]},
        "signing": signing,
    }


def differences(got: Agreement, want: Agreement) -> dict[str, str]:
    """Area → the first difference, as one line; empty when the extraction is exact."""
    a, b = content(got), content(want)
    return {area: _first_difference(a[area], b[area]) for area in AREAS if a[area] != b[area]}


def _first_difference(got, want, path: str = "") -> str:
    if isinstance(got, dict) and isinstance(want, dict):
        for key in list(want) + [k for k in got if k not in want]:
            if got.get(key) != want.get(key):
                return _first_difference(got.get(key), want.get(key), f"{path}.{key}" if path else key)
    if isinstance(got, list) and isinstance(want, list):
        for i, (g, w) in enumerate(zip(got, want)):
            if g != w:
                return _first_difference(g, w, f"{path}[{i}]")
        if len(got) != len(want):
            extra = got[len(want)] if len(got) > len(want) else want[len(got)]
            kind = "extra" if len(got) > len(want) else "missing"
            return f"{path}: {len(got)} items, want {len(want)} ({kind}: {_short(extra)})"
    return f"{path}: got {_short(got)}, want {_short(want)}"


def _short(value, width: int = 90) -> str:
    text = repr(value)
    return text if len(text) <= width else text[: width - 1] + "…"


OCR_KINDS = ("ocr", "scan")  # sources Tesseract read: a scanned PDF, Tesseract's text
OCR_WORDS = 0.98  # issue 12's bar for OCR: with the structure exact (`structure`), this share of the words right


def structure(agreement: Agreement) -> dict[str, object]:
    """The agreement's shape, words aside (the bar for OCR: «structure exact», words ≥ 0.98): the meta but the
    title, the number of parties, each block's kind and items in the preamble and every (sub)section, and the
    number of signatories with the place and date."""
    def shape(blocks: list) -> list:
        return ["p" if isinstance(b, str) else
                ("bullets", len(b["bullets"])) if "bullets" in b else ("numbered", b["style"], len(b["numbered"]))
                for b in blocks]

    data = content(agreement)
    body = data["body"]
    signing = data["signing"]
    return {
        "meta": {k: v for k, v in data["meta"].items() if k != "title"},
        "parties": len(data["parties"]),
        "preamble": shape(body["preamble"]),
        "sections": [(shape(s["blocks"]), [shape(b["blocks"]) for b in s["subsections"]]) for s in body["sections"]],
        "signing": signing and (signing["place"], signing["date"], len(signing["signatories"])),
    }


def words(agreement: Agreement) -> list[str]:
    """The words of the body (title, preamble, sections), in reading order."""
    out: list[str] = []
    for path, text in all_texts(agreement):
        if path[0] != "signing":
            out += re.findall(r"\w+(?:[-.]\w+)*", text)
    return out


def word_similarity(got: Agreement, want: Agreement) -> float:
    return difflib.SequenceMatcher(None, words(got), words(want), autojunk=False).ratio()


# --- what a plain-text export of a PDF cannot hold ------------------------------------------------
PDF_TEXT_KINDS = ("pdftotext", "pdftotext-layout", "pypdf")  # text exports of a PDF: small paragraph spacing lost


def unsure_breaks(source: str) -> set[tuple[str, str]]:
    """The line ends of a plain-text PDF export (pdftotext, pypdf) where the text cannot tell a paragraph's end
    from a line's: a sentence ends at the line end, the next line starts with a capital on the same page, no
    blank line between (the paragraph spacing was too small for the exporter to show), and the line with the
    next word is as long as the shortest line of the same text that really wraps (a lower-case word goes on after
    it), less 3 % (what a count of characters can tell of a width): the next word may not have fitted. Each is
    (last three words, first three words)."""
    lines = [" ".join(line.split()) for line in source.replace("\f", "\n\f").splitlines()]
    spans = sorted(len(a) + 1 + len(b.split()[0]) for a, b in zip(lines, lines[1:])
                   if len(a.split()) >= 4 and b[:1].islower() and not TERMINAL.search(a) and not a.endswith("-")
                   and not starts_structure(a))  # a list item is set narrower
    if len(spans) < 5:
        return set()
    least = spans[0] * 0.97  # a count of characters measures a line's width to about 3 %
    return {(" ".join(a.split()[-3:]), " ".join(b.split()[:3])) for a, b in zip(lines, lines[1:])
            if a and b and not b.startswith("\f") and TERMINAL.search(a) and b[:1].isupper()
            and len(a) + 1 + len(b.split()[0]) >= least}


def merge_unsure(agreement: Agreement, breaks: set[tuple[str, str]]) -> Agreement:
    """The agreement with two paragraphs in a row made one wherever they meet at an unsure break, so that an
    extraction and the gold compare alike whichever way either reads it."""
    if not breaks:
        return agreement

    def merged(blocks: list) -> list:
        out: list = []
        for block in blocks:
            if out and isinstance(block, str) and isinstance(out[-1], str) and \
                    (" ".join(out[-1].split()[-3:]), " ".join(block.split()[:3])) in breaks:
                out[-1] = f"{out[-1]} {block}"
            else:
                out.append(block)
        return out

    data = agreement.model_dump()
    data["preamble"] = merged(data["preamble"])
    for s in data["sections"]:
        s["blocks"] = merged(s["blocks"])
        for sub in s.get("subsections", []):
            sub["blocks"] = merged(sub["blocks"])
    return Agreement.model_validate(data)
