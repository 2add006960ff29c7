"""Norwegian dates: «7. november 2014» (Språkrådet), the same in bokmål and nynorsk."""

from __future__ import annotations

import re
from datetime import date

MONTHS = (
    "januar", "februar", "mars", "april", "mai", "juni",
    "juli", "august", "september", "oktober", "november", "desember",
)

DATE_IN_TEXT = re.compile(r"\b(\d{1,2})\.\s+(" + "|".join(MONTHS) + r")\s+(\d{4})\b")


def format_date(value: date) -> str:
    """date(2014, 11, 7) -> '7. november 2014'."""
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def parse_date(text: str) -> date | None:
    """'7. november 2014' -> date(2014, 11, 7); None when the text is not such a date."""
    m = DATE_IN_TEXT.fullmatch(text.strip())
    return _to_date(m) if m else None


def find_dates(text: str) -> list[tuple[int, date]]:
    """Every «d. måned åååå» in a text, with its offset."""
    out = []
    for m in DATE_IN_TEXT.finditer(text):
        d = _to_date(m)
        if d:
            out.append((m.start(), d))
    return out


def _to_date(m: re.Match) -> date | None:
    try:
        return date(int(m.group(3)), MONTHS.index(m.group(2)) + 1, int(m.group(1)))
    except ValueError:
        return None
