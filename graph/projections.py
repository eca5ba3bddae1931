"""Typed networkx projections of the graph, read from the store by SPARQL.

Three views (issue 5): *accountability* (inspection or source document → recommendation →
action → responsible person, post or role → body → bodies it reports progress to or that
oversee it), *bodies* (bodies linked by reporting, oversight, commissioning, inspection,
membership and shared people) and *people* (people linked by shared bodies, meetings and
recommendations). Every node carries ``type``, ``label`` and ``iri``; every edge ``type``
and ``label``. The queries take no user input: filters (body, person, inspection,
timescale, status, focus) are applied to the projected graph in Python.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import networkx as nx

from graph import accountability_view as av
from graph import people_view
from graph.accountability_view import OVERSIGHT, SNAPSHOTS
from graph.netgraph import PREFIXES, add_edge, add_node, label_of, rows
from graph.people_view import HUB
from graph.sparql_rows import table
from graph.store import Store
from ontology.namespaces import REM

__all__ = ["HUB", "PREFIXES", "VIEWS", "Filters", "accountability", "apply_filters", "bodies",
           "chain", "latest_status", "people", "project"]

#: Node types by class, most specific first.
NODE_TYPES = {
    str(REM.Inspection): "inspection", str(REM.Recommendation): "recommendation",
    str(REM.Action): "action", str(REM.Person): "person", str(REM.Post): "post",
    str(REM.RoleOwner): "role", str(REM.Body): "body", str(REM.Document): "document",
    str(REM.Meeting): "meeting",
}

SHARED_PEOPLE = PREFIXES + """
SELECT ?a ?aLabel ?b ?bLabel (COUNT(DISTINCT ?p) AS ?n) WHERE {
  ?p a rem:Person ; rem:worksFor|rem:memberOf ?a , ?b .
  ?a a rem:Body . ?b a rem:Body .
  FILTER(STR(?a) < STR(?b))
  OPTIONAL { ?a rdfs:label ?aLabel } OPTIONAL { ?b rdfs:label ?bLabel }
} GROUP BY ?a ?aLabel ?b ?bLabel
"""

@dataclass
class Filters:
    """Narrow a projection; each value is an IRI or literal compared as an RDF term."""

    body: str | None = None
    person: str | None = None
    inspection: str | None = None
    timescale: str | None = None
    status: str | None = None
    focus: str | None = None
    radius: int = 2
    extra: dict[str, str] = field(default_factory=dict)


def latest_status(store: Store) -> dict[str, str]:
    """Each action's status in its latest dated snapshot ("" if that snapshot has none)."""
    return av.latest_status(table(store, SNAPSHOTS))


def accountability(store: Store, filters: Filters | None = None) -> nx.MultiDiGraph:
    return apply_filters(av.build(store), filters or Filters())


def bodies(store: Store, filters: Filters | None = None) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(view="bodies")
    for r in rows(store, OVERSIGHT):
        a = add_node(g, r["a"], "body", label_of(r, "aLabel", str(r["a"])))
        b = add_node(g, r["b"], "body", label_of(r, "bLabel", str(r["b"])))
        add_edge(g, a, b, str(r["rel"]).rsplit("#", 1)[-1])
    for r in rows(store, SHARED_PEOPLE):
        a = add_node(g, r["a"], "body", label_of(r, "aLabel", str(r["a"])))
        b = add_node(g, r["b"], "body", label_of(r, "bLabel", str(r["b"])))
        add_edge(g, a, b, "shared_people")
    return apply_filters(g, filters or Filters())


def people(store: Store, filters: Filters | None = None) -> nx.MultiDiGraph:
    """People joined when they share a body, a meeting or a recommendation; a large group
    (over :data:`HUB` people) is drawn as its shared node with each member linked to it."""
    return apply_filters(people_view.build(store), filters or Filters())


#: Edges that lead from a recommendation down to its actions, owners and their bodies.
CHAIN = ("implemented_by", "responsible", "works_for", "reports_to")


def chain(g: nx.MultiDiGraph, rec: str) -> set[str]:
    """A recommendation with its source, actions, owners, owners' bodies and the bodies
    its progress is reported to: what one register row is about."""
    out = {rec, *(a for a, _, d in g.in_edges(rec, data=True) if d["type"] == "recommends")}
    todo = [rec]
    while todo:
        for _, m, d in g.out_edges(todo.pop(), data=True):
            if d["type"] in CHAIN and m not in out:
                out.add(m)
                todo.append(m)
    return out


def _touching(g: nx.MultiDiGraph, chosen: str) -> set[str]:
    """Nodes shown for one chosen entity: the chains of the recommendations it takes part
    in, with the bodies overseeing or receiving reports from the bodies in them; in views
    without recommendations, the entity and its neighbours."""
    recs = [n for n, d in g.nodes(data=True) if d["type"] == "recommendation"]
    if not recs:
        return {chosen, *nx.all_neighbors(g, chosen)}
    keep: set[str] = set()
    for rec in recs:
        c = chain(g, rec)
        if chosen in c:
            keep |= c
    for n in [k for k in keep if g.nodes[k]["type"] == "body"]:
        keep |= {m for _, m, d in g.out_edges(n, data=True) if d["type"] not in CHAIN}
    return keep


def apply_filters(g: nx.MultiDiGraph, f: Filters) -> nx.MultiDiGraph:
    """Keep what touches every chosen entity, the recommendations of the chosen timescale
    and status, and the neighbourhood of a focus. An unknown IRI gives an empty graph."""
    keep: set[str] | None = None
    for chosen in (f.body, f.person, f.inspection):
        if chosen:
            if chosen not in g:
                return g.subgraph([]).copy()
            near = _touching(g, chosen)
            keep = near if keep is None else keep & near
    if keep is not None:
        g = g.subgraph(keep).copy()
    if f.timescale or f.status:
        def wanted(rec: str) -> bool:
            d = g.nodes[rec]
            if f.timescale and d.get("timescale") != f.timescale:
                return False
            acts = [a for a in g.successors(rec) if g.nodes[a]["type"] == "action"]
            return not f.status or any(g.nodes[a].get("status") == f.status for a in acts)

        drop: set[str] = set()
        for rec, d in g.nodes(data=True):
            if d["type"] == "recommendation" and not wanted(rec):
                drop |= {rec, *(a for a in g.successors(rec) if g.nodes[a]["type"] == "action")}
        g = g.subgraph(set(g) - drop).copy()
        g.remove_nodes_from([n for n in list(g) if g.degree(n) == 0])
    if f.focus:
        if f.focus not in g:
            return g.subgraph([]).copy()
        near = nx.ego_graph(g.to_undirected(as_view=True), f.focus, radius=f.radius)
        g = g.subgraph(set(near)).copy()
    return g


VIEWS = {"accountability": accountability, "bodies": bodies, "people": people}


def project(store: Store, view: str = "accountability",
            filters: Filters | None = None) -> nx.MultiDiGraph:
    try:
        fn = VIEWS[view]
    except KeyError:
        raise ValueError(f"unknown view {view!r}; choose one of {', '.join(VIEWS)}") from None
    return fn(store, filters)

