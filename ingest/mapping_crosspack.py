"""Cross-pack recommendations in the graph: read each pack's recommendations, write back the
IRIs ``ingest/crosspack.py`` chose, with a ``rem:Merge`` record for each one merged.

Part of the mapping (the ingest modules that name ontology terms). A pack's graph is always
its own mapping (``to_graph``) with two changes, both functions of the packs in the store:
the recommendation nodes (and so their action nodes, keyed by the recommendation) carry the
IRI of the recommendation they are one with; and for each merged one the graph holds a
``rem:Merge`` (rule ``cross-pack-recommendation``, the wording as written, the similarity
and the recommendation it joined, with the excerpt) and leaves the ``rem:timescale``
concept to the recommendation's own source, so the node keeps exactly one. Status snapshots
and responsibilities keep keys of the pack's own, so nothing else moves. When a stronger
source arrives later (the inspection report after a plan-only update), or leaves, the
graphs of the other packs concerned are rewritten in the same transaction.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from rdflib import Graph, Literal, URIRef
from rdflib.term import Node

from graph.store import Rows, Store
from ingest.crosspack import Member, Outcome, resolve_members
from ingest.mapping import key_of
from ingest.mapping_actions import action_key
from ingest.mapping_records import recommendation_key, timescale_concept
from ontology.namespaces import (
    BODYTYPE,
    DCTERMS,
    DOCKIND,
    PROV,
    RDF,
    REM,
    entity_iri,
    key_for,
)

MERGE_RULE = "cross-pack-recommendation"
Triple = tuple[Node, Node, Node]


@dataclass
class CrossPack:
    """What one ingest or removal writes: the pack's graph, the other packs' rewritten
    graphs, and the look-alikes reported but not merged."""

    graph: Graph | None
    others: dict[URIRef, Graph] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    files: dict[URIRef, str] = field(default_factory=dict)  # the others' file names


@dataclass
class _Stated:
    """What one graph says of one recommendation node."""

    texts: set[str] = field(default_factory=set)
    inspection: str | None = None
    plan_titles: set[str] = field(default_factory=set)
    docs: dict[str, str] = field(default_factory=dict)  # document -> its title
    evidence: set[str] = field(default_factory=set)


def _member(pack: str, file: str, councils: frozenset[str], node: str, st: _Stated,
            merged: bool) -> Member | None:
    """The member, or None when the pack minted the node some other way (a report's
    recommendation with no inspection) or its own key cannot be told for sure."""
    if st.inspection is not None:
        scopes = {key_of(URIRef(st.inspection))}
    elif st.plan_titles:
        scopes = set(st.plan_titles)
    else:
        return None
    keys = {(recommendation_key(sc, t), t) for sc in scopes for t in st.texts}
    own = [kt for kt in keys if kt[0] == key_of(URIRef(node))]
    if own:
        key, text = min(own)
    elif merged and len({k for k, _ in keys}) == 1:
        key, text = min(keys)
    else:
        return None
    local = str(node).rsplit("/", 1)[0] + "/" + key
    doc = min(st.docs, default="")
    return Member(pack, file, node, local, text, st.docs.get(doc, ""), st.inspection, councils,
                  doc, min(st.evidence, default=""))


def members_in(g: Graph, pack: URIRef) -> list[Member]:
    """The recommendations one pack's graph states."""
    file = str(g.value(pack, REM.fileName) or "")
    councils = frozenset(str(b) for b in g.subjects(REM.bodyType, BODYTYPE.council))
    merged = {str(o) for m in g.subjects(REM.mergeRule, Literal(MERGE_RULE))
              for o in g.objects(m, REM.mergedInto)}
    out = []
    for rec in set(g.subjects(RDF.type, REM.Recommendation)):
        st = _Stated({str(t) for t in g.objects(rec, REM.text)})
        insp = g.value(rec, REM.fromInspection)
        st.inspection = str(insp) if insp is not None else None
        for doc in g.objects(rec, PROV.wasDerivedFrom):
            st.docs[str(doc)] = str(g.value(doc, DCTERMS.title) or "")
            if (doc, REM.documentKind, DOCKIND.action_plan) in g:
                st.plan_titles.add(st.docs[str(doc)])
        st.evidence = {str(e) for e in g.objects(rec, REM.evidence)}
        m = _member(str(pack), file, councils, str(rec), st, str(rec) in merged)
        if m is not None:
            out.append(m)
    return out


def _rows(store: Store, sparql: str) -> list[dict[str, Any]]:
    res = store.query(sparql)
    return res.rows if isinstance(res, Rows) else []


def _rec_rows(store: Store, match: str, values: str = "") -> list[dict[str, Any]]:
    """One row per (graph, recommendation, text, document, excerpt) the ``match`` selects."""
    rem = REM
    return _rows(store, f"""SELECT ?g ?file ?rec ?text ?insp ?doc ?kind ?title ?ex WHERE {{
      {values} GRAPH ?g {{ {match} ?rec {rem.text.n3()} ?text . ?g {rem.fileName.n3()} ?file .
        ?rec {PROV.wasDerivedFrom.n3()} ?doc .
        OPTIONAL {{ ?doc {rem.documentKind.n3()} ?kind }}
        OPTIONAL {{ ?doc {DCTERMS.title.n3()} ?title }}
        OPTIONAL {{ ?rec {rem.fromInspection.n3()} ?insp }}
        OPTIONAL {{ ?rec {rem.evidence.n3()} ?ex }} }} }}""")


def stored_members(store: Store, exclude: URIRef, mine: list[Member]) -> list[Member]:
    """The recommendations of the other packs that can take part: every plan-minted one,
    and the inspection reports' of the packs that name a council such a one's pack (or the
    new pack) names. The others can join nothing, so a big store is not read whole."""
    rem = REM
    plan = _rec_rows(store, f"?d {rem.documentKind.n3()} {DOCKIND.action_plan.n3()} . "
                            f"?rec {PROV.wasDerivedFrom.n3()} ?d ; a {rem.Recommendation.n3()} .")
    councils: dict[str, set[str]] = defaultdict(set)
    for r in _rows(store, f"SELECT DISTINCT ?g ?b WHERE {{ GRAPH ?g {{ "
                          f"?b {rem.bodyType.n3()} {BODYTYPE.council.n3()} }} }}"):
        councils[str(r["g"])].add(str(r["b"]))
    merged = {(str(r["g"]), str(r["into"])) for r in _rows(store, (
        f"SELECT ?g ?into WHERE {{ GRAPH ?g {{ ?m {rem.mergeRule.n3()} "
        f"{Literal(MERGE_RULE).n3()} ; {rem.mergedInto.n3()} ?into }} }}"))}
    planned = {str(r["g"]) for r in plan if r["g"] != exclude} | (
        {str(exclude)} if any(m.inspection is None for m in mine) else set())
    wanted = set().union(*(councils[g] for g in planned), *(m.councils for m in mine))
    near = {g for g, cs in councils.items() if cs & wanted}
    if any(m.inspection is None for m in mine) and not any(m.councils for m in mine):
        near = set(councils) | {str(r["g"]) for r in _rows(store, (
            f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ ?r {rem.fromInspection.n3()} ?i }} }}"))}
    rows = plan
    if near - {str(exclude)}:
        values = "VALUES ?g { " + " ".join(URIRef(g).n3() for g in sorted(near)) + " }"
        rows = plan + _rec_rows(store, f"?rec {rem.fromInspection.n3()} ?i0 .", values)
    stated: dict[tuple[str, str, str], _Stated] = defaultdict(_Stated)
    for r in rows:
        if r["g"] == exclude:
            continue
        st = stated[(str(r["g"]), str(r["file"]), str(r["rec"]))]
        st.texts.add(str(r["text"]))
        if r.get("insp") is not None:
            st.inspection = str(r["insp"])
        st.docs[str(r["doc"])] = str(r.get("title") or "")
        if r.get("kind") == DOCKIND.action_plan:
            st.plan_titles.add(str(r.get("title") or ""))
        if r.get("ex") is not None:
            st.evidence.add(str(r["ex"]))
    out = []
    for (g, file, rec), st in sorted(stated.items()):
        m = _member(g, file, frozenset(councils[g]), rec, st, (g, rec) in merged)
        if m is not None:
            out.append(m)
    return out


def _action(rec: str) -> URIRef:
    base = rec.rsplit("id/recommendation/", 1)[0]
    return entity_iri(base, "action", action_key(URIRef(rec)))


def merge_triples(m: Member, out: Outcome) -> set[Triple]:
    """The merge record of a member that joined another pack's recommendation (else none)."""
    if m not in out.into:
        return set()
    head, score = out.into[m]
    base = m.node.rsplit("id/recommendation/", 1)[0]
    node = entity_iri(base, "merge", key_for(m.file, MERGE_RULE, key_of(URIRef(m.local))))
    evidence = (f"wording similarity {score:.2f} to {head.text!r} in {head.title!r} "
                f"({head.file}); "
                "each the other's unique best match, in packs naming the same council; "
                "its action follows the recommendation")
    found: set[Triple] = {
        (node, RDF.type, REM.Merge), (node, REM.nameAsWritten, Literal(m.text)),
        (node, REM.mergedInto, URIRef(out.iri[m])), (node, REM.mergeRule, Literal(MERGE_RULE)),
        (node, REM.mergeEvidence, Literal(evidence))}
    if m.doc:
        found.add((node, PROV.wasDerivedFrom, URIRef(m.doc)))
    if m.evidence:
        found.add((node, REM.evidence, URIRef(m.evidence)))
    return found


def rewrite(g: Graph, mine: Iterable[Member], out: Outcome) -> Graph:
    """``g`` with its members' IRIs as resolved and its merge records as they now are."""
    mine = list(mine)
    sub: dict[Node, Node] = {}
    for m in mine:
        if out.iri[m] != m.node:
            sub[URIRef(m.node)] = URIRef(out.iri[m])
            sub[_action(m.node)] = _action(out.iri[m])
    joined = {URIRef(out.iri[m]) for m in mine if m in out.into}
    stale = set(g.subjects(REM.mergeRule, Literal(MERGE_RULE)))
    if not (sub or joined or stale) and all(
            g.value(URIRef(m.node), REM.timescale) is not None for m in mine):
        return g  # the pack as it maps on its own: most packs, most of the time
    new = Graph(store="SimpleMemory", identifier=g.identifier)
    for s, p, o in g:
        if s in stale:
            continue
        s2 = sub.get(s, s)
        if p == REM.timescale and s2 in joined:
            continue  # the recommendation's own source states it: one value, not two
        new.add((s2, p, sub.get(o, o)))
    for m in mine:
        node = URIRef(out.iri[m])
        if node not in joined and new.value(node, REM.timescale) is None:
            new.add((node, REM.timescale, timescale_concept(
                str(new.value(node, REM.timescaleText) or "") or None)))
        for t in merge_triples(m, out):
            new.add(t)
    return new


def _stored_merges(store: Store) -> dict[str, set[Triple]]:
    found: dict[str, set[Triple]] = defaultdict(set)
    for r in _rows(store, f"SELECT ?g ?m ?p ?o WHERE {{ GRAPH ?g {{ ?m {REM.mergeRule.n3()} "
                          f"{Literal(MERGE_RULE).n3()} ; ?p ?o }} }}"):
        found[str(r["g"])].add((r["m"], r["p"], r["o"]))
    return found


def cross_pack(store: Store, pack: URIRef, graph: Graph | None) -> CrossPack:
    """Resolve ``pack``'s recommendations (its new graph, or None when it is withdrawn)
    with every other pack's: its graph to write and the other graphs that change."""
    mine = members_in(graph, pack) if graph is not None else []
    stored = stored_members(store, pack, mine)
    out = resolve_members(stored + mine, focus=str(pack))
    result = CrossPack(rewrite(graph, mine, out) if graph is not None else None)
    result.problems = [msg for packs, msg in out.problems if str(pack) in packs]
    have = _stored_merges(store)
    by_pack: dict[str, list[Member]] = defaultdict(list)
    for m in stored:
        by_pack[m.pack].append(m)
    for p, ms in sorted(by_pack.items()):
        want = set().union(*(merge_triples(m, out) for m in ms))
        if any(out.iri[m] != m.node for m in ms) or want != have.get(p, set()):
            result.others[URIRef(p)] = rewrite(store.graph(URIRef(p)), ms, out)
            result.files[URIRef(p)] = ms[0].file
    return result
