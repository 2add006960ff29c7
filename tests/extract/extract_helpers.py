"""Golden files for the extract stages: `AVTALE_UPDATE_GOLDEN=1 pytest tests/extract` rewrites them."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if os.environ.get("AVTALE_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8")
        return
    if not path.exists():
        pytest.fail(f"golden file {path.name} missing; run with AVTALE_UPDATE_GOLDEN=1 to create it")
    assert actual == path.read_text(encoding="utf-8"), f"differs from golden {path.name} (AVTALE_UPDATE_GOLDEN=1 rewrites)"


def content(agreement) -> dict:
    """What the text of an agreement holds: everything but id, period.start, status and seal.

    Party ids and short names are kept: extract derives them (KD from «Kunnskapsdepartementet»
    when the text says «KD»).
    """
    data = agreement.model_dump(mode="json")
    data.pop("id")
    data.pop("status")
    data.pop("seal", None)  # set by `avtale sign-off`, never printed in the document
    data["period"].pop("start", None)
    return data


def build_sources(out: Path, ids: list[str], prefix: str = "") -> dict[tuple[str, str], Path]:
    """The committed agreements `ids` built to DOCX and PDF in `out`: {(id, fmt): path}."""
    from avtale import agreements, render
    from conftest import AGREEMENTS

    files = {}
    for agreement_id in ids:
        a = agreements.read(AGREEMENTS / f"{agreement_id}.yaml")
        for fmt in ("docx", "pdf"):
            files[agreement_id, fmt] = out / f"{prefix}{agreement_id}.{fmt}"
            files[agreement_id, fmt].write_bytes(render.render(a, fmt))
    return files
