"""A writer of foreign documents for property tests of `avtale extract`.

Random agreements (`content`) written as Word documents in randomly drawn manners (`manners`,
`docx_writer`), exported by real tools the way tests/data/extract-corpus was made (`export`),
and compared with what the source can hold (`gold`). `run` is the command line.

One integer seed gives one example: `example(seed)` draws the manner, then the agreement with
the heading numbering the manner shows, both from `random.Random(seed)`.
"""

from __future__ import annotations

import random

from hypothesis import strategies as st

from .content import draw_agreement
from .manners import DRAW, Manner, draw_manner


def example(seed: int, draw: int = DRAW):
    """(agreement, manner) for one seed; the same on every machine. `draw` 1: as the seed drew before draw 2's
    values came (`manners.DRAW`; a regression seed «123@1»)."""
    r = random.Random(seed)
    manner = draw_manner(r, draw=draw)
    agreement = draw_agreement(r, numbering=manner.numbering, subsections=manner.subsections, id=f"s{seed}")
    return _as_written(agreement, manner), manner


def _as_written(agreement, manner):
    """The agreement as the document shows it: a manner that prints «Avtalen er signert elektronisk.» shows an
    electronically signed agreement (`signing.electronic`)."""
    if manner.electronic and agreement.signing is not None:
        return agreement.model_copy(update={"signing": agreement.signing.model_copy(update={"electronic": True})})
    return agreement


def draw_example(r):
    """(agreement, manner) from any `random.Random`, such as the one `st.randoms` gives."""
    manner = draw_manner(r)
    return _as_written(draw_agreement(r, numbering=manner.numbering, subsections=manner.subsections), manner), manner


def examples() -> st.SearchStrategy:
    """Hypothesis strategy of (agreement, manner) pairs that hypothesis can shrink."""
    return st.builds(draw_example, st.randoms(use_true_random=False))


__all__ = ["Manner", "draw_agreement", "draw_manner", "draw_example", "example", "examples"]
