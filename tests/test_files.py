"""avtale.files: the one reader of what users name. Regular files only, the size asked before a byte is
read, never more than the limit plus one byte, never a read that blocks."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys

import pytest

from avtale.files import MISSING, NOT_REGULAR, TOO_LARGE, UNREADABLE, ReadProblem, read_bounded, read_head


@pytest.fixture(autouse=True)
def no_blocking():
    """A read that blocks fails the test after 5 s instead of hanging it."""
    def blocked(signum, frame):
        raise AssertionError("a read blocked")

    old = signal.signal(signal.SIGALRM, blocked)
    signal.alarm(5)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, old)


def problem(path, limit=1000) -> tuple[str, str]:
    with pytest.raises(ReadProblem) as caught:
        read_bounded(path, limit)
    return caught.value.kind, caught.value.message


def test_a_regular_file_is_read_whole(tmp_path):
    (tmp_path / "a.yaml").write_bytes(b"id: a\n")
    assert read_bounded(tmp_path / "a.yaml", 6) == b"id: a\n"
    assert problem(tmp_path / "a.yaml", 5) == (TOO_LARGE, "file is larger than the limit of 5 bytes")


def test_a_file_over_the_limit_is_never_opened(tmp_path, monkeypatch):
    big = tmp_path / "big.yaml"
    big.write_bytes(b"x")
    os.truncate(big, 700 * 1024 * 1024)  # sparse
    monkeypatch.setattr(os, "open", lambda *a, **k: pytest.fail("opened"))
    assert problem(big, 2 * 1024 * 1024)[0] == TOO_LARGE


def test_a_file_that_says_it_is_empty_is_still_bounded():
    assert os.stat("/proc/self/smaps").st_size == 0
    assert problem("/proc/self/smaps", 100) == (TOO_LARGE, "file is larger than the limit of 100 bytes")
    assert len(read_bounded("/proc/self/smaps", 10_000_000)) > 100  # longer than it said: read on, to the limit


def test_what_is_not_a_regular_file_is_named(tmp_path):
    os.mkfifo(tmp_path / "fifo.yaml")
    here = os.getcwd()
    os.chdir(tmp_path)  # a socket's path is short: bind it by its relative name
    try:
        with socket.socket(socket.AF_UNIX) as s:
            s.bind("socket.yaml")
    finally:
        os.chdir(here)
    (tmp_path / "device.yaml").symlink_to("/dev/zero")
    (tmp_path / "dir.yaml").mkdir()
    assert problem(tmp_path / "fifo.yaml") == (NOT_REGULAR, "is a named pipe (FIFO), not a regular file")
    assert problem(tmp_path / "socket.yaml") == (NOT_REGULAR, "is a socket, not a regular file")
    assert problem(tmp_path / "device.yaml") == (NOT_REGULAR, "is a device, not a regular file")
    assert problem(tmp_path / "dir.yaml") == (NOT_REGULAR, "is a directory, not a file")
    with pytest.raises(ReadProblem) as caught:
        read_head(tmp_path / "fifo.yaml", 10)
    assert caught.value.thing == "a named pipe (FIFO)"


def test_a_fifo_swapped_in_after_the_look_is_refused_on_the_open_file(tmp_path, monkeypatch):
    """Between stat and open another process may put a FIFO in the file's place: opening it must not wait
    for a writer (O_NONBLOCK), and what was opened is looked at again (fstat)."""
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "plain.yaml").write_bytes(b"id: a\n")
    real_stat = os.stat
    monkeypatch.setattr(os, "stat", lambda path, *a, **k: real_stat(tmp_path / "plain.yaml"))
    assert problem(tmp_path / "fifo.yaml") == (NOT_REGULAR, "is a named pipe (FIFO), not a regular file")
    with pytest.raises(ReadProblem, match="named pipe"):
        read_head(tmp_path / "fifo.yaml", 10)


def test_links_that_lead_nowhere(tmp_path):
    (tmp_path / "dangling.yaml").symlink_to("gone.yaml")
    (tmp_path / "loop.yaml").symlink_to("loop.yaml")
    assert problem(tmp_path / "dangling.yaml") == (MISSING, "is a symbolic link to gone.yaml, which does not exist")
    assert problem(tmp_path / "loop.yaml") == (UNREADABLE, "is a symbolic link that leads round in a loop")
    assert problem(tmp_path / "none.yaml") == (MISSING, "no such file")


def test_paths_the_system_cannot_take(tmp_path):
    assert problem(f"{tmp_path}/a\0b.yaml") == (UNREADABLE, "the path contains a NUL character")
    assert problem(tmp_path / ("x" * 300)) == (UNREADABLE, "the file name is too long")
    (tmp_path / "file").write_text("x")
    assert problem(tmp_path / "file" / "a.yaml") == (UNREADABLE, "cannot read: Not a directory")


def test_permission_denied(tmp_path, monkeypatch):
    (tmp_path / "a.yaml").write_bytes(b"id: a\n")

    def refuse(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "open", refuse)
    assert problem(tmp_path / "a.yaml") == (UNREADABLE, "permission denied")


def test_the_head_of_a_large_file_without_reading_the_rest(tmp_path, monkeypatch):
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"%PDF-1.7\n")
    os.truncate(big, 700 * 1024 * 1024)
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    assert read_head(big, 1024) == b"%PDF-1.7\n" + bytes(1015)
    assert reads == [1024]


def test_the_limit_bounds_what_is_asked_of_the_system(tmp_path, monkeypatch):
    """A small file with a large limit: the buffer asked for is the file's size, not the limit."""
    (tmp_path / "a.yaml").write_bytes(b"id: a\n")
    reads = []
    real_read = os.read
    monkeypatch.setattr(os, "read", lambda fd, n: reads.append(n) or real_read(fd, n))
    assert read_bounded(tmp_path / "a.yaml", 50 * 1024 * 1024) == b"id: a\n"
    assert max(reads) == 7  # the size plus one, to see the end


def test_the_readers_sit_low():
    """files, image_size and assets import nothing above them: no model, no extract (the logo check
    reads image sizes without importing `extract`)."""
    code = ("import sys, avtale.assets, avtale.files, avtale.image_size; "
            "print(sorted(m for m in sys.modules if m.startswith('avtale')))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert eval(out) == ["avtale", "avtale.assets", "avtale.characters", "avtale.errors", "avtale.files",
                         "avtale.i18n", "avtale.image_size", "avtale.limits", "avtale.records", "avtale.regex"]
