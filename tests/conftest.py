"""Shared test helpers: paths, the CLI runner, and the rule for external tools.

An external tool (LibreOffice, pdftotext, Chromium, Tesseract …) that is
missing fails the test in CI (CI=true) and skips it elsewhere: CI never
hides a missing install step.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
AGREEMENTS = ROOT / "agreements"
SEEDS = ROOT / "tests" / "data" / "seeds"
SEED_2014 = SEEDS / "000_03e6b1ba7a11fcca.txt"
SEED_2022 = SEEDS / "001_aa9cafd0114de977.txt"
AVTALE = [sys.executable, "-m", "avtale"]


def require_tool(name: str) -> str:
    """The path of an external program; fails in CI, skips elsewhere, when it is missing."""
    path = shutil.which(name)
    if path:
        return path
    message = f"{name} is not installed (make system installs it)"
    if os.environ.get("CI") == "true":
        pytest.fail(message)
    pytest.skip(message)


def run_cli(*args: str, cwd: Path | None = None, input: str | None = None, timeout: float = 120):
    """Run `avtale ARGS` in a fresh process; returns CompletedProcess with text output."""
    return subprocess.run(
        [*AVTALE, *map(str, args)],
        cwd=cwd or ROOT,
        input=input,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def agreement_2014():
    from avtale import agreements

    return agreements.read(AGREEMENTS / "2014-2017.yaml")


@pytest.fixture
def agreement_2022():
    from avtale import agreements

    return agreements.read(AGREEMENTS / "2022-2025.yaml")
