"""Install the tools avtale is measured against, only when the benchmark runs (never for `make test`).

Debian: pandoc, LibreOffice (soffice), poppler (pdftoppm, pdftotext), Tesseract with
Norwegian data, and the libraries WeasyPrint loads (Pango). PyPI: WeasyPrint and
go into a venv of their own, bench/.peers, so avtale's .venv stays as
`make setup` made it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from common import PEERS_BIN, BENCH, log

PYPI = ["weasyprint", "check-jsonschema", "pyinstrument"]


def _apt(packages: list[str]) -> None:
    if not packages:
        return
    if os.geteuid() != 0 or not shutil.which("apt-get"):
        sys.exit(f"bench: missing Debian packages: {' '.join(packages)} (install them as root with apt-get)")
    log(f"apt-get install {' '.join(packages)}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "--no-install-recommends", *packages], check=True, env=env,
                   stdout=subprocess.DEVNULL)


def _has_lib(name: str) -> bool:
    out = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True).stdout
    return name in out


def ensure() -> None:
    need = []
    for command, package in [("pandoc", "pandoc"), ("soffice", "libreoffice-writer-nogui"),
                             ("pdftoppm", "poppler-utils"), ("tesseract", "tesseract-ocr")]:
        if not shutil.which(command):
            need.append(package)
    if not list(Path("/usr/share").glob("tesseract-ocr/*/tessdata/nor.traineddata")):
        need.append("tesseract-ocr-nor")
    if not _has_lib("libpangoft2-1.0.so.0"):
        need.append("libpangoft2-1.0-0")
    _apt(need)
    missing = [p for p in PYPI if not (PEERS_BIN / p).exists()]
    if missing:
        venv = BENCH / ".peers"
        if not (PEERS_BIN / "python").exists():
            log(f"creating {venv}")
            subprocess.run([getattr(sys, "_base_executable", sys.executable), "-m", "venv", str(venv)], check=True)
        log(f"pip install {' '.join(PYPI)} into {venv}")
        subprocess.run([str(PEERS_BIN / "python"), "-m", "pip", "install", "-q", *PYPI], check=True)


def peer(name: str) -> str:
    return str(PEERS_BIN / name)
