"""The one-pass writer (store.emit) writes what ruamel.yaml's round trip wrote, and keeps the drafter's comments."""

from __future__ import annotations

import datetime as dt
import random
import sys

import pytest
from ruamel.yaml.comments import CommentedMap

from avtale import store
from avtale.store import comments, emit, write
from conftest import AGREEMENTS, ROOT

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402

# characters and words that change how YAML writes a text: indicators, quotes, numbers, dates, yes/no, null,
# sentence ends (folded texts), unicode, an emoji (escaped in double quotes), white space
PIECES = list("abcæøå ABC:#-?[]{},&*!|>%@`'\"\\.0123456789«»§\u00a0\u200b\U0001F600") + [
    "true", "null", "1e3", "0x1F", "2014-11-07", "~", "<<", "=", "yes", "No", " - ", ": ", " #", "---", "...",
    ". Partene", ". Avtalen", "1.5", ".inf", "+1", "0o17", "12:30", "1_000", "On", "y"]


def _ruamel(data: dict, original=None) -> str:
    """What ruamel.yaml writes (an empty original sends `dump` there)."""
    return store.dump(data, original if original is not None else CommentedMap())


def test_writes_the_generated_agreements_as_ruamel_did():
    for seed in range(40):
        for agreement in (generate.generate(seed), generate.generate_long(seed, sections=4)):
            data = agreement.model_dump(mode="python", exclude_defaults=True)
            assert emit.canonical(data) is not None
            assert store.dump(data) == _ruamel(data), seed


def test_writes_every_kind_of_text_as_ruamel_did():
    rng = random.Random(14)
    for _ in range(1500):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(1, 8)))
        data = {"id": "x", "title": text, "list": [text, {"key": text, "items": [text]}], "n": 3,
                "day": dt.date(2020, 1, 2), "yes": True}
        assert store.dump(data) == _ruamel(data), repr(text)


@pytest.mark.parametrize("length", [4000, 4090, 4093, 4094, 4100, 9000])
def test_a_text_past_the_line_width_is_wrapped_as_ruamel_wraps_it(length):
    text = ("ord " * length)[:length].strip()
    for data in ({"title": text, "list": [text, {"title": text}]}, {"title": text + ". Neste " + text}):
        assert store.dump(data) == _ruamel(data)


def test_data_of_another_shape_is_left_to_ruamel():
    assert emit.canonical({"a": []}) is None
    assert emit.canonical({"a": None}) is None
    assert emit.canonical({"a": [[]]}) is None
    assert store.dump({"a": [], "b": 1.5}, schema_comment=None) == "a: []\nb: 1.5\n"


SAMPLE = """\
# yaml-language-server: $schema=../schema/agreement.schema.json
# mitt utkast

title: 'Avtale'   # tittelen
id: x
sections:   # alle
  # først
  - title: Formål
    blocks:
      - Én. To setninger.  # en merknad
        # under teksten

      - kort
"""


def test_rewrite_keeps_comments_beside_their_values():
    data = store._plain(store.parse(SAMPLE))
    assert write.rewrite(data, SAMPLE) == (
        "# yaml-language-server: $schema=../schema/agreement.schema.json\n"
        "# mitt utkast\n"
        "\n"
        "title: Avtale     # tittelen\n"  # at its column, where the line leaves room
        "id: x\n"
        "sections:   # alle\n"
        "  # først\n"
        "  - title: Formål\n"
        "    blocks:\n"
        "      - >-\n"  # a folded text: its comment goes below it, indented less than its lines
        "        Én.\n"
        "        To setninger.\n"
        "      # en merknad\n"
        "      # under teksten\n"
        "\n"
        "      - kort\n"
    )


def test_rewrite_reads_back_as_the_same_data_and_keeps_every_comment():
    rng = random.Random(7)
    texts = [p.read_text(encoding="utf-8") for p in sorted(AGREEMENTS.glob("*.yaml"))]
    texts += [store.dump(generate.generate(seed).model_dump(mode="python", exclude_defaults=True))
              for seed in range(10)]
    for k in range(150):
        lines = rng.choice(texts).split("\n")
        marks = []
        for m in range(rng.randint(1, 5)):
            i = rng.randrange(len(lines) - 1)
            mark = f"# merknad {k}-{m}"
            if rng.random() < 0.5:
                lines[i] += "  " + mark
            else:
                lines.insert(i, " " * rng.randint(0, 10) + mark)
            marks.append(mark)
        text = "\n".join(lines)
        try:
            original = store.parse(text)
        except Exception:  # the comment broke the YAML (it closed a block, say): nothing to rewrite
            continue
        data = store._plain(original)
        if any(mark in str(data) for mark in marks):
            continue  # typed inside a block text: text, not a comment
        out = write.rewrite(data, text)
        assert store._plain(store.parse(out)) == data
        assert all(out.count(mark) == 1 for mark in marks)


def test_comments_are_found_in_one_pass_by_their_key_path():
    notes = comments.notes(SAMPLE)
    assert notes.head == ["# yaml-language-server: $schema=../schema/agreement.schema.json", "# mitt utkast", ""]
    assert notes.after[("title",)] == ((18, "# tittelen"), [])
    assert notes.after[("sections",)] == ((12, "# alle"), ["  # først"])
    assert notes.after[("sections", 0, "blocks", 0)] == ((27, "# en merknad"), ["        # under teksten", ""])
    assert comments.notes("id: x\ntitle: y\n").after == {}
