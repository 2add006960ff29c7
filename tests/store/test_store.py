"""The store: strict YAML reading with positions, canonical writing that keeps comments."""

from __future__ import annotations

import pytest

from avtale import store
from avtale.errors import UnreadableError, YamlError


def write(tmp_path, text, name="a.yaml", mode="w"):
    p = tmp_path / name
    if isinstance(text, bytes):
        p.write_bytes(text)
    else:
        p.write_text(text, encoding="utf-8")
    return p


@pytest.mark.parametrize(
    "text, message, line, col",
    [
        ("a: &x [1]\nb: *x\n", "YAML anchors (&name) are not allowed in an agreement: remove it", 1, 4),
        ("a: 1\nb: *x\n", "a text cannot start with «*»: put the whole text in quotes: '*x'", 2, 4),
        ("a: !!python/object:os.system x\n", "YAML tags (!!python/object:os.system) are not allowed in an agreement: remove it", 1, 4),
        ("a: !custom x\n", "a text cannot start with «!»: put the whole text in quotes: '!custom x'", 1, 4),
        ("a: 1\na: 2\n", "«a:» is written twice here (first on line 1): keep one", 2, 1),
        ("a: [1, 2\n", "a text that starts with «[» must be in quotes: write '[1, 2'", 1, 4),
        ("a:\n  - b\n c: 1\n", "«c:» is indented 1 space, but the keys it belongs with are indented 0 spaces (like «a:» on line 1): indent it 0 spaces", 3, 2),
    ],
)
def test_refuses_bad_yaml_with_position(tmp_path, text, message, line, col):
    with pytest.raises(YamlError) as err:
        store.load(write(tmp_path, text))
    assert err.value.message == message
    assert (err.value.position.line, err.value.position.col) == (line, col)


def test_alias_bomb_is_refused_without_expansion(tmp_path):
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}, *a{i-1}]" for i in range(1, 10)]
    with pytest.raises(YamlError, match="anchors"):
        store.load(write(tmp_path, "\n".join(lines) + "\n"))


def test_deep_nesting_is_refused(tmp_path):
    with pytest.raises(YamlError, match="the text is nested deeper than 64 levels"):
        store.load(write(tmp_path, "a: " + "[" * 10000 + "]" * 10000 + "\n"))


def test_non_utf8_names_byte_and_position(tmp_path):
    with pytest.raises(YamlError) as err:
        store.load(write(tmp_path, b"id: x\ntitle: \xe6\xf8\xe5\n"))
    assert err.value.message == "this is not UTF-8 text (byte 0xe6): save the file as UTF-8"
    assert (err.value.position.line, err.value.position.col) == (2, 8)


@pytest.mark.parametrize("content, line, col, byte", [
    (b"\xef\xbb\xbfid: \xff\n", 1, 5, "ff"),  # after a byte-order mark: counted from what the editor shows
    (b"\xef\xbb\xbfid: x\ntitle: \xe6\n", 2, 8, "e6"),
    (b"\xef\xbb\xbf\xef\xbb\xbfid: x\n", None, None, None),  # a second mark is text (refused as AV102 elsewhere)
])
def test_a_byte_order_mark_is_dropped_and_positions_count_after_it(tmp_path, content, line, col, byte):
    path = write(tmp_path, content)
    if byte is None:
        assert store.read_text(path).startswith("\ufeffid: x")
        return
    with pytest.raises(YamlError) as err:
        store.load(path)
    assert err.value.message == f"this is not UTF-8 text (byte 0x{byte}): save the file as UTF-8"
    assert (err.value.position.line, err.value.position.col) == (line, col)


@pytest.mark.parametrize("content", ["", "   \n\n"])
def test_empty_file(tmp_path, content):
    with pytest.raises(YamlError, match="file is empty"):
        store.load(write(tmp_path, content))


def test_directory_and_missing_file_are_unreadable(tmp_path):
    with pytest.raises(UnreadableError, match="is a directory"):
        store.load(tmp_path)
    with pytest.raises(UnreadableError, match="no such file"):
        store.load(tmp_path / "nope.yaml")


def test_bom_and_crlf_are_accepted_as_if_absent(tmp_path):
    plain = store.load(write(tmp_path, "a: 1\nb: [x, y]\n", "plain.yaml"))
    windows = store.load(write(tmp_path, "\ufeffa: 1\r\nb: [x, y]\r\n".encode("utf-8"), "win.yaml"))
    assert dict(windows.data) == dict(plain.data) == {"a": 1, "b": ["x", "y"]}
    assert windows.locate(("b", 1)) == plain.locate(("b", 1)) == (2, 8)


def test_size_limit(tmp_path):
    with pytest.raises(YamlError, match="larger than the limit of 100 bytes"):
        store.load(write(tmp_path, "a: " + "x" * 200 + "\n"), max_bytes=100)


def test_locate_walks_maps_and_lists_and_skips_union_tags(tmp_path):
    doc = store.load(write(tmp_path, "sections:\n  - title: A\n    blocks:\n      - tekst\n      - bullets:\n          - en\n"))
    assert doc.locate(("sections", 0, "title")) == (2, 12)
    assert doc.locate(("sections", 0, "blocks", 1, "bullets", "bullets", 0)) == (6, 13)
    assert doc.locate(("sections", 0, "missing")) == (2, 5)


def test_sentences_split_only_before_a_capital():
    text = "Første setning. Andre setning om ev. endringer og LK 2020. «Sitat» her! Siste: Slutt"
    assert store.sentences(text) == [
        "Første setning.",
        "Andre setning om ev. endringer og LK 2020.",
        "«Sitat» her!",
        "Siste:",
        "Slutt",
    ]


def test_dump_is_canonical_and_reads_back_identically():
    data = {"title": "Kort", "text": ["En setning. To  setninger.", "Bare én"]}
    text = store.dump(data, schema_comment=None)
    assert text == "title: Kort\ntext:\n  - >-\n    En setning.\n    To setninger.\n  - Bare én\n"
    assert store.parse(text) == {"title": "Kort", "text": ["En setning. To setninger.", "Bare én"]}


def test_dump_keeps_comments_of_matching_keys():
    original = store.parse("# top\ntitle: A  # on title\nlist:\n  - x  # on x\n  - y\n")
    text = store.dump({"title": "B", "list": ["x", "z"]}, original, schema_comment=None)
    assert text == "# top\ntitle: B  # on title\nlist:\n  - x  # on x\n  - z\n"


def test_dump_adds_schema_comment_once():
    original = store.parse(store.SCHEMA_COMMENT + "\na: 1\n")
    text = store.dump({"a": 2}, original)
    assert text == store.SCHEMA_COMMENT + "\na: 2\n"


def test_dump_never_writes_anchors_for_a_shared_object():
    import datetime as dt

    day = dt.date(2014, 11, 7)
    text = store.dump({"a": day, "b": {"c": day}, "d": [day]}, schema_comment=None)
    assert text == "a: 2014-11-07\nb:\n  c: 2014-11-07\nd:\n  - 2014-11-07\n"


def test_impossible_date_is_a_yaml_error_not_a_crash():
    with pytest.raises(YamlError) as err:
        store.parse("title: x\na: 2014-13-45\n")
    assert str(err.value) == "<string>:2:4: AV001 «2014-13-45» is not a real date: write it as YYYY-MM-DD, for example 2014-11-07"
