"""Validate many files, in parallel when there are many."""

from __future__ import annotations

import os

from avtale import agreements
from avtale.agreements import Result

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: paths given as strings stay strings (avtale.pathnames)
    from pathlib import Path

PARALLEL_FROM = 64


def validate_paths(paths: list[Path | str], jobs: int | None = None) -> list[Result]:
    files = agreements.collect(paths)
    jobs = jobs or os.cpu_count() or 1
    if jobs > 1 and len(files) >= PARALLEL_FROM:
        from concurrent.futures import ProcessPoolExecutor  # only here: validating one file stays light

        with ProcessPoolExecutor(max_workers=jobs) as pool:
            return list(pool.map(_light, files, chunksize=32))
    return [agreements.validate_file(f) for f in files]


def _light(path: Path | str) -> Result:
    """Validate in a worker and send back only what the report needs (no round-trip tree)."""
    result = agreements.validate_file(path)
    result.document = None
    result.agreement = None if result.ok() else result.agreement
    return result
