"""The README's «Rules» table lists every code avtale can print, and nothing else."""

from __future__ import annotations

import inspect
import re

from avtale import checks, errors

from conftest import ROOT

CODE = re.compile(r"\bAV\d{3}\b")
BASE = errors.AvtaleError.code  # AV000: the base class's placeholder, never raised itself (asserted below)


def table_codes() -> list[str]:
    """The codes in the first column of the table under «### Rules», in order."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("\n### Rules\n", 1)[1].split("\n#", 1)[0]
    rows = [line for line in section.splitlines() if line.startswith("| AV")]
    return [line.split("|")[1].strip() for line in rows]


def source_codes() -> set[str]:
    """Every literal AV code under src/avtale, every rule's, and every error class's."""
    found = set()
    for path in (ROOT / "src" / "avtale").rglob("*.py"):
        found |= set(CODE.findall(path.read_text(encoding="utf-8")))
    found |= {r.code for r in checks.RULES}
    found |= {cls.code for _, cls in inspect.getmembers(errors, inspect.isclass) if issubclass(cls, errors.AvtaleError)}
    return found - {BASE}


def test_every_code_in_the_source_is_in_the_rules_table():
    listed = table_codes()
    missing = sorted(source_codes() - set(listed))
    assert not missing, f"add to the README's Rules table: {missing}"


def test_the_table_lists_no_code_twice_and_none_that_does_not_exist():
    listed = table_codes()
    assert len(listed) == len(set(listed))
    assert listed == sorted(listed)
    assert set(listed) <= source_codes()


def test_the_table_gives_each_rule_its_severity():
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    for r in checks.RULES:
        row = next(line for line in text.splitlines() if line.startswith(f"| {r.code} |"))
        assert row.rstrip().endswith(f"| {r.severity} |"), row


def test_the_base_error_is_never_raised_itself():
    for path in (ROOT / "src" / "avtale").rglob("*.py"):
        assert not re.search(r"raise AvtaleError\(", path.read_text(encoding="utf-8")), path
