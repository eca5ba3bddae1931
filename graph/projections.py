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

from graph.store import Rows, Store
from ontology.namespaces import REM

PREFIXES = """PREFIX rem: <https://remit.example/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
"""

#: Node types by class, most specific first.
NODE_TYPES = {
    str(REM.Inspection): "inspection", str(REM.Recommendation): "recommendation",
    str(REM.Action): "action", str(REM.Person): "person", str(REM.Post): "post",
    str(REM.RoleOwner): "role", str(REM.Body): "body", str(REM.Document): "document",
    str(REM.Meeting): "meeting",
}

ACCOUNTABILITY = PREFIXES + """
SELECT ?rec ?recText ?timescale ?due ?src ?srcLabel ?srcKind ?act ?party ?partyLabel ?partyKind
       ?body ?bodyLabel ?to ?toLabel
WHERE {
  ?rec a rem:Recommendation ; rem:text ?recText .
  OPTIONAL { ?rec rem:timescale ?timescale }
  OPTIONAL { ?rec rem:dueDate ?due }
  OPTIONAL { { ?rec rem:fromInspection ?src . BIND("inspection" AS ?srcKind) }
             UNION
             { FILTER NOT EXISTS { ?rec rem:fromInspection ?any }
               ?rec <http://www.w3.org/ns/prov#wasDerivedFrom> ?src .
               BIND("document" AS ?srcKind) }
             OPTIONAL { ?src dcterms:title ?srcLabel } }
  OPTIONAL {
    ?act rem:implements ?rec .
    OPTIONAL {
      ?act rem:responsibleParty ?party .
      OPTIONAL { ?party rdfs:label ?partyLabel }
      OPTIONAL { ?party a ?pc . VALUES (?pc ?partyKind) {
          (rem:Person "person") (rem:Post "post") (rem:RoleOwner "role") (rem:Body "body") } }
      OPTIONAL { { ?party rem:worksFor ?body } UNION { ?party rem:postIn ?body }
                 UNION { ?party rem:holds/rem:postIn ?body }
                 OPTIONAL { ?body rdfs:label ?bodyLabel } }
    }
    OPTIONAL { ?act rem:reportsProgressTo ?to . OPTIONAL { ?to rdfs:label ?toLabel } }
  }
}
"""

#: Every dated snapshot; the latest per action is picked in Python (:func:`latest_status`):
#: the same choice as a FILTER NOT EXISTS over later snapshots, which pyoxigraph evaluates
#: per row (5.4 s of the projection's 6 s at 100k triples; see BENCHMARKS.md).
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

SHARED_PEOPLE = PREFIXES + """
SELECT ?a ?aLabel ?b ?bLabel (COUNT(DISTINCT ?p) AS ?n) WHERE {
  ?p a rem:Person ; rem:worksFor|rem:memberOf ?a , ?b .
  ?a a rem:Body . ?b a rem:Body .
  FILTER(STR(?a) < STR(?b))
  OPTIONAL { ?a rdfs:label ?aLabel } OPTIONAL { ?b rdfs:label ?bLabel }
} GROUP BY ?a ?aLabel ?b ?bLabel
"""

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


def _label(row: dict, var: str, fallback: str) -> str:
    v = row.get(var)
    return str(v) if v is not None else fallback.rsplit("/", 1)[-1]


def _add_node(g: nx.MultiDiGraph, iri: object, type_: str, label: str, **attrs: object) -> str:
    key = str(iri)
    if key not in g:
        g.add_node(key, iri=key, type=type_, label=label, **attrs)
    return key


def _edge(g: nx.MultiDiGraph, a: str, b: str, type_: str) -> None:
    if not any(d.get("type") == type_ for d in (g.get_edge_data(a, b) or {}).values()):
        g.add_edge(a, b, key=type_, type=type_, label=type_.replace("_", " "))


def _rows(store: Store, query: str) -> Rows:
    res = store.query(query)
    assert isinstance(res, Rows)
    return res


def latest_status(store: Store) -> dict[str, str]:
    """Each action's status in its latest dated snapshot ("" if that snapshot has none)."""
    latest: dict[str, tuple[str, str]] = {}
    for r in _rows(store, SNAPSHOTS):
        act, when = str(r["act"]), str(r["asOf"])
        status = str(r.get("status", ""))
        seen = latest.get(act)
        if seen is None or when > seen[0] or (when == seen[0] and status > seen[1]):
            latest[act] = (when, status)
    return {act: status for act, (_when, status) in latest.items()}


def accountability(store: Store, filters: Filters | None = None) -> nx.MultiDiGraph:
    f = filters or Filters()
    g = nx.MultiDiGraph(view="accountability")
    statuses = latest_status(store)
    for r in _rows(store, ACCOUNTABILITY):
        rec = _add_node(g, r["rec"], "recommendation", str(r["recText"]),
                        timescale=str(r.get("timescale", "")), due=str(r.get("due", "")))
        if "src" in r:
            src = _add_node(g, r["src"], str(r.get("srcKind", "document")),
                            _label(r, "srcLabel", str(r["src"])))
            _edge(g, src, rec, "recommends")
        if "act" not in r:
            continue
        act = _add_node(g, r["act"], "action", "Action", status=statuses.get(str(r["act"]), ""))
        _edge(g, rec, act, "implemented_by")
        if "party" in r:
            party = _add_node(g, r["party"], str(r.get("partyKind", "person")),
                              _label(r, "partyLabel", str(r["party"])))
            _edge(g, act, party, "responsible")
            if "body" in r:
                body = _add_node(g, r["body"], "body", _label(r, "bodyLabel", str(r["body"])))
                _edge(g, party, body, "works_for")
        if "to" in r:
            to = _add_node(g, r["to"], "body", _label(r, "toLabel", str(r["to"])))
            _edge(g, act, to, "reports_to")
    for r in _rows(store, OVERSIGHT):
        if str(r["a"]) in g or str(r["b"]) in g:
            a = _add_node(g, r["a"], "body", _label(r, "aLabel", str(r["a"])))
            b = _add_node(g, r["b"], "body", _label(r, "bLabel", str(r["b"])))
            _edge(g, a, b, str(r["rel"]).rsplit("#", 1)[-1])
    return apply_filters(g, f)


def bodies(store: Store, filters: Filters | None = None) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(view="bodies")
    for r in _rows(store, OVERSIGHT):
        a = _add_node(g, r["a"], "body", _label(r, "aLabel", str(r["a"])))
        b = _add_node(g, r["b"], "body", _label(r, "bLabel", str(r["b"])))
        _edge(g, a, b, str(r["rel"]).rsplit("#", 1)[-1])
    for r in _rows(store, SHARED_PEOPLE):
        a = _add_node(g, r["a"], "body", _label(r, "aLabel", str(r["a"])))
        b = _add_node(g, r["b"], "body", _label(r, "bLabel", str(r["b"])))
        _edge(g, a, b, "shared_people")
    return apply_filters(g, filters or Filters())


#: A body, meeting or recommendation shared by more people than this becomes a hub node
#: (each person linked to it) instead of a clique: n people would make n*(n-1)/2 links.
HUB = 25


def people(store: Store, filters: Filters | None = None) -> nx.MultiDiGraph:
    """People joined when they share a body, a meeting or a recommendation; a large group
    is drawn as its shared node with each member linked to it."""
    via: dict[str, set[str]] = {}
    g = nx.MultiDiGraph(view="people")
    kinds: dict[str, str] = {}
    labels: dict[str, str] = {}
    for r in _rows(store, PEOPLE_LINKS):
        p = _add_node(g, r["p"], "person", _label(r, "pLabel", str(r["p"])))
        via.setdefault(str(r["via"]), set()).add(p)
        kinds[str(r["via"])] = str(r["kind"])
        labels.setdefault(str(r["via"]), _label(r, "viaLabel", str(r["via"])))
    for v, members in via.items():
        ordered = sorted(members)
        if len(ordered) > HUB:
            hub = _add_node(g, v, kinds[v], labels[v])
            for a in ordered:
                _edge(g, a, hub, f"in_{kinds[v]}")
            continue
        for i, a in enumerate(ordered):
            for b in ordered[i + 1:]:
                _edge(g, a, b, f"shared_{kinds[v]}")
    return apply_filters(g, filters or Filters())


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

