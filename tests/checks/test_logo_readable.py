"""AV405: `validate` finds a logo `build` could not use, at the line and column of its `file:`."""

from __future__ import annotations

import os
import pathlib

import pytest

from avtale import agreements
from render.render_samples import write_png  # tests/render/render_samples.py

from conftest import run_cli, small_agreement

FILE = "agreements/liten.yaml"


@pytest.fixture
def repo(tmp_path):
    """tmp/agreements/ with a good PNG for KS; `write(file)` writes the agreement with KD's logo `file`."""
    root = tmp_path.resolve()
    (root / "agreements" / "logos").mkdir(parents=True)
    write_png(root / "agreements" / "logos" / "ks.png")

    def write(file: str, ks: str = "logos/ks.png") -> pathlib.Path:
        (root / FILE).write_text(small_agreement(kd_logo=file, ks_logo=ks), encoding="utf-8")
        return root

    return write


def validate(root: pathlib.Path):
    r = run_cli("validate", FILE, cwd=root)
    return r.returncode, r.stdout


def test_a_good_png_passes(repo):
    root = repo("logos/kd.png")
    write_png(root / "agreements" / "logos" / "kd.png")
    assert validate(root) == (0, "")


def test_content_decides_not_the_name(repo):
    root = repo("logos/kd.jpg")
    (root / "agreements" / "logos" / "kd.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\0" * 20)  # JPEG's magic
    assert validate(root) == (0, "")
    (root / "agreements" / "logos" / "kd.jpg").write_text("<svg/>")
    assert validate(root) == (1, f"{FILE}:8:13: AV405 logo of party «kd» (logos/kd.jpg) is not a PNG or JPEG image "
                                 "(its content is neither, whatever its name)\n")


def test_missing_logo(repo):
    root = repo("logos/kd.png")
    assert validate(root) == (1, f"{FILE}:8:13: AV405 logo of party «kd» (logos/kd.png) not found "
                                 f"(looked for {root}/agreements/logos/kd.png)\n")


def test_missing_logo_in_a_flow_mapping_points_at_its_value(repo):
    root = repo("logos/kd.png", ks="logos/ingen.png")
    write_png(root / "agreements" / "logos" / "kd.png")
    assert validate(root) == (1, f"{FILE}:12:18: AV405 logo of party «ks» (logos/ingen.png) not found "
                                 f"(looked for {root}/agreements/logos/ingen.png)\n")


def test_logo_that_is_a_directory(repo):
    root = repo("logos")
    assert validate(root) == (1, f"{FILE}:8:13: AV405 logo of party «kd» (logos) is a directory, not an image file\n")


def test_logo_outside_the_directory_through_dot_dot(repo):
    root = repo("../outside.png")
    write_png(root / "outside.png")
    assert validate(root) == (1, f"{FILE}:8:13: AV405 logo of party «kd» (../outside.png) lies outside the "
                                 "agreement's directory; put the image in it or below it\n")


def test_logo_outside_the_directory_through_a_symlink(repo):
    root = repo("logos/kd.png")
    write_png(root / "outside.png")
    (root / "agreements" / "logos" / "kd.png").symlink_to(root / "outside.png")
    assert validate(root) == (1, f"{FILE}:8:13: AV405 logo of party «kd» (logos/kd.png) lies outside the "
                                 f"agreement's directory (a symbolic link to {root}/outside.png); "
                                 "put the image in it or below it\n")


def test_a_link_that_stays_inside_is_fine(repo):
    root = repo("logos/kd.png")
    (root / "agreements" / "logos" / "kd.png").symlink_to("ks.png")
    assert validate(root) == (0, "")


def test_text_file_named_png(repo):
    root = repo("logos/kd.png")
    (root / "agreements" / "logos" / "kd.png").write_text("not an image\n")
    assert validate(root) == (1, f"{FILE}:8:13: AV405 logo of party «kd» (logos/kd.png) is not a PNG or JPEG image "
                                 "(its content is neither, whatever its name)\n")


def test_a_fifo_is_never_opened(repo):
    root = repo("logos/kd.png")
    os.mkfifo(root / "agreements" / "logos" / "kd.png")  # opening it for reading would block
    assert validate(root) == (1, f"{FILE}:8:13: AV405 logo of party «kd» (logos/kd.png) is not a regular file\n")


def test_unreadable_logo(repo, monkeypatch):
    # chmod 000 stops nobody when the tests run as root (as in CI), so the refusal is made
    # where the operating system would make it: opening the file.
    root = repo("logos/kd.png")
    write_png(root / "agreements" / "logos" / "kd.png")
    real_open = pathlib.Path.open

    def refuse(self, *args, **kwargs):
        if self.name == "kd.png":
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(pathlib.Path, "open", refuse)
    result = agreements.validate_file(root / FILE)
    assert [(f.code, f.severity, f.line, f.col, f.message) for f in result.findings] == [
        ("AV405", "error", 8, 13, "logo of party «kd» (logos/kd.png) cannot be read (Permission denied)")
    ]


def test_a_git_revision_is_not_checked_against_the_working_tree(repo):
    root = repo("logos/kd.png")  # missing here; the revision's own files are not on disk
    text = (root / FILE).read_text(encoding="utf-8")
    assert agreements.validate_file(root / FILE, text=text).findings == []
    assert [f.code for f in agreements.validate_file(root / FILE).findings] == ["AV405"]


def test_build_reports_the_finding_and_writes_nothing(repo):
    root = repo("logos/kd.png")
    r = run_cli("build", FILE, "--out", "out", "--format", "md,html", cwd=root)
    assert (r.returncode, r.stdout) == (1, "")
    assert r.stderr.splitlines() == [
        f"{FILE}:8:13: AV405 logo of party «kd» (logos/kd.png) not found (looked for {root}/agreements/logos/kd.png)",
        f"{FILE}: not built",
    ]
    assert not (root / "out").exists()
