"""The values of the command line's options and arguments (argparse's `type=`): numbers in plain digits
within their limits, sizes in MB, dates, ports and paths; a bad one is refused with one line saying why.

What only some values need (pathlib, datetime, decimal) is imported where they are read.
"""

from __future__ import annotations

import argparse

from avtale.characters import shown
from avtale.i18n import _
from avtale.limits import MIB, MOST_MEGABYTES
from avtale.pathnames import plain

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only
    import datetime as dt
    from decimal import Decimal


_NUMBER = r"-?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)"  # digits only: no nan, inf, 1e400, 1_0 or ١٢


def _number(text: str, most: int, whole: bool) -> Decimal:
    """The value of an option written in plain digits, above 0 and at most `most`; else one line saying why.
    Read as a Decimal, so no value overflows or loses its meaning on the way (1e400, 10**5000)."""
    import re
    from decimal import Decimal

    if not re.fullmatch(_NUMBER, text):
        raise argparse.ArgumentTypeError(_("«{text}» is not a number; write it in digits, such as {example}")
                                         .format(text=shown(text), example=20))
    value = Decimal(text)
    if value <= 0:
        raise argparse.ArgumentTypeError(_("«{text}» must be a positive number").format(text=shown(text)))
    if whole and value != value.to_integral_value():
        raise argparse.ArgumentTypeError(_("«{text}» must be a whole number").format(text=text))
    if value > most:
        raise argparse.ArgumentTypeError(_("«{text}» is too large; at most {most}").format(text=text, most=most))
    return value


def _count(most: int):
    """A whole number from 1 to `most`."""

    def count(text: str) -> int:
        return int(_number(text, most, whole=True))

    return count


def _megabytes(text: str) -> int:
    """A size in MB (fractions allowed, at most MOST_MEGABYTES), as bytes; at least one byte."""
    return max(1, int(_number(text, MOST_MEGABYTES, whole=False) * MIB))


def iso_date(text: str) -> dt.date:
    """A date written YYYY-MM-DD, as a `datetime.date`."""
    import datetime as dt

    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(_("«{text}» is not a date; write YYYY-MM-DD").format(text=text)) from None


iso_date.__name__ = "date"


def _path(text: str):
    """A file or directory argument, as a `pathlib.Path`."""
    from pathlib import Path

    return Path(text)


_path.__name__ = "Path"


def _path_name(text: str) -> str:
    """A file or directory argument as a `str`, written as `pathlib` writes it."""
    return plain(text)


_path_name.__name__ = "Path"


def _port(value: str) -> int:
    if not value.isdigit() or int(value) > 65535:
        raise argparse.ArgumentTypeError(_("«{value}» is not a port (0–65535)").format(value=shown(value)))
    return int(value)
