"""`avtale preview` in a real browser: Debian's Chromium, headless, driven by Playwright, on the real server.

Each test copies agreements/eksempel-2026-2029.yaml into a directory of its own (with the schema its first line
points at, so the copy has no findings), starts `avtale preview` on it, opens the page, saves edits to the file
on disk as editors do (written in place, or a new file renamed over it) and waits for the page to show them.
What the page shows is compared with what `avtale validate` and `avtale build --format pdf` say of the same
file. Every test ends with Ctrl-C, with the page still open: exit 130, one line on stderr, and the directory
holds exactly what it held (the preview writes nothing). Screenshots go to build/test-artifacts/preview/.
"""

from __future__ import annotations

import json
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import AGREEMENTS, require_tool, run_cli
from preview_browser import chromium, screenshot, shown_version, wait_until, wait_version
from preview_process import started
from pypdf import PdfReader

NAME = "eksempel-2026-2029.yaml"
VIEWPORT = {"width": 1400, "height": 900}
# Two paragraphs the edits change (each to a text of the same length, so no other page moves).
STATE_OLD = "Departementene skal samordne sine tiltak overfor kommunene."
STATE_NEW = "Departementene skal samordne sine tiltak overfor regionene."
BOARD_OLD = "Styringsgruppen følger opp avtalen og foreslår endringer for partene."
BOARD_NEW = "Styringsgruppen følger opp avtalen og foreslår justeringer til alle."


@pytest.fixture(scope="module")
def browser():
    with chromium(require_tool("chromium")) as browser:
        yield browser


def _place(folder: Path) -> Path:
    """The example agreement in `folder`/agreements/, and the schema its first line points at in `folder`/schema/."""
    (folder / "agreements").mkdir(parents=True)
    (folder / "schema").mkdir()
    path = folder / "agreements" / NAME
    shutil.copyfile(AGREEMENTS / NAME, path)
    result = run_cli("schema", "--out", folder / "schema" / "agreement.schema.json")
    assert result.returncode == 0, result.stderr
    return path


@pytest.fixture
def agreement(tmp_path) -> Path:
    return _place(tmp_path / "work")


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
    page = browser_or_context.new_page(viewport=VIEWPORT)
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


# --- the tests ---

def test_opens_with_every_pdf_page_and_the_html(browser, agreement, tmp_path):
    pdf = pdf_pages(agreement, tmp_path / "build")
    assert validated(agreement) == []
    held = files(agreement.parent)
    with started(agreement) as run:
        page = opened(browser, run.url)
        assert page.get_attribute("body", "data-shown") == "pdf"
        assert page.locator("#pages .sheet img").count() == len(pdf) > 1
        # every page image is loaded, and drawn at the PDF page's proportions (A4)
        sizes = page.locator("#pages .sheet img").evaluate_all(
            "imgs => imgs.map(i => [i.complete, i.naturalWidth, i.naturalHeight])")
        assert all(done and width > 0 and abs(height / width - 297 / 210) < 0.01 for done, width, height in sizes)
        # in the PDF's order: the n-th sheet shows page n, with the key the server gives page n
        state = json.loads(run.get("/state")[2])
        assert keys(page) == [p["key"] for p in state["pages"]] and len(set(keys(page))) == len(pdf)
        sources = page.locator("#pages .sheet img").evaluate_all("imgs => imgs.map(i => i.getAttribute('src'))")
        assert sources == [f"/page/{n}.svg?k={p['key']}" for n, p in enumerate(state["pages"], 1)]
        assert page.is_visible("#no-findings") and findings(page) == []
        assert page.is_hidden("#banner")
        screenshot(page, "open-pdf")

        page.click('[data-show="html"]')
        assert page.is_hidden("#view-pdf") and page.is_visible("#view-html")
        shown = frame(page)
        assert shown.inner_text("h1") == "Eksempel: Avtale om samarbeid om barn og unges oppvekst 2026–2029"
        assert STATE_OLD in frame_text(page)
        screenshot(page, "open-html")
        stop(run, agreement.parent, held)


@pytest.mark.parametrize("how", ["in place", "renamed over"])
def test_a_saved_edit_shows_itself_and_keeps_the_scroll_position(browser, agreement, tmp_path, how):
    before = pdf_pages(agreement, tmp_path / "build-0")
    with started(agreement) as run:
        page = opened(browser, run.url)
        version, old_keys = shown_version(page), keys(page)
        assert STATE_OLD in frame_text(page) and STATE_NEW not in frame_text(page)

        # The PDF view, scrolled to a third of its height
        top = page.locator("#view-pdf").evaluate("view => { view.scrollTop = view.scrollHeight / 3; return view.scrollTop; }")
        assert top > 500
        save(agreement, STATE_OLD, STATE_NEW, how)
        after = pdf_pages(agreement, tmp_path / "build-1")
        changed = {i for i, (a, b) in enumerate(zip(before, after)) if a != b}
        assert len(after) == len(before) and len(changed) == 1
        wait_until(page, lambda: shown_version(page) > version and STATE_NEW in frame_text(page),
                   "the HTML frame shows the edit")
        assert STATE_OLD not in frame_text(page)
        new_keys = keys(page)
        assert {i for i, (a, b) in enumerate(zip(old_keys, new_keys)) if a != b} == changed
        assert len(new_keys) == len(old_keys)
        assert scroll_top(page) == top
        assert page.is_visible("#no-findings") and page.is_hidden("#banner")
        screenshot(page, f"edited-pdf-{how.replace(' ', '-')}")

        # The HTML view, scrolled down
        page.click('[data-show="html"]')
        shown_id = page.get_attribute("#view-html iframe:not([hidden])", "id")
        y = frame(page).evaluate("() => { window.scrollTo(0, 700); return window.scrollY; }")
        assert y == 700
        version = shown_version(page)
        save(agreement, BOARD_OLD, BOARD_NEW, how)
        wait_until(page, lambda: shown_version(page) > version and BOARD_NEW in frame_text(page),
                   "the HTML frame shows the second edit")
        assert BOARD_OLD not in frame_text(page)
        # the new HTML came in the other frame, which took the old one's scroll position
        assert page.get_attribute("#view-html iframe:not([hidden])", "id") != shown_id
        assert frame(page).evaluate("() => window.scrollY") == y
        screenshot(page, f"edited-html-{how.replace(' ', '-')}")
        stop(run, agreement.parent, files(agreement.parent))
