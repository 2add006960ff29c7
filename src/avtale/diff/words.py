"""Word-level diff of one text, and the formatting changes (bold, italic, links) on its kept words.

The operations are on the text as typed, so `Text.old` and `Text.new` are exactly the two sources; mark
characters (`**`, `*`, `[`, `](url)`, `[^id]`) are tokens of their own, so a change inside a bold phrase is
shown as just that. The formatting changes are found on the words as printed: a phrase whose words are kept
but whose marks differ is a `Format`, and a text whose words are all kept is `marks_only`.
"""

from __future__ import annotations

import re

from avtale import inline
from avtale import matching as match
from avtale.diff.tree import Format, Text

# white space; an escaped mark character; a run of stars; a note or annex reference; the `](url)` that ends
# a link's words; a bracket; a word (letters and digits, hyphenated or with an apostrophe inside: «helse-
# og», «3-1», «KS'»); any other character alone, so that punctuation and quote marks are tokens of their own
# and «barnehagen.» → «barnehagen, skolen.» is the insertion of «, skolen» (every character falls in one
# token)
_TOKEN = re.compile(r"\s+|\\[\\*\[\]]|\*+|\[[\^#][a-z0-9-]*\]|\]\([^\s)]*\)?|[\[\]]"
                    r"|\w+(?:[-‐'’]\w+)*-?|[^\s\w\\*\[\]]|\\")


def words(old: str, new: str, budget: match.Budget | None = None) -> Text:
    """Word-level operations turning `old` into `new` (white space kept with the words).

    Words, punctuation marks and quote marks are tokens of their own, so a comma or a word put in is shown as
    just that: «barnehagen{+, skolen+}.». Changes separated only by white space or a lone punctuation mark are
    joined into one deletion and one insertion, so «minst [-en måneds-]{+tre måneders+} varsel» reads as a
    phrase.
    """
    if old == new:
        return Text.same(new)
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[list] = []  # [changed?, old text, new text]
    for tag, i1, i2, j1, j2 in match.opcodes(a, b, budget):
        runs.append([tag != "equal", "".join(a[i1:i2]), "".join(b[j1:j2])])
    merged: list[list] = []  # [changed?, old pieces, new pieces]: joined once (+= on a list item is n²)
    for k, run in enumerate(runs):
        # white space, or a mark of punctuation alone («.», «, »), kept between two changes: part of the change
        # (a full stop in «[ssb.no/kostra](…)» matched to the one ending «nettsidene til SSB.» splits nothing)
        kept = run[1].strip()
        gap = (not run[0] and (not kept or len(kept) <= 2 and not any(c.isalnum() for c in kept))
               and 0 < k < len(runs) - 1 and runs[k + 1][0])
        if merged and merged[-1][0] and (run[0] or gap):
            merged[-1][1].append(run[1])
            merged[-1][2].append(run[2])
        else:
            merged.append([run[0], [run[1]], [run[2]]])
    ops: list[tuple[str, str]] = []
    for changed, x, y in merged:
        x, y = "".join(x), "".join(y)
        if changed:
            p, piece, q = _inserted(x, y) or _inserted(y, x) or ("", None, "")
            if piece is None:
                _push(ops, "-", x)
                _push(ops, "+", y)
            else:  # one side is the other with a piece put in: «barnehagen{+, skolen+}», «2028{+[^ny]+},»
                _push(ops, "=", p)
                _push(ops, "+" if len(y) > len(x) else "-", piece)
                _push(ops, "=", q)
        else:
            _push(ops, "=", x)
    text = Text(ops)
    if inline.has_marks(old) or inline.has_marks(new):
        text.formats, same_words = formats(old, new, budget)
        text.marks_only = same_words and bool(text.formats)
    return text


def _inserted(short: str, long: str) -> tuple[str, str, str] | None:
    """(before, piece, after) when `long` is `short` with `piece` put in at a word's edge (the piece starts
    or ends with punctuation or a mark, or stands between words); None otherwise (a word changed inside)."""
    if len(long) <= len(short):
        return None
    p = _common(short, long)
    if p + _common(short[::-1], long[::-1]) < len(short):
        return None
    q = len(short) - p
    piece = long[p:len(long) - q]
    before, after = long[:p], long[len(long) - q:]
    starts = not piece[0].isalnum() or not before or not before[-1].isalnum()
    ends = not piece[-1].isalnum() or not after or not after[0].isalnum()
    return (before, piece, after) if starts and ends else None


def _common(a: str, b: str) -> int:
    """The length of the common start of `a` and `b`."""
    n = 0
    for x, y in zip(a, b):
        if x != y:
            break
        n += 1
    return n


def _push(ops, op, s):
    if not s:
        return
    if ops and ops[-1][0] == op:
        ops[-1] = (op, ops[-1][1] + s)
    else:
        ops.append((op, s))


# --- formatting ---------------------------------------------------------------------------------------------


def styled_words(text: str) -> list[tuple[str, tuple]]:
    """The words of `text` as printed (a note reference as `[^id]`, an annex reference as `[#id]`), each
    with its pieces: ((text, bold, italic, link url or None), …), one piece where the marks do not change
    inside the word."""
    pieces: list[tuple] = []
    _flatten(inline.parse(text).nodes, False, False, None, pieces)
    out: list[tuple[str, tuple]] = []
    word: list[tuple] = []

    def close():
        if word:
            out.append(("".join(p[0] for p in word), tuple(word)))
            word.clear()

    for s, bold, italic, link in pieces:
        for token in re.split(r"(\s+)", s):
            if not token:
                continue
            if token.isspace():
                close()
            elif word and word[-1][1:] == (bold, italic, link):
                word[-1] = (word[-1][0] + token, bold, italic, link)
            else:
                word.append((token, bold, italic, link))
    close()
    return out


def _flatten(nodes, bold: bool, italic: bool, link, out: list) -> None:
    for node in nodes:
        if isinstance(node, str):
            out.append((node, bold, italic, link))
        elif node.kind == "bold":
            _flatten(node.children, True, italic, link, out)
        elif node.kind == "italic":
            _flatten(node.children, bold, True, link, out)
        elif node.kind == "link":
            _flatten(node.children, bold, italic, node.target, out)
        elif node.kind == "note":
            out.append((f"[^{node.target}]", False, False, None))
        else:  # an annex reference
            out.append((f"[#{node.target}]", bold, italic, link))


def formats(old: str, new: str, budget: match.Budget | None = None) -> tuple[list[Format], bool]:
    """The phrases whose words are kept but whose marks changed, and whether every word is kept.

    A phrase is a run of characters whose marks changed alike («barnehageloven» made a link, not the comma
    after it); neighbouring words with the same change (both made bold) are one phrase."""
    a, b = styled_words(old), styled_words(new)
    wa, wb = [w for w, _ in a], [w for w, _ in b]
    codes = [("equal", 0, len(wa), 0, len(wb))] if wa == wb else match.opcodes(wa, wb, budget)
    out: list[Format] = []
    group: list | None = None  # [words, old marks, new marks] of a phrase that reaches the end of its last word
    for tag, i1, i2, j1, j2 in codes:
        if tag != "equal":
            group = None
            continue
        for (word, x), (_, y) in zip(a[i1:i2], b[j1:j2]):
            if x == y:
                group = None
                continue
            for start, end, om, nm in _changed_runs(word, x, y):
                if start == 0 and group is not None and (group[1], group[2]) == (om, nm):
                    group[0].append(word[start:end])
                    out[-1] = _format(group)
                else:
                    group = [[word[start:end]], om, nm]
                    out.append(_format(group))
                if end != len(word):
                    group = None
    return out, wa == wb


def _changed_runs(word: str, x: tuple, y: tuple) -> list[tuple[int, int, tuple, tuple]]:
    """(start, end, old marks, new marks) of each run of `word`'s characters whose marks changed alike."""
    old = [p[1:] for p in x for _ in p[0]]
    new = [p[1:] for p in y for _ in p[0]]
    runs: list[list] = []
    for i, (om, nm) in enumerate(zip(old, new)):
        if om == nm:
            continue
        if runs and runs[-1][1] == i and (runs[-1][2], runs[-1][3]) == (om, nm):
            runs[-1][1] = i + 1
        else:
            runs.append([i, i + 1, om, nm])
    return [tuple(r) for r in runs]


def _format(group: list) -> Format:
    phrase = " ".join(group[0])
    return Format(phrase, ((phrase, *group[1]),), ((phrase, *group[2]),))
