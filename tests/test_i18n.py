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


def _every_message():
    import gettext

    with NB_MO.open("rb") as fh:
        gnu = gettext.GNUTranslations(fh)
    singulars = [k for k in gnu._catalog if isinstance(k, str)]
    plurals = sorted({k[0] for k in gnu._catalog if isinstance(k, tuple)})
    absent = ["nosuch", "options ", "Options", "«", "\x00", "a\ud800", "zzz", "\U0001f600"]
    near = [s + "x" for s in singulars[:80]] + [s[:-1] for s in singulars[:80] if s]
    return gnu, singulars, plurals, absent + near


def test_the_catalogue_answers_as_gnutranslations():
    """`i18n.Catalogue` looks each message up in the .mo when it is asked for, not all at start; for every
    message of the shipped catalogue, and strings it lacks, it answers what gettext.GNUTranslations answers."""
    gnu, singulars, plurals, others = _every_message()
    ours = i18n.Catalogue(str(NB_MO))
    assert (ours._info, ours._charset, ours.plural(2)) == (gnu._info, gnu._charset, gnu.plural(2))
    assert len(singulars) > 500 and len(plurals) >= 2
    for message in ["", *singulars, *plurals, *others]:  # ("": the catalogue's description, as GNU gives it)
        assert ours.gettext(message) == gnu.gettext(message), message
    for message in [*plurals, *singulars[:40], *others[:10]]:
        for n in (0, 1, 2, 5, 11, 21, 100):
            assert ours.ngettext(message, message + "!", n) == gnu.ngettext(message, message + "!", n), (message, n)


def test_the_shipped_catalogue_is_sorted_for_the_search():
    """The table of originals is in strcmp order of the msgid (a plural entry's singular): what GNU msgfmt
    writes and what `Catalogue`'s binary search needs."""
    import struct

    data = NB_MO.read_bytes()
    assert struct.unpack("<I", data[:4])[0] == 0x950412DE
    _version, count, originals, _translations = struct.unpack("<4I", data[4:20])
    keys = []
    for i in range(count):
        length, offset = struct.unpack_from("<II", data, originals + 8 * i)
        keys.append(data[offset:offset + length].split(b"\0", 1)[0])
    assert keys == sorted(keys) and len(set(keys)) == count


@pytest.mark.parametrize("language", ["nb", "nn"])
def test_use_gives_what_gettext_translation_gave(language):
    import gettext

    chain = [language] + (["nb"] if language == "nn" else [])
    gnu = gettext.translation(i18n.DOMAIN, i18n.LOCALE_DIR, languages=chain, fallback=True)
    _gnu, singulars, plurals, others = _every_message()
    try:
        i18n.use(language)
        assert [i18n._(m) for m in [*singulars, *others]] == [gnu.gettext(m) for m in [*singulars, *others]]
        assert ([i18n.ngettext(m, m + "!", n) for m in plurals for n in (1, 2)]
                == [gnu.ngettext(m, m + "!", n) for m in plurals for n in (1, 2)])
    finally:
        i18n.use()


def test_a_catalogue_that_is_not_one_is_refused(tmp_path):
    bad = tmp_path / "bad.mo"
    bad.write_bytes(b"\x00" * 40)
    with pytest.raises(OSError, match="Bad magic number"):
        i18n.Catalogue(str(bad))


@pytest.mark.parametrize("language", ["nb", "nn", "en"])
def test_the_catalogues_found_are_gettexts(language):
    """`use` finds the package's catalogues without gettext.find: the same files, in the same order."""
    import gettext

    chain = {"nb": ["nb"], "nn": ["nn", "nb"], "en": ["en"]}[language]
    expected = gettext.find(i18n.DOMAIN, i18n.LOCALE_DIR, languages=chain, all=True)
    try:
        i18n.use(language)
        found, current = [], i18n._current
        while isinstance(current, i18n.Catalogue):
            found.append(current._path)
            current = current._fallback
        assert found == expected and (found or language == "en")
        assert current is None if found else type(current) is i18n.Untranslated
    finally:
        i18n.use()
