"""One version of the agreement as the preview shows it: findings, the pages, the HTML, the redline.

reads: the agreement file (through `agreements.validate_file`, the bounded reader `validate` uses)
writes: nothing on disk; a `Snapshot` in memory

`Preview.refresh` reads the file again and makes a new snapshot. What does not parse, or does not render,
keeps the last good rendering and says so in a banner; the findings are always the file's as it is now.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path

from avtale import agreements, layout, render
from avtale.errors import AvtaleError
from avtale.findings import ERROR, Finding, dotted
from avtale.i18n import _
from avtale.preview import places

EXCERPT = 2  # lines shown before and after a finding's line
EXCERPT_WIDTH = 300  # characters of each such line at most


def _stale() -> str:
    return _("The agreement has errors, so it cannot be set as it is now; what is shown is the last version that "
             "could be.")


@dataclass
class Rendering:
    """What the last good version looked like: SVG pages with heading places, the HTML, the redline."""

    pages: list[str]
    page_keys: list[str]
    width_pt: float
    height_pt: float
    headings: list[dict]
    signing: dict | None
    html: str
    html_key: str
    redline: str | None = None
    redline_key: str | None = None
    places: list[tuple] = field(default_factory=list)


@dataclass
class Snapshot:
    version: int
    findings: list[dict]
    banner: dict | None  # {"kind": "parse" | "stale", "text": …}
    rendering: Rendering | None
    rendered_version: int | None  # the version the rendering was made from

    def state(self) -> dict:
        """What the page needs to update itself (the pages and the HTML are fetched by their keys)."""
        r = self.rendering
        return {
            "version": self.version,
            "rendered_version": self.rendered_version,
            "banner": self.banner,
            "findings": self.findings,
            "counts": _counts(self.findings),
            "pages": [] if r is None else [{"key": k} for k in r.page_keys],
            "page": None if r is None else {"width": r.width_pt, "height": r.height_pt},
            "headings": [] if r is None else r.headings,
            "signing": None if r is None else r.signing,
            "html_key": None if r is None else r.html_key,
            "redline_key": None if r is None else r.redline_key,
        }


def _counts(findings: list[dict]) -> dict:
    errors = sum(1 for f in findings if f["severity"] == ERROR)
    return {"errors": errors, "warnings": len(findings) - errors}


def _key(text: str) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()


class Preview:
    """The agreement at `path`, read again on every `refresh` (one at a time: Typst's compiler is not shared)."""

    def __init__(self, path: Path, against=None):
        from avtale.render.pdf_preview import PageSetter

        self.path = Path(path)
        self.against = against  # (label, Agreement) of the revision compared with, or None
        self.base_dir = self.path.parent.resolve()
        self._setter = PageSetter(self.base_dir)
        self._lock = threading.Lock()
        self._layout = layout.load()
        self.snapshot = Snapshot(0, [], None, None, None)
        self.logos: frozenset[Path] = frozenset()  # the logo files the agreement names, to be watched too

    def refresh(self) -> Snapshot:
        with self._lock:
            old = self.snapshot
            version = old.version + 1
            result = agreements.validate_file(self.path)
            text = result.document.text if result.document is not None else self._text()
            rendering, rendered, banner = old.rendering, old.rendered_version, None
            if result.agreement is not None:
                self.logos = frozenset((self.base_dir / p.logo.file).resolve() for p in result.agreement.parties
                                       if p.logo is not None)
            parts = (places.headings(result.agreement) if result.agreement is not None
                     else rendering.places if rendering is not None else None)
            starts = _heading_lines(result.document, parts) if result.agreement is not None else []
            findings = [self._finding(f, text, parts, starts) for f in result.findings]
            if result.fatal is not None:
                banner = {"kind": "parse", "text": str(result.findings[0]) if result.findings else str(result.fatal)}
            elif result.agreement is None:
                banner = {"kind": "stale", "text": _stale()}
            else:
                try:
                    rendering, rendered = self._render(result.agreement, parts), version
                except AvtaleError as exc:
                    banner = {"kind": "stale", "text": str(exc)}
                except Exception as exc:  # an agreement with errors a renderer does not expect
                    if not any(f["severity"] == ERROR for f in findings):
                        raise
                    banner = {"kind": "stale", "text": f"{_stale()} ({type(exc).__name__})"}
            self.snapshot = Snapshot(version, findings, banner, rendering, rendered)
            return self.snapshot

    def _text(self) -> str | None:
        """The file's text where it did not parse (for the lines around the finding), if it can be read."""
        from avtale import store

        try:
            return store.read_text(self.path)
        except (AvtaleError, OSError):
            return None

    def _render(self, agreement, parts: list[tuple]) -> Rendering:
        context = render.RenderContext(base_dir=self.base_dir, layout=self._layout)
        pages = self._setter.pages(agreement, context)
        html = render.render(agreement, "html", context).decode("utf-8")
        redline = None
        if self.against is not None:
            from avtale import redline as redline_mod
            from avtale.diff import compare

            label, old = self.against
            diff = compare(old, agreement)
            diff.old_label, diff.new_label = label, str(self.path)
            redline = redline_mod.render_html_redline(diff, old, agreement, base_dir=self.base_dir,
                                                      layout=self._layout)
        return Rendering(pages.svgs, [_key(s) for s in pages.svgs], pages.width_pt, pages.height_pt,
                         pages.headings, pages.signing, html, _key(html), redline,
                         None if redline is None else _key(redline), parts)

    def _finding(self, f: Finding, text: str | None, parts: list[tuple] | None, starts: list[tuple]) -> dict:
        excerpt = []
        if text is not None and f.line is not None:
            lines = text.split("\n")
            first = max(1, f.line - EXCERPT)
            excerpt = [[n, _cut(lines[n - 1])] for n in range(first, min(len(lines), f.line + EXCERPT) + 1)]
        target = places.target(f.loc, parts) if parts is not None and f.loc else None
        if target is None and f.line is not None and starts:  # a rule of the text, with a line but no path
            target = next((t for line, t in reversed(starts) if line <= f.line), {"heading": 0})
        return {
            "code": f.code,
            "severity": f.severity,
            "message": f.message,
            "line": f.line,
            "col": f.col,
            "where": f.where(),
            "text": str(f),
            "path": dotted(f.loc),
            "excerpt": excerpt,
            "target": target,
        }


def _cut(line: str) -> str:
    return line if len(line) <= EXCERPT_WIDTH else line[:EXCERPT_WIDTH] + "…"


def _heading_lines(document, parts: list[tuple]) -> list[tuple[int, dict]]:
    """The line in the file where each heading's part starts (and the signature block), in the file's order:
    a finding that has only a line belongs to the last part starting at or before it."""
    out = []
    for path, target in [*((path, {"heading": n}) for n, path in enumerate(parts)), (("signing",), {"signing": True})]:
        position = document.locate(path)
        if position and position[0] is not None:
            out.append((position[0], target))
    return sorted(out, key=lambda pair: pair[0])
