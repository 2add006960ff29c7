"""Every drafter mistake of the catalogue gives its one message at its place, in English and in bokmål,
and none passes `validate`; through the CLI, each is one line and exit 1 with the file untouched."""

from __future__ import annotations

from pathlib import Path

import pytest

from avtale import i18n
from avtale.agreements import validate_file
from tests.catalogue.mistakes import CASES, apply
from tests.conftest import run_cli


@pytest.fixture
def language():
    yield i18n.use
    i18n.use("en")


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
@pytest.mark.parametrize("lang", ["en", "nb"])
def test_the_mistake_is_told_at_its_place(case, lang, language):
    language(lang)
    text, name = apply(case)
    result = validate_file(Path(name), text=text)
    errors = [f for f in result.findings if f.severity == "error"]
    assert not result.ok()
    first = errors[0]
    expected = case.en if lang == "en" else case.nb
    assert (first.line, first.col, first.code, first.message) == (*case.at, case.code, expected)


def test_names_are_unique():
    assert len({c.name for c in CASES}) == len(CASES)


@pytest.mark.parametrize("case", CASES[::4], ids=[c.name for c in CASES[::4]])
def test_through_the_command_line(case, tmp_path):
    text, name = apply(case)
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    r = run_cli("--lang", "nb", "validate", path)
    line, col = case.at
    assert r.returncode == 1
    assert r.stdout.splitlines()[0] == f"{path}:{line}:{col}: {case.code} {case.nb}"
    assert "Traceback" not in r.stderr
    r = run_cli("fmt", path)
    assert r.returncode == 1
    assert path.read_text(encoding="utf-8") == text


def test_the_readme_shows_what_avtale_says():
    """«Vanlige feil» in the README quotes the catalogue's bokmål messages as they are."""
    from tests.conftest import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Vanlige feil", 1)[1].split("\n### ", 1)[0]
    shown = [c for c in CASES if f"{c.at[0]}:{c.at[1]}: {c.code} {c.nb}" in section]
    assert len(shown) >= 5
