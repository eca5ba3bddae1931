"""The officers' accountability register: one row per recommendation and owner.

Columns: recommendation, timescale, due date, owner (as a person, post or role), the owner's
body, the current status (the latest dated snapshot of the action; history is kept in the
graph, not here), the bodies progress is reported to, and the evidence (document and line
span). The latest snapshot is chosen in Python: a FILTER NOT EXISTS per action made the
query slow in the number of snapshots. Used by /register, /register.csv, /register.xlsx and
the notebooks. Filters are applied in Python to the query's rows, so no user text reaches
the query.

Spreadsheet safety: a cell that starts with ``= + - @`` (or a tab or carriage return) is
read as a formula by Excel and LibreOffice, so exports prefix it with an apostrophe.
"""

from __future__ import annotations

import csv
import io
from dataclasses import asdict, dataclass, field
from typing import Any

from graph.projections import PREFIXES
from graph.store import Rows, Store

REGISTER = PREFIXES + """
SELECT ?rec ?text ?timescale ?due ?act ?owner ?ownerLabel ?ownerKind ?body ?bodyLabel
       ?status ?statusLabel ?note ?asOf ?to ?toLabel ?doc ?docTitle ?start ?end
WHERE {
  ?rec a rem:Recommendation ; rem:text ?text .
  OPTIONAL { ?rec rem:timescale ?ts . OPTIONAL { ?ts skos:prefLabel ?timescale } }
  OPTIONAL { ?rec rem:dueDate ?due }
  OPTIONAL { ?rec rem:evidence ?ex . ?ex rem:startLine ?start ; rem:endLine ?end .
             OPTIONAL { ?ex rem:inDocument ?doc . OPTIONAL { ?doc dcterms:title ?docTitle } } }
  OPTIONAL {
    ?act rem:implements ?rec .
    OPTIONAL {
      ?act rem:responsibleParty ?owner .
      OPTIONAL { ?owner rdfs:label ?ownerLabel }
      OPTIONAL { ?owner a ?oc . VALUES (?oc ?ownerKind) {
          (rem:Person "person") (rem:Post "post") (rem:RoleOwner "role") (rem:Body "body") } }
      OPTIONAL { { ?owner rem:worksFor ?body } UNION { ?owner rem:postIn ?body }
                 UNION { ?owner rem:holds/rem:postIn ?body }
                 OPTIONAL { ?body rdfs:label ?bodyLabel } } }
    OPTIONAL { ?s rem:statusOf ?act ; rem:asOf ?asOf .
               OPTIONAL { ?s rem:status ?status . OPTIONAL { ?status skos:prefLabel ?statusLabel } }
               OPTIONAL { ?s rem:progressNote ?note } }
    OPTIONAL { ?act rem:reportsProgressTo ?to . OPTIONAL { ?to rdfs:label ?toLabel } }
  }
}
"""

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


def _s(row: dict, var: str) -> str:
    v = row.get(var)
    return "" if v is None else str(v)


def register(store: Store, body: str | None = None, owner: str | None = None,
             status: str | None = None) -> list[RegisterRow]:
    """Rows sorted by owner's body, owner and due date; ``body``/``owner`` are IRIs."""
    res = store.query(REGISTER)
    assert isinstance(res, Rows)
    rows: dict[tuple[str, str], RegisterRow] = {}
    for r in res:
        key = (_s(r, "rec"), _s(r, "owner"))
        row = rows.get(key)
        if row is None:
            evidence = ""
            if "start" in r:
                evidence = f"{_s(r, 'docTitle') or 'document'}, lines {r['start']}-{r['end']}"
            row = rows[key] = RegisterRow(
                recommendation=_s(r, "text"), recommendation_iri=_s(r, "rec"),
                timescale=_s(r, "timescale"), due_date=_s(r, "due"),
                evidence=evidence, evidence_iri=_s(r, "doc"))
            if "owner" in r:
                row.owner = _s(r, "ownerLabel") or _s(r, "owner").rsplit("/", 1)[-1]
                row.owner_iri, row.owner_kind = _s(r, "owner"), _s(r, "ownerKind")
        if "asOf" in r and _s(r, "asOf") > row.status_date:  # the latest snapshot wins
            row.status_date, row.progress = _s(r, "asOf"), _s(r, "note")
            row.status_iri = _s(r, "status")
            row.status = (_s(r, "statusLabel") or _s(r, "status").rsplit("/", 1)[-1]
                          or "Progress reported, no RAG given")
        if "body" in r and not row.owner_body:
            row.owner_body, row.owner_body_iri = _s(r, "bodyLabel"), _s(r, "body")
        label = _s(r, "toLabel")
        if label and label not in row.reports_to:
            row.reports_to.append(label)
    out = [x for x in rows.values()
           if (not body or body in (x.owner_body_iri, x.owner_iri))
           and (not owner or x.owner_iri == owner)
           and (not status or x.status.lower() == status.lower())]
    return sorted(out, key=lambda x: (x.owner_body or "~", x.owner, x.due_date,
                                      x.recommendation))


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
