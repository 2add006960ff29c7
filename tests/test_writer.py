"""avtale.writer, the one way avtale writes a file: what it refuses, what it leaves when the disk is full or
read-only, all or none for a build, and its temporary files (short names, swept only when their process is gone).

Disk full and read-only are tried on a real file system (a small tmpfs, mounted when the tests may mount:
as root) and, everywhere, by making the system calls fail with ENOSPC and EROFS.
"""

from __future__ import annotations

import errno
import fcntl
import os
import subprocess
import sys
from pathlib import Path

import pytest

from avtale import writer
from avtale.errors import OutputError, OutputExists
from conftest import AVTALE

NOTES = b"the user's own notes\n"


def names(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir())


def dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


# --- refusals ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("link_to", ["real.txt", "missing.txt", "loop.txt", "."])
def test_a_symbolic_link_is_never_written_through_or_replaced(tmp_path, link_to):
    (tmp_path / "real.txt").write_bytes(NOTES)
    link = tmp_path / "loop.txt" if link_to == "loop.txt" else tmp_path / "link.txt"
    link.symlink_to(link_to)
    with pytest.raises(OutputError) as caught:
        writer.write(link, "new")
    assert str(caught.value) == (f"{link}: AV601 is a symbolic link to {link_to}; avtale neither writes through a link "
                                 "nor replaces it: give the file itself, or remove the link")
    assert os.readlink(link) == link_to and (tmp_path / "real.txt").read_bytes() == NOTES
    assert names(tmp_path) == sorted(["real.txt", link.name])


def test_a_directory_or_a_fifo_is_refused(tmp_path):
    (tmp_path / "dir").mkdir()
    os.mkfifo(tmp_path / "fifo")
    with pytest.raises(OutputError, match="AV601 is a directory; give a file name$"):
        writer.write(tmp_path / "dir", "x")
    with pytest.raises(OutputError, match=r"AV601 is not a regular file \(a device, pipe or socket\); give the name"):
        writer.write(tmp_path / "fifo", "x")  # never opened: a FIFO would block
    assert names(tmp_path) == ["dir", "fifo"]


def test_an_existing_file_is_kept_unless_overwrite(tmp_path):
    target = tmp_path / "notes.md"
    target.write_bytes(NOTES)
    with pytest.raises(OutputExists, match=f"^{target}: AV600 exists; use --force to overwrite it$"):
        writer.write(target, "new", overwrite=False)
    assert target.read_bytes() == NOTES
    writer.write(target, "new", overwrite=True)
    assert target.read_text() == "new"


def test_a_file_that_appears_while_writing_is_not_clobbered(tmp_path):
    target = tmp_path / "out.md"
    staged = writer.stage(target, "ours", overwrite=False)
    target.write_bytes(NOTES)  # another program, between the check and the rename
    with pytest.raises(OutputExists):
        writer.commit([staged])
    assert target.read_bytes() == NOTES and names(tmp_path) == ["out.md"]


def test_an_input_is_refused_even_with_overwrite_also_by_a_hard_link(tmp_path):
    source = tmp_path / "a.yaml"
    source.write_bytes(NOTES)
    os.link(source, tmp_path / "same.yaml")
    for target in (source, tmp_path / "same.yaml"):
        with pytest.raises(OutputExists, match=rf"is a file this command reads \({source}\); write to another file"):
            writer.write(target, "x", overwrite=True, inputs=[source])
    assert source.read_bytes() == NOTES


# --- names ------------------------------------------------------------------------------------------------


def test_temporary_names_are_short_and_avtales_own():
    name = writer.temporary_name()
    assert writer.TEMP_NAME.fullmatch(name) and len(name) <= 32


@pytest.mark.parametrize("length", [250, 255])
def test_a_name_near_the_limit_is_written(tmp_path, length):
    target = tmp_path / ("n" * (length - 3) + ".md")
    writer.write(target, "x")
    assert names(tmp_path) == [target.name]


def test_a_name_past_the_limit_is_one_line(tmp_path):
    target = tmp_path / ("n" * 253 + ".md")
    with pytest.raises(OutputError) as caught:
        writer.write(target, "x")
    assert str(caught.value) == f"{target}: AV601 cannot write: the name is too long for the file system; choose a shorter one"


@pytest.mark.parametrize("code, says", [
    (errno.ENOSPC, "cannot write: no space left on the device; free some space and run the command again"),
    (errno.EDQUOT, "cannot write: the disk quota is used up; free some space and run the command again"),
    (errno.EROFS, "cannot write: the file system is read-only; make it writable or write somewhere else"),
    (errno.EACCES, "cannot write: no permission to write in /d; change its permissions or write somewhere else"),
    (errno.ENOENT, "cannot write: the directory /d does not exist"),
    (errno.ENOTDIR, "cannot write: a part of the path is not a directory; check the path"),
    (errno.ELOOP, "cannot write: the path has a loop of symbolic links; check the path"),
    (errno.EISDIR, "cannot write: a directory is in the way; give a file name"),
    (errno.EIO, "cannot write: Input/output error"),
])
def test_every_error_of_the_file_system_is_one_line(code, says):
    error = writer.os_error(OSError(code, os.strerror(code)), Path("/d/out.pdf"))
    assert (str(error), error.exit_code) == (f"/d/out.pdf: AV601 {says}", 1)
    exists = writer.os_error(FileExistsError(errno.EEXIST, "File exists"), Path("/d/out.pdf"))
    assert str(exists) == "/d/out.pdf: AV600 exists; use --force to overwrite it"


# --- all or none ------------------------------------------------------------------------------------------


def _old_outputs(directory: Path) -> dict[str, bytes]:
    old = {"a.docx": b"old docx", "a.pdf": b"old pdf", "a.md": b"old md"}
    for name, data in old.items():
        (directory / name).write_bytes(data)
    return old


def _contents(directory: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in directory.iterdir()}


def _failing(real, fail_on: int, code: int):
    calls = []

    def call(*args, **kwargs):
        calls.append(args)
        if len(calls) == fail_on:
            raise OSError(code, os.strerror(code))
        return real(*args, **kwargs)

    return call


def test_disk_full_while_staging_leaves_every_old_output(tmp_path, monkeypatch):
    old = _old_outputs(tmp_path)
    monkeypatch.setattr(writer.os, "fsync", _failing(os.fsync, 2, errno.ENOSPC))  # the second file
    with pytest.raises(OutputError, match=r"a\.pdf: AV601 cannot write: no space left on the device"):
        writer.write_all([(tmp_path / "a.docx", b"new docx"), (tmp_path / "a.pdf", b"new pdf"),
                          (tmp_path / "a.md", b"new md")])
    assert _contents(tmp_path) == old


def test_a_rename_failing_half_way_puts_back_the_ones_done(tmp_path, monkeypatch):
    old = _old_outputs(tmp_path)
    new = tmp_path / "a.html"  # no old one: removed again
    monkeypatch.setattr(writer.os, "replace", _failing(os.replace, 3, errno.EIO))
    with pytest.raises(OutputError, match=r"a\.md: AV601 cannot write: Input/output error"):
        writer.write_all([(tmp_path / "a.docx", b"new docx"), (new, b"new html"), (tmp_path / "a.md", b"new md"),
                          (tmp_path / "a.pdf", b"new pdf")])
    assert _contents(tmp_path) == old


def test_read_only_when_staging_is_one_line_and_changes_nothing(tmp_path, monkeypatch):
    old = _old_outputs(tmp_path)
    monkeypatch.setattr(writer.os, "open", _failing(os.open, 1, errno.EROFS))
    with pytest.raises(OutputError, match="AV601 cannot write: the file system is read-only"):
        writer.write_all([(tmp_path / "a.docx", b"new"), (tmp_path / "a.pdf", b"new")])
    assert _contents(tmp_path) == old


def test_a_write_replaces_the_whole_file_and_leaves_no_temporary(tmp_path):
    target = tmp_path / "out.txt"
    target.write_text("old")
    writer.write(target, "new")
    assert target.read_text() == "new"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.txt"]


def test_a_write_into_a_missing_directory_fails_and_writes_nothing(tmp_path):
    with pytest.raises(OutputError, match=f"cannot write: the directory {tmp_path / 'no'} does not exist"):
        writer.write(tmp_path / "no" / "out.txt", "x")
    assert list(tmp_path.iterdir()) == []


def test_new_files_get_the_umask_and_rewritten_ones_keep_their_mode(tmp_path):
    old_umask = os.umask(0o027)
    try:
        writer.write(tmp_path / "new.txt", "x")
        kept = tmp_path / "kept.txt"
        kept.write_text("old")
        kept.chmod(0o604)
        writer.write(kept, "new")
    finally:
        os.umask(old_umask)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640
    assert kept.stat().st_mode & 0o777 == 0o604


@pytest.fixture
def small_fs(tmp_path):
    """A tmpfs of 200 KiB at tmp_path/fs, when this process may mount one (as root); else the test is skipped
    (the monkeypatched tests above cover the same paths everywhere)."""
    where = tmp_path / "fs"
    where.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=200k", "tmpfs", str(where)],
                      capture_output=True).returncode != 0:
        pytest.skip("cannot mount a tmpfs here (not root)")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], check=False)


def test_a_real_full_disk_leaves_every_old_output(small_fs):
    old = _old_outputs(small_fs)
    with pytest.raises(OutputError, match=r"a\.pdf: AV601 cannot write: no space left on the device"):
        writer.write_all([(small_fs / "a.docx", b"d" * 120_000), (small_fs / "a.pdf", b"p" * 120_000)])
    assert _contents(small_fs) == old


def test_a_real_read_only_file_system_is_one_line(small_fs):
    old = _old_outputs(small_fs)
    subprocess.run(["mount", "-o", "remount,ro", str(small_fs)], check=True)
    with pytest.raises(OutputError, match=r"a\.md: AV601 cannot write: the file system is read-only"):
        writer.write(small_fs / "a.md", "new")
    assert _contents(small_fs) == old


def test_a_full_disk_during_a_build_keeps_the_old_outputs_and_says_so(small_fs, tmp_path):
    from test_fuzz_files import write_agreement

    source = write_agreement(tmp_path / "a.yaml", "Avtale om prøving")
    out = small_fs / "build"
    r = subprocess.run([*AVTALE, "build", source, "--out", out, "--format", "md,html,pdf"], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    old = _contents(out)
    free = os.statvfs(small_fs).f_bavail * os.statvfs(small_fs).f_frsize
    (small_fs / "filler").write_bytes(b"f" * (free - 16_384))  # room for the Markdown and HTML, not the PDF
    write_agreement(source, "Avtale om ny prøving")
    r = subprocess.run([*AVTALE, "build", source, "--out", out, "--format", "md,html,pdf"], capture_output=True, text=True)
    assert (r.returncode, r.stderr.splitlines()[-2:]) == (1, [  # after a warning (the straight quotes)
        f"{out}/a.pdf: AV601 cannot write: no space left on the device; free some space and run the command again",
        f"{source}: not built"])
    assert _contents(out) == old


# --- temporary files and sweeping -------------------------------------------------------------------------


def test_sweep_removes_only_avtales_own_temporaries_of_processes_that_are_gone(tmp_path):
    gone = f".avtale-{dead_pid()}-0123abcd.tmp"
    running = f".avtale-{os.getpid()}-0123abcd.tmp"
    locked = f".avtale-{dead_pid()}-4567cdef.tmp"  # its process gone, but open and locked by another one
    users = [".notes.tmp", ".a.docx.x1y2.tmp", ".avtale-notes.tmp", "avtale-1-0123abcd.tmp"]
    for name in [gone, running, locked, *users]:
        (tmp_path / name).write_bytes(NOTES)
    fd = os.open(tmp_path / locked, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        assert writer.sweep(tmp_path) == [tmp_path / gone]
    finally:
        os.close(fd)
    assert names(tmp_path) == sorted([running, locked, *users])


def test_no_temporary_file_is_left_after_an_error(tmp_path, monkeypatch):
    monkeypatch.setattr(writer.os, "fsync", _failing(os.fsync, 1, errno.ENOSPC))
    with pytest.raises(OutputError):
        writer.write(tmp_path / "a.md", "x")
    assert names(tmp_path) == []


# --- the CLI maps what is left in one place ----------------------------------------------------------------


def _main(monkeypatch, capsys, error: BaseException) -> tuple[int, list[str]]:
    from avtale import cli

    def fail(_args):
        raise error

    monkeypatch.setattr(cli, "cmd_validate", fail)
    with pytest.raises(SystemExit) as caught:
        cli.main(["validate"])
    return caught.value.code, capsys.readouterr().err.splitlines()


def test_an_os_error_no_layer_mapped_is_one_line_exit_1(monkeypatch, capsys):
    error = OSError(errno.ENOSPC, "No space left on device", "build/x.pdf")
    assert _main(monkeypatch, capsys, error) == (1, [
        "build/x.pdf: AV601 file system error: no space left on the device; free some space and run the command again"])


def test_an_internal_error_is_one_line_even_when_its_text_is_not(monkeypatch, capsys):
    code, lines = _main(monkeypatch, capsys, ValueError("exceeded 255 char limit for property, got:\n\n'x'"))
    assert (code, lines) == (3, ["avtale: internal error: ValueError: exceeded 255 char limit for property, got: 'x' "
                                 "(run with --debug for details)"])
