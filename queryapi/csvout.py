"""Recommendations as CSV, one row each, safe to open in a spreadsheet: a cell that would
start a formula (``= + - @``, tab, carriage return) is prefixed with an apostrophe."""

from __future__ import annotations

import csv
import io
from typing import Any

from fastapi.responses import Response

COLUMNS = ("key", "id", "text", "timescale", "due_date", "status", "status_as_of", "overdue",
           "owners", "reports_to", "inspection", "evidence", "iri")


def safe(value: Any) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def row(rec: dict[str, Any]) -> list[str]:
    status = rec.get("status") or {}
    owners = "; ".join(o.get("label") or o["key"] for o in rec["owners"])
    reports = "; ".join(o.get("label") or o["key"] for o in rec["reports_to"])
    evidence = "; ".join(
        f"{(e.get('document') or {}).get('label') or ''} lines {e['start_line']}-{e['end_line']}"
        for e in rec["evidence"])
    values = {**rec, "status": status.get("status"), "status_as_of": status.get("as_of"),
              "owners": owners, "reports_to": reports, "evidence": evidence,
              "inspection": (rec.get("inspection") or {}).get("label")}
    return [safe(values.get(c)) for c in COLUMNS]


def csv_response(recs: list[dict[str, Any]], filename: str) -> Response:
    buf = io.StringIO()
    w = csv.writer(buf)
    w.writerow(COLUMNS)
    for rec in recs:
        w.writerow(row(rec))
    return Response(buf.getvalue(), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})
