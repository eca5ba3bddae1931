"""The accountability API's data: SPARQL over the store, parameters bound as RDF terms
(a VALUES block built from terms; nothing a client sends is pasted into query text), rows
assembled into plain dicts for JSON and CSV.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import Any

from rdflib import Literal, URIRef
from rdflib.term import Identifier

from graph.store import Store
from ontology.namespaces import REM, STATUS, TIMESCALE
from queryapi import json_rows, rec_filters
from queryapi.jsonld import prologue

P = prologue()
AGENT_TYPES = {REM.Person: "person", REM.Post: "post", REM.RoleOwner: "role-owner",
               REM.Body: "body"}
STATUS_CODES = ("red", "amber", "green", "completed", "not-started", "in-progress",
                "on-track", "deferred", "unknown")
TIMESCALE_CODES = ("immediately", "within-3-months", "within-6-months", "within-12-months",
                   "other")
DONE = {STATUS.completed}

IS_REC = rec_filters.IS_REC_PATTERN


def rows(store: Store, query: str, bindings: dict[str, Identifier | Sequence[Identifier]]
         ) -> list[dict[str, Any]]:
    """Rows as Python values (IRIs as URIRef, literals as numbers or text): see
    queryapi/json_rows.py."""
    return json_rows.rows(store, P + query, bindings)


def ref(iri: Any, label: Any = None) -> dict[str, Any]:
    s = str(iri)
    return {"iri": s, "key": s.rsplit("/", 1)[-1], "label": str(label) if label else None}


def code(iri: Any) -> str | None:
    return str(iri).rsplit("/", 1)[-1] if iri is not None else None


def py(v: Any) -> Any:
    """A row's value for JSON: literals are already numbers or text; IRIs as text."""
    if isinstance(v, Literal):
        value = v.toPython()
        return value.isoformat() if isinstance(value, dt.date) else value
    if v is None or isinstance(v, bool | int | float):
        return v
    return str(v)


find_recommendations = rec_filters.find_recommendations


def select(recs: list[dict[str, Any]], status: str | None, overdue: bool | None
           ) -> list[dict[str, Any]]:
    """The described recommendations whose latest status code is ``status`` and whose
    overdue flag is ``overdue`` (None: either); the exact rule the SPARQL filters approach."""
    if status:
        recs = [r for r in recs if (r["status"] or {}).get("status") == status]
    if overdue is not None:
        recs = [r for r in recs if r["overdue"] == overdue]
    return recs


#: What :func:`agents` reads, one query per kind of fact: with the four as one UNION,
#: pyoxigraph evaluated every branch over the whole graph before joining the bound agents
#: (250-380 ms for one person at 1M triples; these four: 8 ms).
AGENT_FACTS = {
    "t": """SELECT ?a ?t ?label WHERE { ?a a ?t .
      FILTER(?t IN (rem:Person, rem:Post, rem:RoleOwner, rem:Body))
      OPTIONAL { ?a rdfs:label ?label } }""",
    "post": """SELECT ?a ?post ?postLabel ?pb ?pbLabel WHERE {
      { ?a rem:holds ?post } UNION { ?post rem:heldBy ?a }
      OPTIONAL { ?post rdfs:label ?postLabel }
      OPTIONAL { ?post rem:postIn ?pb OPTIONAL { ?pb rdfs:label ?pbLabel } } }""",
    "body": """SELECT ?a ?body ?bodyLabel WHERE { ?a rem:worksFor|rem:postIn ?body
      OPTIONAL { ?body rdfs:label ?bodyLabel } }""",
    "h": """SELECT ?a ?h ?hLabel WHERE { { ?a rem:heldBy ?h } UNION { ?h rem:holds ?a }
      OPTIONAL { ?h rdfs:label ?hLabel } }""",
}


def agents(store: Store, iris: Iterable[URIRef]) -> dict[str, dict[str, Any]]:
    """Owners described: type and label; a person's posts (with bodies) and bodies; a post's
    holders and body; a role-owner's body."""
    chosen = list(dict.fromkeys(iris))
    if not chosen:
        return {}
    out: dict[str, dict[str, Any]] = {}
    for kind, q in AGENT_FACTS.items():
        for r in rows(store, q, {"a": chosen}):
            a = out.setdefault(str(r["a"]), {**ref(r["a"]), "type": None, "posts": [],
                                              "bodies": [], "holders": []})
            if kind == "t":
                a["type"] = AGENT_TYPES.get(r["t"], a["type"]) \
                    if a["type"] in (None, "body") else a["type"]
                a["label"] = a["label"] or py(r.get("label"))
            elif kind == "post":
                post = {**ref(r["post"], r.get("postLabel")),
                        "body": ref(r["pb"], r.get("pbLabel")) if "pb" in r else None}
                if post not in a["posts"]:
                    a["posts"].append(post)
            elif kind == "body":
                if ref(r["body"], r.get("bodyLabel")) not in a["bodies"]:
                    a["bodies"].append(ref(r["body"], r.get("bodyLabel")))
            elif ref(r["h"], r.get("hLabel")) not in a["holders"]:
                a["holders"].append(ref(r["h"], r.get("hLabel")))
    return out


def describe_recommendations(store: Store, recs: list[URIRef], as_of: dt.date
                             ) -> list[dict[str, Any]]:
    """One dict per recommendation: text, timescale, due date, owners, actions, latest
    status, who progress is reported to, evidence, and whether it is overdue on ``as_of``."""
    if not recs:
        return []
    b = {"rec": recs}
    base = rows(store, """SELECT ?rec ?text ?rid ?ts ?tsText ?due ?section ?insp ?inspTitle WHERE {
      """ + IS_REC + """ OPTIONAL { ?rec rem:text ?text }
      OPTIONAL { ?rec rem:recommendationId ?rid } OPTIONAL { ?rec rem:timescale ?ts }
      OPTIONAL { ?rec rem:timescaleText ?tsText } OPTIONAL { ?rec rem:dueDate ?due }
      OPTIONAL { ?rec rem:section ?section }
      OPTIONAL { ?rec rem:fromInspection ?insp OPTIONAL { ?insp dcterms:title ?inspTitle } } }""",
                b)
    acts = rows(store, """SELECT ?rec ?act ?keyActions ?schedule ?owner ?written WHERE {
      ?act rem:implements ?rec . OPTIONAL { ?act rem:keyActions ?keyActions }
      OPTIONAL { ?act rem:reportingSchedule ?schedule }
      OPTIONAL { ?act rem:responsibleParty ?owner }
      OPTIONAL { ?act rem:responsibility/rem:nameAsWritten ?written } }""", b)
    statuses = rows(store, """SELECT ?rec ?act ?status ?asOf ?checkpoint ?note WHERE {
      ?act rem:implements ?rec . ?s rem:statusOf ?act ; rem:status ?status .
      OPTIONAL { ?s rem:asOf ?asOf } OPTIONAL { ?s rem:checkpoint ?checkpoint }
      OPTIONAL { ?s rem:progressNote ?note } }""", b)
    reports = rows(store, """SELECT DISTINCT ?rec ?to ?label WHERE {
      ?act rem:implements ?rec ; rem:reportsProgressTo ?to .
      OPTIONAL { ?to rdfs:label ?label } }""", b)
    # the recommendation's own excerpts and its actions', one query each (see AGENT_FACTS),
    # unnumbered first as ORDER BY puts unbound values
    evidence = sorted(
        {tuple(sorted(r.items())): r for path in ("rem:evidence", "^rem:implements/rem:evidence")
         for r in rows(store, """SELECT DISTINCT ?rec ?ex ?text ?start ?end ?doc ?title WHERE {
      ?rec """ + path + """ ?ex . OPTIONAL { ?ex rem:excerptText ?text }
      OPTIONAL { ?ex rem:startLine ?start } OPTIONAL { ?ex rem:endLine ?end }
      OPTIONAL { ?ex rem:inDocument ?doc OPTIONAL { ?doc dcterms:title ?title } } }""", b)
         }.values(), key=lambda r: (r.get("start") is not None, _number(r.get("start"))))
    owners = agents(store, [r["owner"] for r in acts if "owner" in r])

    out: dict[str, dict[str, Any]] = {}
    for r in base:
        key = str(r["rec"])
        if key in out:
            continue
        out[key] = {**ref(r["rec"]), "id": py(r.get("rid")), "text": py(r.get("text")),
                    "timescale": code(r.get("ts")), "timescale_text": py(r.get("tsText")),
                    "due_date": py(r.get("due")), "section": py(r.get("section")),
                    "inspection": ref(r["insp"], r.get("inspTitle")) if "insp" in r else None,
                    "owners": [], "actions": [], "status": None, "reports_to": [],
                    "evidence": [], "overdue": False}
        del out[key]["label"]
    by_act: dict[str, dict[str, Any]] = {}
    for r in acts:
        rec = out[str(r["rec"])]
        act = by_act.get(str(r["act"]))
        if act is None:
            act = by_act[str(r["act"])] = {**ref(r["act"]), "key_actions": py(r.get("keyActions")),
                                           "reporting_schedule": py(r.get("schedule")),
                                           "owner_as_written": py(r.get("written"))}
            del act["label"]
            rec["actions"].append(act)
        if "owner" in r:
            owner = owners.get(str(r["owner"]), ref(r["owner"]))
            if owner not in rec["owners"]:
                rec["owners"].append(owner)
    latest: dict[str, dict[str, Any]] = {}
    for r in statuses:
        snap = {"status": code(r["status"]), "as_of": py(r.get("asOf")),
                "checkpoint": py(r.get("checkpoint")), "note": py(r.get("note")),
                "action": str(r["act"])}
        cur = latest.get(str(r["rec"]))
        if cur is None or _snapshot_order(snap) > _snapshot_order(cur):
            latest[str(r["rec"])] = snap
    for key, snap in latest.items():
        out[key]["status"] = snap
    for r in reports:
        item = ref(r["to"], r.get("label"))
        if item not in out[str(r["rec"])]["reports_to"]:
            out[str(r["rec"])]["reports_to"].append(item)
    for r in evidence:
        out[str(r["rec"])]["evidence"].append({
            "excerpt": str(r["ex"]), "text": py(r.get("text")), "start_line": py(r.get("start")),
            "end_line": py(r.get("end")),
            "document": ref(r["doc"], r.get("title")) if "doc" in r else None})
    for rec in out.values():
        done = rec["status"] and rec["status"]["status"] in {code(s) for s in DONE}
        rec["overdue"] = bool(rec["due_date"] and rec["due_date"] < as_of.isoformat()
                              and not done)
    return [out[str(r)] for r in recs if str(r) in out]


def _number(v: Any) -> int:
    """A line number literal as an int (0 when absent), for ordering excerpts."""
    try:
        return int(v) if v is not None else 0
    except (TypeError, ValueError):
        return 0


def _snapshot_order(snap: dict[str, Any]) -> tuple[str, ...]:
    """Latest by date; snapshots of one date are ordered by their contents, so the choice
    does not depend on the order the store returns rows in (a filtered list and the whole
    list then agree)."""
    return tuple(str(snap[k] or "") for k in ("as_of", "status", "action", "checkpoint",
                                              "note"))


def timescale_term(value: str) -> URIRef:
    return TIMESCALE[value]


def open_load(recs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Owners by the number of their recommendations not completed, most first."""
    load: dict[str, dict[str, Any]] = {}
    count: dict[str, int] = defaultdict(int)
    for rec in recs:
        if rec["status"] and rec["status"]["status"] == "completed":
            continue
        for o in rec["owners"]:
            load[o["iri"]] = {k: o.get(k) for k in ("iri", "key", "label", "type")}
            count[o["iri"]] += 1
    return sorted(({**v, "open": count[k]} for k, v in load.items()),
                  key=lambda x: (-x["open"], x["label"] or ""))


def status_term(value: str) -> URIRef:
    return STATUS[value]
