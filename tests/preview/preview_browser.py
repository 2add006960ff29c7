"""Headless Chromium (Debian's package) driven by Playwright for Python, for the preview's tests and benchmark.

Playwright's own browser download is never used: the system's Chromium is its executable. The flags keep
Chromium off the network (this machine's network is closed; a test must not depend on it) and make it run
as root in a container. Screenshots of the tests go to ARTIFACTS (build/test-artifacts/preview/, or the
directory in $AVTALE_TEST_ARTIFACTS).
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = Path(os.environ.get("AVTALE_TEST_ARTIFACTS", ROOT / "build" / "test-artifacts")) / "preview"
FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
         "--disable-component-update", "--disable-sync", "--disable-default-apps", "--mute-audio"]


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
