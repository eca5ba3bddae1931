"""The accountability and people projections as they were before the rewrite for speed
(commit 0e6e541), kept as the reference the fast ones must agree with: the same queries,
read as rdflib terms through ``Store.query`` (independent of the CSV reader under test),
joined in Python.

One deliberate difference: a body reached only through oversight is included when the link
touches the projected chain (one hop), whatever order the store returns links in; the old
loop also followed a link from a body added by an earlier link, so its result depended on
row order.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

import networkx as nx

from graph.netgraph import PREFIXES, add_edge, add_node

RECOMMENDATIONS = PREFIXES + """
SELECT ?rec ?recText ?timescale ?due ?insp ?doc WHERE {
  ?rec a rem:Recommendation ; rem:text ?recText .
  OPTIONAL { ?rec rem:timescale ?timescale }
  OPTIONAL { ?rec rem:dueDate ?due }
  OPTIONAL { ?rec rem:fromInspection ?insp }
  OPTIONAL { ?rec <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc }
}
"""
ACTIONS = PREFIXES + """
SELECT ?act ?rec ?party ?to WHERE {
  { ?act rem:implements ?rec } UNION { ?act rem:responsibleParty ?party }
  UNION { ?act rem:reportsProgressTo ?to }
}
"""
TITLES = PREFIXES + "SELECT ?x ?title WHERE { ?x dcterms:title ?title }"
AGENTS = PREFIXES + """
SELECT ?x ?label ?kind ?body WHERE {
  { ?x rdfs:label ?label }
  UNION { VALUES (?pc ?kind) { (rem:Person "person") (rem:Post "post")
                               (rem:RoleOwner "role") (rem:Body "body") }
          ?x a ?pc }
  UNION { ?x rem:worksFor ?body } UNION { ?x rem:postIn ?body }
  UNION { ?x rem:holds/rem:postIn ?body }
}
"""
SNAPSHOTS = PREFIXES + """
SELECT ?act ?asOf ?status WHERE {
  ?s rem:statusOf ?act ; rem:asOf ?asOf . OPTIONAL { ?s rem:status ?status }
}
"""
OVERSIGHT = PREFIXES + """
SELECT ?a ?aLabel ?rel ?b ?bLabel WHERE {
  VALUES ?rel { rem:oversees rem:reportsTo rem:reportsProgressTo rem:accountableTo
                rem:commissions rem:inspects rem:memberOf rem:partnerOf }
  ?a ?rel ?b . ?a a rem:Body . ?b a rem:Body .
  OPTIONAL { ?a rdfs:label ?aLabel } OPTIONAL { ?b rdfs:label ?bLabel }
}
"""
KIND_ORDER = ("person", "post", "role", "body")


def _rows(store: Any, query: str) -> list[dict[str, str]]:
    return [{k: str(v) for k, v in r.items()} for r in store.query(query)]


def _add(d: dict[str, list[str]], key: str, value: str) -> None:
    items = d.setdefault(key, [])
    if value not in items:
        items.append(value)


def latest_status(store: Any) -> dict[str, str]:
    latest: dict[str, tuple[str, str]] = {}
    for r in _rows(store, SNAPSHOTS):
        act, when, status = r["act"], r["asOf"], r.get("status", "")
        seen = latest.get(act)
        if seen is None or when > seen[0] or (when == seen[0] and status > seen[1]):
            latest[act] = (when, status)
    return {act: status for act, (_when, status) in latest.items()}


def accountability(store: Any) -> nx.MultiDiGraph:
    """The unfiltered accountability view, computed the old way."""
    statuses = latest_status(store)
    titles: dict[str, str] = {}
    for r in _rows(store, TITLES):
        titles.setdefault(r["x"], r["title"])
    labels: dict[str, str] = {}
    kinds: dict[str, set[str]] = defaultdict(set)
    bodies: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, AGENTS):
        if "label" in r:
            labels.setdefault(r["x"], r["label"])
        elif "kind" in r:
            kinds[r["x"]].add(r["kind"])
        elif "body" in r:
            _add(bodies, r["x"], r["body"])
    acts: dict[str, list[str]] = defaultdict(list)
    parties: dict[str, list[str]] = defaultdict(list)
    recipients: dict[str, list[str]] = defaultdict(list)
    for r in _rows(store, ACTIONS):
        if "rec" in r:
            _add(acts, r["rec"], r["act"])
        elif "party" in r:
            _add(parties, r["act"], r["party"])
        elif "to" in r:
            _add(recipients, r["act"], r["to"])

    def label(iri: str) -> str:
        return labels.get(iri) or iri.rsplit("/", 1)[-1]

    def kind(iri: str) -> str:
        return next((k for k in KIND_ORDER if k in kinds.get(iri, ())), "person")

    recs: dict[str, dict[str, str]] = {}
    sources: dict[str, dict[str, list[str]]] = {}
    for r in _rows(store, RECOMMENDATIONS):
        rec = r["rec"]
        recs.setdefault(rec, r)
        found = sources.setdefault(rec, {"inspection": [], "document": []})
        if "insp" in r:
            _add(found, "inspection", r["insp"])
        if "doc" in r:
            _add(found, "document", r["doc"])
    g = nx.MultiDiGraph(view="accountability")
    for rec, r in recs.items():
        add_node(g, rec, "recommendation", r["recText"], timescale=r.get("timescale", ""),
                 due=r.get("due", ""))
        kind_ = "inspection" if sources[rec]["inspection"] else "document"
        for src in sources[rec][kind_]:
            add_edge(g, add_node(g, src, kind_, titles.get(src) or src.rsplit("/", 1)[-1]),
                     rec, "recommends")
        for act in acts.get(rec, []):
            add_node(g, act, "action", "Action", status=statuses.get(act, ""))
            add_edge(g, rec, act, "implemented_by")
            for party in parties.get(act, []):
                add_edge(g, act, add_node(g, party, kind(party), label(party)), "responsible")
                for body in bodies.get(party, []):
                    add_edge(g, party, add_node(g, body, "body", label(body)), "works_for")
            for to in recipients.get(act, []):
                add_edge(g, act, add_node(g, to, "body", label(to)), "reports_to")
    core = set(g)
    for r in _rows(store, OVERSIGHT):
        if r["a"] in core or r["b"] in core:
            a = add_node(g, r["a"], "body", r.get("aLabel") or r["a"].rsplit("/", 1)[-1])
            b = add_node(g, r["b"], "body", r.get("bLabel") or r["b"].rsplit("/", 1)[-1])
            add_edge(g, a, b, r["rel"].rsplit("#", 1)[-1])
    return g


PEOPLE_LINKS = PREFIXES + """
SELECT ?p ?pLabel ?via ?viaLabel ?kind WHERE {
  ?p a rem:Person .
  OPTIONAL { ?p rdfs:label ?pLabel }
  { ?p rem:worksFor|rem:memberOf ?via . BIND("body" AS ?kind) }
  UNION { ?via rem:present|rem:officerPresent|rem:inAttendance|rem:chairedBy ?p .
          BIND("meeting" AS ?kind) }
  UNION { ?act rem:responsibleParty ?p ; rem:implements ?via . BIND("recommendation" AS ?kind) }
  OPTIONAL { ?via rdfs:label|dcterms:title|rem:text ?viaLabel }
}
"""


def people(store: Any, hub: int = 25) -> nx.MultiDiGraph:
    """The unfiltered people view, computed the old way (one query with its labels)."""
    via: dict[str, set[str]] = {}
    g = nx.MultiDiGraph(view="people")
    kinds: dict[str, str] = {}
    labels: dict[str, str] = {}
    for r in _rows(store, PEOPLE_LINKS):
        p = add_node(g, r["p"], "person", r.get("pLabel", r["p"].rsplit("/", 1)[-1]))
        via.setdefault(r["via"], set()).add(p)
        kinds[r["via"]] = r["kind"]
        labels.setdefault(r["via"], r.get("viaLabel", r["via"].rsplit("/", 1)[-1]))
    for v, members in via.items():
        ordered = sorted(members)
        if len(ordered) > hub:
            node = add_node(g, v, kinds[v], labels[v])
            for a in ordered:
                add_edge(g, a, node, f"in_{kinds[v]}")
            continue
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                add_edge(g, a, b, f"shared_{kinds[v]}")
    return g
