"""Plain text made safe for GitHub-flavoured Markdown: every Markdown-active character escaped.

The same rules as `render/md.py`'s `escape` (which may import it from here), kept below the renderers so
that `diff` can escape its Markdown without importing a renderer.
"""

from __future__ import annotations

import re

# ASCII punctuation that starts or ends markup anywhere in a line (CommonMark lets any ASCII punctuation be
# backslash-escaped); `$` is GitHub's math, `#` closes a heading when it ends one.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$!@#])")
# Emoji shortcodes (:smile:) are GitHub markup too.
_EMOJI = re.compile(r":(?=[A-Za-z0-9_+\-]+:)")
# What turns a line into a heading, quote, list item, rule or setext underline.
_LINE_START = re.compile(r"^(\s*)([#>+=\-])")
_ORDERED_START = re.compile(r"^(\s*\d{1,9})([.)])")


def escape(text: str) -> str:
    """One line of plain text, with every Markdown-active character escaped."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _EMOJI.sub(r"\\:", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    return _ORDERED_START.sub(r"\1\\\2", text)
