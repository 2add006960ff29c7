"""Which characters an agreement may hold, and how any text is shown safely on a terminal or in a log.

One place decides, for every reader, rule and printer:

- `REFUSED`: characters that cannot stand in an agreement. Bidirectional controls make the signed PDF read
  differently from the YAML a reviewer approved; control characters (C0 but tab and line breaks, DEL, C1),
  NUL, lone surrogates and noncharacters cannot be carried by a PDF or a Word document (Typst stops, Word
  drops them); tag and interlinear-annotation characters hide text the printed agreement never shows. The
  YAML reader refuses those typed in the file (libyaml refuses a part of them itself), rule AV102 those that
  reach a text by a backslash escape (`"\\u202E"`), both in the same words (`refusal`); `extract` drops them
  from a source, each with a note.
- `INVISIBLE`: characters that print as nothing, such as a zero-width space or a soft hyphen, left from an
  export: rule AV302 names them where they stand. No character is in both.
- `shown`: the one function that makes a text safe to print: every control (but a tab), bidirectional or
  line-breaking character, in a file name, a key or a quoted text, is shown as an escape (`\\u001b`), so
  nothing printed can move the cursor, colour a terminal, reorder a line or start a new line of a log.

Lowest layer: imports nothing of avtale but `i18n`, and that only to word a message.
"""

from __future__ import annotations

import re

from avtale.i18n import N_
from avtale.regex import lazy

# the bidirectional controls: what they do to a line is invisible in the file but not on the page
BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_BIDI = "".join(sorted(BIDI))
_REFUSED_BMP = ("\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + _BIDI + "\ufff9-\ufffb"  # ... interlinear annotations
                "\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff")  # lone surrogates, noncharacters
_REFUSED_ASTRAL = "\U000e0000-\U000e007f" + "".join(  # tag characters, the noncharacters of planes 1 to 16
    f"{chr(p * 0x10000 + 0xFFFE)}{chr(p * 0x10000 + 0xFFFF)}" for p in range(1, 17))
_ASTRAL = lazy("[\U00010000-\U0010ffff]")


class CharacterClass:
    """A set of characters as a compiled pattern (`search`, `finditer`, `findall`, `sub`, `match`), fast on the
    text agreements hold: `re` tests a class that reaches beyond U+FFFF range by range, ten times slower, so
    that part is looked at only in a text holding such a character (one fast scan).

    Compiling such a class costs about a millisecond, so a pattern is compiled the first time a text may hold
    a member: every member is a character `str.isprintable` refuses, or one of `printable` (a test checks this
    for every code point), so a printable text without those holds none and is answered without the pattern.
    `newline`: whether a line break is a member (else a text's line breaks do not send it to the pattern)."""

    def __init__(self, bmp: str, astral: str = "", printable: str = "", newline: bool = False):
        self._classes = (bmp, astral)
        self.printable = printable
        self.newline = newline
        self._bmp: re.Pattern | None = None
        self._full: re.Pattern | None = None

    @property
    def bmp(self) -> re.Pattern:
        """The members up to U+FFFF."""
        if self._bmp is None:
            self._bmp = re.compile(f"[{self._classes[0]}]")
        return self._bmp

    @property
    def full(self) -> re.Pattern:
        """Every member (the same pattern as `bmp` when the class has none beyond U+FFFF)."""
        if self._full is None:
            bmp, astral = self._classes
            self._full = re.compile(f"[{bmp}{astral}]") if astral else self.bmp
        return self._full

    def absent(self, text: str) -> bool:
        """Whether `text` surely holds no member, told without the pattern (False: it may hold one)."""
        if not text.isprintable() and (self.newline or "\n" not in text or not text.replace("\n", "").isprintable()):
            return False
        for char in self.printable:
            if char in text:
                return False
        return True

    def pattern(self, text: str) -> re.Pattern:
        return self.full if self._classes[1] and _ASTRAL.search(text) else self.bmp

    def search(self, text: str, pos: int = 0) -> re.Match | None:
        return None if self.absent(text) else self.pattern(text).search(text, pos)

    def match(self, text: str) -> re.Match | None:
        return None if self.absent(text) else self.pattern(text).match(text)

    def finditer(self, text: str):
        return iter(()) if self.absent(text) else self.pattern(text).finditer(text)

    def findall(self, text: str) -> list[str]:
        return [] if self.absent(text) else self.pattern(text).findall(text)

    def sub(self, repl, text: str) -> str:
        return text if self.absent(text) else self.pattern(text).sub(repl, text)


REFUSED = CharacterClass(_REFUSED_BMP, _REFUSED_ASTRAL)

# (the private-use characters of planes 15 and 16 are left out: no font an export uses puts a symbol there)
INVISIBLE_CLASS = ("\r\xad\u115f\u1160\u180e\u200b-\u200d\u2028\u2029\u2060-\u2064\u206a-\u206f\u3164\ufeff"
                   "\uffa0\ufffc\ufffd\ue000-\uf8ff")
INVISIBLE_PRINTABLE = "\u115f\u1160\u3164\uffa0\ufffc\ufffd"  # its members `str.isprintable` takes: Hangul fillers,
# the object and the replacement character
INVISIBLE = CharacterClass(INVISIBLE_CLASS, printable=INVISIBLE_PRINTABLE)

_SHOWN = CharacterClass(_REFUSED_BMP + "\n\r\u2028\u2029", _REFUSED_ASTRAL, newline=True)  # (a tab does no harm on
# a line)
_JSON_SHOWN = CharacterClass(_REFUSED_BMP + "\u2028\u2029", _REFUSED_ASTRAL)  # json.dumps escapes C0 inside
# strings; a line break outside them is the layout's

_NAMES = {
    "\t": N_("a tab"), "\n": N_("a line break"), "\r": N_("a carriage return"), "\x00": N_("a null character"),
    "\x07": N_("a bell character"), "\x08": N_("a backspace"), "\x1b": N_("an escape character"),
    "\x0b": N_("a vertical tab"), "\x0c": N_("a page break"), "\x7f": N_("a delete character"),
    "\x85": N_("a next-line character"), "\u2028": N_("a line separator"), "\u2029": N_("a paragraph separator"),
    "\xa0": N_("a non-breaking space"), "\u202f": N_("a narrow non-breaking space"), "\xad": N_("a soft hyphen"),
    "\u200b": N_("a zero-width space"), "\u200c": N_("a zero-width non-joiner"), "\u200d": N_("a zero-width joiner"),
    "\u2060": N_("a word joiner"), "\u200e": N_("a left-to-right mark"), "\u200f": N_("a right-to-left mark"),
    "\u061c": N_("an Arabic letter mark"), "\u202a": N_("a left-to-right embedding"),
    "\u202b": N_("a right-to-left embedding"), "\u202c": N_("a pop directional formatting"),
    "\u202d": N_("a left-to-right override"), "\u202e": N_("a right-to-left override"),
    "\u2066": N_("a left-to-right isolate"), "\u2067": N_("a right-to-left isolate"),
    "\u2068": N_("a first strong isolate"), "\u2069": N_("a pop directional isolate"),
    "\ufeff": N_("a byte order mark"), "\ufffd": N_("a replacement character"),
    "\ufffc": N_("an object replacement character"),
}


def char_name(char: str) -> str:
    """A character's name in the drafter's words: «a soft hyphen»."""
    import unicodedata

    from avtale.i18n import _

    if char in _NAMES:
        return _(_NAMES[char])
    category = unicodedata.category(char)
    if category == "Co":
        return _("a symbol-font character")
    if category == "Cs":
        return _("half of a surrogate pair")
    if _noncharacter(char):
        return _("a noncharacter")
    if "\U000e0000" <= char <= "\U000e007f":
        return _("a tag character")
    if "\ufff9" <= char <= "\ufffb":
        return _("an interlinear annotation character")
    return _("a control character") if category == "Cc" else _("an invisible character")


def _noncharacter(char: str) -> bool:
    code = ord(char)
    return 0xFDD0 <= code <= 0xFDEF or code & 0xFFFE == 0xFFFE


def refusal(char: str) -> str:
    """Why `char` cannot stand in an agreement and what to do, in one sentence; the reader, rule AV102 and
    `extract` say the same."""
    from avtale.i18n import _

    name, code = char_name(char), f"{ord(char):04X}"
    if char in BIDI:
        return _("{name} (U+{code}) cannot stand in an agreement: it changes the order in which the text is "
                 "shown, so the printed agreement can read differently from the file; delete it").format(
                     name=name, code=code)
    if "\ufff9" <= char <= "\ufffb" or "\U000e0000" <= char <= "\U000e007f":
        return _("{name} (U+{code}) cannot stand in an agreement: it hides text that the printed agreement does "
                 "not show; delete it").format(name=name, code=code)
    return _("{name} (U+{code}) cannot stand in an agreement: a PDF or a Word document cannot hold it; delete "
             "it").format(name=name, code=code)


def _escaped(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte of a file name that is not UTF-8, as Python reads it: the byte
        return f"\\x{code - 0xDC00:02x}"
    return f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}"


def shown(text: str) -> str:
    """`text` safe to print on one line: control (but tab), bidirectional and line-breaking characters (and any
    character `REFUSED` names) as escapes, `\\u001b` (a byte of a file name that is not UTF-8: `\\xff`);
    every other character as it is."""
    text = str(text)
    return _SHOWN.sub(_escaped, text)


def _json_escaped(match: re.Match) -> str:
    code = ord(match.group())
    if code <= 0xFFFF:
        return f"\\u{code:04x}"
    code -= 0x10000
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_shown(dumped: str) -> str:
    """JSON text (from `json.dumps`, which escapes C0 controls only) with every other character `shown`
    escapes given as a JSON escape too, so the same characters never reach a terminal raw."""
    return _JSON_SHOWN.sub(_json_escaped, dumped)


_NBSP_BELONGS_AFTER = lazy(r"(?:§|\d\.?|\b(?:nr|kr|kap|pkt|art|jf|s|ca|kl)\.?)$", re.I)
_WHITE = lazy(r"\s+")


def nbsp_belongs(text: str, i: int) -> bool:
    """A non-breaking space (at `i`) where Norwegian typography puts one: «§ 3», «nr. 5», «kr 100», «7. november»,
    «1 000»; not at an edge of the text, beside a space, or between two words (AV302 reports those)."""
    before, after = text[max(0, i - 6):i], text[i + 1:i + 2]
    if not before or not after or before[-1].isspace() or after.isspace():
        return False
    return after.isdigit() or after in "%§" or bool(_NBSP_BELONGS_AFTER.search(before))


def fold_spaces(text: str) -> str:
    """Every run of white space one space, none at the ends (as `store.normalise_space`), but a lone
    non-breaking space where it belongs (`nbsp_belongs`) stays: `fmt` never undoes typography that
    `validate` accepts. (The seal's hash folds those too, so a seal holds either way.)"""
    def one(m) -> str:
        run = m.group()
        return run if len(run) == 1 and run in "\xa0\u202f" and nbsp_belongs(text, m.start()) else " "

    return _WHITE.sub(one, text).strip(" ") if text else text
