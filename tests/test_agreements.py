"""Reading agreements: schema findings with positions; the committed agreements are valid."""

from __future__ import annotations

import shutil

import pytest

from avtale import agreements
from avtale.errors import InvalidAgreement
from conftest import AGREEMENTS


def broken_copy(tmp_path, old, new, source="2014-2017.yaml", name=None, unsealed=False):
    """A copy of a committed agreement with one text replaced (unsealed: as a draft without its seal),
    in tmp_path/agreements/ beside tmp_path/schema/, as in a repository of agreements."""
    text = (AGREEMENTS / source).read_text(encoding="utf-8")
    if unsealed:
        text = text.replace("status: signed", "status: draft").split("\nseal:\n")[0] + "\n"
    assert old in text, old
    if not (tmp_path / "schema").exists():
        shutil.copytree(AGREEMENTS.parent / "schema", tmp_path / "schema")
    (tmp_path / "agreements").mkdir(exist_ok=True)
    target = tmp_path / "agreements" / (name or source)
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize("name", ["2014-2017.yaml", "2022-2025.yaml"])
def test_committed_agreements_are_valid_without_warnings(name):
    result = agreements.validate_file(AGREEMENTS / name)
    assert result.findings == []
    assert result.ok(strict=True)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("language: nb", "language: en", "a.yaml:4:11: AV100 «en» is not a choice for «language:»: write «nb» or «nn»"),
        ("status: signed", "status: signed\nsigned_by: meg", "a.yaml:15:1: AV100 «signed_by:» is not a key here; the keys here are «id», «title», «language», «parties», «period», «status», «numbering», «preamble», «sections», «signing», «annexes», «footnotes», «supersedes», «seal»"),
        ("  end: 2017-12-31\n", "", "a.yaml:12:3: AV100 «end:» is missing here: add it"),
        ("  end: 2017-12-31", "  end: 31.12.2017", "a.yaml:13:8: AV100 «31.12.2017» is not a date: write it as YYYY-MM-DD, for example 2014-11-07"),
        ("id: 2014-2017", "id: 2014 2017", "a.yaml:2:5: AV100 «2014 2017» cannot be an id: use lower-case letters, digits and hyphens only (like «2014-2017» or «kd»)"),
        ("      - bullets:", "      - punkter:", "a.yaml:37:9: AV100 a list starts with «bullets:» or «numbered:»; «punkter:» is neither"),
        ("  - title: Økonomi\n", "  - title: 5\n", "a.yaml:64:12: AV101 «5» is read as a number, not as text: put it in quotes: '5'"),
    ],
)
def test_schema_errors_name_file_line_col(tmp_path, old, new, expected):
    path = broken_copy(tmp_path, old, new, name="a.yaml")
    result = agreements.validate_file(path)
    assert [str(f).replace(str(path.parent) + "/", "") for f in result.findings] == [expected]
    assert not result.ok()


def test_read_raises_with_every_finding(tmp_path):
    path = broken_copy(tmp_path, "title: Økonomi", "title: Tidsramme og evaluering")
    with pytest.raises(InvalidAgreement) as err:
        agreements.read(path)
    assert [f.code for f in err.value.findings] == ["AV207", "AV401"]


def test_canonical_yaml_of_committed_agreements_is_the_file(agreement_2022):
    text = (AGREEMENTS / "2022-2025.yaml").read_text(encoding="utf-8")
    assert agreements.canonical_yaml(agreement_2022) == text


def test_canonical_yaml_keeps_comments():
    doc = agreements.store.load(AGREEMENTS / "2014-2017.yaml")
    model = agreements.read(AGREEMENTS / "2014-2017.yaml")
    assert agreements.canonical_yaml(model, doc.data) == doc.text


def test_collect_keeps_special_files_for_the_reader_to_refuse(tmp_path):
    """A FIFO, a link to a device and a broken link among the agreements: listed, then each refused in one
    finding without blocking, while the valid file beside them is read as usual."""
    import os

    from avtale.validate import validate_paths

    tmp_path = broken_copy(tmp_path, "id:", "id:").parent  # tmp/agreements/2014-2017.yaml beside tmp/schema/
    os.mkfifo(tmp_path / "fifo.yaml")
    (tmp_path / "zero.yaml").symlink_to("/dev/zero")
    (tmp_path / "gone.yaml").symlink_to("nowhere.yaml")
    (tmp_path / ".hidden.yaml").symlink_to("/dev/zero")
    assert [p.name for p in agreements.collect([tmp_path])] == ["2014-2017.yaml", "fifo.yaml", "gone.yaml", "zero.yaml"]
    found = {r.path.name: [(f.code, f.message) for f in r.findings] for r in validate_paths([tmp_path])}
    assert found == {
        "2014-2017.yaml": [],
        "fifo.yaml": [("AV003", "is a named pipe (FIFO), not a regular file")],
        "gone.yaml": [("AV003", "is a symbolic link to nowhere.yaml, which does not exist")],
        "zero.yaml": [("AV003", "is a device, not a regular file")],
    }


def test_collect_names_what_it_cannot_list(tmp_path, monkeypatch):
    from avtale.errors import UsageError

    with pytest.raises(UsageError, match="^x{300}: AV002 the file name is too long$"):
        agreements.collect(["x" * 300])
    with pytest.raises(UsageError, match="AV002 no such file or directory$"):
        agreements.collect([tmp_path / "none"])

    def refuse(path):  # (as root, a directory's permissions would not stop the listing)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(agreements.os, "listdir", refuse)
    for given in (tmp_path, str(tmp_path)):
        with pytest.raises(UsageError, match=r"AV002 cannot list this directory \(Permission denied\)$"):
            agreements.collect([given])


def test_collect_gives_the_names_pathlib_gives(tmp_path, monkeypatch):
    """A path given as a string gives strings, written as pathlib writes them; a Path gives Paths: the same
    files, in the same order, either way."""
    from pathlib import Path

    for name in ("b.yaml", "a.yml", "a-b.yaml", "B.yaml", ".hidden.yaml", "notes.txt", "x.yaml.", "ø.yaml"):
        (tmp_path / name).write_text("id: x\n", encoding="utf-8")
    (tmp_path / "sub.yaml").mkdir()  # (a directory named so is listed, and refused when read, as before)
    monkeypatch.chdir(tmp_path.parent)
    for given in (tmp_path.name, f"./{tmp_path.name}//", str(tmp_path), f"{tmp_path}/."):
        as_text = agreements.collect([given])
        as_path = agreements.collect([Path(given)])
        assert all(type(p) is str for p in as_text) and all(isinstance(p, Path) for p in as_path)
        assert as_text == [str(p) for p in as_path], given
    assert [Path(p).name for p in agreements.collect([tmp_path.name])] == [
        "B.yaml", "a-b.yaml", "a.yml", "b.yaml", "sub.yaml", "ø.yaml"]
    monkeypatch.chdir(tmp_path)
    assert agreements.collect(["."]) == ["B.yaml", "a-b.yaml", "a.yml", "b.yaml", "sub.yaml", "ø.yaml"]
    assert agreements.collect(["./b.yaml", "b.yaml//"]) == ["b.yaml", "b.yaml"]
