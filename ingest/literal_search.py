"""Whether a text holds one of a few literal words, case-insensitively: fast on ASCII text.

A case-insensitive regex alternation of plain words (``re.compile("licen|copyright",
re.I).search``) costs the regex engine some 50 ns a character: every position tries every
word with Unicode case folding. The ingest asks such questions of every line of a pack
(is it a rights notice, does it speak of the voluntary sector), a few hundred thousand
characters each time. On ASCII text, where case-insensitive matching of ASCII words is
exactly substring search in the lower-cased text, ``str.__contains__`` answers ten times
faster; any other text (or word) goes to the regex, so the answer never differs.
"""

from __future__ import annotations

import re


class LiteralSearch:
    """``bool(re.compile("|".join(map(re.escape, words)), re.I).search(text))``, faster."""

    __slots__ = ("_ascii", "_one_line", "_other", "_rx")

    def __init__(self, *words: str) -> None:
        if not words or not all(words):
            raise ValueError("literal search needs non-empty words")
        self._rx = re.compile("|".join(re.escape(w) for w in words), re.I)
        self._ascii = tuple(w.lower() for w in words if w.isascii())
        # a non-ASCII word may still match ASCII text case-insensitively (the Kelvin sign
        # matches 'k', the long s 's'): on ASCII text those words alone go to a regex
        other = [w for w in words if not w.isascii()]
        self._other = re.compile("|".join(re.escape(w) for w in other), re.I) if other else None
        self._one_line = not any("\n" in w for w in words)

    def __call__(self, text: str) -> bool:
        if text.isascii():
            return self._in_ascii(text)
        if not self._one_line or "\n" not in text:
            return self._rx.search(text) is not None
        # a document's text: no word spans a line break, so each line is asked alone and
        # only the lines with other characters (a curly quote, a bullet) go to the regex
        rx = self._rx
        for line in text.split("\n"):
            if line.isascii():
                if self._in_ascii(line):
                    return True
            elif rx.search(line) is not None:
                return True
        return False

    def _in_ascii(self, text: str) -> bool:
        low = text.lower()
        for w in self._ascii:
            if w in low:
                return True
        return self._other is not None and self._other.search(text) is not None

    @property
    def pattern(self) -> re.Pattern[str]:
        """The equivalent regex (for callers that need the match itself)."""
        return self._rx
