"""One node per real body: the rules that merge the ways a pack writes a body's name.

Names are taken longest first, so a full name ("Northshire Safeguarding Children Board")
anchors a node before the shorter forms that refer to it are tried against it. Rules, in
the order they are tried (each merge records the rule and its evidence):

- ``reference-data``: a national body or its acronym (reference data, never the pack);
- ``exact``: the same name up to case, punctuation, possessive and plural;
- ``acronym-expanded``: an acronym inside a name expanded ("Northshire PCT");
- ``acronym-defined``: an acronym the pack defines ("... Board (NSCB)", acronym table);
- ``acronym-variant``: one edit from, or a prefix of, a defined acronym, in a fitting context;
- ``generic-acronym``: a generic acronym of reference data (LSCB) naming the one such body;
- ``generic-name``: a shorter name whose words all occur, in order, in exactly one body
  with the same head noun ("the Local Safeguarding Children Board", "Adult Care Committee");
- ``word-order``: 'East X Council' for 'X East Council' when only one such council exists;
- ``typo``: small edit distance relative to length, the differing word rare in the pack;
- ``home-council`` / ``generic-head``: 'the Council', 'the Board' with one candidate.

A near-match that fits no rule is reported in ``unresolved`` and left unmerged.
"""

from __future__ import annotations

import difflib
from collections import Counter
from dataclasses import dataclass, field

from ingest.names import (
    body_head,
    body_type,
    content_words,
    display_name,
    edit_distance,
    is_acronym,
    is_subsequence,
    loose,
)
from ingest.records import Body, BodyType, Merge, Span
from ingest.refdata import RefBody, Reference
from ontology.namespaces import key_for

#: Head nouns that, alone ('the Board'), name no body until the context says which.
GENERIC_HEADS = frozenset({
    "council", "committee", "board", "trust", "group", "partnership", "panel", "team", "service",
    "unit", "department", "directorate", "forum", "network", "agency", "sub committee",
})
_GENERIC_MARKERS = frozenset({"local", "our", "its", "their", "relevant", "respective"})


@dataclass
class BodyUse:
    """One occurrence of a body's name, as written, with where and how it was used."""

    text: str
    span: Span | None = None
    context: str = ""
    hint: BodyType | None = None
    acronym: str | None = None
    segment: int = 0
    voluntary: bool = False
    name: str = ""  # the name without a defined "(ABC)" or a leading article


@dataclass
class _Cluster:
    anchor: str  # loose form of the name that created it
    uses: list[BodyUse] = field(default_factory=list)
    acronym: str | None = None
    ref: RefBody | None = None
    keys: set[str] = field(default_factory=set)

    @property
    def head(self) -> str | None:
        return body_head(self.anchor)


@dataclass
class BodyResult:
    bodies: list[Body]
    merges: list[Merge]
    unresolved: list[Merge]
    names: dict[str, str]  # as written -> body key


class BodyResolver:
    """Resolve body uses of one pack into bodies; see the module docstring for the rules."""

    def __init__(self, uses: list[BodyUse], definitions: dict[str, tuple[str, Span | None]],
                 ref: Reference, home_council: str | None = None,
                 meeting_body: str | None = None, word_counts: Counter[str] | None = None):
        self.uses = [u for u in uses if u.text and u.text.strip(" .,;:-")]
        self.defs = {k.upper(): v for k, v in definitions.items()}
        for u in self.uses:
            full = u.name = _strip_defined(u)
            if u.acronym and u.acronym.upper() not in self.defs and not is_acronym(full):
                self.defs[u.acronym.upper()] = (full, u.span)
        self.ref = ref
        self.home = home_council
        self.meeting_body = meeting_body
        self.words = word_counts or Counter(
            w for u in self.uses
            for w in loose(f"{u.text} {u.span.text if u.span else ''}").split())
        self.clusters: list[_Cluster] = []
        self.index: dict[str, _Cluster] = {}
        self.assigned: dict[int, tuple[_Cluster, str, str]] = {}  # id(use) -> cluster, rule, ev
        self.unresolved: list[tuple[BodyUse, str, str]] = []

    # --- driving -------------------------------------------------------------------

    def run(self) -> BodyResult:
        names = [u for u in self.uses if not is_acronym(u.name)]
        acrs = [u for u in self.uses if is_acronym(u.name)]
        freq = Counter(loose(u.name) for u in names)
        names.sort(key=lambda u: (-len(_specific_words(u.name)), -freq[loose(u.name)], u.name))
        deferred: list[BodyUse] = []
        for u in names:
            if len(content_words(u.name)) <= 1 and body_head(u.name) in GENERIC_HEADS:
                deferred.append(u)  # 'the Council', 'the Board': after all full names
            else:
                self._place_name(u)
        for u in acrs:
            self._place_acronym(u)
        for u in deferred:
            self._place_head_only(u)
        return self._result()

    def _attach(self, u: BodyUse, c: _Cluster, rule: str, evidence: str) -> None:
        c.uses.append(u)
        c.keys.add(loose(u.name or u.text))
        self.index.setdefault(loose(u.name or u.text), c)
        self.assigned[id(u)] = (c, rule, evidence)

    def _new(self, u: BodyUse, anchor: str | None = None, ref: RefBody | None = None) -> _Cluster:
        c = _Cluster(anchor=anchor or loose(u.name or u.text), ref=ref)
        self.clusters.append(c)
        self.index[c.anchor] = c
        self._attach(u, c, "new", "")
        return c

    # --- full names ----------------------------------------------------------------

    def _place_name(self, u: BodyUse) -> None:
        text = u.name
        found = self._find_for_name(text, u)
        if found is None:
            self._new(u)
        elif found[0] is None:
            self.unresolved.append((u, found[1], found[2]))
        else:
            self._attach(u, *found)

    def _find_for_name(self, text: str, u: BodyUse
                       ) -> tuple[_Cluster | None, str, str] | None:
        key = loose(text)
        rb = self.ref.body(text)
        if rb is not None:
            return self._ref_cluster(rb, u), "reference-data", f"reference data: {rb.name}"
        if key in self.index:
            return self.index[key], "exact", f"same name as '{self._name_of(self.index[key])}'"
        expanded = self._expand(text)
        if expanded and loose(expanded) in self.index:
            c = self.index[loose(expanded)]
            return c, "acronym-expanded", f"'{text}' with acronyms expanded is '{expanded}'"
        for rule in (self._generic_name, self._word_order, self._typo):
            hit = rule(expanded or text)
            if hit is not None:
                return hit
        return None

    def _expand(self, text: str) -> str | None:
        out, changed = [], False
        for w in text.split():
            core = w.strip(",.;:()")
            g = self.ref.generic(core) if is_acronym(core) else None
            d = self.defs.get(core.upper()) if is_acronym(core) else None
            if d or g:
                out.append(d[0] if d else g.expansion)  # type: ignore[union-attr]
                changed = True
            else:
                out.append(w)
        return " ".join(out) if changed else None

    def _generic_name(self, text: str) -> tuple[_Cluster | None, str, str] | None:
        words = [w for w in content_words(text) if w not in _GENERIC_MARKERS]
        head = body_head(text)
        if len(words) < 2 or head is None:
            return None
        hits = [c for c in self.clusters if c.head == head and c.anchor != loose(text)
                and is_subsequence(words, content_words(c.anchor))
                and len(content_words(c.anchor)) > len(words)]
        if len(hits) == 1:
            return hits[0], "generic-name", (
                f"the words of '{text}' all occur in '{self._name_of(hits[0])}', the only "
                f"{head} in the pack they fit")
        if len(hits) > 1:
            names = "; ".join(self._name_of(c) for c in hits)
            return None, "ambiguous-generic-name", f"fits several bodies: {names}"
        return None

    def _word_order(self, text: str) -> tuple[_Cluster, str, str] | None:
        if body_head(text) != "council":
            return None
        bag = sorted(loose(text).split())
        hits = [c for c in self.clusters if c.head == "council" and sorted(c.anchor.split()) == bag]
        if len(hits) == 1:
            return hits[0], "word-order", (
                f"same words as '{self._name_of(hits[0])}' in another order; the only such "
                "council in the pack")
        return None

    def _typo(self, text: str) -> tuple[_Cluster, str, str] | None:
        key = loose(text)
        words = key.split()
        hits = []
        for c in self.clusters:
            other = c.anchor.split()
            if len(other) != len(words) or c.head != body_head(text):
                continue
            diff = [(a, b) for a, b in zip(words, other, strict=True) if a != b]
            if not diff or len(diff) > 1:
                continue
            a, b = diff[0]
            limit = 1 if len(b) <= 5 else 2
            rare = self.words[a] <= 2 and self.words[b] > self.words[a]
            if rare and edit_distance(a, b) <= limit:
                hits.append((c, a, b))
        if len(hits) == 1:
            c, a, b = hits[0]
            return c, "typo", (f"'{a}' is a rare misspelling of '{b}' "
                               f"(edit distance {edit_distance(a, b)}) in '{self._name_of(c)}'")
        return None

    # --- acronyms and bare heads ------------------------------------------------------

    def _place_acronym(self, u: BodyUse) -> None:
        short = u.text.strip(" .,;:()")
        up = short.upper()
        rb = self.ref.body(short)
        if up in self.defs:
            expansion, where = self.defs[up]
            c = self._cluster_for_expansion(expansion, u)
            line = f" at line {where.start}" if where else ""
            self._attach(u, c, "acronym-defined", f"defined as '{expansion}'{line}")
            c.acronym = c.acronym or short
            return
        if rb is not None:
            self._attach(u, self._ref_cluster(rb, u), "reference-data",
                         f"reference data: {rb.name}")
            return
        g = self.ref.generic(up)
        if g is not None and g.kind is None:
            self.unresolved.append((u, "not-a-body", f"{short} = {g.expansion}, not a body "
                                                     "(reference data)"))
            return
        if g is not None:
            hit = self._generic_name(g.expansion)
            if hit is not None and hit[0] is not None:
                self._attach(u, hit[0], "generic-acronym",
                             f"{short} = {g.expansion} (reference data); {hit[2]}")
                return
            c = self._cluster_for_expansion(g.expansion, None)
            self._attach(u, c, "generic-acronym", f"{short} = {g.expansion} (reference data)")
            c.acronym = c.acronym or short
            return
        variant = self._variant(short, u)
        if variant is not None:
            self._attach(u, *variant)
            return
        c = self.index.get(loose(short))
        if c is not None:
            self._attach(u, c, "exact", "same acronym")
        else:
            self._new(u)

    def _variant(self, short: str, u: BodyUse) -> tuple[_Cluster, str, str] | None:
        up = short.upper()
        hits = []
        for d in self.defs:
            one_edit = len(up) >= 4 and len(d) >= 4 and edit_distance(up, d) == 1
            prefix = len(up) >= 3 and d.startswith(up) and len(d) - len(up) <= 2
            if one_edit or prefix:
                hits.append((d, "one edit from" if one_edit else "a prefix of"))
        if len(hits) != 1 or self.ref.generic(up) is not None:
            return None
        d, how = hits[0]
        expansion, where = self.defs[d]
        c = self._cluster_for_expansion(expansion, None)
        fits = u.hint is None or u.hint == _type_of(c)
        if not fits:
            self.unresolved.append((u, "acronym-variant-context",
                                    f"{how} {d} but used as a {u.hint}"))
            return None
        line = f" defined at line {where.start}" if where else " defined in the pack"
        return c, "acronym-variant", f"{short} is {how} {d}{line} ('{expansion}')"

    def _cluster_for_expansion(self, expansion: str, u: BodyUse | None) -> _Cluster:
        found = self._find_for_name(expansion, u or BodyUse(expansion, name=expansion))
        if found is not None and found[0] is not None:
            return found[0]
        c = _Cluster(anchor=loose(expansion), uses=[])
        self.clusters.append(c)
        self.index[c.anchor] = c
        c.uses.append(BodyUse(expansion, name=expansion))
        return c

    def _place_head_only(self, u: BodyUse) -> None:
        head = body_head(u.text)
        if head == "council" and self.home:
            c = self._cluster_for_expansion(self.home, None)
            self._attach(u, c, "home-council", f"the pack's council is '{self.home}'")
            return
        if self.meeting_body and body_head(self.meeting_body) == head:
            c = self._cluster_for_expansion(self.meeting_body, None)
            self._attach(u, c, "generic-head", f"the meeting's body is '{self.meeting_body}'")
            return
        same_seg = {id(c): c for c in self.clusters if c.head == head
                    and any(x.segment == u.segment and x is not u for x in c.uses)}
        if len(same_seg) == 1:
            c = next(iter(same_seg.values()))
            self._attach(u, c, "generic-head", f"the only {head} named in the same document")
            return
        self.unresolved.append((u, "ambiguous-head", f"'{u.text}' names no single {head}"))

    def _ref_cluster(self, rb: RefBody, u: BodyUse) -> _Cluster:
        key = loose(rb.name)
        c = self.index.get(key)
        if c is None:
            c = _Cluster(anchor=key, ref=rb)
            self.clusters.append(c)
            self.index[key] = c
        c.ref = rb
        return c

    # --- output --------------------------------------------------------------------

    def _name_of(self, c: _Cluster) -> str:
        if c.ref is not None:
            return c.ref.name
        forms = Counter(display_name(u.name or u.text) for u in c.uses
                        if loose(u.name or u.text) == c.anchor)
        if not forms:
            return c.uses[0].text if c.uses else c.anchor
        return max(forms, key=lambda f: (forms[f], not f.isupper(), f[:1].isupper(), len(f)))

    def _result(self) -> BodyResult:
        bodies, merges, names = [], [], {}
        for c in self.clusters:
            if not c.uses and c.ref is None:
                continue
            name = self._name_of(c)
            key = key_for(name)
            typ = _type_of(c)
            aliases = sorted({u.text.strip() for u in c.uses} - {name})
            spans = [u.span for u in c.uses if u.span is not None]
            bodies.append(Body(key=key, name=name, type=typ, aliases=aliases,
                               acronym=c.acronym or (c.ref.acronyms[0] if c.ref and c.ref.acronyms
                                                     else None),
                               spans=spans, national=c.ref is not None))
            for u in c.uses:
                names[u.text] = key
                _, rule, ev = self.assigned.get(id(u), (c, "", ""))
                if rule not in ("", "new") and loose(u.text) != loose(name):
                    merges.append(Merge(u.text, key, rule, ev, u.span))
        unresolved = [Merge(u.text, "", rule, ev, u.span) for u, rule, ev in self.unresolved]
        unresolved += self._near_misses(bodies)
        return BodyResult(bodies, merges, unresolved, names)

    def _near_misses(self, bodies: list[Body]) -> list[Merge]:
        out = []
        for i, a in enumerate(bodies):
            for b in bodies[i + 1:]:
                ratio = difflib.SequenceMatcher(None, loose(a.name), loose(b.name)).ratio()
                if ratio >= 0.85:
                    out.append(Merge(b.name, a.key, "near-match-unmerged",
                                     f"'{b.name}' is {ratio:.2f} similar to '{a.name}' but no "
                                     "rule applies", b.spans[0] if b.spans else None))
        return out


def _type_of(c: _Cluster) -> BodyType:
    if c.ref is not None:
        return c.ref.type  # type: ignore[return-value]
    voluntary = any(u.voluntary for u in c.uses)
    typ = body_type(c.anchor, voluntary)
    if typ not in ("other", "voluntary_org"):
        return typ
    hints = Counter(u.hint for u in c.uses if u.hint)
    return hints.most_common(1)[0][0] if hints else typ


def _specific_words(text: str) -> list[str]:
    return [w for w in content_words(text) if w not in _GENERIC_MARKERS]


def _strip_defined(u: BodyUse) -> str:
    """'Northshire Board (NB)' -> 'Northshire Board' (the acronym is kept on the use)."""
    text = u.text.strip().strip(",;:")
    if text.endswith(")") and "(" in text:
        inner = text[text.rindex("(") + 1:-1]
        if is_acronym(inner):
            u.acronym = u.acronym or inner
            return text[:text.rindex("(")].strip()
    return text
