"""The JSON Schema of the agreement format, generated from the model."""

from __future__ import annotations

import json

from avtale.model import Agreement

SCHEMA_ID = "https://avtale.invalid/schema/agreement.schema.json"


def document() -> dict:
    schema = Agreement.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def text() -> str:
    return json.dumps(document(), ensure_ascii=False, indent=2, sort_keys=False) + "\n"
