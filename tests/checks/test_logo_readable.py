"""AV405: `validate` finds a logo `build` could not use, at the line and column of its `file:`."""

from __future__ import annotations

import os
import pathlib
import struct

import pytest

from avtale import agreements, limits
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


def jpeg_header(width: int, height: int) -> bytes:
    """A JPEG's first segments up to its frame header (which carries the size): what AV405 reads."""
    app0 = b"\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00"
    frame = b"\xff\xc0\x00\x11\x08" + struct.pack(">HH", height, width) + b"\x03\x01\x22\x00\x02\x11\x01\x03\x11\x01"
    return b"\xff\xd8" + app0 + frame + b"\xff\xd9"


def test_content_decides_not_the_name(repo):
    root = repo("logos/kd.jpg")
    (root / "agreements" / "logos" / "kd.jpg").write_bytes(jpeg_header(60, 30))
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
    assert validate(root) == (1, f"{FILE}:8:13: AV405 logo of party «kd» (logos/kd.png) is a named pipe (FIFO), "
                                 "not an image file\n")


def test_unreadable_logo(repo, monkeypatch):
    # chmod 000 stops nobody when the tests run as root (as in CI), so the refusal is made
    # where the operating system would make it: opening the file.
    root = repo("logos/kd.png")
    write_png(root / "agreements" / "logos" / "kd.png")
    real_open = os.open

    def refuse(path, *args, **kwargs):
        if os.path.basename(path) == "kd.png":
            raise PermissionError(13, "Permission denied", str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", refuse)
    result = agreements.validate_file(root / FILE)
    assert [(f.code, f.severity, f.line, f.col, f.message) for f in result.findings] == [
        ("AV405", "error", 8, 13, "logo of party «kd» (logos/kd.png) cannot be read (permission denied)")
    ]


@pytest.fixture
def logo_limits():
    saved = limits.Limits(**vars(limits.current))
    yield limits.current
    limits.set_limits(**vars(saved))


def findings(root):
    return [(f.code, f.line, f.col, f.message) for f in agreements.validate_file(root / FILE).findings]


def test_a_logo_larger_than_the_limit_is_refused_before_it_is_read(repo, logo_limits, monkeypatch):
    root = repo("logos/kd.png")
    logo = write_png(root / "agreements" / "logos" / "kd.png")
    os.truncate(logo, 700 * 1024 * 1024)  # sparse: 700 MB on paper, nothing on disk
    real_open = os.open

    def never(path, *args, **kwargs):
        assert os.path.basename(path) != "kd.png", "the logo was opened"
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", never)
    assert findings(root) == [("AV405", 8, 13, "logo of party «kd» (logos/kd.png) is larger than the limit of 5242880 "
                                               "bytes (see --max-logo-size)")]
    limits.set_limits(logo_bytes=100)
    os.truncate(logo, 101)
    assert findings(root)[0][3] == ("logo of party «kd» (logos/kd.png) is larger than the limit of 100 bytes "
                                    "(see --max-logo-size)")


def test_pixels_are_counted_from_the_header(repo, logo_limits):
    root = repo("logos/kd.png")
    logo = write_png(root / "agreements" / "logos" / "kd.png", width=22000, height=1)
    raw = bytearray(logo.read_bytes())
    raw[20:24] = struct.pack(">I", 22000)  # the header now says 22000 × 22000; the pixel data is never decoded
    logo.write_bytes(bytes(raw))
    assert findings(root) == [("AV405", 8, 13, "logo of party «kd» (logos/kd.png) is 22000 × 22000 pixels, more than "
                                               "the limit of 25000000 (see --max-logo-pixels)")]
    limits.set_limits(logo_pixels=22000 * 22000)
    assert findings(root) == []


def test_a_jpeg_is_measured_at_its_frame_header(repo, logo_limits):
    root = repo("logos/kd.jpg")
    (root / "agreements" / "logos" / "kd.jpg").write_bytes(jpeg_header(65000, 65000))
    assert findings(root)[0][3] == ("logo of party «kd» (logos/kd.jpg) is 65000 × 65000 pixels, more than the limit "
                                    "of 25000000 (see --max-logo-pixels)")
    (root / "agreements" / "logos" / "kd.jpg").write_bytes(jpeg_header(65000, 65000)[:20] + b"\xff\xd9")  # no frame
    assert findings(root)[0][3] == ("logo of party «kd» (logos/kd.jpg) cannot be read as an image: JPEG without a "
                                    "frame header (no image size)")
    (root / "agreements" / "logos" / "kd.jpg").write_bytes(jpeg_header(0, 30))
    assert findings(root)[0][3] == "logo of party «kd» (logos/kd.jpg) has no pixels (0 × 30)"


@pytest.mark.parametrize("name, shown, code", [
    ("logos/k\\nd.png", "logos/k\\u000ad.png", "000A"),
])
def test_a_control_character_in_the_path_is_one_finding(repo, name, shown, code):
    root = repo(f'"{name}"')  # in double quotes YAML reads the escape
    code_, out = validate(root)
    assert code_ == 1 and "\0" not in out and "\x1b" not in out
    assert all(line.startswith(f"{FILE}:8:") for line in out.splitlines())  # no line broken by the name
    assert f"{FILE}:8:13: AV405 logo of party «kd» ({shown}): a file name cannot hold the control character " \
           f"U+{code}; rename the file and write its new name here" in out.splitlines()


@pytest.mark.parametrize("name, told", [
    ("logos/k\\0d.png", "«\\0» inside double quotes is read as a null character"),
    ("logos/k\\e[2Jd.png", "«\\e» inside double quotes is read as an escape character"),
])
def test_a_refused_character_in_the_path_is_told_once_at_its_escape(repo, name, told):
    """NUL and ESC are refused in every string (AV102, here told by AV101 at the short escape), so the
    logo rule does not also speak of the name."""
    root = repo(f'"{name}"')
    code_, out = validate(root)
    assert code_ == 1 and "\0" not in out and "\x1b" not in out
    lines = out.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"{FILE}:8:21: AV101 {told}, not as the characters typed"), out


def test_a_dangling_symbolic_link(repo):
    root = repo("logos/kd.png")
    (root / "agreements" / "logos" / "kd.png").symlink_to("gone.png")
    assert validate(root) == (1, f"{FILE}:8:13: AV405 logo of party «kd» (logos/kd.png) not found "
                                 f"(looked for {root}/agreements/logos/gone.png)\n")


def test_html_carries_the_bytes_that_were_checked(repo):
    from avtale import assets

    root = repo("logos/kd.png")
    logo = write_png(root / "agreements" / "logos" / "kd.png")
    assert assets.read_logo("logos/kd.png", root / "agreements", "kd") == logo.read_bytes()


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
