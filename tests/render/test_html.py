"""The HTML page: semantic, escaped, self-contained; loaded in headless Chromium."""

from __future__ import annotations

import re
import subprocess
from html.parser import HTMLParser

import pytest
from render_samples import HOSTILE, agreement, context, dark_pixels, hostile_agreement, write_png

from avtale.render import html

from conftest import AGREEMENTS, require_tool

CHROMIUM_FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--hide-scrollbars", "--virtual-time-budget=5000",
]


class Outline(HTMLParser):
    """Headings, lists, tags seen and text, from an HTML string."""

    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []
        self.headings: list[tuple[str, str]] = []
        self.text: list[str] = []
        self._heading: str | None = None
        self._buffer = ""
        self._raw = 0

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag in ("h1", "h2", "h3", "h4"):
            self._heading, self._buffer = tag, ""
        if tag in ("script", "style"):
            self._raw += 1

    def handle_endtag(self, tag):
        if tag == self._heading:
            self.headings.append((tag, " ".join(self._buffer.split())))
            self._heading = None
        if tag in ("script", "style"):
            self._raw -= 1

    def handle_data(self, data):
        if self._heading:
            self._buffer += data
        if not self._raw:
            self.text.append(data)


def parse(page: str) -> Outline:
    outline = Outline()
    outline.feed(page)
    return outline


def render(a, base=".") -> str:
    return html.render(a, context(base)).decode("utf-8")


def chromium(tmp_path, url: str, *args: str) -> subprocess.CompletedProcess:
    tool = require_tool("chromium")
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    return subprocess.run(
        [tool, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args, url],
        capture_output=True, text=True, timeout=90, check=True,
    )


def test_semantic_page_for_2014():
    from avtale import agreements

    a = agreements.read(AGREEMENTS / "2014-2017.yaml")
    page = render(a, AGREEMENTS)
    assert page.startswith("<!DOCTYPE html>\n<html lang=\"nb\">")
    out = parse(page)
    assert out.headings[0] == ("h1", a.title)
    assert out.headings[1:] == [("h2", f"{i}. {s.title}") for i, s in enumerate(a.sections, 1)]
    tags = [t for t, _ in out.tags]
    assert tags.count("ul") == 2 and tags.count("li") == 2 + 17
    assert [t for t, attrs in out.tags if attrs.get("class") == "signatory" and attrs.get("role") == "group"] == ["div"] * 2
    text = " ".join(" ".join(out.text).split())
    assert "Oslo, 7. november 2014" in text
    for s in a.signing.signatories:
        assert s.name in text and s.title in text
    assert f"<title>{a.title}</title>" in page


def test_numbered_lists_are_real_lists_with_their_style():
    out = parse(render(agreement(numbering="§ 1")))
    ols = [attrs for tag, attrs in out.tags if tag == "ol"]
    assert ols == [{"type": "a", "class": "list-alpha", "data-style": "a)"},
                   {"type": "1", "class": "list-paren", "data-style": "1)"}]
    assert [h for h in out.headings] == [("h1", "Avtale om prøve"), ("h2", "§ 1 Formål"), ("h2", "§ 2 Plikter"),
                                         ("h3", "2.1 Detaljer")]
    assert parse(render(agreement(language="nn"))).tags[0] == ("html", {"lang": "nn"})


def test_drafter_text_is_escaped():
    a = hostile_agreement()
    page = render(a)
    assert "<script>" not in page and "<b>" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    text = " ".join(parse(page).text)
    for needle in HOSTILE:
        assert needle in text
    assert not any(tag in ("script", "b") for tag, _ in parse(page).tags)


def test_self_contained_with_logo_as_data_uri(tmp_path):
    write_png(tmp_path / "kd.png")
    parties = [
        {"id": "kd", "name": "Kunnskapsdepartementet", "logo": {"file": "kd.png", "alt": "Kunnskapsdepartementets logo"}},
        {"id": "ks", "name": "KS"},
    ]
    page = render(agreement(parties=parties), tmp_path)
    images = [attrs for tag, attrs in parse(page).tags if tag == "img"]
    assert len(images) == 1 and images[0]["alt"] == "Kunnskapsdepartementets logo"
    assert images[0]["src"].startswith("data:image/png;base64,")
    assert not re.search(r"""(src|href)=["'](?!data:)""", page), "nothing loaded from elsewhere"
    assert "@import" not in page and "url(" not in page


def test_style_comes_from_the_layout():
    page = render(agreement())
    assert 'font-family: Arial, "Liberation Sans", Helvetica, sans-serif' in page
    assert "@page { size: A4; margin: 25mm 25mm 25mm 25mm; }" in page
    assert "@media print" in page and "@media (max-width:" in page
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in page


def test_chromium_sees_the_heading_outline(tmp_path):
    from avtale import agreements

    a = agreements.read(AGREEMENTS / "2014-2017.yaml")
    path = tmp_path / "a.html"
    path.write_bytes(html.render(a, context(AGREEMENTS)))
    dom = chromium(tmp_path, path.as_uri(), "--dump-dom").stdout
    out = parse(dom)
    assert out.tags[0] == ("html", {"lang": "nb"})
    assert [h for h, _ in out.headings] == ["h1"] + ["h2"] * len(a.sections)
    assert [t for _, t in out.headings] == [a.title] + [f"{i}. {s.title}" for i, s in enumerate(a.sections, 1)]
    assert "script" not in [t for t, _ in out.tags]


def test_chromium_escapes_hostile_text(tmp_path):
    path = tmp_path / "h.html"
    path.write_bytes(html.render(hostile_agreement(), context()))
    dom = chromium(tmp_path, path.as_uri(), "--dump-dom").stdout
    assert "script" not in [t for t, _ in parse(dom).tags]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in dom


@pytest.mark.parametrize("width", [1000, 390])
def test_screenshot_is_not_blank(tmp_path, width):
    from avtale import agreements

    a = agreements.read(AGREEMENTS / "2014-2017.yaml")
    path = tmp_path / "a.html"
    path.write_bytes(html.render(a, context(AGREEMENTS)))
    shot = tmp_path / "shot.png"
    chromium(tmp_path, path.as_uri(), f"--screenshot={shot}", f"--window-size={width},900")
    ink = dark_pixels(shot.read_bytes())
    assert ink > width * 900 * 0.01, f"only {ink} dark pixels: the page looks blank"
