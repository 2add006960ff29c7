"""Shared by the benchmarks: whole-process timing, peak memory, medians, result rows.

Every figure is a fresh process started with subprocess (cold interpreter; the
OS file cache is warm, as it is for a user running the command twice). A
figure is the median of REPS runs; the runs of avtale and of its peer are
interleaved in the same loop, so a burst of load from other users of the
machine falls on both.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BENCH = ROOT / "bench"
VENV_BIN = Path(sys.executable).parent
AVTALE = str(VENV_BIN / "avtale")
PEERS_BIN = BENCH / ".peers" / "bin"
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


@dataclass
class Run:
    seconds: float
    max_rss_kb: int  # largest single process in the tree (ru_maxrss of the waited children)
    tree_peak_kb: int | None = None  # peak of the summed RSS of the whole process tree, sampled
    returncode: int = 0


@dataclass
class Stat:
    runs: list[Run] = field(default_factory=list)

    @property
    def times(self) -> list[float]:
        return [r.seconds for r in self.runs]

    @property
    def median(self) -> float:
        return statistics.median(self.times)

    @property
    def n(self) -> int:
        return len(self.runs)

    @property
    def spread(self) -> str:
        t = self.times
        return f"{min(t):.3f}–{max(t):.3f}"

    def peak_kb(self) -> int:
        tree = [r.tree_peak_kb for r in self.runs if r.tree_peak_kb]
        return int(statistics.median(tree)) if tree else int(statistics.median(r.max_rss_kb for r in self.runs))


@dataclass
class Row:
    group: str
    what: str
    ours: Stat
    peer_name: str = ""
    peer: Stat | None = None
    target: str = ""
    met: bool | None = None
    note: str = ""

    @property
    def ratio(self) -> float | None:
        """Peer time over avtale time: above 1, avtale is faster."""
        if self.peer is None or not self.peer.runs:
            return None
        return self.peer.median / self.ours.median


def _descendants(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as fh:
                    todo.extend(int(c) for c in fh.read().split())
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            pass
    return out


def _tree_rss_kb(pid: int) -> int:
    total = 0
    for p in _descendants(pid):
        try:
            with open(f"/proc/{p}/statm") as fh:
                total += int(fh.read().split()[1]) * PAGE_SIZE // 1024
        except (FileNotFoundError, ProcessLookupError):
            pass
    return total


def run_once(cmd: list[str], *, ok=(0,), sample_memory: bool = False, cwd: Path | None = None,
             env: dict | None = None) -> Run:
    """Start `cmd` as a new process, wait for it; wall time and memory. Output is discarded."""
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=cwd, env=env)
    peak = [0]
    done = threading.Event()
    sampler = None
    if sample_memory:
        def sample():
            while not done.is_set():
                peak[0] = max(peak[0], _tree_rss_kb(proc.pid))
                done.wait(0.05)
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
    stderr = proc.stderr.read()
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    done.set()
    if sampler:
        sampler.join()
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode not in ok:
        raise RuntimeError(f"{' '.join(map(str, cmd))}: exit {proc.returncode}\n{stderr.decode(errors='replace')[-2000:]}")
    return Run(seconds, usage.ru_maxrss, peak[0] or None, proc.returncode)


def run_many(cmds: list[list[str]], **kw) -> Run:
    """Run several processes one after the other (a user's shell loop); their total wall time."""
    start = time.perf_counter()
    biggest = 0
    for cmd in cmds:
        biggest = max(biggest, run_once(cmd, **kw).max_rss_kb)
    return Run(time.perf_counter() - start, biggest)


def compare(reps: int, ours, peer=None, before=None) -> tuple[Stat, Stat | None]:
    """Call `ours()` and `peer()` (each returns a Run) `reps` times, interleaved; `before()` ahead of each."""
    a, b = Stat(), Stat() if peer else None
    for _ in range(reps):
        if before:
            before()
        a.runs.append(ours())
        if peer:
            if before:
                before()
            b.runs.append(peer())
    return a, b


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())
