"""The accountability projection: inspection or source document → recommendation → action →
responsible person, post or role → body, the bodies progress is reported to, and the bodies
linked to those by oversight or reporting.

Read as ten small flat queries, each entity's facts once, and joined in Python. One query with
nested OPTIONALs joined every owner's label, kind and bodies again on every (action, owner,
recipient) row, with a FILTER NOT EXISTS per recommendation: 18 s at 1M triples.

The joins left in the queries are written as joins of sub-SELECTs. Given a plain pattern,
pyoxigraph looks up the second triple pattern once per row of the first (an index seek
each); given two sub-SELECTs it reads each whole and joins them in a hash table: at 1M
triples the status snapshots take 0.3 s instead of 1.2 s, the recommendations' facts 0.3 s
instead of 1.2 s, the links between bodies 0.02 s instead of 0.4 s. Documents are read only
for recommendations without an inspection (the only ones drawn from documents).

Small queries, not one per entity: on the app's pooled reader they run side by side on two
workers, and none nears the CPU second after which the pool demotes a query.
"""

from __future__ import annotations

from collections import defaultdict

import networkx as nx

from graph.netgraph import PREFIXES, GraphBuilder, bulk
from graph.sparql_rows import Table, tables

#: Each recommendation with its text, timescale and due date.
REC_FACTS = PREFIXES + """
SELECT ?rec ?recText ?timescale ?due WHERE {
  { SELECT ?rec WHERE { ?rec a rem:Recommendation } }
  { SELECT ?rec ?recText WHERE { ?rec rem:text ?recText } }
  OPTIONAL { SELECT ?rec ?timescale WHERE { ?rec rem:timescale ?timescale } }
  OPTIONAL { SELECT ?rec ?due WHERE { ?rec rem:dueDate ?due } }
}
"""

#: Sources: a recommendation from an inspection is drawn from it, not from its documents,
#: so documents are read only for recommendations without one.
REC_INSPECTIONS = PREFIXES + "SELECT ?rec ?insp WHERE { ?rec rem:fromInspection ?insp }"
REC_DOCUMENTS = PREFIXES + """
SELECT ?rec ?doc WHERE {
  { SELECT ?rec WHERE { ?rec a rem:Recommendation MINUS { ?rec rem:fromInspection ?i } } }
  { SELECT ?rec ?doc WHERE { ?rec <http://www.w3.org/ns/prov#wasDerivedFrom> ?doc } }
}
"""

#: Actions with the recommendation they implement, their owners and report recipients.
IMPLEMENTS = PREFIXES + "SELECT ?act ?rec WHERE { ?act rem:implements ?rec }"
OWNERS = PREFIXES + "SELECT ?act ?party WHERE { ?act rem:responsibleParty ?party }"
RECIPIENTS = PREFIXES + "SELECT ?act ?to WHERE { ?act rem:reportsProgressTo ?to }"

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

#: Slowest first: on a pooled reader they start first, side by side. Each is kept well under
#: a second of CPU at 1M triples, cold: the worker pool demotes a query past that (see
#: graph/workers.py), and small queries share two workers evenly.
QUERIES = (REC_FACTS, RECIPIENTS, SNAPSHOTS, REC_INSPECTIONS, OWNERS, IMPLEMENTS, TITLES,
           AGENTS, REC_DOCUMENTS, OVERSIGHT)
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
    with bulk():
        return assemble(dict(zip(QUERIES, tables(store, QUERIES), strict=True)))


def _sets(t: Table, key: str, value: str) -> dict[str, dict[str, None]]:
    """``value`` by ``key``, each once, in the order read (a dict as an ordered set)."""
    out: dict[str, dict[str, None]] = {}
    for k, v in _pairs(t, key, value):
        out.setdefault(k, {})[v] = None
    return out


def assemble(results: dict[str, Table]) -> nx.MultiDiGraph:
    """The graph from the results of the :data:`QUERIES`, keyed by query."""
    statuses = latest_status(results[SNAPSHOTS])
    ag = _Agents(results[TITLES], results[AGENTS])
    acts = _sets(results[IMPLEMENTS], "rec", "act")
    parties = _sets(results[OWNERS], "act", "party")
    recipients = _sets(results[RECIPIENTS], "act", "to")
    inspections = _sets(results[REC_INSPECTIONS], "rec", "insp")
    documents = _sets(results[REC_DOCUMENTS], "rec", "doc")
    recs: dict[str, tuple[str, str, str]] = {}
    for rec, text, timescale, due in _pairs(results[REC_FACTS], "rec", "recText", "timescale",
                                            "due"):
        recs.setdefault(rec, (text, timescale, due))
    b = GraphBuilder()
    for rec, (text, timescale, due) in recs.items():
        b.node(rec, "recommendation", text, timescale=timescale, due=due)
        found = inspections.get(rec)
        kind_, srcs = ("inspection", found) if found else ("document", documents.get(rec, ()))
        for src in srcs:
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
    _link_bodies(b, results[OVERSIGHT])
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
