"""The officers' register as first written: one query with nested OPTIONALs, rows
assembled in engine order. Kept to check graph/register.py's flat queries give the same
rows; not used by the application (45-60 s at 1M triples)."""

from __future__ import annotations

from graph.projections import PREFIXES
from graph.register import RegisterRow
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


def _s(row: dict, var: str) -> str:
    v = row.get(var)
    return "" if v is None else str(v)


def reference_register(store: Store, body: str | None = None, owner: str | None = None,
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
