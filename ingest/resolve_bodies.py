"""One node per real body: the rules that merge the ways a pack writes a body's name.

Names are taken longest first (abbreviated forms last), so a full name ("Northshire
Safeguarding Children Board") anchors a node before the shorter forms that refer to it are
tried against it. Each merge records its rule and evidence:

- ``reference-data``: a national body or its acronym (reference data, never the pack), also
  with the home council's place ("Age UK Northshire");
- ``exact``: the same name up to case, punctuation, possessive and plural;
- ``leading-word``: an ordinary word run into a name from a table cell ("Ongoing X Council");
- ``acronym-expanded``: an acronym inside a name expanded ("Northshire PCT");
- ``place-qualifier``: the name with or without the home council's place ("Carers Team");
- ``generic-name``: a shorter name whose words all occur, in order, in exactly one body
  with the same head noun ("the Local Safeguarding Children Board", "Adult Care Committee");
- ``word-order``: 'East X Council' for 'X East Council' when only one such council exists;
- ``typo``: one word a small edit away, the misspelling rare in the pack;
- ``abbreviation``: initials for words ("C & F Committee"), or a dropped 'team'/'service';
- ``service-area``: 'the X service' for the one 'X Directorate' or 'X Department';
- ``acronym-defined``: an acronym the pack defines ("... Board (NSCB)", acronym table);
- ``acronym-variant``: one edit from, or a prefix of, a defined acronym, in a fitting context;
- ``generic-acronym``: a generic acronym of reference data (LSCB) naming the one such body;
- ``home-council`` / ``generic-head``: 'the Council', 'the Board' with one candidate.

Collectives ('... sector organisations'), run-together text, plurals of generic acronyms,
names that fit several bodies and near-matches no rule explains are reported in
``unresolved`` and left unmerged. See docs/decisions/0002-entity-resolution.md.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from ingest.body_rules import (
    HOME_SYNONYMS,
    acronym_variant,
    body_key,
    cluster_type,
    expand_acronyms,
    home_places,
    is_abbreviated,
    is_collective,
    is_garbled,
    leading_noise,
    likely_home,
    near_misses,
    service_after_area,
    specific_words,
    split_defined,
    split_of,
    strip_place,
)
from ingest.names import (
    body_head,
    content_words,
    display_name,
    is_acronym,
    label_case,
    loose,
)
from ingest.names_in_prose import SINGLE_BODIES
from ingest.records import Body, BodyType, Merge, Span
from ingest.refdata import RefBody, Reference
from ingest.resolve_name_rules import NameRules

#: Head nouns that, alone ('the Board'), name no body until the context says which.
GENERIC_HEADS = frozenset({
    "council", "committee", "board", "trust", "group", "partnership", "panel", "team", "service",
    "unit", "department", "directorate", "forum", "network", "agency", "sub committee",
})
_NAMING_RULES = frozenset({"new", "exact", "generic-name", "reference-data"})


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
    label: tuple[int, str] | None = None  # (number of uses, name) cached by _name_of

    @property
    def head(self) -> str | None:
        return body_head(self.anchor)


@dataclass
class BodyResult:
    bodies: list[Body]
    merges: list[Merge]
    unresolved: list[Merge]
    names: dict[str, str]  # as written -> body key


#: What a council is made of: a body named after the council's place is part of it only if
#: it is one of these (its committees, teams and services).
_COUNCIL_PARTS = frozenset({"committee", "team_or_service"})
#: Bodies named after a place with no head noun that are nonetheless bodies of their own.
_OWN_BODY = re.compile(r"\b(?:police|constabulary|fire and rescue|healthwatch|university|"
                       r"college|hospice|nhs)\b", re.I)


class BodyResolver(NameRules):
    """Resolve body uses of one pack into bodies; see the module docstring for the rules."""

    def __init__(self, uses: list[BodyUse], definitions: dict[str, tuple[str, Span | None]],
                 ref: Reference, home_council: str | None = None,
                 meeting_body: str | None = None, word_counts: Counter[str] | None = None,
                 lower_counts: Counter[str] | None = None):
        self.uses = [u for u in uses if u.text and u.text.strip(" .,;:-")]

        self.defs = {k.upper(): v for k, v in definitions.items()}
        for u in self.uses:
            full, acr = split_defined(u.text)
            u.name, u.acronym = full, u.acronym or acr
            if u.acronym and u.acronym.upper() not in self.defs and not is_acronym(full):
                self.defs[u.acronym.upper()] = (full, u.span)
        self.parents: dict[str, str] = {}  # loose unit name -> parent name as written
        for u in list(self.uses):
            parts = split_of(u.name)
            if parts:  # 'Unit of Directorate': the unit, and the directorate as its parent
                u.name = parts[0]
                self.parents[loose(parts[0])] = parts[1]
                self.uses.append(BodyUse(parts[1], u.span, u.context, None, None, u.segment,
                                         u.voluntary, name=parts[1]))
        self.ref = ref
        self.home = home_council or likely_home([u.name for u in self.uses])
        self.places = home_places(self.home)
        self.meeting_body = meeting_body
        self.words = word_counts or Counter(
            w for u in self.uses
            for w in loose(f"{u.text} {u.span.text if u.span else ''}").split())
        self.lower = lower_counts or Counter()
        self.known = {loose(u.name) for u in self.uses}
        self.clusters: list[_Cluster] = []
        self.index: dict[str, _Cluster] = {}
        self.assigned: dict[int, tuple[_Cluster, str, str]] = {}  # id(use) -> cluster, rule, ev
        self.unresolved: list[tuple[BodyUse, str, str]] = []

    # --- driving -------------------------------------------------------------------

    def run(self) -> BodyResult:
        names = [u for u in self.uses if not is_acronym(u.name)]
        acrs = [u for u in self.uses if is_acronym(u.name)]
        freq = Counter(loose(u.name) for u in names)
        names.sort(key=lambda u: (is_abbreviated(u.name), -len(specific_words(u.name)),
                                  -freq[loose(u.name)], u.name))
        late = service_after_area([loose(u.name) for u in names])
        names.sort(key=lambda u: loose(u.name) in late)  # stable: after the unit they name
        deferred: list[BodyUse] = []
        for u in names:
            if is_collective(u.name):
                self.unresolved.append((u, "collective", f"'{u.name}' names a group of bodies"))
            elif is_garbled(u.name):
                self.unresolved.append((u, "garbled", f"'{u.name}' is run-together text"))
            elif ((len(content_words(u.name)) <= 1 and body_head(u.name) in GENERIC_HEADS)
                  or loose(u.name) in HOME_SYNONYMS):
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
        bare = strip_place(key, self.places) if self.places else key
        rb = self.ref.body(bare) if bare and bare != key else None
        if rb is not None:  # 'Age UK Northshire': a national body with the pack's place
            return self._ref_cluster(rb, u), "reference-data", (
                f"reference data: {rb.name}, with the pack's place ('{self.places[-1]}')")
        if key in self.index:
            return self.index[key], "exact", f"same name as '{self._shown(self.index[key])}'"
        rest = leading_noise(key, self.known, self.lower)
        if rest is not None:
            c = self._cluster_for_expansion(rest, None)
            return c, "leading-word", f"'{text}' is '{rest}' after an ordinary word"
        expanded = expand_acronyms(text, self.defs, self.ref)
        if expanded and loose(expanded) in self.index:
            c = self.index[loose(expanded)]
            return c, "acronym-expanded", f"'{text}' with acronyms expanded is '{expanded}'"
        for rule in (self._place_qualified, self._generic_name, self._word_order, self._typo,
                     self._abbreviated, self._service_area):
            hit = rule(expanded or text)
            if hit is not None:
                return hit
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
        if g is None and short.endswith("s") and self.ref.generic(short[:-1]) is not None:
            self.unresolved.append((u, "generic-plural", f"'{short}' is a plural of the generic "
                                                         f"{short[:-1]}, no one body"))
            return
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
        hit = acronym_variant(short, list(self.defs))
        if hit is None or self.ref.generic(short) is not None:
            return None
        d, how = hit
        expansion, where = self.defs[d]
        c = self._cluster_for_expansion(expansion, None)
        fits = u.hint is None or u.hint == cluster_type(c.anchor, [], False)
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
        head = body_head(u.name)
        if (head == "council" or loose(u.name) in HOME_SYNONYMS) and self.home:
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

    def _acronym_of(self, c: _Cluster, name: str) -> str | None:
        """The acronym the pack defines for this very name, else any attached to it."""
        own = [a for a, (exp, _) in self.defs.items() if loose(exp) == loose(name)
               and any(loose(u.text) == loose(a) for u in c.uses)]
        shorts = [u.acronym for u in c.uses if u.acronym and loose(u.name) == loose(name)]
        for found in (*shorts, *own, c.acronym):
            if found:
                return found
        return c.ref.acronyms[0] if c.ref and c.ref.acronyms else None

    def _shown(self, c: _Cluster) -> str:
        """A readable name for evidence text: the name that created the node."""
        if c.ref is not None:
            return c.ref.name
        return display_name(c.uses[0].name or c.uses[0].text) if c.uses else c.anchor

    def _name_of(self, c: _Cluster) -> str:
        """The most used full form that keeps the anchor's first word (so 'Northshire
        Council' may name 'Northshire Borough Council', but 'the Council' never does)."""
        if c.ref is not None:
            return c.ref.name
        if c.label is None or c.label[0] != len(c.uses):
            c.label = (len(c.uses), self._label(c))
        return c.label[1]

    def _label(self, c: _Cluster) -> str:
        first = c.anchor.split()[:1]
        forms = Counter(display_name(u.name or u.text) for u in c.uses
                        if not is_acronym(u.name or u.text)
                        and loose(u.name or u.text).split()[:1] == first
                        and self.assigned.get(id(u), (None, "new"))[1] in _NAMING_RULES)
        if not forms:
            name = display_name(c.uses[0].name or c.uses[0].text) if c.uses else c.anchor
            # a heading's 'CABINET' or 'SCRUTINY COMMITTEE' is a name in capitals, no acronym
            if name.isupper() and (" " in name or name.lower() in SINGLE_BODIES):
                return label_case(name)
            return name
        if all(f.isupper() for f in forms):  # 'NORTHSHIRE COUNCIL' heading -> a label
            return label_case(max(forms, key=lambda f: forms[f]))
        best = max(forms, key=lambda f: (all(ch.isalnum() or ch in " '\u2019-&," for ch in f),
                                         forms[f], not f.isupper(), f[:1].isupper(), len(f)))
        return best[:1].upper() + best[1:]  # 'virtual school' in prose: 'Virtual school'

    def _result(self) -> BodyResult:
        bodies, merges, names = [], [], {}
        seen: set[tuple[str, str]] = set()
        home_key = None
        if self.home and loose(self.home) in self.index:
            home_key = body_key(self._name_of(self.index[loose(self.home)]))
        for c in self.clusters:
            if not c.uses and c.ref is None:
                continue
            name = self._name_of(c)
            key = body_key(name)
            typ = c.ref.type if c.ref else cluster_type(
                c.anchor, [u.hint for u in c.uses], any(u.voluntary for u in c.uses))
            parent = None
            up = self.parents.get(c.anchor)
            if up and loose(up) in self.index:
                parent = body_key(self._name_of(self.index[loose(up)]))
            elif home_key and key != home_key and any(
                    loose(name).startswith(p + " ") for p in self.places) and (
                    typ in _COUNCIL_PARTS if body_head(name) else not _OWN_BODY.search(name)):
                # 'Northshire Council Carers Team' is part of the council; the place's
                # safeguarding board, partnerships, hospital or police are bodies of their own
                parent = home_key
                typ = "team_or_service" if body_head(name) is None else typ
            aliases = sorted({u.text.strip() for u in c.uses} - {name})
            spans = [u.span for u in c.uses if u.span is not None]
            acr = self._acronym_of(c, name)
            bodies.append(Body(key=key, name=name, type=typ, aliases=aliases,  # type: ignore
                               acronym=acr, parent=parent, spans=spans,
                               national=c.ref is not None))
            for u in c.uses:
                names[u.text] = key
                _, rule, ev = self.assigned.get(id(u), (c, "", ""))
                if rule not in ("", "new") and loose(u.text) != loose(name) \
                        and (u.text, key) not in seen:
                    seen.add((u.text, key))
                    merges.append(Merge(u.text, key, rule, ev, u.span))
        unresolved, told = [], set()
        for u, rule, ev in self.unresolved:
            if (u.text, rule) not in told:
                told.add((u.text, rule))
                unresolved.append(Merge(u.text, "", rule, ev, u.span))
        unresolved += near_misses(bodies)
        return BodyResult(bodies, merges, unresolved, names)
