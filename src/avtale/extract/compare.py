"""Compare an extracted agreement with the one it should be, by content.

Reads: two `Agreement`s. Writes: the differences, by area (meta, parties, body, signing).

The rule is the extraction corpus's «what counts as right»: comments, `seal`,
`status`, `period.start` and the party ids are left out (a signatory's party is
compared by the party's name); whitespace inside a text is normalised; defaults
count as given. Used by `make extract-score` and the tests on foreign documents.
"""

from __future__ import annotations

import difflib
import re

from avtale.model import Agreement, all_texts

AREAS = ("meta", "parties", "body", "signing")


def _norm(value):
    if isinstance(value, str):
        return " ".join(value.split())
    if isinstance(value, list):
        return [_norm(v) for v in value]
    if isinstance(value, dict):
        return {k: _norm(v) for k, v in value.items()}
    return value


def content(agreement: Agreement) -> dict[str, object]:
    """The comparable content of an agreement, by area."""
    data = _norm(agreement.model_dump(mode="json"))
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


def words(agreement: Agreement) -> list[str]:
    """The words of the body (title, preamble, sections), in reading order."""
    out: list[str] = []
    for path, text in all_texts(agreement):
        if path[0] != "signing":
            out += re.findall(r"\w+(?:[-.]\w+)*", text)
    return out


def word_similarity(got: Agreement, want: Agreement) -> float:
    return difflib.SequenceMatcher(None, words(got), words(want), autojunk=False).ratio()
