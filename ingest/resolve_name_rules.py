"""The name-to-name rules of body resolution, as a mixin of the resolver.

Each method takes a name as written and returns ``(cluster, rule, evidence)`` for the one
body it fits, ``(None, rule, evidence)`` when it fits several (reported, not merged), or
``None``. They read the resolver's state: ``clusters`` (each with ``anchor``, ``keys`` and
``head``), ``places`` (the home council's place forms) and ``words`` (word counts of the pack).
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from ingest.body_rules import (
    GENERIC_MARKERS,
    initials_align,
    same_words_other_order,
    strip_place,
    typo_pair,
    without_added_head,
)
from ingest.names import body_head, content_words, edit_distance, is_subsequence, loose


class NameRules:
    """generic-name, place-qualifier, word-order, typo, abbreviation and service-area."""

    clusters: list[Any]
    places: list[str]
    words: Counter[str]
    _unplaced_cache: dict[str, tuple[str, str]] | None = None

    def _shown(self, c: Any) -> str:  # provided by the resolver
        raise NotImplementedError

    def _unplaced(self, key: str) -> tuple[str, str]:
        """(``strip_place(key)``, that without an added 'team'/'service'), cached per key:
        the place and abbreviation rules compare each name with every cluster key, so the
        same keys are stripped again for every name (``places`` is fixed for a run)."""
        cache = self._unplaced_cache
        if cache is None:
            cache = self._unplaced_cache = {}
        found = cache.get(key)
        if found is None:
            bare = strip_place(key, self.places)
            found = cache[key] = (bare, without_added_head(bare))
        return found

    def _generic_name(self, text: str) -> tuple[Any | None, str, str] | None:
        words = [w for w in content_words(text) if w not in GENERIC_MARKERS]
        head = body_head(text)
        if len(words) < 2 or head is None:
            return None
        hits = [c for c in self.clusters if c.head == head and c.anchor != loose(text)
                and is_subsequence(words, content_words(c.anchor))
                and len(content_words(c.anchor)) > len(words)]
        if len(hits) == 1:
            return hits[0], "generic-name", (
                f"the words of '{text}' all occur in '{self._shown(hits[0])}', the only "
                f"{head} in the pack they fit")
        if len(hits) > 1:
            names = "; ".join(self._shown(c) for c in hits)
            return None, "ambiguous-generic-name", f"fits several bodies: {names}"
        return None

    def _place_qualified(self, text: str) -> tuple[Any, str, str] | None:
        bare = strip_place(loose(text), self.places)
        if not self.places or not bare:
            return None
        key = loose(text)
        hits = {id(c): c for c in self.clusters for k in c.keys | {c.anchor}
                if self._unplaced(k)[0] == bare and k != key}
        if len(hits) == 1:
            c = next(iter(hits.values()))
            return c, "place-qualifier", (
                f"'{text}' and '{self._shown(c)}' differ only by the pack's place "
                f"('{self.places[-1]}')")
        return None

    def _abbreviated(self, text: str) -> tuple[Any, str, str] | None:
        """'C & F Scrutiny Committee', 'CE council'; 'Individual Commissioning Teams'."""
        key = loose(text)
        key_bare, bare = self._unplaced(key)
        hits = {id(c): c for c in self.clusters for k in c.keys | {c.anchor}
                if k != key and (initials_align(key, k) or (
                    bare != key and self._unplaced(k)[1] == bare)
                    or self._unplaced(k)[1] == key_bare != self._unplaced(k)[0])}
        if len(hits) == 1:
            c = next(iter(hits.values()))
            return c, "abbreviation", (f"'{text}' abbreviates '{self._shown(c)}' (initials "
                                       "or a dropped place or unit word)")
        return None

    def _word_order(self, text: str) -> tuple[Any, str, str] | None:
        if body_head(text) != "council":
            return None
        key = loose(text)
        hits = {id(c): c for c in self.clusters if c.head == "council"
                for k in c.keys | {c.anchor} if same_words_other_order(key, k)}
        if len(hits) == 1:
            c = next(iter(hits.values()))
            return c, "word-order", (
                f"same words as '{self._shown(c)}' in another order; the only such "
                "council in the pack")
        return None

    def _typo(self, text: str) -> tuple[Any, str, str] | None:
        key, head = loose(text), body_head(text)
        hits = {}
        for c in self.clusters:
            for k in c.keys | {c.anchor}:
                pair = typo_pair(key, k, self.words) if c.head == head else None
                if pair:
                    hits[id(c)] = (c, *pair)
        if len(hits) == 1:
            c, a, b = next(iter(hits.values()))
            return c, "typo", (f"'{a}' is a rare misspelling of '{b}' "
                               f"(edit distance {edit_distance(a, b)}) in '{self._shown(c)}'")
        return None


    def _service_area(self, text: str) -> tuple[Any, str, str] | None:
        """'the Adult Social Care service' is the Adult Social Care Directorate.

        Councils name a directorate or department after the service it runs; the same
        words before 'service' and before 'directorate'/'department' name one unit when
        the pack has exactly one such directorate or department."""
        key = loose(text)
        words = key.split()
        if len(words) < 2 or words[-1] != "service":
            return None
        stem = " ".join(words[:-1])
        hits = {id(c): c for c in self.clusters if c.head in _AREA_HEADS
                for k in c.keys | {c.anchor} if k.rsplit(" ", 1)[0] == stem
                and k.rsplit(" ", 1)[-1] in _AREA_HEADS}
        if len(hits) == 1:
            c = next(iter(hits.values()))
            return c, "service-area", (f"'{text}' is the service '{self._shown(c)}' runs "
                                       "(same name, the only such unit in the pack)")
        return None


#: Units named after the service they run.
_AREA_HEADS = frozenset({"directorate", "department"})
