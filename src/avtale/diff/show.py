"""The diff for people: plain or coloured text for the terminal (show_text.py), Markdown for a pull request
(show_md.py).

Reads: an `AgreementDiff`. Writes: text.
"""

from __future__ import annotations

from avtale.diff.show_md import markdown, md_escape
from avtale.diff.show_text import text

__all__ = ["markdown", "md_escape", "text"]
