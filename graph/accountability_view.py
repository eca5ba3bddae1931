"""The accountability projection: inspection or source document → recommendation → action →
responsible person, post or role → body, the bodies progress is reported to, and the bodies
linked to those by oversight or reporting.

Read as six flat queries, each entity's facts once, and joined in Python. One query with
nested OPTIONALs joined every owner's label, kind and bodies again on every (action, owner,
recipient) row, with a FILTER NOT EXISTS per recommendation: 18 s at 1M triples.

The joins left in the queries are written as joins of sub-SELECTs. Given a plain pattern,
pyoxigraph looks up the second triple pattern once per row of the first (an index seek
each); given two sub-SELECTs it reads each whole and joins them in a hash table: the status
snapshots at 1M triples take 0.3 s instead of 1.2 s, the recommendations 0.5 s instead of
1.2 s, the oversight links 0.02 s instead of 0.4 s.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from graph.netgraph import PREFIXES, GraphBuilder
from graph.sparql_rows import Table, tables

#: Each recommendation with its text, timescale, due date and sources (inspections first:
#: a recommendation from an inspection is drawn from it, not from its documents).
RECOMMENDATIONS = PREFIXES + """
SELECT ?rec ?recText ?timescale ?due ?insp ?doc WHERE {
  { SELECT ?rec WHERE { ?rec a rem:Recommendation } }
  { SELECT ?rec ?recText WHERE { ?rec rem:text ?recText } }
  OPTIONAL { SELECT ?rec ?timescale WHERE { ?rec rem:timescale ?timescale } }
  OPTIONAL { SELECT ?rec ?due WHERE { ?rec rem:dueDate ?due } }
  OPTIONAL { SELECT ?rec ?insp WHERE { ?rec rem:fromInspection ?insp } }
  OPTIONAL { SELECT ?rec ?doc WHERE { ?rec <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc } }
}
"""

#: Actions with the recommendation they implement, their owners and report recipients.
ACTIONS = PREFIXES + """
SELECT ?act ?rec ?party ?to WHERE {
  { ?act rem:implements ?rec } UNION { ?act rem:responsibleParty ?party }
  UNION { ?act rem:reportsProgressTo ?to }
}
"""

#: Every dated status snapshot; the latest per action is picked in Python
#: (:func:`latest_status`): a FILTER NOT EXISTS over later snapshots is evaluated per row
#: (5.4 s of the projection's 6 s at 100k triples), and a grouped MAX then joined back is
#: no faster than reading them all.
SNAPSHOTS = PREFIXES + """
SELECT ?act ?asOf ?status WHERE {
  { SELECT ?s ?act WHERE { ?s rem:statusOf ?act } }
  { SELECT ?s ?asOf WHERE { ?s rem:asOf ?asOf } }
  OPTIONAL { SELECT ?s ?status WHERE { ?s rem:status ?status } }
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

#: Links between bodies (also the *bodies* view's edges), with their labels.
OVERSIGHT = PREFIXES + """
SELECT ?a ?aLabel ?rel ?b ?bLabel WHERE {
  { SELECT ?a ?rel ?b WHERE {
      VALUES ?rel { rem:oversees rem:reportsTo rem:reportsProgressTo rem:accountableTo
                    rem:commissions rem:inspects rem:memberOf rem:partnerOf }
      ?a ?rel ?b } }
  { SELECT ?a WHERE { ?a a rem:Body } }
  { SELECT ?b WHERE { ?b a rem:Body } }
  OPTIONAL { ?a rdfs:label ?aLabel } OPTIONAL { ?b rdfs:label ?bLabel }
}
"""

#: Slowest first: on a pooled reader they start first, side by side.
QUERIES = (RECOMMENDATIONS, ACTIONS, SNAPSHOTS, TITLES, AGENTS, OVERSIGHT)
KIND_ORDER = ("person", "post", "role", "body")


def tail(iri: str) -> str:
    """The last path segment of an IRI: the label of a node without one."""
    return iri.rsplit("/", 1)[-1]


def _pairs(t: Table, *names: str) -> list[list[str]]:
    """The rows with the named columns only, in that order (the header may be reordered by a
    remote server)."""
    idx = [t.vars.index(n) for n in names]
    if idx == list(range(len(t.vars))):
        return t.rows
    return [[r[i] for i in idx] for r in t.rows]


def latest_status(t: Table) -> dict[str, str]:
    """Each action's status in its latest dated snapshot ("" if that snapshot has none);
    of two snapshots on one date, the greater status string (a stable choice)."""
    latest: dict[str, tuple[str, str]] = {}
    for act, when, status in _pairs(t, "act", "asOf", "status"):
        seen = latest.get(act)
        if seen is None or (when, status) > seen:
            latest[act] = (when, status)
    return {act: status for act, (_when, status) in latest.items()}


class _Agents:
    """Labels, kinds and bodies of agents, and titles of sources, first label kept."""

    def __init__(self, titles: Table, agents: Table) -> None:
        self.titles: dict[str, str] = {}
        for x, title in _pairs(titles, "x", "title"):
            self.titles.setdefault(x, title)
        self.labels: dict[str, str] = {}
        kinds: dict[str, set[str]] = defaultdict(set)
        self.bodies: dict[str, dict[str, None]] = {}
        for x, label, kind, body in _pairs(agents, "x", "label", "kind", "body"):
            # one UNION branch per row: kind and body are never empty when bound
            if kind:
                kinds[x].add(kind)
            elif body:
                self.bodies.setdefault(x, {})[body] = None
            else:
                self.labels.setdefault(x, label)
        self.kinds = {x: next((k for k in KIND_ORDER if k in ks), "person")
                      for x, ks in kinds.items()}

    def label(self, iri: str) -> str:
        return self.labels.get(iri) or tail(iri)

    def kind(self, iri: str) -> str:
        return self.kinds.get(iri, "person")


def build(store: object) -> nx.MultiDiGraph:
    """The unfiltered accountability graph, its queries run side by side where ``store``
    is backed by a worker pool (see :func:`graph.sparql_rows.tables`)."""
    recs_t, acts_t, snaps_t, titles_t, agents_t, links_t = tables(store, QUERIES)
    return assemble(recs_t, acts_t, snaps_t, titles_t, agents_t, links_t)


def assemble(recs_t: Table, acts_t: Table, snaps_t: Table, titles_t: Table,
             agents_t: Table, links_t: Table) -> nx.MultiDiGraph:
    """The graph from the six queries' results (each of the :data:`QUERIES`, in order)."""
    statuses = latest_status(snaps_t)
    ag = _Agents(titles_t, agents_t)
    acts: dict[str, dict[str, None]] = {}
    parties: dict[str, dict[str, None]] = {}
    recipients: dict[str, dict[str, None]] = {}
    for act, rec, party, to in _pairs(acts_t, "act", "rec", "party", "to"):
        if rec:
            acts.setdefault(rec, {})[act] = None
        elif party:
            parties.setdefault(act, {})[party] = None
        elif to:
            recipients.setdefault(act, {})[to] = None
    recs: dict[str, tuple[str, str, str]] = {}
    sources: dict[str, tuple[dict[str, None], dict[str, None]]] = {}
    for rec, text, timescale, due, insp, doc in _pairs(
            recs_t, "rec", "recText", "timescale", "due", "insp", "doc"):
        if rec not in recs:
            recs[rec] = (text, timescale, due)
            sources[rec] = ({}, {})
        if insp:
            sources[rec][0][insp] = None
        if doc:
            sources[rec][1][doc] = None
    b = GraphBuilder()
    for rec, (text, timescale, due) in recs.items():
        b.node(rec, "recommendation", text, timescale=timescale, due=due)
        inspections, documents = sources[rec]
        kind_ = "inspection" if inspections else "document"
        for src in inspections or documents:
            b.edge(b.node(src, kind_, ag.titles.get(src) or tail(src)), rec, "recommends")
        for act in acts.get(rec, ()):
            b.node(act, "action", "Action", status=statuses.get(act, ""))
            b.edge(rec, act, "implemented_by")
            for party in parties.get(act, ()):
                if party not in b:
                    b.node(party, ag.kind(party), ag.label(party))
                b.edge(act, party, "responsible")
                for body in ag.bodies.get(party, ()):
                    if body not in b:
                        b.node(body, "body", ag.label(body))
                    b.edge(party, body, "works_for")
            for to in recipients.get(act, ()):
                if to not in b:
                    b.node(to, "body", ag.label(to))
                b.edge(act, to, "reports_to")
    _link_bodies(b, links_t)
    return b.graph("accountability")


def _link_bodies(b: GraphBuilder, links: Table) -> None:
    """Links between bodies that touch the chain built so far (one hop, so the result does
    not depend on the order the store returns links in)."""
    core = set(b.nodes)
    for a, a_label, rel, z, z_label in _pairs(links, "a", "aLabel", "rel", "b", "bLabel"):
        if a in core or z in core:
            b.node(a, "body", a_label or tail(a))
            b.node(z, "body", z_label or tail(z))
            b.edge(a, z, rel.rsplit("#", 1)[-1])
