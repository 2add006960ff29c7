"""Fuzzing the CLI's file-system paths: whatever lies where a command reads or writes, and whenever it is killed,
no file is lost or mixed.

Each example sets up a folder (an agreement, perhaps through a symbolic link; an output that is absent, an old
file, a link to a file, to a directory, dangling or to itself, or a directory; random permissions on the inputs,
the outputs and their directories), runs `build`, `fmt`, `sign-off`, `extract -o` or `diff -o`, perhaps killing
it (SIGTERM or SIGKILL) after a random delay, and checks:

* the exit code is 0, 1 or 2 (or the kill's), never 3; no traceback; every message is one line;
* every output is the old bytes or the whole new bytes (the new ones as a clean run writes them); what was a
  link or a directory is still that, and what a link points to is unchanged; after a clean exit (or a
  SIGTERM), an agreement's outputs are all new or all old;
* the agreement's own file is never lost;
* after a clean exit no temporary file of avtale's is left; after SIGKILL the next clean run sweeps them.

Permissions: the tests run as root, whom chmod does not stop. The command is run as root without the
capabilities that override permissions (CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH dropped from the bounding set
before exec, so the modes apply to it as to any owner); not as root, the modes apply anyway.
"""

from __future__ import annotations

import ctypes
import functools
import os
import shutil
import signal
import stat
import subprocess
import tempfile
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import AVTALE, ROOT, SEED_2022

AGREEMENT = """\
status: draft
title: {title}
id: {id}
language: nb
parties:
  - id: kd
    name: Kunnskapsdepartementet
  - id: ks
    name: KS
period:
  end: 2017-12-31
sections:
  - title: Formål
    blocks:
      - Partene skal samarbeide om "kvalitet" i barnehagen. Avtalen gjelder fra 1. januar.
  - title: Oppfølging
    blocks:
      - bullets:
          - Partene møtes to ganger i året.
          - KS rapporterer til departementet.
"""
FORMATS = "md,html,docx"
KILLED = {signal.SIGTERM: {143, -signal.SIGTERM}, signal.SIGKILL: {-signal.SIGKILL}}


def write_agreement(path: Path, title: str) -> Path:
    """A valid draft agreement, not in the canonical form (keys out of order, straight quotes)."""
    path.write_text(AGREEMENT.format(id=path.stem, title=title), encoding="utf-8")
    return path


def _obey_permissions() -> None:  # in the child, before exec
    if os.geteuid() == 0:
        libc = ctypes.CDLL(None, use_errno=True)
        for capability in (1, 2):  # CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH
            if libc.prctl(24, capability, 0, 0, 0) != 0:  # PR_CAPBSET_DROP
                raise OSError(ctypes.get_errno(), "prctl(PR_CAPBSET_DROP)")


def run(args: list[str], cwd: Path, kill: tuple[int, float] | None = None) -> tuple[int, str, str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "PYTHONDONTWRITEBYTECODE": "1"}
    proc = subprocess.Popen([*AVTALE, *args], cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, preexec_fn=_obey_permissions)
    if kill:
        try:
            proc.communicate(timeout=kill[1])
        except subprocess.TimeoutExpired:
            proc.send_signal(kill[0])
    out, err = proc.communicate(timeout=120)
    return proc.returncode, out, err


# --- the commands, and what each writes -----------------------------------------------------------------------


def command(name: str, force: bool) -> tuple[list[str], list[str]]:
    """(arguments, the outputs it writes, relative to the folder) of a command."""
    extra = ["--force"] if force else []
    if name == "build":
        return ["build", "a.yaml", "--out", "out", "--format", FORMATS], [f"out/a.{f}" for f in FORMATS.split(",")]
    if name == "fmt":
        return ["fmt", "a.yaml"], ["a.yaml"]
    if name == "sign-off":
        return ["sign-off", "a.yaml", "--date", "2017-01-02"], ["a.yaml"]
    if name == "extract":
        return ["extract", "seed.txt", "-o", "out/a.yaml", "--id", "a", *extra], ["out/a.yaml"]
    return ["diff", "old.yaml", "a.yaml", "-o", "out/diff.md", *extra], ["out/diff.md"]


def lay_out(folder: Path) -> None:
    """The inputs every command may read, in a plain folder."""
    write_agreement(folder / "a.yaml", "Avtale om kvalitet")
    write_agreement(folder / "old.yaml", "Avtale om kvalitet før")
    shutil.copy(SEED_2022, folder / "seed.txt")
    (folder / "elsewhere.txt").write_bytes(b"a file a link points to\n")
    (folder / "elsewhere").mkdir()


@functools.cache
def new_bytes(name: str) -> dict[str, bytes]:
    """What a clean run of the command writes: each output's new bytes."""
    folder = Path(tempfile.mkdtemp(prefix="avtale-reference-"))
    try:
        lay_out(folder)
        (folder / "out").mkdir()
        args, outputs = command(name, force=False)
        code, _out, err = run(args, folder)
        assert code == 0, err
        return {rel: (folder / rel).read_bytes() for rel in outputs}
    finally:
        shutil.rmtree(folder)


# --- the folder each example sets up ---------------------------------------------------------------------------

TARGETS = ["absent", "old", "link-to-file", "link-to-dir", "dangling", "loop", "directory"]
MODES = st.sampled_from([0o644, 0o444, 0o000, 0o600])
DIR_MODES = st.sampled_from([0o755, 0o555, 0o700, 0o000, 0o311])
SCENARIOS = st.fixed_dictionaries({
    "command": st.sampled_from(["build", "fmt", "sign-off", "extract", "diff"]),
    "force": st.booleans(),
    "linked_agreement": st.sampled_from([False, False, True]),
    "target": st.sampled_from(TARGETS),
    "out": st.sampled_from(["dir", "dir", "absent", "link-to-dir", "dangling", "file"]),
    "agreement_mode": MODES,
    "target_mode": MODES,
    "out_mode": DIR_MODES,
    "folder_mode": st.sampled_from([0o755, 0o755, 0o555]),
    "kill": st.one_of(st.none(), st.tuples(st.sampled_from([signal.SIGTERM, signal.SIGKILL]),
                                           st.integers(0, 25).map(lambda n: n / 10))),
})


def set_up(folder: Path, s: dict, outputs: list[str]) -> None:
    lay_out(folder)
    if s["linked_agreement"]:
        (folder / "shared").mkdir()
        (folder / "a.yaml").rename(folder / "shared" / "a.yaml")
        (folder / "a.yaml").symlink_to("shared/a.yaml")
    out = folder / "out"
    if s["out"] == "dir":
        out.mkdir()
    elif s["out"] == "link-to-dir":
        (folder / "real-out").mkdir()
        out.symlink_to("real-out")
    elif s["out"] == "dangling":
        out.symlink_to("no-such-dir")
    elif s["out"] == "file":
        out.write_bytes(b"a file named out\n")
    first = folder / outputs[0]
    if first.parent.is_dir() and not (first.exists() or first.is_symlink()):
        kind = s["target"]
        if kind == "old":
            for rel in outputs:
                (folder / rel).write_bytes(b"old " + rel.encode())
        elif kind == "link-to-file":
            first.symlink_to(os.path.relpath(folder / "elsewhere.txt", first.parent))
        elif kind == "link-to-dir":
            first.symlink_to(os.path.relpath(folder / "elsewhere", first.parent))
        elif kind == "dangling":
            first.symlink_to("nowhere")
        elif kind == "loop":
            first.symlink_to(first.name)
        elif kind == "directory":
            first.mkdir()
        if first.is_file() and not first.is_symlink():
            first.chmod(s["target_mode"])
    real_agreement = folder / ("shared/a.yaml" if s["linked_agreement"] else "a.yaml")
    real_agreement.chmod(s["agreement_mode"])
    if out.is_dir():
        out.resolve().chmod(s["out_mode"])
    folder.chmod(s["folder_mode"])


def state(folder: Path) -> dict[str, tuple[str, bytes | str]]:
    """Every entry under `folder`: a link's target, a directory, or a file's bytes (as root: always readable)."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(folder):
        for name in dirnames + filenames:
            path = Path(dirpath) / name
            rel = str(path.relative_to(folder))
            if path.is_symlink():
                out[rel] = ("link", os.readlink(path))
            elif path.is_dir():
                out[rel] = ("dir", "")
            else:
                out[rel] = ("file", path.read_bytes())
    return out


def temporaries(folder: Path) -> list[str]:
    return [rel for rel in state(folder) if Path(rel).name.startswith(".avtale-") and rel.endswith(".tmp")]


def check_messages(code: int, err: str) -> None:
    assert "Traceback" not in err and "internal error" not in err, err
    lines = err.splitlines()
    assert all(line and not line[0].isspace() for line in lines), err  # one line each: nothing continues one
    if code in (1, 2):
        assert lines, "a failure says why"


def check_files(folder: Path, before: dict, after: dict, s: dict, outputs: list[str], new: dict, code: int) -> None:
    outputs_real = {}
    for rel in outputs:  # where the output really is: out may be a link to real-out
        resolved = os.path.relpath(os.path.realpath(folder / Path(rel).parent), folder)
        outputs_real[rel] = str(Path(resolved) / Path(rel).name) if resolved != "." else Path(rel).name
    if s["linked_agreement"] and s["command"] in ("fmt", "sign-off"):
        outputs_real["a.yaml"] = "a.yaml"  # the link itself: refused, so it stays a link
    changed = {}
    for rel in set(before) | set(after):
        if Path(rel).name.startswith(".avtale-"):
            continue  # checked below
        was, now = before.get(rel), after.get(rel)
        if was == now or (rel == "out" and s["command"] == "build" and (was, now) == (None, ("dir", ""))):
            continue  # unchanged, or the build's output directory made
        mine = [out for out, real in outputs_real.items() if real == rel]
        assert mine, f"{rel} changed but is no output of {s['command']}: {was} -> {now}"
        assert now is not None, f"{rel} was lost"
        assert now == ("file", new[mine[0]]), f"{rel} is neither the old bytes nor the whole new ones"
        assert was is None or was[0] == "file", f"{rel} was a {was[0]} and was replaced"
        changed[mine[0]] = True
    if code == 0:
        assert set(changed) == {o for o in outputs if before.get(outputs_real[o]) != ("file", new[o])}, \
            "exit 0 but not every output written"
    if code in (0, 1, 2, 143) and changed:  # no SIGKILL in the middle: all of one agreement's outputs or none
        assert all(after.get(outputs_real[o]) == ("file", new[o]) for o in outputs), "outputs mixed"
    agreement = "shared/a.yaml" if s["linked_agreement"] else "a.yaml"
    assert after.get(agreement, ("", b""))[0] == "file", "the agreement was lost"


def restore_modes(folder: Path) -> None:
    for dirpath, dirnames, _filenames in os.walk(folder):
        for name in dirnames:
            path = Path(dirpath) / name
            if not path.is_symlink():
                path.chmod(0o755)
    folder.chmod(0o755)


@pytest.mark.slow
@settings(max_examples=int(os.environ.get("AVTALE_FUZZ_EXAMPLES", "40")), deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=False)
@given(SCENARIOS)
@example(dict(command="fmt", force=False, linked_agreement=True, target="absent", out="dir", agreement_mode=0o644,
              target_mode=0o644, out_mode=0o755, folder_mode=0o755, kill=None))  # once: the link replaced
@example(dict(command="diff", force=False, linked_agreement=False, target="old", out="dir", agreement_mode=0o644,
              target_mode=0o644, out_mode=0o755, folder_mode=0o755, kill=None))  # once: overwritten without --force
@example(dict(command="build", force=False, linked_agreement=False, target="old", out="dir", agreement_mode=0o644,
              target_mode=0o444, out_mode=0o555, folder_mode=0o755, kill=None))  # no permission in out/
@example(dict(command="build", force=False, linked_agreement=False, target="old", out="dir", agreement_mode=0o644,
              target_mode=0o644, out_mode=0o755, folder_mode=0o755, kill=(signal.SIGKILL, 1.0)))
def test_random_files_permissions_and_kills(s):
    args, outputs = command(s["command"], s["force"])
    new = new_bytes(s["command"])
    folder = Path(tempfile.mkdtemp(prefix="avtale-fuzz-"))
    try:
        set_up(folder, s, outputs)
        before = state(folder)
        kill = s["kill"]
        code, _out, err = run(args, folder, kill)
        allowed = {0, 1, 2} | (KILLED[kill[0]] if kill else set())
        assert code in allowed, (code, err)
        check_messages(code, err)
        after = state(folder)
        check_files(folder, before, after, s, outputs, new, code)
        if code in (0, 1, 2, 143):
            assert temporaries(folder) == [], "a temporary file was left after a clean exit"
        elif temporaries(folder):  # SIGKILL left some: the next clean run sweeps them
            restore_modes(folder)
            code, _out, err = run(args, folder)
            if code == 0:
                assert temporaries(folder) == [], err
    finally:
        restore_modes(folder)
        shutil.rmtree(folder)


# --- builds at the same time into one directory ----------------------------------------------------------------


def test_builds_into_one_directory_at_the_same_time_keep_each_others_files(tmp_path):
    """A long build, and short builds started while it runs: each short one sweeps the directory, and must
    sweep none of the long one's temporary files (once it deleted them, and the long build stopped half-way)."""
    many, one = tmp_path / "many", tmp_path / "one"
    many.mkdir()
    one.mkdir()
    for k in range(12):
        write_agreement(many / f"a{k:02}.yaml", f"Avtale nummer {k}")
    write_agreement(one / "b.yaml", "Avtale om noe annet")
    out = tmp_path / "out"
    long = subprocess.Popen([*AVTALE, "build", many, "--out", out, "--format", "md,html,docx", "--jobs", "1"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    shorts = []
    deadline = time.monotonic() + 60
    while long.poll() is None and time.monotonic() < deadline:
        shorts.append(subprocess.run([*AVTALE, "build", one, "--out", out, "--format", "md"],
                                     capture_output=True, text=True))
    _out, err = long.communicate(timeout=120)
    assert long.returncode == 0, err
    assert shorts and all(r.returncode == 0 for r in shorts), [r.stderr for r in shorts]
    produced = sorted(p.name for p in out.iterdir())
    assert produced == sorted([f"a{k:02}.{f}" for k in range(12) for f in ("md", "html", "docx")] + ["b.md"])


def test_two_builds_of_the_same_agreement_at_once_both_finish_whole(tmp_path):
    write_agreement(tmp_path / "a.yaml", "Avtale om samtidighet")
    out = tmp_path / "out"
    for _round in range(3):
        procs = [subprocess.Popen([*AVTALE, "build", tmp_path / "a.yaml", "--out", out, "--format", "md,html"],
                                  stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
        results = [(p.wait(timeout=120), p.stderr.read()) for p in procs]
        assert all(code == 0 for code, _err in results), results
        assert sorted(p.name for p in out.iterdir()) == ["a.html", "a.md"]
    assert stat.S_ISREG(os.lstat(out / "a.md").st_mode)


def test_a_build_sweeps_no_temporary_file_another_process_is_writing(tmp_path):
    """Deterministic: this process has staged out/a.md (its temporary file written, not yet renamed) when a
    build into the same directory starts and sweeps; the rename afterwards still finds its file."""
    from avtale import writer

    write_agreement(tmp_path / "b.yaml", "Avtale om noe annet")
    out = tmp_path / "out"
    out.mkdir()
    staged = writer.stage(out / "a.md", "written by another avtale")
    r = subprocess.run([*AVTALE, "build", tmp_path / "b.yaml", "--out", out, "--format", "md"],
                       capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
    writer.commit([staged])
    assert sorted(p.name for p in out.iterdir()) == ["a.md", "b.md"]
    assert (out / "a.md").read_text() == "written by another avtale"
