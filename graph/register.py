"""The officers' accountability register: one row per recommendation and owner.

Columns: recommendation, timescale, due date, owner (as a person, post or role), the owner's
body, the current status (the latest dated snapshot of the action; history is kept in the
graph, not here), the bodies progress is reported to, and the evidence (document and line
span). The latest snapshot is chosen in Python: a FILTER NOT EXISTS per action made the
query slow in the number of snapshots. Where the graph gives a row several values (two
bodies for one owner, two excerpts, snapshots of one date), the least is shown, so the
answer does not depend on the engine's row order. Used by /register, /register.csv,
/register.xlsx and the notebooks. Filters are applied in Python to the query's rows, so no
user text reaches the query.

Spreadsheet safety: a cell that starts with ``= + - @`` (or a tab or carriage return) is
read as a formula by Excel and LibreOffice, so exports prefix it with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import Any

from rdflib import URIRef

from graph.bindings import with_values
from graph.projections import PREFIXES
from graph.sparql_rows import table, tables
from graph.store import Store
from ontology.namespaces import REM

#: The register's facts in flat queries, each joined through sub-SELECTs (hashed by
#: pyoxigraph, not a disk seek per row) and assembled in Python: the first version, one
#: query of nested OPTIONALs, took 45-60 s at 1M triples; these take about 4 s in all on
#: one core and run side by side on the app's query workers (graph/sparql_rows.py).
QUERIES: dict[str, str] = {
    "recs": """SELECT ?rec ?text ?ts ?due WHERE {
      { SELECT ?rec WHERE { ?rec a rem:Recommendation } }
      { SELECT ?rec ?text WHERE { ?rec rem:text ?text } }
      OPTIONAL { { SELECT ?rec ?ts WHERE { ?rec rem:timescale ?ts } } }
      OPTIONAL { { SELECT ?rec ?due WHERE { ?rec rem:dueDate ?due } } } }""",
    "snaps": """SELECT ?act ?asOf ?status ?note WHERE {
      { SELECT ?s ?act WHERE { ?s rem:statusOf ?act } }
      { SELECT ?s ?asOf WHERE { ?s rem:asOf ?asOf } }
      OPTIONAL { { SELECT ?s ?status WHERE { ?s rem:status ?status } } }
      OPTIONAL { { SELECT ?s ?note WHERE { ?s rem:progressNote ?note } } } }""",
    "evidence": """SELECT ?rec ?start ?end ?doc WHERE {
      { SELECT ?rec WHERE { ?rec a rem:Recommendation } }
      { SELECT ?rec ?ex WHERE { ?rec rem:evidence ?ex } }
      { SELECT ?ex ?start WHERE { ?ex rem:startLine ?start } }
      { SELECT ?ex ?end WHERE { ?ex rem:endLine ?end } }
      OPTIONAL { { SELECT ?ex ?doc WHERE { ?ex rem:inDocument ?doc } } } }""",
    "acts": """SELECT ?act ?rec ?owner WHERE {
      { SELECT ?act ?rec WHERE { ?act rem:implements ?rec } }
      OPTIONAL { { SELECT ?act ?owner WHERE { ?act rem:responsibleParty ?owner } } } }""",
    "reports": """SELECT ?act ?to WHERE { ?act rem:reportsProgressTo ?to }""",
    "owners": """SELECT ?owner ?label ?kind WHERE {
      { SELECT DISTINCT ?owner WHERE { ?a rem:responsibleParty ?owner } }
      OPTIONAL { ?owner rdfs:label ?label }
      OPTIONAL { ?owner a ?kind .
                 FILTER(?kind IN (rem:Person, rem:Post, rem:RoleOwner, rem:Body)) } }""",
    "bodies": """SELECT ?owner ?body WHERE {
      { SELECT DISTINCT ?owner WHERE { ?a rem:responsibleParty ?owner } }
      { ?owner rem:worksFor ?body } UNION { ?owner rem:postIn ?body }
      UNION { ?owner rem:holds/rem:postIn ?body } }""",
    "labels": """SELECT ?x ?label WHERE {
      { SELECT DISTINCT ?x WHERE { { ?a rem:reportsProgressTo ?x }
          UNION { ?o rem:worksFor|rem:postIn ?x } } }
      ?x rdfs:label ?label }""",
    "concepts": """SELECT ?c ?label WHERE { ?c skos:prefLabel ?label }""",
}
KINDS = {str(REM.Person): "person", str(REM.Post): "post", str(REM.RoleOwner): "role",
         str(REM.Body): "body"}

COLUMNS = ("recommendation", "timescale", "due_date", "owner", "owner_kind", "owner_body",
           "status", "status_date", "progress", "reports_to", "evidence")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


@dataclass
class RegisterRow:
    recommendation: str
    recommendation_iri: str
    timescale: str = ""
    due_date: str = ""
    owner: str = "Unassigned"
    owner_iri: str = ""
    owner_kind: str = ""
    owner_body: str = ""
    owner_body_iri: str = ""
    status: str = "No status reported"
    status_iri: str = ""
    status_date: str = ""
    progress: str = ""
    reports_to: list[str] = field(default_factory=list)
    evidence: str = ""
    evidence_iri: str = ""

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _first(pairs: Iterable[tuple[str, str]]) -> dict[str, str]:
    """The least non-empty value per key: one answer however the engine orders rows."""
    out: dict[str, str] = {}
    for k, v in pairs:
        if v and (k not in out or v < out[k]):
            out[k] = v
    return out


def _last(v: str) -> str:
    return v.rsplit("/", 1)[-1]


def register(store: Store, body: str | None = None, owner: str | None = None,
             status: str | None = None) -> list[RegisterRow]:
    """Rows sorted by owner's body, owner and due date; ``body``/``owner`` are IRIs."""
    t = dict(zip(QUERIES, tables(store, [PREFIXES + q for q in QUERIES.values()]),
                 strict=True))
    concepts = _first((c, label) for c, label in t["concepts"].rows)
    docs = sorted({doc for *_, doc in t["evidence"].rows if doc})
    titles = _first(table(store, with_values(
        PREFIXES + "SELECT ?doc ?title WHERE { ?doc dcterms:title ?title }",
        {"doc": [URIRef(d) for d in docs]})).rows) if docs else {}
    labels = _first((x, label) for x, label in t["labels"].rows)
    recs: dict[str, tuple[str, str, str]] = {}
    for rec, text, ts, due in sorted(t["recs"].rows):
        recs.setdefault(rec, (text, concepts.get(ts, "") if ts else "", due))
    evidence: dict[str, tuple[int, str, str, str]] = {}
    for rec, start, end, doc in t["evidence"].rows:
        found = (_int(start), end, doc, start)
        if rec not in evidence or found < evidence[rec]:
            evidence[rec] = found
    owner_labels = _first((o, label) for o, label, _ in t["owners"].rows)
    kinds = _first((o, KINDS.get(kind, "")) for o, _, kind in t["owners"].rows)
    owner_body: dict[str, str] = {}
    for o, b in sorted(t["bodies"].rows, key=lambda r: (r[0], labels.get(r[1], "~"), r[1])):
        owner_body.setdefault(o, b)
    snaps: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    for act, as_of, st, note in t["snaps"].rows:
        snaps[act].append((as_of, st, note))
    reports: dict[str, set[str]] = defaultdict(set)
    for act, to in t["reports"].rows:
        reports[act].add(to)
    acts: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for act, rec, who in t["acts"].rows:
        acts[rec].append((act, who))

    rows: dict[tuple[str, str], RegisterRow] = {}
    for rec, (text, timescale, due) in recs.items():
        ev = evidence.get(rec)
        for act, who in acts.get(rec) or [("", "")]:
            row = rows.get((rec, who))
            if row is None:
                row = rows[(rec, who)] = RegisterRow(
                    recommendation=text, recommendation_iri=rec, timescale=timescale,
                    due_date=due, evidence_iri=ev[2] if ev else "",
                    evidence=(f"{titles.get(ev[2]) or 'document'}, lines {ev[3]}-{ev[1]}"
                              if ev else ""))
                if who:
                    row.owner = owner_labels.get(who) or _last(who)
                    row.owner_iri, row.owner_kind = who, kinds.get(who, "")
                    b = owner_body.get(who, "")
                    row.owner_body, row.owner_body_iri = labels.get(b, ""), b
            for as_of, st, note in snaps.get(act, ()):
                if (as_of, st, note) > (row.status_date, row.status_iri, row.progress):
                    row.status_date, row.status_iri, row.progress = as_of, st, note
                    row.status = (concepts.get(st) or _last(st)
                                  or "Progress reported, no RAG given")
            row.reports_to = sorted({*row.reports_to, *(labels.get(to, "") for to in
                                                        reports.get(act, ()))} - {""})
    out = [x for x in rows.values()
           if (not body or body in (x.owner_body_iri, x.owner_iri))
           and (not owner or x.owner_iri == owner)
           and (not status or x.status.lower() == status.lower())]
    return sorted(out, key=lambda x: (x.owner_body or "~", x.owner, x.due_date,
                                      x.recommendation))


def _int(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        return 0


def safe_cell(value: object) -> str:
    """Text for a spreadsheet cell that no spreadsheet will evaluate as a formula."""
    s = "; ".join(value) if isinstance(value, list) else str(value)
    return "'" + s if s.startswith(FORMULA_START) else s


def to_csv(rows: list[RegisterRow]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens accents and curly quotes correctly."""
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for r in rows:
        d = r.as_dict()
        d["recommendation"] = r.recommendation
        w.writerow([safe_cell(d[c]) for c in COLUMNS])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(rows: list[RegisterRow]) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    ws = wb.active
    ws.title = "Register"
    ws.append(list(COLUMNS))
    for r in rows:
        d = r.as_dict()
        # openpyxl would store a string starting with "=" as a formula: neutralise first
        ws.append([safe_cell(d[c]) for c in COLUMNS])
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
