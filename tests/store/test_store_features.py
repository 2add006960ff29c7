"""The store writes and reads every part of the format: tables (cells as `[a, b]`), nested lists, annexes,
footnotes, signatories' own places and dates, electronic signing; `fmt` keeps every text as typed, marks
included, and is idempotent."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from ruamel.yaml.comments import CommentedMap

from avtale import store, workflow
from avtale.model import Agreement, all_texts
from avtale.store import emit, places, silent, write
from conftest import AGREEMENTS
from tests.strategies import agreements

EXAMPLE = AGREEMENTS / "eksempel-2026-2029.yaml"
SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))


def _data(agreement: Agreement) -> dict:
    return agreement.model_dump(mode="python", exclude_defaults=True)


def _read(text: str) -> Agreement:
    return Agreement.model_validate(store.from_text(text).plain)


@SETTINGS
@given(agreements())
def test_an_agreement_written_and_read_back_is_the_same(agreement):
    text = store.dump(_data(agreement))
    assert _read(text) == agreement
    assert emit.canonical(_data(agreement)) is not None  # the one-pass writer wrote it, not ruamel's fallback


@SETTINGS
@given(agreements())
def test_the_one_pass_writer_writes_what_ruamel_writes(agreement):
    data = _data(agreement)
    assert store.dump(data) == store.dump(data, CommentedMap())


@SETTINGS
@given(agreements())
def test_fmt_is_idempotent_and_keeps_every_text(agreement):
    text = store.dump(_data(agreement))
    again = write.rewrite(_data(_read(text)), text)
    assert again == text
    assert list(all_texts(_read(again))) == list(all_texts(agreement))
    assert silent.find(text) == []  # nothing YAML would read otherwise than written


def test_the_example_is_in_fmt_s_form(tmp_path):
    current, canonical = workflow.formatted(EXAMPLE)
    assert canonical == current


def test_fmt_keeps_the_example_s_texts_byte_for_byte(tmp_path):
    before = _read(EXAMPLE.read_text(encoding="utf-8"))
    path = tmp_path / EXAMPLE.name
    text = EXAMPLE.read_text(encoding="utf-8").replace("'Tverrfaglig samarbeid*'", "Tverrfaglig samarbeid*")
    path.write_text(text.replace("      - Tallene i", "      - >-\n        Tallene i"), encoding="utf-8")
    _current, canonical = workflow.formatted(path)
    assert canonical == EXAMPLE.read_text(encoding="utf-8")
    assert list(all_texts(_read(canonical))) == list(all_texts(before))
    assert "et tall merket med \\* er et anslag" in canonical  # the escape as typed


def test_the_existing_agreements_are_unchanged_by_fmt():
    for name in ("2014-2017.yaml", "2022-2025.yaml"):
        current, canonical = workflow.formatted(AGREEMENTS / name)
        assert canonical == current, name


def test_a_table_s_rows_are_written_on_one_line_with_what_yaml_misreads_quoted():
    data = {"table": {"header": ["Tiltak", "2026", "KD, BFD og KS", "x: y", "", "**Sum**", "?", "- a", "it's"],
                      "rows": [["true", "~", "1.5", "[x]", "a #b", "#c", "@d", "'e", "ja"]]}}
    text = store.dump(data, schema_comment=None)
    assert text == (
        "table:\n"
        "  header: [Tiltak, '2026', 'KD, BFD og KS', 'x: y', '', '**Sum**', '?', '- a', it's]\n"
        "  rows:\n"
        "    - ['true', '~', '1.5', '[x]', 'a #b', '#c', '@d', \"'e\", ja]\n")
    assert store._plain(store.parse(text)) == data
    assert store.from_text(text).plain == data


def test_a_long_row_is_written_as_a_list_of_cells():
    long = "Felles veileder for tverrfaglig samarbeid mellom kommunene, fylkeskommunene og staten"
    data = {"table": {"header": ["A", "B"], "rows": [[long, "Alle parter i avtalen"]]}}
    text = store.dump(data, schema_comment=None)
    assert text == ("table:\n  header: [A, B]\n  rows:\n"
                    f"    -   - {long}\n        - Alle parter i avtalen\n")
    assert store.dump(data, CommentedMap(), schema_comment=None) == text
    assert store.from_text(text).plain == data


def test_a_comment_after_a_row_stays_after_it():
    text = ("table:\n  header: [A, B]  # the columns\n  rows:\n    - [a, b]  # first\n    # between\n"
            "    - [c, d]\n")
    data = store._plain(store.parse(text))
    assert write.rewrite(data, text, schema_comment=None) == text


def test_a_footnote_s_id_is_a_key_and_quoted_where_yaml_reads_a_number():
    data = {"footnotes": {"meld-st-6": "x", "2014": "y", "n1": "z"}}
    assert store.dump(data, schema_comment=None) == "footnotes:\n  meld-st-6: x\n  '2014': y\n  n1: z\n"
    assert store.from_text(store.dump(data)).plain == data


def test_a_column_s_whole_number_width_is_written_without_a_decimal():
    agreement = _read(EXAMPLE.read_text(encoding="utf-8"))
    text = store.dump(_data(agreement))
    assert "            - width: 3\n" in text and "width: 3.0" not in text
    assert emit.number(1.5) == "1.5" and emit.number(1e-7) is None


def test_cells_notes_and_item_texts_are_texts_with_their_places():
    text = EXAMPLE.read_text(encoding="utf-8")
    found = places.scalars(text)
    lines = text.split("\n")
    cell = found[("sections", 2, "blocks", 1, "table", "rows", 2, 0)]
    assert cell.value == "**Sum**" and lines[cell.line][cell.col:].startswith("'**Sum**'")
    assert found[("footnotes", "kostra")].value.startswith("KOSTRA")
    assert found[("sections", 1, "blocks", 1, "numbered", 1, "text")].value.startswith("Tverrfaglig samarbeid")
    assert found[("sections", 2, "blocks", 1, "table", "caption")].value.startswith("Midler")
    assert ("sections", 2, "blocks", 1, "table", "columns", 1, "align") in found


def test_a_number_in_a_cell_is_found_where_it_was_typed():
    text = "table:\n  header: [A, 2026]\n  rows:\n    - - x\n      - true\n"
    assert [(p.line, p.col, p.kind, p.path) for p in silent.find(text)] == [
        (2, 15, silent.NUMBER, ("table", "header", 1)),
        (5, 9, silent.YES_NO, ("table", "rows", 0, 1)),
    ]


def test_an_empty_cell_is_an_empty_text_but_an_empty_paragraph_is_not():
    assert silent.find("table:\n  header: [A, '']\n  rows:\n    - ['', b]\n") == []
    assert [p.kind for p in silent.find("blocks:\n  - ''\n")] == [silent.NO_TEXT]


def test_union_tags_never_show_in_a_position():
    text = EXAMPLE.read_text(encoding="utf-8")
    doc = store.from_text(text, Path("x.yaml"))
    loc = ("sections", 1, "blocks", 1, "numbered", "numbered", 1, "item", "text")
    assert doc.locate(loc) == (47, 19)
    rt = store.locate(store.parse(text), loc)
    assert rt == (47, 19)
    assert doc.locate(("sections", 2, "blocks", 1, "table", "table", "rows", 1, 0)) == (87, 16)
