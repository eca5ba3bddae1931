"""Accountability analytics for `remit analyse`, /api/analytics and the notebooks.

Each figure is one SPARQL query (the date of reference is bound as a typed literal, never
pasted) or a networkx measure over the accountability projection. Open means the action's
latest status snapshot is not ``status:completed``.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import networkx as nx
from rdflib import Literal
from rdflib.namespace import XSD

from graph.layout_cache import StateCache
from graph.projections import PREFIXES, accountability
from graph.store import Rows, Store

#: No owner = no action of it has an owner who is not role-only. The owned recommendations
#: are found once, by an anti-join (MINUS), not by a NOT EXISTS per row inside a NOT EXISTS
#: per recommendation (which ran for minutes at 1M triples).
NO_OWNER = PREFIXES + """
SELECT ?rec ?text ?timescale WHERE {
  ?rec a rem:Recommendation ; rem:text ?text .
  OPTIONAL { ?rec rem:timescale ?timescale }
  MINUS { SELECT DISTINCT ?rec WHERE { ?act rem:implements ?rec ; rem:responsibleParty ?p .
                                       MINUS { ?p a rem:RoleOwner } } }
} ORDER BY ?text
"""

#: The role-only owners' pairs first, then texts and labels: with the OPTIONAL in the same
#: group the engine joined every recommendation's text first (152 s -> 0.17 s at 1M).
ROLE_ONLY = PREFIXES + """
SELECT ?rec ?text ?role ?roleLabel WHERE {
  { SELECT DISTINCT ?rec ?role WHERE {
      ?role a rem:RoleOwner . ?act rem:responsibleParty ?role ; rem:implements ?rec } }
  ?rec rem:text ?text .
  OPTIONAL { ?role rdfs:label ?roleLabel }
} ORDER BY ?text
"""

#: Open = the action's latest snapshot is not completed. MINUS with the latest date per
#: action (a grouped subquery) rather than nested FILTER NOT EXISTS: pyoxigraph evaluates a
#: NOT EXISTS once per row and MINUS as one anti-join (3.8 s -> 0.25 s at 100k triples,
#: same answer; BENCHMARKS.md). Only actions with some completed snapshot can be done, so
#: only theirs are grouped; labels are joined after counting (owners, not actions): 2.9 s ->
#: 0.85 s at 1M triples, same rows.
OPEN_LOAD = PREFIXES + """
SELECT DISTINCT ?owner ?label ?open WHERE {
  { SELECT ?owner (COUNT(DISTINCT ?act) AS ?open) WHERE {
      ?act a rem:Action ; rem:responsibleParty ?owner .
      MINUS { ?act rem:unassigned true }
      MINUS { { SELECT ?act (MAX(?d) AS ?last) WHERE {
                  ?c rem:status <https://remit.example/vocab/status/completed> ;
                     rem:statusOf ?act .
                  ?s rem:statusOf ?act ; rem:asOf ?d }
                GROUP BY ?act }
              ?done rem:statusOf ?act ; rem:asOf ?last ;
                    rem:status <https://remit.example/vocab/status/completed> }
    } GROUP BY ?owner }
  OPTIONAL { ?owner rdfs:label ?label }
} ORDER BY DESC(?open) ?label
"""

#: Agencies counted per recommendation first, its text joined to the few kept: 1.4 s ->
#: 0.8 s at 1M triples, same rows.
CROSS_AGENCY = PREFIXES + """
SELECT DISTINCT ?rec ?text ?agencies WHERE {
  { SELECT ?rec (COUNT(DISTINCT ?body) AS ?agencies) WHERE {
      ?act rem:implements ?rec ; rem:responsibleParty ?p .
      { ?p rem:worksFor ?body } UNION { ?p rem:postIn ?body }
      UNION { ?p rem:holds/rem:postIn ?body }
      UNION { ?p a rem:Body . BIND(?p AS ?body) }
    } GROUP BY ?rec HAVING (COUNT(DISTINCT ?body) >= 2) }
  ?rec rem:text ?text .
} ORDER BY DESC(?agencies) ?text ?rec
"""

REPORT_RECEIVERS = PREFIXES + """
SELECT ?body ?label (COUNT(DISTINCT ?act) AS ?actions)
       (GROUP_CONCAT(DISTINCT ?fromLabel; separator="; ") AS ?from)
WHERE {
  ?act rem:reportsProgressTo ?body .
  OPTIONAL { ?body rdfs:label ?label }
  OPTIONAL { ?act rem:responsibleParty ?p . ?p rdfs:label ?fromLabel }
} GROUP BY ?body ?label ORDER BY DESC(?actions)
"""

OVERDUE = PREFIXES + """
SELECT ?rec ?text ?due WHERE {
  ?rec a rem:Recommendation ; rem:text ?text ; rem:dueDate ?due .
  FILTER(?due < ?asOf)
  MINUS { ?act rem:implements ?rec . ?s rem:statusOf ?act ;
          rem:status <https://remit.example/vocab/status/completed> }
} ORDER BY ?due ?text
"""


def _rows(store: Store, query: str, **bindings: Any) -> list[dict[str, Any]]:
    res = store.query(query, bindings=bindings or None)
    assert isinstance(res, Rows)
    return res.python()


def overdue(store: Store, as_of: dt.date) -> list[dict[str, Any]]:
    return _rows(store, OVERDUE, asOf=Literal(as_of.isoformat(), datatype=XSD.date))


#: Betweenness is exact up to this many nodes, estimated from a sample of sources above.
EXACT_UP_TO = 800
SAMPLE = 120


def centrality(store: Store, top: int = 10) -> dict[str, list[dict[str, Any]]]:
    """Degree and betweenness centrality of bodies and people in the accountability network
    (betweenness estimated from a sample of sources in large networks)."""
    g = accountability(store)
    if g.number_of_nodes() == 0:
        return {"degree": [], "betweenness": []}
    # nodes in sorted order: the sampled sources then depend on the graph, not on the order
    # the store returned its rows in
    und = nx.Graph()
    und.add_nodes_from(sorted(g.nodes))
    und.add_edges_from(g.to_undirected().edges())
    degree = nx.degree_centrality(und)
    # exact up to EXACT_UP_TO nodes; above, estimated from SAMPLE sources (exact is O(n*m):
    # 90 s at 5,000 nodes), with a fixed seed so the figures are repeatable
    n = und.number_of_nodes()
    between = (nx.betweenness_centrality(und) if n <= EXACT_UP_TO else
               nx.betweenness_centrality(und, k=SAMPLE, seed=0))
    wanted = {n for n, d in g.nodes(data=True) if d["type"] in ("body", "person", "post")}

    def ranked(scores: dict[str, float]) -> list[dict[str, Any]]:
        items = sorted(((s, n) for n, s in scores.items() if n in wanted), reverse=True)[:top]
        return [{"iri": n, "label": g.nodes[n]["label"], "type": g.nodes[n]["type"],
                 "score": round(s, 4)} for s, n in items]

    return {"degree": ranked(degree), "betweenness": ranked(between)}


def analyse(store: Store, as_of: dt.date) -> dict[str, Any]:
    """Every figure the officers' pages and `remit analyse` show."""
    return {
        "as_of": as_of.isoformat(),
        "no_owner": _rows(store, NO_OWNER),
        "role_only_owners": _rows(store, ROLE_ONLY),
        "open_load": _rows(store, OPEN_LOAD),
        "cross_agency": _rows(store, CROSS_AGENCY),
        "report_receivers": _rows(store, REPORT_RECEIVERS),
        "overdue": overdue(store, as_of),
        "centrality": centrality(store),
    }


_CACHE = StateCache(size=8)


def analyse_cached(store: Store, as_of: dt.date, state: str) -> dict[str, Any]:
    """:func:`analyse`, kept while the store's ``state`` is unchanged (the centrality of a
    large network takes seconds; the app asks for the same figures repeatedly)."""
    return _CACHE.get(state, as_of.isoformat(), lambda: analyse(store, as_of))
