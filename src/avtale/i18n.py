"""Messages in the user's language, with the standard gettext machinery and one catalogue.

Every message avtale prints is written in English in the code, wrapped in
`_()` (or marked with `N_()` where it is a constant translated later), and
translated in `locale/<lang>/LC_MESSAGES/avtale.po`; `make messages` extracts
the strings with xgettext into `locale/avtale.pot`, merges them into each
`.po`, and compiles the `.mo` files that ship in the package. Placeholders are
named (`{key}`), so a translator may move them; codes (AV…) are never translated.

The language is `--lang` (nb, nn, en) or else the locale, read as gettext does
(LANGUAGE, LC_ALL, LC_MESSAGES, LANG): `LANG=nb_NO.UTF-8` gives bokmål. Norwegian
without a written standard (`no`) is read as bokmål, and nynorsk falls back
to bokmål where the nynorsk catalogue lacks a message.
"""

from __future__ import annotations

import gettext
import os

DOMAIN = "avtale"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")
LANGUAGES = ("nb", "nn", "en")
_ALIASES = {"no": "nb", "nob": "nb", "nno": "nn"}

_current: gettext.NullTranslations | None = None
_language = "en"


def from_locale(environ: os._Environ | dict | None = None) -> str:
    """The language the environment asks for, as gettext reads it: 'nb', 'nn' or 'en'."""
    env = os.environ if environ is None else environ
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var)
        if not value:
            continue
        for item in value.split(":"):
            code = item.split(".")[0].split("@")[0].split("_")[0].lower()
            code = _ALIASES.get(code, code)
            if code in LANGUAGES:
                return code
            if code in ("c", "posix"):
                return "en"
        if var != "LANGUAGE":  # gettext: the first of LC_ALL, LC_MESSAGES, LANG that is set decides
            return "en"
    return "en"


def use(language: str | None = None) -> str:
    """Choose the language of every later message: 'nb', 'nn', 'en', or None for the locale's."""
    global _current, _language
    language = _ALIASES.get(language, language) if language else from_locale()
    if language not in LANGUAGES:
        language = "en"
    _language = language
    if language == "en":
        _current = gettext.NullTranslations()
    else:
        chain = [language] + (["nb"] if language == "nn" else [])
        _current = gettext.translation(DOMAIN, LOCALE_DIR, languages=chain, fallback=True)
    return language


def language() -> str:
    """The language messages are in now."""
    if _current is None:
        use()
    return _language


def _(message: str) -> str:
    """`message` in the chosen language (English when it has no translation)."""
    if _current is None:
        use()
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The singular or plural form of a message for `n`, in the chosen language."""
    if _current is None:
        use()
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks a constant for translation where it is defined; `_()` translates it where it is used."""
    return message
