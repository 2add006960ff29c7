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

import os

DOMAIN = "avtale"
LOCALE_DIR = os.path.join(os.path.dirname(__file__), "locale")
LANGUAGES = ("nb", "nn", "en")
_ALIASES = {"no": "nb", "nob": "nb", "nno": "nn"}

_current: Untranslated | Catalogue | None = None
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
        _current = Untranslated()
    else:
        chain = [language] + (["nb"] if language == "nn" else [])
        # what gettext.translation(DOMAIN, LOCALE_DIR, languages=chain, fallback=True) gives, with Catalogue; the
        # package has a directory for each language it translates to (locale/nb), so its catalogues are found
        # without gettext.find, which imports `locale` and tries each spelling of the language (nb_NO.ISO8859-1 …)
        paths = [path for path in (os.path.join(LOCALE_DIR, code, "LC_MESSAGES", f"{DOMAIN}.mo") for code in chain)
                 if os.path.exists(path)]
        _current = Catalogue(paths[0]) if paths else Untranslated()
        for path in paths[1:]:
            _current.add_fallback(Catalogue(path))
    return language


class Untranslated:
    """The messages as written (English): what `gettext.NullTranslations` answers, without importing gettext
    into every command run in English."""

    _fallback = None

    def gettext(self, message: str) -> str:
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return msgid1 if n == 1 else msgid2


class Catalogue:
    """A compiled catalogue (.mo) that answers as `gettext.GNUTranslations` answers, but finds each message in
    the file's table of originals when it is asked for (a binary search), instead of decoding every message
    of the file when it is opened: that took 7 ms of every command in bokmål on a slow machine, where a
    command asks for a few dozen. GNU msgfmt sorts that table by msgid (as strcmp does, a plural entry by its
    singular), which is what the search needs; tests/test_i18n.py checks the shipped file is so sorted and
    compares every message with GNUTranslations."""

    def __init__(self, path: str):
        from struct import unpack, unpack_from

        self._info: dict[str, str] = {}
        self._charset: str | None = None
        self._fallback: Catalogue | None = None

        with open(path, "rb") as fh:
            data = fh.read()
        magic = unpack("<I", data[:4])[0]
        order = "<" if magic == 0x950412DE else ">" if magic == 0xDE120495 else None
        if order is None:
            raise OSError(0, "Bad magic number", path)
        version, self._count, self._originals, self._translations = unpack(order + "4I", data[4:20])
        if version >> 16 not in (0, 1):
            raise OSError(0, "Bad version number " + str(version >> 16), path)
        self._path, self._data, self._pair, self._unpack_from = path, data, order + "II", unpack_from
        self._found: dict[str, str] = {}
        self.plural = lambda n: int(n != 1)  # germanic plural by default
        header = self._lookup(b"")
        if header is not None:
            self._read_header(header[1])

    def _read_header(self, tmsg: bytes) -> None:
        """The catalogue's description (msgid ""), read as GNUTranslations reads it."""
        lastk = None
        for b_item in tmsg.split(b"\n"):
            item = b_item.decode().strip()
            if not item:
                continue
            if item.startswith("#-#-#-#-#") and item.endswith("#-#-#-#-#"):  # comment lines
                continue
            k = v = None
            if ":" in item:
                k, v = item.split(":", 1)
                k = k.strip().lower()
                v = v.strip()
                self._info[k] = v
                lastk = k
            elif lastk:
                self._info[lastk] += "\n" + item
            if k == "content-type":
                self._charset = v.split("charset=")[1]
            elif k == "plural-forms":
                v = v.split(";")
                plural = v[1].split("plural=")[1]
                from gettext import c2py  # (only for a catalogue with a plural rule: not in English)

                self.plural = c2py(plural)

    def add_fallback(self, fallback: Catalogue) -> None:
        """Ask `fallback` for what this catalogue lacks (after any fallback it has), as gettext's does."""
        if self._fallback is not None:
            self._fallback.add_fallback(fallback)
        else:
            self._fallback = fallback

    def _entry(self, table: int, index: int) -> bytes:
        length, offset = self._unpack_from(self._pair, self._data, table + 8 * index)
        if offset + length >= len(self._data):
            raise OSError(0, "File is corrupt", self._path)
        return self._data[offset:offset + length]

    def _lookup(self, key: bytes) -> tuple[bool, bytes] | None:
        """Whether the entry of msgid `key` has plural forms, and its translation (the forms NUL-separated)."""
        lo, hi = 0, self._count
        while lo < hi:
            mid = (lo + hi) // 2
            original = self._entry(self._originals, mid)
            singular = original.split(b"\0", 1)[0]
            if singular < key:
                lo = mid + 1
            elif singular > key:
                hi = mid
            else:
                return b"\0" in original, self._entry(self._translations, mid)
        return None

    def _forms(self, message: str) -> tuple[bool, bytes] | None:
        try:
            return self._lookup(message.encode(self._charset or "ascii"))
        except UnicodeEncodeError:  # not in the catalogue's charset: not among its (decoded) msgids either
            return None

    def _decoded(self, data: bytes) -> str:
        return str(data, self._charset or "ascii")

    def gettext(self, message: str) -> str:
        found = self._found.get(message)
        if found is not None:
            return found
        entry = self._forms(message)
        if entry is not None:
            plural, translation = entry
            forms = translation.split(b"\0") if plural else [translation]
            index = self.plural(1) if plural else 0
            if 0 <= index < len(forms):
                found = self._found[message] = self._decoded(forms[index])
                return found
        if self._fallback:
            return self._fallback.gettext(message)
        return message

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        entry = self._forms(msgid1)
        if entry is not None and entry[0]:
            forms = entry[1].split(b"\0")
            index = self.plural(n)
            if 0 <= index < len(forms):
                return self._decoded(forms[index])
        if self._fallback:
            return self._fallback.ngettext(msgid1, msgid2, n)
        return msgid1 if n == 1 else msgid2


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
