"""The shared layout definition (templates/layout.yaml), read by every renderer."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from avtale import store

TEMPLATES = Path(__file__).resolve().parent / "templates"


def templates_dir() -> Path:
    """The packaged templates/ (installed with the package); falls back to the source tree's."""
    if TEMPLATES.is_dir():
        return TEMPLATES
    return Path(__file__).resolve().parents[2] / "templates"


@lru_cache(maxsize=1)
def load() -> dict:
    return store.load_plain(templates_dir() / "layout.yaml")
