"""preview/snapshot.py: each refresh reads the file again; findings as `validate` gives them; what does not
parse or does not set keeps the last good rendering with a banner; nothing is written."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from avtale import agreements
from avtale.preview.snapshot import Preview

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "agreements" / "eksempel-2026-2029.yaml"


@pytest.fixture
def copy(tmp_path) -> Path:
    path = tmp_path / "agreements" / EXAMPLE.name
    path.parent.mkdir()
    shutil.copy(EXAMPLE, path)
    return path


def _listing(root: Path) -> dict:
    return {str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns) for p in root.rglob("*")}


def _as_validate(path: Path) -> list[tuple]:
    return [(f.code, f.severity, f.line, f.col, f.message) for f in agreements.validate_file(path).findings]


def _as_shown(snapshot) -> list[tuple]:
    return [(f["code"], f["severity"], f["line"], f["col"], f["message"]) for f in snapshot.findings]


def test_a_valid_file_is_set_as_pages_and_html_with_validates_findings(copy):
    before = _listing(copy.parent.parent)
    preview = Preview(copy)
    snap = preview.refresh()
    assert snap.version == 1 and snap.rendered_version == 1 and snap.banner is None
    assert _as_shown(snap) == _as_validate(copy)
    assert all(f["severity"] == "warning" for f in snap.findings)
    r = snap.rendering
    assert len(r.pages) == 4 and all(page.startswith("<svg") for page in r.pages)
    assert len(set(r.page_keys)) == 4
    assert "<h1>Eksempel: Avtale om samarbeid om barn og unges oppvekst 2026–2029</h1>" in r.html
    state = json.loads(json.dumps(snap.state()))
    assert state["pages"] == [{"key": k} for k in r.page_keys] and state["html_key"] == r.html_key
    assert state["counts"] == {"errors": 0, "warnings": len(snap.findings)}
    assert _listing(copy.parent.parent) == before  # nothing written, not even next to the file


def test_an_edit_changes_only_the_keys_of_what_changed(copy):
    preview = Preview(copy)
    first = preview.refresh().rendering
    text = copy.read_text(encoding="utf-8")
    assert text.count("Tidlig innsats i barnehage og skole.") == 1
    copy.write_text(text.replace("Tidlig innsats i barnehage og skole.", "Tidlig innsats i alle barnehager."),
                    encoding="utf-8")
    second = preview.refresh()
    assert second.version == 2 and second.rendered_version == 2
    assert "Tidlig innsats i alle barnehager." in second.rendering.html
    changed = [n for n, (a, b) in enumerate(zip(first.page_keys, second.rendering.page_keys)) if a != b]
    assert changed == [0]  # the list is on page 1; pages 2–4 are the same pictures
    assert second.rendering.html_key != first.html_key


def test_a_rule_broken_shows_the_finding_where_validate_puts_it(copy):
    preview = Preview(copy)
    preview.refresh()
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("    - party: hod\n", "    - party: hdd\n"), encoding="utf-8")
    snap = preview.refresh()
    errors = [f for f in snap.findings if f["severity"] == "error"]
    assert [f["code"] for f in errors] == ["AV204"]
    assert _as_shown(snap) == _as_validate(copy)
    line = text.splitlines().index("    - party: hod") + 1
    assert errors[0]["line"] == line
    assert [n for n, _ in errors[0]["excerpt"]] == [line - 2, line - 1, line, line + 1, line + 2]
    assert dict(errors[0]["excerpt"])[line] == "    - party: hdd"
    assert errors[0]["target"] == {"signing": True}
    assert snap.state()["counts"]["errors"] == 1


def test_a_file_that_does_not_parse_keeps_the_last_good_rendering_under_a_banner(copy):
    preview = Preview(copy)
    good = preview.refresh().rendering
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("status: draft", "status: [draft"), encoding="utf-8")
    snap = preview.refresh()
    assert snap.banner["kind"] == "parse"
    assert snap.banner["text"] == str(agreements.validate_file(copy).findings[0])
    assert snap.rendering is good and snap.rendered_version == 1 and snap.version == 2
    assert [f["code"] for f in snap.findings] == ["AV001"]
    assert snap.findings[0]["excerpt"]  # the lines around it, though the file did not parse
    copy.write_text(text, encoding="utf-8")
    fixed = preview.refresh()
    assert fixed.banner is None and fixed.rendered_version == 3 and fixed.rendering.page_keys == good.page_keys


def test_a_schema_error_keeps_the_last_rendering_and_says_it_is_stale(copy):
    preview = Preview(copy)
    good = preview.refresh().rendering
    copy.write_text(copy.read_text(encoding="utf-8").replace("  end: 2029-12-31", "  end: neste år"),
                    encoding="utf-8")
    snap = preview.refresh()
    assert snap.banner["kind"] == "stale" and snap.rendering is good
    assert [f["code"] for f in snap.findings if f["severity"] == "error"] == [
        f.code for f in agreements.validate_file(copy).findings if f.severity == "error"]
    assert snap.findings[-1]["target"] == {"heading": 0}  # the period: the top of the agreement


def test_a_file_gone_is_a_banner_and_coming_back_is_shown(copy):
    preview = Preview(copy)
    good = preview.refresh().rendering
    text = copy.read_text(encoding="utf-8")
    os.unlink(copy)
    gone = preview.refresh()
    assert gone.banner == {"kind": "parse", "text": f"{copy}: AV003 no such file"} and gone.rendering is good
    copy.write_text(text, encoding="utf-8")
    back = preview.refresh()
    assert back.banner is None and back.rendering.page_keys == good.page_keys


def test_the_first_version_not_parsing_has_nothing_to_show_but_the_banner(copy):
    copy.write_text("id: [\n", encoding="utf-8")
    snap = Preview(copy).refresh()
    assert snap.banner["kind"] == "parse" and snap.rendering is None
    assert snap.state()["pages"] == [] and snap.state()["html_key"] is None


def test_a_long_line_is_cut_in_the_excerpt(copy):
    long = "x" * 5000
    text = copy.read_text(encoding="utf-8")
    copy.write_text(text.replace("status: draft", f"status: {long}"), encoding="utf-8")
    snap = Preview(copy).refresh()
    (finding,) = [f for f in snap.findings if f["severity"] == "error"]
    here = dict(finding["excerpt"])[finding["line"]]
    assert here == "status: " + "x" * 292 + "…"


def test_a_finding_with_a_line_but_no_path_belongs_to_the_part_around_that_line(copy):
    text = copy.read_text(encoding="utf-8")
    assert text.count("Departementene skal samordne sine tiltak overfor kommunene.") == 1
    copy.write_text(text.replace("Departementene skal samordne sine tiltak overfor kommunene.",
                                 "Departementene skal **samordne sine tiltak overfor kommunene."), encoding="utf-8")
    snap = Preview(copy).refresh()
    (finding,) = [f for f in snap.findings if f["severity"] == "error"]
    assert finding["path"] == "" and finding["line"] == text.splitlines().index(
        "          - Departementene skal samordne sine tiltak overfor kommunene.") + 1
    # «2.2 Oppfølging i staten» is sections[1].subsections[1]: the sixth heading (title, 1, 2, 2.1, 2.1.1, 2.2)
    assert finding["target"] == {"heading": 5}
