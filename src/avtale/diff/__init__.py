"""Diff two agreements as agreements, not as lines.

`compare(old, new)` gives a merged tree (`AgreementDiff`): every section,
paragraph and list item of both versions in NEW's order, each marked same,
changed, added, removed or moved, with word-level operations inside changed
text. The text, Markdown and DOCX redline formats all walk that one tree.
"""

from avtale.diff.tree import AgreementDiff, Block, Item, SectionDiff, Text
from avtale.diff.compare import compare

__all__ = ["AgreementDiff", "Block", "Item", "SectionDiff", "Text", "compare"]
