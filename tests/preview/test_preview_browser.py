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
import subprocess

import pytest
from conftest import require_tool
from preview_browser import agreement_fixture, browser_fixture  # noqa: F401  (the fixtures `agreement`, `browser`)
from preview_browser import (VIEWPORT, BOARD_NEW, BOARD_OLD, STATE_NEW, STATE_OLD, files, findings, frame, frame_text,
                             keys, opened, pdf_pages, place, save, screenshot, scroll_top, shown_version, stop,
                             validated, wait_until)
from preview_process import started


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
        page.evaluate("() => { window.avtaleTestMark = 'still here'; }")  # gone if the page were loaded again

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
        assert page.evaluate("() => window.avtaleTestMark") == "still here"
        screenshot(page, f"edited-html-{how.replace(' ', '-')}")
        stop(run, agreement.parent, files(agreement.parent))


def test_a_second_tab_sees_the_same_update(browser, agreement):
    with started(agreement) as run:
        context = browser.new_context(viewport=VIEWPORT)
        first, second = opened(context, run.url), opened(context, run.url)
        second.click('[data-show="html"]')
        good_keys, version = keys(first), shown_version(first)
        assert keys(second) == good_keys and STATE_NEW not in frame_text(second)

        save(agreement, STATE_OLD, STATE_NEW, "renamed over")
        for tab in (first, second):
            wait_until(tab, lambda tab=tab: shown_version(tab) > version and STATE_NEW in frame_text(tab),
                       "both tabs show the edit")
        assert shown_version(first) == shown_version(second)
        assert keys(first) == keys(second) != good_keys
        assert second.get_attribute("body", "data-shown") == "html" and first.get_attribute("body", "data-shown") == "pdf"
        screenshot(second, "second-tab")
        stop(run, agreement.parent, files(agreement.parent))
        context.close()


def git(repo, *args: str) -> str:
    result = subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.org", "-c",
                             "commit.gpgsign=false", *args], cwd=repo, capture_output=True, text=True, timeout=30)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_against_a_revision_shows_the_redline_live(browser, tmp_path):
    require_tool("git")
    repo = tmp_path / "repo"
    agreement = place(repo)
    git(repo, "init", "-q")
    git(repo, "add", "-A")
    git(repo, "commit", "-q", "-m", "the agreement")
    with started(agreement.relative_to(repo), "--against", "HEAD", cwd=repo) as run:
        page = opened(browser, run.url)
        assert page.is_visible('[data-show="redline"]')
        page.click('[data-show="redline"]')
        assert page.is_visible("#view-redline") and page.is_hidden("#view-pdf")
        redline = frame(page, "redline")
        assert STATE_OLD in frame_text(page, "redline")
        assert redline.locator("ins").count() == 0 and redline.locator("del").count() == 0
        version = shown_version(page)

        save(agreement, STATE_OLD, STATE_NEW, "renamed over")
        wait_until(page, lambda: shown_version(page) > version and frame(page, "redline").locator("ins").count(),
                   "the redline marks the change")
        redline = frame(page, "redline")
        inserted = redline.locator("ins").all_inner_texts()
        deleted = redline.locator("del").all_inner_texts()
        assert any("regionene" in text for text in inserted) and not any("kommunene" in text for text in inserted)
        assert any("kommunene" in text for text in deleted) and not any("regionene" in text for text in deleted)
        # the changed words are marked in the paragraph the edit changed
        paragraph = redline.locator("p", has=redline.locator("ins")).first.inner_text()
        assert "Departementene skal samordne sine tiltak overfor" in paragraph
        redline.locator("ins").first.scroll_into_view_if_needed()
        screenshot(page, "redline")
        stop(run, repo, files(repo))
