"""`avtale build`: validate, then render each agreement to build/<id>.<ext>.

Invalid agreements are reported as `validate` reports them and nothing is
written for them. Every output is written atomically. Many files build in
parallel across the cores.
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from avtale import agreements, layout, render, store
from avtale.errors import AvtaleError
from avtale.findings import Finding


@dataclass
class Built:
    path: Path
    outputs: list[Path] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None

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
        for fmt in formats:
            data = render.render(result.agreement, fmt, context)
            target = out_dir / f"{result.agreement.id}.{fmt}"
            store.write_atomic(target, data)
            built.outputs.append(target)
    except AvtaleError as exc:
        built.error = str(exc)
    return built


def build(paths: list[Path], formats: list[str], out_dir: Path, jobs: int | None = None, on_done=None) -> list[Built]:
    """Build many files; in parallel when there are several and more than one core."""
    out_dir.mkdir(parents=True, exist_ok=True)
    jobs = jobs or min(len(paths), os.cpu_count() or 1)
    results: list[Built] = []
    if jobs <= 1 or len(paths) < 4:
        for p in paths:
            results.append(build_one(p, formats, out_dir))
            if on_done:
                on_done(results[-1])
        return results
    with ProcessPoolExecutor(max_workers=jobs) as pool:
        for b in pool.map(build_one, paths, [formats] * len(paths), [out_dir] * len(paths), chunksize=8):
            results.append(b)
            if on_done:
                on_done(b)
    return results
