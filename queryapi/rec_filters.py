"""Which recommendations match the API's filters: one plain pattern per query.

Why not one query with a UNION per filter: a value bound by VALUES before a UNION is not
pushed into its branches by pyoxigraph, so each branch is evaluated over the whole graph
and joined afterwards (the body filter took 1.0-2.4 s at 1M triples while its patterns,
each starting from the bound body, took 1-40 ms). Each pattern here starts from the
filter's value, so the engine answers it by index look-ups; the sets are combined in
Python, and the few left are checked to be recommendations in one more query. The status
filter is the one that needs every snapshot: it reads them through hash-joined
sub-SELECTs once and picks each recommendation's latest in Python.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from rdflib import URIRef
from rdflib.term import Identifier

from graph.store import Store
from queryapi import json_rows
from queryapi.jsonld import prologue

P = prologue()

#: Each filter's patterns (any one matching is enough), each starting from the bound value.
BRANCHES: dict[str, tuple[str, ...]] = {
    "body": (
        "?rec rem:addressedTo ?body",
        "?i rem:subjectBody ?body . ?rec rem:fromInspection ?i",
        "?fa rem:responsibleParty ?body . ?fa rem:implements ?rec",
        "?x rem:worksFor ?body . ?fb rem:responsibleParty ?x . ?fb rem:implements ?rec",
        "?x rem:postIn ?body . ?fb rem:responsibleParty ?x . ?fb rem:implements ?rec"),
    "owner": (
        "?oa rem:responsibleParty ?owner . ?oa rem:implements ?rec",
        "?op rem:heldBy ?owner . ?oa rem:responsibleParty ?op . ?oa rem:implements ?rec",
        "?owner rem:holds ?op . ?oa rem:responsibleParty ?op . ?oa rem:implements ?rec"),
    "inspection": ("?rec rem:fromInspection ?inspection",),
    "document": (
        "?rec prov:wasDerivedFrom ?document",
        "?ex rem:inDocument ?document . ?rec rem:evidence ?ex",
        "?insp rem:reportedIn ?document . ?rec rem:fromInspection ?insp"),
    "timescale": ("?rec rem:timescale ?timescale",),
    # due before the date of reference; whether the latest status is completed is left to
    # select() in api_data, which sees the described rows
    "overdue": ("?rec rem:dueDate ?oDue . "
                "FILTER(DATATYPE(?oDue) != xsd:date || ?oDue < ?asOfDay)",),
}
#: The variable a filter's value is bound to, where it is not the filter's own name.
FILTER_VARS = {"overdue": "asOfDay"}
ORDER = (*BRANCHES, "status")

#: Every status snapshot with its recommendation and date, hash-joined.
SNAPSHOTS = """SELECT ?rec ?status ?at WHERE {
  { SELECT ?sAct ?rec WHERE { ?sAct rem:implements ?rec } }
  { SELECT ?sSnap ?sAct WHERE { ?sSnap rem:statusOf ?sAct } }
  { SELECT ?sSnap ?status WHERE { ?sSnap rem:status ?status } }
  OPTIONAL { { SELECT ?sSnap ?at WHERE { ?sSnap rem:asOf ?at } } } }"""
#: The same for a few recommendations already chosen by the other filters (bound ?rec).
SNAPSHOTS_OF = """SELECT ?rec ?status ?at WHERE {
  ?sAct rem:implements ?rec . ?sSnap rem:statusOf ?sAct ; rem:status ?status .
  OPTIONAL { ?sSnap rem:asOf ?at } }"""
#: ``?rec a rem:Recommendation`` for a bound ?rec: with the class constant, pyoxigraph scans
#: every recommendation per row (1.1 s for 1,148 bound IRIs at 1M triples; this: 0.03 s).
IS_REC_PATTERN = "?rec a ?recClass . FILTER(?recClass = rem:Recommendation)"
IS_REC = f"SELECT ?rec WHERE {{ {IS_REC_PATTERN} }}"


def _rows(store: Store, query: str, bindings: dict[str, Any] | None = None) -> list[dict]:
    return json_rows.rows(store, P + query, bindings)


def _matching(store: Store, name: str, value: Identifier | list[URIRef]) -> set[str]:
    var = FILTER_VARS.get(name, name)
    found: set[str] = set()
    for pattern in BRANCHES[name]:
        found.update(str(r["rec"]) for r in _rows(
            store, f"SELECT DISTINCT ?rec WHERE {{ {pattern} }}", {var: value}))
    return found


def with_latest_status(store: Store, status: Identifier,
                       among: set[str] | None = None) -> set[str]:
    """Recommendations (of ``among``, if given) one of whose snapshots on their latest date
    (the date as text, "" when undated, as api_data compares them) has ``status``: on a tie
    of dates perhaps one more than the exact rule, which select() then drops."""
    found = (_rows(store, SNAPSHOTS) if among is None else
             _rows(store, SNAPSHOTS_OF, {"rec": [URIRef(x) for x in sorted(among)]}))
    latest: dict[str, str] = {}
    by_key: dict[tuple[str, str], set[str]] = defaultdict(set)
    for r in found:
        rec, key = str(r["rec"]), str(r.get("at") or "")
        if rec not in latest or key > latest[rec]:
            latest[rec] = key
        by_key[(rec, key)].add(str(r["status"]))
    wanted = str(status)
    return {rec for rec, key in latest.items() if wanted in by_key[(rec, key)]}


def find_recommendations(store: Store, filters: dict[str, Identifier | list[URIRef]]
                         ) -> list[URIRef]:
    """The recommendations matching every filter, in IRI order. ``status`` (a status IRI)
    and ``overdue`` (the date of reference, for overdue only) narrow to a superset that
    api_data.select then checks exactly against the described rows."""
    names = [n for n in ORDER if n in filters]
    if not names:
        return [r["rec"] for r in _rows(
            store, "SELECT DISTINCT ?rec WHERE { ?rec a rem:Recommendation } ORDER BY ?rec")]
    chosen: set[str] | None = None
    for name in names:  # the selective filters first; stop as soon as nothing is left
        if name == "status":  # last: among the others' few when there are others
            found = with_latest_status(store, filters[name], chosen)  # type: ignore[arg-type]
        else:
            found = _matching(store, name, filters[name])
        chosen = found if chosen is None else chosen & found
        if not chosen:
            return []
    recs = [URIRef(r["rec"]) for r in _rows(store, IS_REC,
                                             {"rec": [URIRef(x) for x in sorted(chosen)]})]
    return sorted(set(recs), key=str)
