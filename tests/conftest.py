"""Shared test helpers: paths, the CLI runner, and the rule for external tools.

An external tool (LibreOffice, pdftotext, Chromium, Tesseract …) that is
missing fails the test in CI (CI=true) and skips it elsewhere: CI never
hides a missing install step.
"""

from __future__ import annotations

import os
import shutil
import signal
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

# A suite started in the background by a shell without job control (`make test &`, `nohup … &`) inherits SIGINT
# ignored, and so would every avtale it starts: Ctrl-C sent by the tests (preview, the quick start) would then
# do nothing. The tests' own handler is reset to the default in each child, as for any caught signal.
if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
    signal.signal(signal.SIGINT, signal.default_int_handler)

# Messages in English unless a test asks for another language (tests of bokmål set LANG or --lang themselves):
# a developer's own locale must not change what the tests see.
for _var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_var, None)
os.environ["LANG"] = "C.UTF-8"


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


def small_agreement(kd_logo: str | None = None, ks_logo: str | None = None, id: str = "liten") -> str:
    """The least agreement that validates (KD and KS, one section), with logos as a block (KD) or flow (KS)."""
    kd = "  - id: kd\n    name: Kunnskapsdepartementet\n"
    if kd_logo is not None:
        kd += f"    logo:\n      file: {kd_logo}\n      alt: Kunnskapsdepartementets logo\n"
    ks = "  - id: ks\n    name: KS\n"
    if ks_logo is not None:
        ks += f"    logo: {{file: {ks_logo}, alt: KS-logoen}}\n"
    return (f"id: {id}\ntitle: Avtale om prøve\nlanguage: nb\nparties:\n{kd}{ks}"
            "period:\n  end: 2021-12-31\nstatus: draft\nsections:\n  - title: Formål\n    blocks:\n      - Første avsnitt.\n")
