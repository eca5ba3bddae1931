"""The people projection: people joined when they share a body, a meeting or a
recommendation; a large group is drawn as its shared node with each member linked to it.

Read as three flat queries joined in Python. One query joined each person's label and each
shared node's label (an alternative path, looked up per row) onto every link, and the
owners to their recommendations by an index seek per row: 7.9 s of the view's 9.5 s at 1M
triples; these take about 1 s, and run side by side on a pooled reader.
"""

from __future__ import annotations

import networkx as nx

from graph.netgraph import PREFIXES, GraphBuilder, bulk
from graph.sparql_rows import Table, tables

#: Each person's links: the bodies they work for or belong to, the meetings they attend or
#: chair, the recommendations whose actions they own (joined as sub-SELECTs: a hash join).
PERSON_LINKS = PREFIXES + """
SELECT ?p ?via ?kind WHERE {
  { SELECT ?p WHERE { ?p a rem:Person } }
  { { ?p rem:worksFor|rem:memberOf ?via . BIND("body" AS ?kind) }
    UNION { ?via rem:present|rem:officerPresent|rem:inAttendance|rem:chairedBy ?p .
            BIND("meeting" AS ?kind) }
    UNION { { SELECT ?act ?p WHERE { ?act rem:responsibleParty ?p } }
            { SELECT ?act ?via WHERE { ?act rem:implements ?via } }
            BIND("recommendation" AS ?kind) } }
}
"""
PERSON_LABELS = PREFIXES + "SELECT ?x ?label WHERE { ?x rdfs:label ?label }"
#: Labels of shared nodes: a body's or meeting's label, a document's title, a
#: recommendation's text.
VIA_LABELS = PREFIXES + """
SELECT ?x ?label WHERE { ?x rdfs:label|dcterms:title|rem:text ?label }
"""
QUERIES = (PERSON_LINKS, VIA_LABELS, PERSON_LABELS)

#: A body, meeting or recommendation shared by more people than this becomes a hub node
#: (each person linked to it) instead of a clique: n people would make n*(n-1)/2 links.
HUB = 25


def build(store: object, hub: int = HUB) -> nx.MultiDiGraph:
    """The unfiltered people graph (groups larger than ``hub`` drawn as hubs)."""
    with bulk():
        return _build(*tables(store, QUERIES), hub=hub)


def _build(links: Table, via_labels: Table, person_labels: Table, hub: int) -> nx.MultiDiGraph:
    """The graph from the three queries' results; a label read is kept even if empty."""
    p_label: dict[str, str] = {}
    for x, label in person_labels.rows:
        p_label.setdefault(x, label)
    v_label: dict[str, str] = {}
    for x, label in via_labels.rows:
        v_label.setdefault(x, label)
    idx = [links.vars.index(n) for n in ("p", "via", "kind")]
    b = GraphBuilder()
    members: dict[str, set[str]] = {}
    kinds: dict[str, str] = {}
    for row in links.rows:
        p, v, kind = (row[i] for i in idx)
        if p not in b:
            b.node(p, "person", p_label[p] if p in p_label else p.rsplit("/", 1)[-1])
        members.setdefault(v, set()).add(p)
        kinds[v] = kind  # a node shared in two ways (odd data) is drawn as the last read
    for v, group in members.items():
        ordered = sorted(group)
        kind = kinds[v]
        if len(ordered) > hub:
            b.node(v, kind, v_label[v] if v in v_label else v.rsplit("/", 1)[-1])
            for a in ordered:
                b.edge(a, v, f"in_{kind}")
            continue
        for i, a in enumerate(ordered):
            for z in ordered[i + 1:]:
                b.edge(a, z, f"shared_{kind}")
    return b.graph("people")
