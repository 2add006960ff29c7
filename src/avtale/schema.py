"""The JSON Schema of the agreement format: generated from the model, and shipped with the package.

`text()` generates it (what `avtale schema` writes). The package carries the
same text as agreement.schema.json (a link to schema/ in the source tree), so
`validate` can tell whether the schema an agreement's first line points at is
current without generating it: `compare` reads each such file once per process.
"""

from __future__ import annotations

import os
from functools import lru_cache

from avtale.files import ReadProblem, read_bounded

SCHEMA_ID = "https://avtale.invalid/schema/agreement.schema.json"
PACKAGED = os.path.join(os.path.dirname(__file__), "agreement.schema.json")  # (a str: `validate` runs without pathlib)


def document() -> dict:
    from avtale.definition import Agreement  # pydantic: only when the schema is generated

    schema = Agreement.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def text() -> str:
    import json

    return json.dumps(document(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"


@lru_cache(maxsize=1)
def packaged_bytes() -> bytes:
    """The schema shipped in the package, read once; generated (once) if the package lacks it."""
    try:
        with open(PACKAGED, "rb") as file:
            return file.read()
    except OSError:
        return text().encode("utf-8")


def packaged_text() -> str:
    return packaged_bytes().decode("utf-8")


@lru_cache(maxsize=None)
def compare(path: str | os.PathLike) -> str | None:
    """None if the file at `path` is this avtale's schema (CRLF read as LF); else what is wrong with it:
    "missing", "stale", or why it cannot be read."""
    expected = packaged_bytes()
    try:
        found = read_bounded(path, 2 * len(expected))
    except ReadProblem as problem:
        if problem.too_large:
            return "stale"
        return "missing" if not os.path.exists(path) else problem.message
    return None if found.replace(b"\r\n", b"\n") == expected else "stale"
