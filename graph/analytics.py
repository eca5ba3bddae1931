"""Accountability analytics for `remit analyse`, /api/analytics and the notebooks.

Each figure is one SPARQL query (the date of reference is bound as a typed literal, never
pasted) or a networkx measure over the accountability projection. Open means the action's
latest status snapshot is not ``status:completed``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import networkx as nx
from rdflib import Literal
from rdflib.namespace import XSD

from graph.betweenness import betweenness
from graph.layout_cache import StateCache
from graph.projections import PREFIXES, accountability
from graph.store import Rows, Store

#: Why every join below is written as sub-SELECTs: pyoxigraph joins two triple patterns
#: that share a variable by looking each row's value up in the index (a nested loop of
#: disk seeks), but two sub-SELECTs by hashing one side. At 1M triples (same rows, same
#: run) the status snapshots joined with their dates went from 0.83 s to 0.22 s, and the
#: analytics queries from 1.4-3.8 s to 0.4-0.9 s (BENCHMARKS.md). tests/
#: test_competency_equivalence.py checks each against its plain first version.
#:
#: No owner = no action of it has an owner who is not role-only. The owned recommendations
#: are found once, by an anti-join (MINUS), not by a NOT EXISTS per row inside a NOT EXISTS
#: per recommendation (which ran for minutes at 1M triples).
NO_OWNER = PREFIXES + """
SELECT ?rec ?text ?timescale WHERE {
  { SELECT ?rec WHERE {
      { SELECT ?rec WHERE { ?rec a rem:Recommendation } }
      MINUS { SELECT DISTINCT ?rec WHERE {
            { SELECT ?act ?rec WHERE { ?act rem:implements ?rec } }
            { SELECT ?act ?p WHERE { ?act rem:responsibleParty ?p } }
            MINUS { ?p a rem:RoleOwner } } } } }
  ?rec rem:text ?text .
  OPTIONAL { ?rec rem:timescale ?timescale }
}
"""

#: The role-only owners' pairs first, then texts and labels: with the OPTIONAL in the same
#: group the engine joined every recommendation's text first (152 s -> 0.17 s at 1M).
ROLE_ONLY = PREFIXES + """
SELECT ?rec ?text ?role ?roleLabel WHERE {
  { SELECT DISTINCT ?rec ?role WHERE {
      ?role a rem:RoleOwner . ?act rem:responsibleParty ?role ; rem:implements ?rec } }
  ?rec rem:text ?text .
  OPTIONAL { ?role rdfs:label ?roleLabel }
}
"""

#: Open = the action's latest snapshot is not completed: the actions whose latest date has
#: a completed snapshot are taken away (MINUS, one anti-join, not a NOT EXISTS per row).
OPEN_LOAD = PREFIXES + """
SELECT DISTINCT ?owner ?label ?open WHERE {
  { SELECT ?owner (COUNT(DISTINCT ?act) AS ?open) WHERE {
      { SELECT ?act ?owner WHERE { ?act rem:responsibleParty ?owner } }
      { SELECT ?act WHERE { ?act a rem:Action } }
      MINUS { ?act rem:unassigned true }
      MINUS { SELECT DISTINCT ?act WHERE {
          { SELECT ?act (MAX(?d) AS ?last) WHERE {
              { SELECT ?s ?act WHERE { ?s rem:statusOf ?act } }
              { SELECT ?s ?d WHERE { ?s rem:asOf ?d } } } GROUP BY ?act }
          { SELECT ?act ?last WHERE {
              { SELECT ?done WHERE {
                  ?done rem:status <https://remit.example/vocab/status/completed> } }
              { SELECT ?done ?act WHERE { ?done rem:statusOf ?act } }
              { SELECT ?done ?last WHERE { ?done rem:asOf ?last } } } } } }
    } GROUP BY ?owner }
  OPTIONAL { ?owner rdfs:label ?label }
}
"""

#: Agencies counted per recommendation first, its text joined to the few kept.
CROSS_AGENCY = PREFIXES + """
SELECT DISTINCT ?rec ?text ?agencies WHERE {
  { SELECT ?rec (COUNT(DISTINCT ?body) AS ?agencies) WHERE {
      { SELECT ?act ?rec WHERE { ?act rem:implements ?rec } }
      { SELECT ?act ?p WHERE { ?act rem:responsibleParty ?p } }
      { SELECT ?p ?body WHERE {
          { ?p rem:worksFor ?body } UNION { ?p rem:postIn ?body }
          UNION { ?p rem:holds/rem:postIn ?body }
          UNION { ?p a rem:Body . BIND(?p AS ?body) } } }
    } GROUP BY ?rec HAVING (COUNT(DISTINCT ?body) >= 2) }
  ?rec rem:text ?text .
}
"""

REPORT_RECEIVERS = PREFIXES + """
SELECT ?body ?label (COUNT(DISTINCT ?act) AS ?actions)
       (GROUP_CONCAT(DISTINCT ?fromLabel; separator="; ") AS ?from)
WHERE {
  { SELECT ?act ?body WHERE { ?act rem:reportsProgressTo ?body } }
  OPTIONAL { ?body rdfs:label ?label }
  OPTIONAL { { SELECT ?act ?fromLabel WHERE {
      { SELECT ?act ?p WHERE { ?act rem:responsibleParty ?p } }
      { SELECT ?p ?fromLabel WHERE { ?p rdfs:label ?fromLabel } } } } }
} GROUP BY ?body ?label ORDER BY DESC(?actions) ?label ?body
"""

OVERDUE = PREFIXES + """
SELECT ?rec ?text ?due WHERE {
  { SELECT ?rec ?due WHERE { ?rec rem:dueDate ?due } }
  FILTER(?due < ?asOf)
  { SELECT ?rec WHERE { ?rec a rem:Recommendation } }
  MINUS { SELECT DISTINCT ?rec WHERE {
      { SELECT ?act ?rec WHERE { ?act rem:implements ?rec } }
      { SELECT ?s ?act WHERE { ?s rem:statusOf ?act } }
      { SELECT ?s WHERE { ?s rem:status <https://remit.example/vocab/status/completed> } } } }
  ?rec rem:text ?text .
}
"""


def _text(value: Any) -> tuple[int, str]:
    """A value's place in a SPARQL ``ORDER BY``: unbound first, then by its string (the
    literals and IRIs sorted here are compared by their strings, code point by code point,
    by the engine and by Python alike; dates are ISO strings)."""
    return (0, "") if value is None else (1, str(value))


#: Each figure's order, applied in Python to the rows its query returns. Why: pyoxigraph
#: re-reads stored strings from disk at every comparison of a sort (finding 16), which was
#: 25-50 % of these queries at 5M triples (open load 1.24 -> 0.97 s, without owner 1.08
#: -> 0.54 s); a few thousand rows sort here in milliseconds. ``ORDERS`` is the same
#: order in SPARQL, for the record and for tests/test_competency_equivalence.py, which
#: checks that both give the same sequence. Ties on the SPARQL keys are broken by the
#: remaining columns, so every listing is repeatable.
ORDERS: dict[str, tuple[str, Callable[[dict[str, Any]], Any]]] = {
    "no_owner": ("ORDER BY ?text ?rec",
                 lambda r: (_text(r.get("text")), r["rec"])),
    "role_only_owners": ("ORDER BY ?text",
                         lambda r: (_text(r.get("text")), r["rec"], r["role"],
                                    _text(r.get("roleLabel")))),
    "open_load": ("ORDER BY DESC(?open) ?label ?owner",
                  lambda r: (-int(r["open"]), _text(r.get("label")), r["owner"])),
    "cross_agency": ("ORDER BY DESC(?agencies) ?text ?rec",
                     lambda r: (-int(r["agencies"]), _text(r.get("text")), r["rec"])),
    "overdue": ("ORDER BY ?due ?text ?rec",
                lambda r: (_text(r.get("due")), _text(r.get("text")), r["rec"])),
}


def _rows(store: Store, query: str, **bindings: Any) -> list[dict[str, Any]]:
    res = store.query(query, bindings=bindings or None)
    assert isinstance(res, Rows)
    return res.python()


def _ordered(figure: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return sorted(rows, key=ORDERS[figure][1])


def overdue(store: Store, as_of: dt.date) -> list[dict[str, Any]]:
    return _ordered("overdue", _rows(store, OVERDUE,
                                     asOf=Literal(as_of.isoformat(), datatype=XSD.date)))


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
    # edges added as they are: ``to_undirected()`` deep-copies every attribute first (1.0 s
    # of the 1M-triple view's 72,000 edges, for the same simple graph)
    und = nx.Graph()
    und.add_nodes_from(sorted(g.nodes))
    und.add_edges_from(g.edges())
    degree = nx.degree_centrality(und)
    # exact up to EXACT_UP_TO nodes; above, estimated from SAMPLE sources (exact is O(n*m):
    # 90 s at 5,000 nodes with networkx), with a fixed seed so the figures are repeatable;
    # graph.betweenness gives networkx's floats 18x faster (4.27 -> 0.24 s at 1M triples)
    n = und.number_of_nodes()
    between = betweenness(und) if n <= EXACT_UP_TO else betweenness(und, k=SAMPLE, seed=0)
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
        "no_owner": _ordered("no_owner", _rows(store, NO_OWNER)),
        "role_only_owners": _ordered("role_only_owners", _rows(store, ROLE_ONLY)),
        "open_load": _ordered("open_load", _rows(store, OPEN_LOAD)),
        "cross_agency": _ordered("cross_agency", _rows(store, CROSS_AGENCY)),
        "report_receivers": _rows(store, REPORT_RECEIVERS),
        "overdue": overdue(store, as_of),
        "centrality": centrality(store),
    }


_CACHE = StateCache(size=8)


def analyse_cached(store: Store, as_of: dt.date, state: str) -> dict[str, Any]:
    """:func:`analyse`, kept while the store's ``state`` is unchanged (the centrality of a
    large network takes seconds; the app asks for the same figures repeatedly)."""
    return _CACHE.get(state, as_of.isoformat(), lambda: analyse(store, as_of))
