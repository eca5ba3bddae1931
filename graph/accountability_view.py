"""The accountability projection: inspection or source document → recommendation → action →
responsible person, post or role → body, and the bodies progress is reported to.

Read as a few flat queries, each entity's facts once, and joined in Python. One query with
nested OPTIONALs joined every owner's label, kind and bodies again on every (action, owner,
recipient) row, with a FILTER NOT EXISTS per recommendation: 18 s at 1M triples.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from graph.netgraph import PREFIXES, add_edge, add_node, string_rows
from graph.store import Store

#: Each recommendation with its text, timescale, due date and sources (inspections first:
#: a recommendation from an inspection is drawn from it, not from its documents).
RECOMMENDATIONS = PREFIXES + """
SELECT ?rec ?recText ?timescale ?due ?insp ?doc WHERE {
  ?rec a rem:Recommendation ; rem:text ?recText .
  OPTIONAL { ?rec rem:timescale ?timescale }
  OPTIONAL { ?rec rem:dueDate ?due }
  OPTIONAL { ?rec rem:fromInspection ?insp }
  OPTIONAL { ?rec <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc }
}
"""

#: Actions with the recommendation they implement, their owners and report recipients.
ACTIONS = PREFIXES + """
SELECT ?act ?rec ?party ?to WHERE {
  { ?act rem:implements ?rec } UNION { ?act rem:responsibleParty ?party }
  UNION { ?act rem:reportsProgressTo ?to }
}
"""

#: Titles of sources; labels, kinds and bodies of agents (each fact once, not per action).
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
KIND_ORDER = ("person", "post", "role", "body")


def _first(d: dict[str, str], key: str, value: object) -> None:
    d.setdefault(key, str(value))


def _add(d: dict[str, list[str]], key: str, value: str) -> None:
    """Append once, keeping the order first seen."""
    items = d.setdefault(key, [])
    if value not in items:
        items.append(value)


def build(store: Store, statuses: dict[str, str]) -> nx.MultiDiGraph:
    """The unfiltered accountability graph; ``statuses`` maps an action to its latest status."""
    titles: dict[str, str] = {}
    for r in string_rows(store, TITLES):
        _first(titles, str(r["x"]), r["title"])
    labels: dict[str, str] = {}
    kinds: dict[str, set[str]] = defaultdict(set)
    bodies: dict[str, list[str]] = defaultdict(list)
    for r in string_rows(store, AGENTS):
        x = str(r["x"])
        if "label" in r:
            _first(labels, x, r["label"])
        elif "kind" in r:
            kinds[x].add(str(r["kind"]))
        elif "body" in r:
            _add(bodies, x, str(r["body"]))
    acts: dict[str, list[str]] = defaultdict(list)
    parties: dict[str, list[str]] = defaultdict(list)
    recipients: dict[str, list[str]] = defaultdict(list)
    for r in string_rows(store, ACTIONS):
        if "rec" in r:
            _add(acts, str(r["rec"]), str(r["act"]))
        elif "party" in r:
            _add(parties, str(r["act"]), str(r["party"]))
        elif "to" in r:
            _add(recipients, str(r["act"]), str(r["to"]))

    def label(iri: str) -> str:
        return labels.get(iri) or iri.rsplit("/", 1)[-1]

    def kind(iri: str) -> str:
        return next((k for k in KIND_ORDER if k in kinds.get(iri, ())), "person")

    recs: dict[str, dict] = {}
    sources: dict[str, dict[str, list[str]]] = {}
    for r in string_rows(store, RECOMMENDATIONS):
        rec = str(r["rec"])
        recs.setdefault(rec, r)
        found = sources.setdefault(rec, {"inspection": [], "document": []})
        if "insp" in r:
            _add(found, "inspection", str(r["insp"]))
        if "doc" in r:
            _add(found, "document", str(r["doc"]))
    g = nx.MultiDiGraph(view="accountability")
    for rec, r in recs.items():
        add_node(g, rec, "recommendation", str(r["recText"]),
                 timescale=str(r.get("timescale", "")), due=str(r.get("due", "")))
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
    return g
