"""A text built a piece at a time and read at its ends, for the stages that join lines (`unwrap`, `pdf_table`).

Reads: nothing. Writes: nothing. Joining lines into a paragraph by making a new string each time, and asking
each time how the paragraph ends with a regular expression over all of it, costs the square of the paragraph's
length: a paragraph of 20,000 lines took minutes. A `Growing` keeps its pieces in a list: adding one costs its
length, and the questions the joining rules ask (the last characters, the first ones, the last word, the run of
word characters before a closing hyphen, how many words) cost what they read, not the whole text.
"""

from __future__ import annotations


class Growing:
    """Text as pieces. `size` is its length, `words` its number of words (`str.split`), `first` the length of
    the first piece it was given."""

    def __init__(self, text: str = "") -> None:
        self.parts: list[str] = []
        self.size = self.words = self.first = 0
        self._cut = 0  # characters dropped from the end of the last piece, not yet sliced off
        if text:
            self.append(text)

    def append(self, piece: str) -> None:
        if not piece:
            return
        self._settle()
        ends_word = self.size > 0 and not self.tail(1).isspace()
        count = len(piece.split())
        self.words += count - (1 if ends_word and count and not piece[0].isspace() else 0)
        if not self.parts:
            self.first = len(piece)
        self.parts.append(piece)
        self.size += len(piece)

    def drop_last(self) -> None:
        """Drop the last character."""
        two = self.tail(2)
        if not two:
            return
        if not two[-1].isspace() and (len(two) == 1 or two[0].isspace()):
            self.words -= 1  # a word of one character
        self._cut += 1
        self.size -= 1
        if self._cut == len(self.parts[-1]):
            self.parts.pop()
            self._cut = 0

    def tail(self, n: int) -> str:
        """The last `n` characters (all, if there are fewer)."""
        self._settle()
        out: list[str] = []
        have = 0
        for part in reversed(self.parts):
            if have >= n:
                break
            out.append(part[-(n - have):])
            have += len(out[-1])
        return "".join(reversed(out))

    def head(self, n: int) -> str:
        """The first `n` characters."""
        self._settle()
        out: list[str] = []
        have = 0
        for part in self.parts:
            if have >= n:
                break
            out.append(part[: n - have])
            have += len(out[-1])
        return "".join(out)

    def last_word(self) -> str:
        """`text.split()[-1]`, or "" where there is no word."""
        n = 16
        while True:
            tail = self.tail(n)
            words = tail.split()
            if words and (len(words) > 1 or tail[0].isspace()) or n >= self.size:
                return words[-1] if words else ""
            n *= 4

    def run_before_last(self, belongs, most: int) -> str:
        """The run of characters for which `belongs(c)` holds that ends just before the last character; of a run
        longer than `most`, its last `most` + 1 characters (enough to tell it is longer)."""
        body = self.tail(most + 2)[:-1]
        k = len(body)
        while k and belongs(body[k - 1]):
            k -= 1
        return body[k:]

    def text(self) -> str:
        self._settle()
        if len(self.parts) > 1:
            self.parts = ["".join(self.parts)]
        return self.parts[0] if self.parts else ""

    def _settle(self) -> None:
        if self._cut:
            self.parts[-1] = self.parts[-1][: len(self.parts[-1]) - self._cut]
            self._cut = 0
