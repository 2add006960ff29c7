"""`avtale preview` in Chromium: what is wrong with the file, live — the findings, where they are, the parse banner.

Each finding the page lists is compared with `avtale validate` of the same file (code, line, column, severity);
a click on one shows its lines and the part of the agreement it concerns, in the PDF view (a mark on the page
that `avtale build --format pdf` sets it on) and in the HTML view (its heading outlined). A fix clears it.
A YAML syntax error shows a banner with its position and keeps the last good rendering.
"""

from __future__ import annotations

import json

import pytest
from preview_browser import agreement_fixture, browser_fixture  # noqa: F401  (the fixtures `agreement`, `browser`)
from preview_browser import (files, findings, frame, frame_text, inside, keys, opened, page_with, pdf_pages,
                             save, screenshot, scroll_top, shown_version, stop, validated, wait_until)
from preview_process import started

# A signatory for a party the agreement does not have (AV204, in the signature block)
PARTY_OLD = "    - party: jd\n      name: Anne Larsen"
PARTY_BAD = "    - party: xx\n      name: Anne Larsen"
# A table row with a cell too few (AV313, in the section «Økonomi»)
ROW_OLD = "- [Tidlig innsats, '120', '125']"
ROW_BAD = "- [Tidlig innsats, '120']"
HEADING = "Økonomi"


def finding_button(page, code: str):
    button = page.locator("#finding-list .finding", has_text=code)
    assert button.count() == 1
    return button


def excerpt_line(page, code: str) -> str:
    """The excerpt's marked line (the finding's own) of the finding `code`, as the page shows it."""
    item = page.locator("#finding-list li", has=page.locator(".finding", has_text=code))
    assert item.locator(".excerpt").is_visible()
    here = item.locator(".excerpt .here")
    assert here.count() == 1
    return here.inner_text().rstrip("\n")


def the_finding(expected: list[tuple], code: str) -> tuple:
    found = [f for f in expected if f[0] == code]
    assert len(found) == 1, expected
    return found[0]


def broken(page, agreement, old: str, new: str, how: str, code: str, version: int) -> tuple[list, int, int]:
    """Save `new` for `old`, wait until the page lists the finding `code`, and check the page lists exactly
    what validate says; returns validate's findings and the finding's line and column."""
    save(agreement, old, new, how)
    expected = validated(agreement)
    _code, line, col, _severity = the_finding(expected, code)
    wait_until(page, lambda: shown_version(page) > version and any(f[0] == code for f in findings(page)),
               f"the page lists {code}")
    assert findings(page) == expected
    return expected, line, col


def outlined(page) -> list[dict]:
    """The elements of the HTML frame with an outline set by the page, with their text and place."""
    return frame(page).evaluate("""() => [...document.querySelectorAll('[style*="outline"]')].map(e => ({
        tag: e.tagName.toLowerCase(), cls: e.className, text: e.innerText.split('\\n')[0], outline: getComputedStyle(e).outlineStyle + ' ' + getComputedStyle(e).outlineWidth,
        top: e.getBoundingClientRect().top, y: window.scrollY,
        end: document.documentElement.scrollHeight - window.innerHeight}))""")


def at_top_or_end(element: dict) -> bool:
    """The element was scrolled to the top of the frame, a margin of 1rem (16 px) above it so its outline shows
    whole (or the frame to its end, when it cannot go further)."""
    return element["y"] > 0 and (abs(element["top"] - 16) <= 2 or abs(element["y"] - element["end"]) <= 1)


def test_an_invalid_signatory_shows_where_validate_puts_it_and_a_fix_clears_it(browser, agreement, tmp_path):
    pdf = pdf_pages(agreement, tmp_path / "build")
    signing_page = page_with(pdf, "Anne Larsen")
    with started(agreement) as run:
        page = opened(browser, run.url)
        assert page.is_visible("#no-findings") and findings(page) == []
        good_keys, version = keys(page), shown_version(page)

        expected, line, col = broken(page, agreement, PARTY_OLD, PARTY_BAD, "renamed over", "AV204", version)
        assert page.is_hidden("#no-findings")
        assert page.inner_text("#count") == f"({len(expected)})"
        button = finding_button(page, "AV204")
        assert button.locator(".where").inner_text().startswith(f"{line}:{col} ")
        assert "«xx»" in button.locator(".message").inner_text()
        # the agreement can still be set: it is, as it is now (only the signature block's page changes)
        assert [i for i, (a, b) in enumerate(zip(good_keys, keys(page))) if a != b] == [signing_page]
        assert page.is_hidden("#banner")

        # a click shows the line, and the signature block's page with a mark on it, scrolled into view
        page.locator("#view-pdf").evaluate("view => view.scrollTo(0, 0)")
        button.click()
        source = agreement.read_text(encoding="utf-8").split("\n")[line - 1]
        assert source == "    - party: xx"
        assert excerpt_line(page, "AV204") == f"{line:>4}  {source}"
        marks = page.locator("#pages .mark")
        assert marks.count() == 1
        assert page.locator("#pages .sheet").nth(signing_page).locator(".mark").count() == 1
        assert scroll_top(page) > 0
        assert inside(marks.bounding_box(), page.locator("#view-pdf").bounding_box())
        screenshot(page, "finding-pdf")

        # in the HTML view: the open finding, still open, outlines the signature block there at once
        page.click('[data-show="html"]')
        assert page.locator("#pages .mark").count() == 0
        assert button.get_attribute("aria-expanded") == "true"
        (element,) = outlined(page)
        assert element["tag"] == "section" and "signing" in element["cls"].split()
        assert element["outline"] == "solid 3px"
        assert at_top_or_end(element)
        screenshot(page, "finding-html")

        # the fix clears it
        version = shown_version(page)
        save(agreement, PARTY_BAD, PARTY_OLD, "in place")
        assert validated(agreement) == []
        wait_until(page, lambda: shown_version(page) > version and page.is_visible("#no-findings"),
                   "the page says there are no findings")
        assert findings(page) == [] and page.inner_text("#count") == ""
        assert page.is_hidden("#banner")
        assert keys(page) == good_keys
        screenshot(page, "finding-fixed")
        stop(run, agreement.parent, files(agreement.parent))


def test_a_finding_in_a_section_marks_its_heading_and_warnings_stay_after_the_fix(browser, agreement, tmp_path):
    pdf = pdf_pages(agreement, tmp_path / "build")
    heading_page = page_with(pdf, HEADING)
    # without its schema the file has one warning (AV406, line 1), which the fix of the error leaves
    (agreement.parents[1] / "schema" / "agreement.schema.json").unlink()
    warnings = validated(agreement)
    assert [(f[0], f[3]) for f in warnings] == [("AV406", "warning")]
    with started(agreement, "--format", "html") as run:
        page = opened(browser, run.url)
        assert page.get_attribute("body", "data-shown") == "html"
        assert findings(page) == warnings and page.is_hidden("#no-findings")
        version = shown_version(page)

        expected, line, col = broken(page, agreement, ROW_OLD, ROW_BAD, "in place", "AV313", version)
        button = finding_button(page, "AV313")
        button.click()
        source = agreement.read_text(encoding="utf-8").split("\n")[line - 1]
        assert source.endswith(ROW_BAD)
        assert excerpt_line(page, "AV313") == f"{line:>4}  {source}"
        (element,) = outlined(page)
        assert element["tag"] in ("h2", "h3") and element["text"].endswith(HEADING)
        assert at_top_or_end(element)
        screenshot(page, "finding-heading-html")

        # in the PDF view: the open finding marks the page the heading is on, at once
        page.click('[data-show="pdf"]')
        assert outlined(page) == []
        assert page.locator("#pages .mark").count() == 1
        assert page.locator("#pages .sheet").nth(heading_page).locator(".mark").count() == 1
        assert inside(page.locator("#pages .mark").bounding_box(), page.locator("#view-pdf").bounding_box())
        screenshot(page, "finding-heading-pdf")
        button.click()  # closed: the mark goes
        assert button.get_attribute("aria-expanded") == "false" and page.locator("#pages .mark").count() == 0
        button.click()
        assert page.locator("#pages .sheet").nth(heading_page).locator(".mark").count() == 1

        # a save that leaves it (another line changed): still open, still marked
        version = shown_version(page)
        save(agreement, "Tidlig innsats i barnehage og skole.", "Tidlig innsats i barnehagen.", "in place")
        wait_until(page, lambda: shown_version(page) > version, "the page shows the save")
        assert finding_button(page, "AV313").get_attribute("aria-expanded") == "true"
        assert page.locator("#pages .sheet").nth(heading_page).locator(".mark").count() == 1
        save(agreement, "Tidlig innsats i barnehagen.", "Tidlig innsats i barnehage og skole.", "in place")

        version = shown_version(page)
        save(agreement, ROW_BAD, ROW_OLD, "renamed over")
        assert validated(agreement) == warnings
        wait_until(page, lambda: shown_version(page) > version and findings(page) == warnings,
                   "only the warning is left")
        assert page.is_hidden("#no-findings") and page.is_hidden("#banner")
        screenshot(page, "finding-heading-fixed")
        stop(run, agreement.parent, files(agreement.parent))


def test_a_date_that_is_not_a_date_keeps_the_last_rendering_under_a_banner(browser, agreement, tmp_path):
    pdf = pdf_pages(agreement, tmp_path / "build")
    signing_page = page_with(pdf, "Ingrid Hansen")
    with started(agreement) as run:
        page = opened(browser, run.url)
        good_keys, version = keys(page), shown_version(page)
        save(agreement, "      title: Helse- og omsorgsminister\n      date: 2026-01-13",
             "      title: Helse- og omsorgsminister\n      date: 2026-01-32", "renamed over")
        expected = validated(agreement)
        code, line, col, _ = the_finding(expected, "AV100")
        wait_until(page, lambda: shown_version(page) > version and findings(page), "the page lists a finding")
        assert findings(page) == expected
        # the agreement cannot be set as it is: the last good rendering stays, under a banner that says so
        assert page.get_attribute("#banner", "class") == "banner stale" and page.is_visible("#banner")
        assert keys(page) == good_keys
        finding_button(page, "AV100").click()
        assert excerpt_line(page, "AV100") == f"{line:>4}        date: 2026-01-32"
        assert page.locator("#pages .sheet").nth(signing_page).locator(".mark").count() == 1
        screenshot(page, "finding-stale")
        stop(run, agreement.parent, files(agreement.parent))


@pytest.mark.parametrize("how", ["in place", "renamed over"])
def test_a_syntax_error_shows_a_banner_and_keeps_the_last_good_rendering(browser, agreement, how):
    with started(agreement) as run:
        page = opened(browser, run.url)
        good_keys, good_html, version = keys(page), frame_text(page), shown_version(page)
        assert page.is_hidden("#banner")

        save(agreement, "  start: 2026-01-01", "  start: [2026-01-01", how)
        ((code, line, col, severity),) = validated(agreement)
        assert (code, severity) == ("AV001", "error")
        # (written in place, the file may be seen empty for a moment: wait for the banner of the error)
        wait_until(page, lambda: shown_version(page) > version and page.is_visible("#banner.parse")
                   and f":{line}:{col}: {code} " in page.inner_text("#banner"), "the parse banner with the position")
        assert findings(page) == [(code, line, col, severity)]
        state = json.loads(run.get("/state")[2])
        assert state["rendered_version"] == 1 and state["banner"]["kind"] == "parse"
        assert keys(page) == good_keys and frame_text(page) == good_html
        screenshot(page, f"syntax-error-{how.replace(' ', '-')}")

        version = shown_version(page)
        save(agreement, "  start: [2026-01-01", "  start: 2026-01-01", how)
        wait_until(page, lambda: shown_version(page) > version and page.is_hidden("#banner"),
                   "the banner gone")
        assert page.is_visible("#no-findings") and findings(page) == []
        assert keys(page) == good_keys
        screenshot(page, f"syntax-fixed-{how.replace(' ', '-')}")
        stop(run, agreement.parent, files(agreement.parent))
