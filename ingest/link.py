"""Link action-plan rows to the inspection's recommendations they serve.

Plans copy the report's wording with drift: a capital added, a word dropped, a typo
('recieve'), a sentence cut short. Each row is matched on normalised words with a
blend of sequence similarity and word overlap; pairs are taken best first, one row per
recommendation where possible, so two near-identical recommendations do not both claim the
same row. A row that fits none (an area the plan adds of its own) stays unlinked and is
reported, never forced onto the nearest recommendation.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from difflib import SequenceMatcher

from ingest.records import Action, Recommendation, Warning_
from ingest.timescale import normalise_timescale

THRESHOLD = 0.7
#: The most a pair can score without sharing a word: the timescale and due-date bonuses.
_MAX_BONUS = 0.021
_NUMBER = re.compile(r"^\s*(?:(?:recommendation|area for improvement|afi|rec)\.?\s*\d+(?:\.\d+)*"
                     r"\s*[:.)-]?|\d+(?:\.\d+)*\s*[:.)-])\s*")
_LEAD = re.compile(r"^(?:ensure that|ensure|to ensure that|we will|the council will)\s+")


def _words(text: str | None) -> list[str]:
    s = _NUMBER.sub("", (text or "").lower())
    s = re.sub(r"[^a-z0-9 ]+", " ", s.replace("'", ""))
    return _LEAD.sub("", " ".join(s.split())).split()


def similarity(a: str | None, b: str | None) -> float:
    """0..1: how far two wordings are the same recommendation.

    >>> round(similarity('ensure that assessment reports are shared',
    ...                  'Ensure that assessmnet reports are shared.'), 2)
    0.88
    """
    return _Wording(a).similarity(_Wording(b))


class _Wording:
    """One text's normalised words, their set and their stems, computed once: linking
    compares every plan row with every recommendation, so each text is read once, not once
    per pair."""

    __slots__ = ("stems", "unique", "words")

    def __init__(self, text: str | None) -> None:
        self.words = _words(text)
        self.unique = set(self.words)
        self.stems = [_stem(w) for w in self.words]

    def similarity(self, other: _Wording) -> float:
        """:func:`similarity` of the two texts."""
        if not self.words or not other.words:
            return 0.0
        sa, sb = self.unique, other.unique
        common = len(sa & sb)
        overlap = common / min(len(sa), len(sb))  # a plan may cut a sentence short
        dice = 2 * common / (len(sa) + len(sb))
        if 0.5 + 0.25 * overlap + 0.25 * dice < THRESHOLD:
            return round(0.25 * overlap + 0.25 * dice, 4)  # cannot reach the threshold: skip
        # word order on word lists (fast), a typo forgiven by counting near-identical words
        seq = SequenceMatcher(None, self.stems, other.stems, autojunk=False).ratio()
        return round(0.5 * seq + 0.25 * overlap + 0.25 * dice, 4)


def _stem(word: str) -> str:
    """A word's first five letters: 'assessmnet'/'assessment' and 'service'/'services' agree."""
    return word[:5]


def link_actions(recommendations: list[Recommendation], actions: list[Action],
                 threshold: float = THRESHOLD) -> list[Warning_]:
    """Set each action's ``recommendation_id`` and ``link_score``; warnings for the rows
    that match no recommendation and for recommendations that two rows share."""
    wordings: dict[str | None, _Wording] = {}  # a plan repeats texts: read each once

    def wording_of(text: str | None) -> _Wording:
        found = wordings.get(text)
        if found is None:
            found = wordings[text] = _Wording(text)
        return found

    recs = [(wording_of(rec.text), rec.timescale, rec.due_date) for rec in recommendations]
    by_word: dict[str, list[int]] = {}
    for ri, (rec_words, _t, _d) in enumerate(recs):
        for w in rec_words.unique:
            by_word.setdefault(w, []).append(ri)
    # Only pairs that reach the threshold can link (or be a row's best-but-taken match); a
    # pair sharing no word scores at most the bonuses, so above those only pairs sharing a
    # word are compared.
    scores: list[tuple[float, int, int]] = []
    pair_scores: dict[tuple[int, int], float] = {}  # by the two wordings' ids
    for ai, act in enumerate(actions):
        wording = wording_of(act.recommendation_text)
        timescale = normalise_timescale(act.timescale_as_written)
        candidates: Iterable[int] = range(len(recs)) if threshold <= _MAX_BONUS else sorted(
            {ri for w in wording.unique for ri in by_word.get(w, ())})
        for ri in candidates:
            rec_words, rec_timescale, due = recs[ri]
            pair = (id(wording), id(rec_words))
            s = pair_scores.get(pair)
            if s is None:
                s = pair_scores[pair] = wording.similarity(rec_words)
            if rec_timescale and timescale == rec_timescale:
                s += 0.02  # the same words under the same timescale: the better twin
            if due:
                s += 0.001  # a copy quoted elsewhere loses a tie to the report's own wording
            if s >= threshold:
                scores.append((s, ai, ri))
    scores.sort(key=lambda t: (-t[0], t[1], t[2]))
    used_a: set[int] = set()
    used_r: set[int] = set()
    for s, ai, ri in scores:
        if s >= threshold and ai not in used_a and ri not in used_r:
            _set(actions[ai], recommendations[ri], s)
            used_a.add(ai)
            used_r.add(ri)
    warnings: list[Warning_] = []
    for ai, act in enumerate(actions):
        if ai in used_a:
            continue
        best = next(((s, ri) for s, a, ri in scores if a == ai), None)
        if best and best[0] >= threshold:  # its recommendation is taken: share it, and say so
            rec = recommendations[best[1]]
            _set(act, rec, best[0])
            warnings.append(Warning_(
                f"action plan row at line {act.span.start} shares recommendation {rec.id} "
                "with another row", act.span, kind="link"))
        else:
            text = (act.recommendation_text or "")[:80]
            why = ("matches no recommendation of the inspection; left unlinked"
                   if recommendations else "has no inspection report in the pack to link to; "
                   "its own wording stands as the recommendation")
            warnings.append(Warning_(f"action plan row at line {act.span.start} ('{text}') "
                                     f"{why}", act.span, kind="link"))
    return warnings


def _set(act: Action, rec: Recommendation, score: float) -> None:
    act.recommendation_id = rec.id
    act.link_score = round(min(score, 1.0), 3)
