"""Headless Chromium (Debian's package) driven by Playwright for Python, for the preview's tests and benchmark.

Playwright's own browser download is never used: the system's Chromium is its executable. The flags keep
Chromium off the network (this machine's network is closed; a test must not depend on it) and make it run
as root in a container. Screenshots of the tests go to ARTIFACTS (build/test-artifacts/preview/, or the
directory in $AVTALE_TEST_ARTIFACTS).
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AGREEMENTS = ROOT / "agreements"
ARTIFACTS = Path(os.environ.get("AVTALE_TEST_ARTIFACTS", ROOT / "build" / "test-artifacts")) / "preview"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps", "--mute-audio"]


def run_cli(*args, **options):
    """conftest's `run_cli`, imported only when used: bench/bench_preview.py imports this module outside pytest."""
    from conftest import run_cli as run

    return run(*args, **options)


@contextlib.contextmanager
def chromium(executable: str):
    """A Playwright Browser on the Chromium at `executable`."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=FLAGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def shown_version(page) -> int:
    """The version the page shows now (the body's data-version, set when an update is fully in place)."""
    return int(page.get_attribute("body", "data-version"))


def wait_version(page, version: int, timeout_s: float = 10) -> int:
    """Until the page shows `version` or a later one; returns the one it shows. (Polled from here: the page's
    policy forbids the eval that Playwright's wait_for_function needs, and two saves may make one update.)"""
    import time

    end = time.monotonic() + timeout_s
    while (shown := shown_version(page)) < version:
        if time.monotonic() > end:
            raise AssertionError(f"the page still shows version {shown}, not {version}, after {timeout_s} s")
        page.wait_for_timeout(5)
    return shown


def screenshot(page, name: str) -> Path:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path))
    return path


def wait_until(page, check, what: str, timeout_s: float = 10):
    """Until `check()` (a Python callable reading the page) returns something true; returns it. Fails with
    `what` and the version the page shows when it does not come within `timeout_s`."""
    import time

    end = time.monotonic() + timeout_s
    while not (result := check()):
        if time.monotonic() > end:
            raise AssertionError(f"not within {timeout_s} s: {what} (the page shows version {shown_version(page)})")
        page.wait_for_timeout(10)
    return result


# --- for the browser tests: the agreement, saved as editors save it, what the command line and the page say ---

NAME = "eksempel-2026-2029.yaml"
VIEWPORT = {"width": 1400, "height": 900}
# Two paragraphs the edits change (each to a text of the same length, so no other page moves).
STATE_OLD = "Departementene skal samordne sine tiltak overfor kommunene."
STATE_NEW = "Departementene skal samordne sine tiltak overfor regionene."
BOARD_OLD = "Styringsgruppen følger opp avtalen og foreslår endringer for partene."
BOARD_NEW = "Styringsgruppen følger opp avtalen og foreslår justeringer til alle."


def place(folder: Path) -> Path:
    """The example agreement in `folder`/agreements/, and the schema its first line points at in `folder`/schema/."""
    (folder / "agreements").mkdir(parents=True)
    (folder / "schema").mkdir()
    path = folder / "agreements" / NAME
    shutil.copyfile(AGREEMENTS / NAME, path)
    result = run_cli("schema", "--out", folder / "schema" / "agreement.schema.json")
    assert result.returncode == 0, result.stderr
    return path


# --- the file, as an editor saves it, and what the command line says of it ---

def save(path: Path, old: str, new: str, how: str = "in place") -> None:
    """Replace the one `old` in the file by `new`: written in place (as vim's backupcopy does), or written to a
    new file beside it that is then renamed over it (as vim's default and VS Code do)."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} is not in {path.name} exactly once"
    text = text.replace(old, new)
    if how == "in place":
        path.write_text(text, encoding="utf-8")
    else:
        temp = path.with_name(f".{path.name}.tmp")
        temp.write_text(text, encoding="utf-8")
        os.replace(temp, path)


def validated(path: Path) -> list[tuple]:
    """`avtale validate`'s findings of the file: (code, line, column, severity), in its order."""
    result = run_cli("validate", "--format", "json", path)
    assert result.returncode in (0, 1), result.stderr
    return [(f["code"], f["line"], f["column"], f["severity"]) for f in json.loads(result.stdout)["findings"]]


def pdf_pages(path: Path, out: Path) -> list[str]:
    """The text of each page of `avtale build --format pdf` of the file."""
    from pypdf import PdfReader

    result = run_cli("build", "--format", "pdf", "--out", out, path)
    assert result.returncode == 0, result.stderr
    return [page.extract_text() for page in PdfReader(out / f"{path.stem}.pdf").pages]


def files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def stop(run, folder: Path, held: dict[str, bytes]) -> None:
    """Ctrl-C with the page still open: exit 130, one line on stderr and no traceback, nothing written."""
    code, out, err = run.stop()
    assert (code, out, err) == (130, "", "avtale: interrupted\n")
    assert files(folder) == held


# --- what the page shows ---

def keys(page) -> list[str]:
    """The key of each PDF page the page shows (it changes when that page changes)."""
    return [sheet.get_attribute("data-key") for sheet in page.query_selector_all("#pages .sheet")]


def frame(page, kind: str = "html"):
    """The frame that shows the HTML (or the redline): the one not hidden and not still loading."""
    element = page.query_selector(f"#view-{kind} iframe:not([hidden]):not(.loading)")
    return element.content_frame() if element is not None else None


def frame_text(page, kind: str = "html") -> str:
    shown = frame(page, kind)
    return shown.inner_text("body") if shown is not None and shown.url != "about:blank" else ""


def findings(page) -> list[tuple]:
    """The findings the page lists: (code, line, column, severity), in its order."""
    out = []
    for button in page.query_selector_all("#finding-list .finding"):
        where = re.match(r"(\d+):(\d+)", button.query_selector(".where").inner_text())
        severity = "warning" if "warning" in button.get_attribute("class").split() else "error"
        out.append((button.query_selector(".code").inner_text().strip(), int(where[1]), int(where[2]), severity))
    return out


def opened(browser_or_context, url: str):
    """A new page (in a browser context of its own, or in the given one) on `url`, once it shows version 1."""
    from playwright.sync_api import BrowserContext

    in_context = isinstance(browser_or_context, BrowserContext)
    page = browser_or_context.new_page() if in_context else browser_or_context.new_page(viewport=VIEWPORT)
    page.goto(url)
    wait_version(page, 1)
    return page


def scroll_top(page) -> float:
    return page.locator("#view-pdf").evaluate("view => view.scrollTop")


def inside(inner: dict, outer: dict) -> bool:
    return (inner["y"] >= outer["y"] - 1 and inner["y"] + inner["height"] <= outer["y"] + outer["height"] + 1
            and inner["x"] >= outer["x"] - 1 and inner["x"] + inner["width"] <= outer["x"] + outer["width"] + 1)


def page_with(pages: list[str], text: str) -> int:
    """The index of the one PDF page whose text holds `text`."""
    found = [i for i, page in enumerate(pages) if text in page]
    assert len(found) == 1, f"{text!r} is on pages {found}"
    return found[0]


# --- fixtures of the browser tests (imported by them) ---------------------------------------------------------

@pytest.fixture(scope="module", name="browser")
def browser_fixture():
    """Chromium for a test module (Debian's; a missing one fails in CI, skips elsewhere)."""
    from conftest import require_tool

    with chromium(require_tool("chromium")) as started:
        yield started


@pytest.fixture(name="agreement")
def agreement_fixture(tmp_path):
    """The example agreement, copied to a folder of the test's own."""
    return place(tmp_path / "work")
