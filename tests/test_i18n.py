"""Messages in bokmål and English: one gettext catalogue, complete and compiled, chosen by --lang or the locale."""

from __future__ import annotations

import subprocess

import pytest

from avtale import i18n
from tests.conftest import AVTALE, ROOT, require_tool, run_cli

LOCALE = ROOT / "src" / "avtale" / "locale"
NB_PO = LOCALE / "nb" / "LC_MESSAGES" / "avtale.po"
NB_MO = LOCALE / "nb" / "LC_MESSAGES" / "avtale.mo"


def _fresh_pot(tmp_path):
    xgettext = require_tool("xgettext")
    sources = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "src" / "avtale").rglob("*.py"))
    pot = tmp_path / "avtale.pot"
    subprocess.run([xgettext, "--language=Python", "--from-code=UTF-8", "--keyword=_", "--keyword=N_",
                    "--keyword=ngettext:1,2", "-o", str(pot), *sources], cwd=ROOT, check=True)
    return pot


def test_every_message_in_the_code_has_a_bokmal_translation(tmp_path):
    """msgcmp fails on a msgid of the code that nb.po lacks, leaves untranslated or marks fuzzy."""
    msgcmp = require_tool("msgcmp")
    r = subprocess.run([msgcmp, str(NB_PO), str(_fresh_pot(tmp_path))], capture_output=True, text=True)
    assert r.returncode == 0, "run `make messages` and translate:\n" + r.stderr[-3000:]


def test_the_shipped_catalogue_is_compiled_from_the_po(tmp_path):
    msgfmt = require_tool("msgfmt")
    out = tmp_path / "avtale.mo"
    subprocess.run([msgfmt, "--check", "-o", str(out), str(NB_PO)], check=True)
    assert out.read_bytes() == NB_MO.read_bytes(), "avtale.mo is stale: run `make messages`"


def test_translations_keep_every_placeholder():
    """A translation that drops or renames a {placeholder} would crash or lose the place of the mistake."""
    import gettext
    import re

    with NB_MO.open("rb") as fh:
        catalogue = gettext.GNUTranslations(fh)._catalog
    fields = re.compile(r"\{(\w*)(?:[:!][^}]*)?\}")
    wrong = []
    for msgid, msgstr in catalogue.items():
        if not msgid:
            continue
        source = msgid[0] if isinstance(msgid, tuple) else msgid  # a plural form: (singular, index)
        if set(fields.findall(source)) - {"n"} != set(fields.findall(msgstr)) - {"n"}:
            wrong.append((source, msgstr))
    assert wrong == []


@pytest.mark.parametrize(("env", "expected"), [
    ({"LANG": "nb_NO.UTF-8"}, "nb"),
    ({"LANG": "nn_NO.UTF-8"}, "nn"),
    ({"LANG": "no_NO.UTF-8"}, "nb"),
    ({"LANG": "en_GB.UTF-8"}, "en"),
    ({"LANG": "C.UTF-8"}, "en"),
    ({}, "en"),
    ({"LANGUAGE": "sv:nb", "LANG": "en_US.UTF-8"}, "nb"),
    ({"LC_ALL": "en_US.UTF-8", "LANG": "nb_NO.UTF-8"}, "en"),
    ({"LC_MESSAGES": "nb_NO.UTF-8", "LANG": "en_US.UTF-8"}, "nb"),
])
def test_language_from_the_locale(env, expected):
    assert i18n.from_locale(env) == expected


def test_bokmal_from_lang_and_from_the_option_anywhere(tmp_path):
    import os

    good = ROOT / "agreements" / "2014-2017.yaml"
    env = {**os.environ, "LANG": "nb_NO.UTF-8"}
    r = subprocess.run([*AVTALE, "validate", str(good)],
                       capture_output=True, text=True, env=env)
    assert (r.returncode, r.stderr) == (0, "1 fil kontrollert, 0 ugyldige\n")
    r = run_cli("validate", str(good), "--lang", "nb")
    assert (r.returncode, r.stderr) == (0, "1 fil kontrollert, 0 ugyldige\n")
    r = run_cli("--lang=nn", "validate", str(good), str(good))
    assert (r.returncode, r.stderr) == (0, "2 filer kontrollert, 0 ugyldige\n")  # nynorsk falls back to bokmål
    r = subprocess.run([*AVTALE, "--lang", "en", "validate", str(good)], capture_output=True, text=True, env=env)
    assert (r.returncode, r.stderr) == (0, "1 file checked, 0 invalid\n")


def test_a_wrong_language_is_a_usage_error():
    r = run_cli("--lang", "de", "validate")
    assert (r.returncode, r.stdout, r.stderr) == (2, "", "avtale: --lang: «de» is not one of nb, nn, en\n")
    r = run_cli("validate", "--lang")
    assert (r.returncode, r.stderr) == (2, "avtale: --lang needs a language: nb, nn or en\n")
