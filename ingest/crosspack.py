"""Which recommendations of different packs are one: a pure function of every pack's own.

A pack that holds only an action-plan update (no inspection report) mints its
recommendations from the plan's title and wording, while the pack with the inspection report
keys them by the inspection (``docs/model.md``): two nodes for one recommendation. This
module decides, from the recommendations each pack would mint on its own ("members"), which
are the same and which IRI they share, so that the result depends on the set of packs in the
store and never on the order they came in (docs/decisions/0003-cross-pack-recommendations.md):

- members of two packs are linked when their packs name a common council, at least one of the
  two was minted from a plan (two inspection reports' recommendations are keyed by their
  inspection already), their wording scores at least ``ingest.link.THRESHOLD`` with the
  matcher that links plans to reports inside a pack, and each is the other's unique best
  match in the other pack;
- the links' connected components are the recommendations; one that would join two
  different recommendations of one inspection, or two of one pack, is reported and left
  unmerged;
- a component's IRI is its inspection-derived member's, else the smallest plan-minted one,
  so the inspection report's IRI wins whichever pack came first;
- ties, near misses (``NEAR`` up to the threshold) and packs naming no council are
  reported, never merged.

It names no ontology term: ``ingest/mapping_crosspack.py`` reads members from graphs and
writes the outcome back.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import lru_cache

from ingest.link import THRESHOLD, similarity

#: Below the threshold but this close: reported when its pack is ingested, never merged.
NEAR = 0.55


@dataclass(frozen=True)
class Member:
    """One recommendation as one pack states it (IRIs and values as strings)."""

    pack: str  # the pack's graph IRI
    file: str  # its file name, for evidence a reader can follow
    node: str  # the IRI the store holds for it now (its own, or one it was merged into)
    local: str  # the IRI the pack mints on its own
    text: str
    title: str  # the document it comes from
    inspection: str | None = None  # set when the pack's inspection report states it
    councils: frozenset[str] = frozenset()
    doc: str = ""  # the document node, and the excerpt that states it, for merge records
    evidence: str = ""

    @property
    def rank(self) -> tuple[bool, str, str]:
        """Smaller wins the component's IRI: inspection-derived first, then by IRI."""
        return (self.inspection is None, self.local, self.file)


@dataclass
class Outcome:
    """Each member's IRI after resolution, the member it follows and their similarity."""

    iri: dict[Member, str] = field(default_factory=dict)
    into: dict[Member, tuple[Member, float]] = field(default_factory=dict)
    #: (packs concerned, message): look-alikes that fit no rule, reported and not merged
    problems: list[tuple[frozenset[str], str]] = field(default_factory=list)


@lru_cache(maxsize=65536)
def _similarity(a: str, b: str) -> float:
    """``ingest.link.similarity``, the same whichever text comes first (and computed once)."""
    return similarity(a, b) if a <= b else similarity(b, a)


def _best(a: Member, others: list[Member]) -> tuple[Member | None, float, bool]:
    """The best match of ``a`` among ``others``, its score, and whether it is unique."""
    scored = sorted(((_similarity(a.text, b.text), b) for b in others
                     if a.inspection is None or b.inspection is None),
                    key=lambda t: (-t[0], t[1].rank))
    if not scored:
        return None, 0.0, True
    top, rest = scored[0], scored[1:]
    unique = not rest or rest[0][0] < top[0] or rest[0][1].local == top[1].local
    return top[1], top[0], unique


def _pairs(by_pack: dict[str, list[Member]], councils: dict[str, frozenset[str]],
           focus: str | None) -> list[tuple[str, str]]:
    """Pairs of packs worth comparing: one has a plan-minted member, and they name a common
    council; or one names none and is ``focus`` (its look-alikes are reported, never
    merged, so only the pack being ingested pays for comparing with every other)."""
    by_council: dict[str, set[str]] = defaultdict(set)
    for p, cs in councils.items():
        for c in cs:
            by_council[c].add(p)
    pairs: set[tuple[str, str]] = set()
    for p, ms in by_pack.items():
        planned = any(m.inspection is None for m in ms)
        near: set[str] = set().union(*(by_council[c] for c in councils[p])) if planned else set()
        if p == focus and not councils[p]:
            near = set(by_pack)  # to report its look-alikes
        elif focus in by_pack and not councils[focus] and planned:
            near.add(focus)
        pairs.update((min(p, q), max(p, q)) for q in near if q != p)
    return sorted(pairs)


def _edges(members: list[Member], problems: list[tuple[frozenset[str], str]],
           focus: str | None) -> list[tuple[Member, Member]]:
    by_pack: dict[str, list[Member]] = defaultdict(list)
    for m in members:
        by_pack[m.pack].append(m)
    councils = {p: frozenset().union(*(m.councils for m in ms)) for p, ms in by_pack.items()}
    edges = []
    for p, q in _pairs(by_pack, councils, focus):
        unknown = not councils[p] or not councils[q]
        best_q = {b: _best(b, by_pack[p]) for b in by_pack[q]}
        for a in by_pack[p]:
            b, score, unique = _best(a, by_pack[q])
            if b is None or score < NEAR:
                continue
            back, _s, back_unique = best_q[b]
            if score < THRESHOLD:
                if back == a and focus in (p, q):
                    problems.append((frozenset({a.pack, b.pack}), (
                        f"recommendation {a.text[:70]!r} ({a.file}) resembles {b.text[:70]!r} "
                        f"({b.file}), similarity {score:.2f} below {THRESHOLD}; not merged")))
            elif unknown:
                if back == a:
                    problems.append((frozenset({a.pack, b.pack}), (
                        f"recommendation {a.text[:70]!r} ({a.file}) matches one of {b.file}, "
                        "but one of the packs names no council; not merged")))
            elif not (unique and back_unique):
                problems.append((frozenset({a.pack, b.pack}), (
                    f"recommendation {a.text[:70]!r} ({a.file}) and one of {b.file} match "
                    "each other but not uniquely; not merged")))
            elif back == a:
                edges.append((a, b))
    return edges


def _components(members: list[Member], edges: list[tuple[Member, Member]]) -> list[list[Member]]:
    parent = {m: m for m in members}

    def find(m: Member) -> Member:
        while parent[m] is not m:
            parent[m] = parent[parent[m]]
            m = parent[m]
        return m

    by_local: dict[str, Member] = {}
    for m in members:  # one IRI minted by two packs is one node already
        edges.append((m, by_local.setdefault(m.local, m)))
    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra is not rb:
            parent[max(ra, rb, key=lambda m: m.rank)] = min(ra, rb, key=lambda m: m.rank)
    groups: dict[Member, list[Member]] = defaultdict(list)
    for m in members:
        groups[find(m)].append(m)
    return [sorted(g, key=lambda m: m.rank) for g in groups.values()]


def _conflict(group: list[Member]) -> str | None:
    """Why a component cannot be one recommendation, or None."""
    inspected = {m.local for m in group if m.inspection is not None}
    if len(inspected) > 1:
        return "it would join different recommendations of an inspection report"
    per_pack: dict[str, set[str]] = defaultdict(set)
    for m in group:
        per_pack[m.pack].add(m.local)
    if any(len(v) > 1 for v in per_pack.values()):
        return "it would join two recommendations of one pack"
    return None


def resolve_members(members: list[Member], focus: str | None = None) -> Outcome:
    """Each member's IRI: its component's, or its own when the component is in conflict.

    ``focus`` (the pack being ingested) only widens what is reported: a pack naming no
    council is compared with every other when it is the focus, never merged."""
    out = Outcome()
    members = sorted(set(members), key=lambda m: (m.pack, m.rank))
    for group in _components(members, _edges(members, out.problems, focus)):
        why = _conflict(group) if len(group) > 1 else None
        if why:
            texts = "; ".join(f"{m.text[:50]!r} ({m.file})" for m in group)
            out.problems.append((frozenset(m.pack for m in group),
                                 f"recommendations {texts} look alike but {why}; not merged"))
        head = group[0]
        for m in group:
            out.iri[m] = m.local if why else head.local
            if not why and m.local != head.local:
                out.into[m] = (head, _similarity(m.text, head.text))
    out.problems = sorted(set(out.problems), key=lambda p: p[1])
    return out
