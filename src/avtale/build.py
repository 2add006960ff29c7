"""`avtale build`: validate, then render each agreement to build/<id>.<ext>.

Invalid agreements are reported as `validate` reports them and nothing is
written for them. An agreement's outputs are written together through
`avtale.writer.write_all`: all of them or none, each atomically, so its DOCX
and PDF never come from two versions. Only avtale's own temporary files of
processes that are gone are swept from OUT, so builds into one directory can
run at the same time. Many files build in parallel across the cores.
"""

from __future__ import annotations

import os
from pathlib import Path

try:  # the C module alone: `signal` builds its enums on import, which every build would pay for
    import _signal as signal
except ImportError:  # pragma: no cover - not CPython
    import signal

from avtale import agreements, layout, render, writer
from avtale.errors import AvtaleError, OutputError, Position
from avtale.i18n import _
from avtale.findings import Finding
from avtale.records import Record


class Built(Record):
    """One agreement's build: the files written, the findings, or the one-line error that stopped it."""

    _fields = ("path", "outputs", "findings", "error")

    def __init__(self, path: Path, outputs: list[Path] | None = None, findings: list[Finding] | None = None,
                 error: str | None = None):
        self.path = path
        self.outputs = [] if outputs is None else outputs
        self.findings = [] if findings is None else findings
        self.error = error

    @property
    def ok(self) -> bool:
        return self.error is None and not any(f.severity == "error" for f in self.findings)


def build_one(path: Path, formats: list[str], out_dir: Path) -> Built:
    """Validate one file and, if valid, render every format. Never raises for bad input."""
    result = agreements.validate_file(path)
    built = Built(path, findings=result.findings)
    if not result.ok():
        return built
    context = render.RenderContext(base_dir=path.parent.resolve(), layout=layout.load())
    try:
        # render every format before writing any, so one agreement's outputs never mix two versions
        rendered = [(fmt, render.render(result.agreement, fmt, context)) for fmt in formats]
    except AvtaleError as exc:
        built.error = str(exc) if exc.position else f"{path}: {exc}"
        return built
    files = [(out_dir / f"{result.agreement.id}.{fmt}", data) for fmt, data in rendered]
    try:
        writer.make_directory(out_dir)
        writer.write_all(files, inputs=[path])
    except AvtaleError as exc:  # the file system's refusal (full, read-only, a link in the way): one line
        built.error = str(exc)
        return built
    built.outputs = [target for target, _data in files]
    return built


def _worker_init() -> None:
    """In a worker: a kill signal unwinds (so temporary files are removed); Ctrl-C is the parent's."""
    signal.signal(signal.SIGTERM, _raise_exit)
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _raise_exit(signum, frame):
    raise SystemExit(128 + signum)


def sweep_temporary(out_dir: Path) -> list[Path]:
    """Remove avtale's temporary files a killed earlier build left (`.avtale-PID-XXXXXXXX.tmp` of a process
    that is gone); a user's own `.*.tmp` files and those of a build still running are kept."""
    return writer.sweep(out_dir)


def check_out_dir(out_dir: Path) -> None:
    """`--out` must be a directory (or not exist yet): refuse a file there before building anything."""
    if out_dir.is_symlink() and not out_dir.exists():
        raise OutputError(_("is a symbolic link to {target}, which does not exist; create that directory, or "
                            "remove the link").format(target=os.readlink(out_dir)), Position(out_dir))
    if out_dir.exists() and not out_dir.is_dir():
        raise OutputError(_("is a file, not a directory; --out names the directory the outputs go in"),
                          Position(out_dir))


def build(paths: list[Path], formats: list[str], out_dir: Path, jobs: int | None = None, on_done=None) -> list[Built]:
    """Build many files; in parallel when there are several and more than one core."""
    check_out_dir(out_dir)
    if out_dir.is_dir():
        sweep_temporary(out_dir)
    jobs = jobs or min(len(paths), os.cpu_count() or 1)
    results: list[Built] = []
    if jobs <= 1 or len(paths) < 4:
        for p in paths:
            results.append(build_one(p, formats, out_dir))
            if on_done:
                on_done(results[-1])
        return results
    from concurrent.futures import ProcessPoolExecutor  # only here: building one file stays light

    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_init)
    try:
        futures = [pool.submit(build_one, p, formats, out_dir) for p in paths]
        for future in futures:
            results.append(future.result())
            if on_done:
                on_done(results[-1])
    except BaseException:
        # interrupted: start nothing new; what runs finishes its atomic writes
        pool.shutdown(wait=True, cancel_futures=True)
        raise
    pool.shutdown()
    return results
