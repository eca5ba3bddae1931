"""People and bodies for the accountability API: posts, memberships, what they answer for,
and for bodies the transitive chains of reporting and oversight."""

from __future__ import annotations

from typing import Any

from rdflib import URIRef

from queryapi import api_data as data
from queryapi.api_data import py, ref, rows
from queryapi.errors import ApiError
from queryapi.state import AppState


def _exists(st: AppState, iri: URIRef, cls: str) -> dict[str, Any]:
    found = rows(st.reader(), f"""SELECT ?label WHERE {{ ?x a rem:{cls}
      OPTIONAL {{ ?x rdfs:label ?label }} }} LIMIT 1""", {"x": iri})
    if not found:
        raise ApiError(404, f"no {cls.lower()} with key {iri.rsplit('/', 1)[-1]!r}")
    return {**ref(iri, found[0].get("label"))}


def _responsible_for(st: AppState, agents: list[URIRef]) -> list[dict[str, Any]]:
    recs = rows(st.reader(), """SELECT DISTINCT ?rec WHERE {
      ?act rem:implements ?rec ; rem:responsibleParty ?agent }""", {"agent": agents})
    described = data.describe_recommendations(st.reader(), [r["rec"] for r in recs],
                                              st.settings.today())
    return [{k: r[k] for k in ("iri", "key", "id", "text", "due_date", "status", "overdue")}
            for r in described]


def describe_person(st: AppState, iri: URIRef) -> dict[str, Any]:
    out = _exists(st, iri, "Person")
    agent = data.agents(st.reader(), [iri]).get(str(iri), {})
    names = rows(st.reader(), """SELECT DISTINCT ?name ?honorific WHERE {
      OPTIONAL { ?p skos:altLabel|foaf:name ?name } OPTIONAL { ?p rem:honorific ?honorific } }""",
                 {"p": iri})
    members = rows(st.reader(), """SELECT DISTINCT ?body ?label ?role WHERE {
      { ?m rem:member ?p ; rem:organisation ?body OPTIONAL { ?m rem:role ?r } BIND(?r AS ?role0) }
      UNION { ?p rem:chairs ?body BIND(role:chair AS ?role0) }
      UNION { ?p rem:viceChairs ?body BIND(role:vice-chair AS ?role0) }
      UNION { ?p rem:memberOf ?body }
      BIND(COALESCE(?role0, ?r) AS ?role)
      OPTIONAL { ?body rdfs:label ?label } }""", {"p": iri})
    memberships: dict[str, dict[str, Any]] = {}
    for m in members:
        entry = memberships.setdefault(str(m["body"]), {**ref(m["body"], m.get("label")),
                                                        "roles": []})
        role = data.code(m.get("role"))
        if role and role not in entry["roles"]:
            entry["roles"].append(role)
    posts = [URIRef(p["iri"]) for p in agent.get("posts", [])]
    out.update({
        "names": sorted({str(n["name"]) for n in names if "name" in n}),
        "honorific": next((py(n["honorific"]) for n in names if "honorific" in n), None),
        "posts": agent.get("posts", []), "bodies": agent.get("bodies", []),
        "memberships": list(memberships.values()),
        "responsible_for": _responsible_for(st, [iri, *posts])})
    return out


def describe_body(st: AppState, iri: URIRef) -> dict[str, Any]:
    out = _exists(st, iri, "Body")
    store = st.reader()
    facts = rows(store, """SELECT ?acronym ?type ?parent ?parentLabel WHERE {
      OPTIONAL { ?b rem:acronym ?acronym } OPTIONAL { ?b rem:bodyType ?type }
      OPTIONAL { ?b org:subOrganizationOf ?parent OPTIONAL { ?parent rdfs:label ?parentLabel } }
    }""", {"b": iri})
    f = facts[0] if facts else {}

    def chain(path: str) -> list[dict[str, Any]]:
        found = rows(store, f"""SELECT DISTINCT ?x ?label WHERE {{ ?b {path} ?x
          FILTER(?x != ?b) OPTIONAL {{ ?x rdfs:label ?label }} }} ORDER BY ?label""",
                     {"b": iri})
        return [ref(r["x"], r.get("label")) for r in found]

    owns = data.find_recommendations(store, {"body": iri})  # same rule as ?body= filter
    described = data.describe_recommendations(store, owns, st.settings.today())
    members = rows(store, """SELECT DISTINCT ?p ?label ?role WHERE {
      { ?m rem:organisation ?b ; rem:member ?p OPTIONAL { ?m rem:role ?role } }
      UNION { ?p rem:chairs ?b BIND(role:chair AS ?role) }
      UNION { ?p rem:memberOf ?b }
      OPTIONAL { ?p rdfs:label ?label } } ORDER BY ?label""", {"b": iri})
    people: dict[str, dict[str, Any]] = {}
    for m in members:
        entry = people.setdefault(str(m["p"]), {**ref(m["p"], m.get("label")), "roles": []})
        role = data.code(m.get("role"))
        if role and role not in entry["roles"]:
            entry["roles"].append(role)
    meetings = rows(store, """SELECT DISTINCT ?m ?date WHERE { ?m rem:ofBody ?b
      OPTIONAL { ?m rem:date ?date } } ORDER BY ?date""", {"b": iri})
    out.update({
        "acronym": py(f.get("acronym")), "body_type": data.code(f.get("type")),
        "parent": ref(f["parent"], f.get("parentLabel")) if "parent" in f else None,
        "owns": [{k: r[k] for k in ("iri", "key", "id", "text", "due_date", "status",
                                    "overdue")} for r in described],
        "reports_to": chain("(rem:reportsTo|rem:reportsProgressTo|rem:accountableTo)+"),
        "overseen_by": chain("(^rem:oversees|rem:overseenBy)+"),
        "members": list(people.values()),
        "meetings": [{**ref(m["m"]), "date": py(m.get("date"))} for m in meetings]})
    return out
