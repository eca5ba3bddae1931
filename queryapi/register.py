"""The officers' accountability register (/register) and its downloads (.csv, .xlsx).

One row per recommendation and owner (``graph.register``), grouped by the owner's body or
by owner, filtered by body, owner and status; the downloads take the same filters. The
status shows as a RAG badge that says its name in words (colour is never the only signal),
and each row links to its evidence: the recommendation's page and its source document with
line numbers. Rows are cached against the store's state.
"""

from __future__ import annotations

from itertools import groupby
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse, Response

from graph.layout_cache import StateCache
from graph.register import RegisterRow, register, to_csv, to_xlsx
from queryapi.errors import ApiError
from queryapi.officer_params import IRI_SCHEMA, BadParameter, error_page, iri_param, store_state
from queryapi.state import state
from queryapi.templating import render

router = APIRouter(tags=["register"])
CACHE = StateCache(size=4)
GROUPS = {"body": "owner's body", "owner": "owner"}
# Declared for the OpenAPI document; the values are read from the request in _filtered
BodyQ = Annotated[str | None, Query(json_schema_extra=IRI_SCHEMA, description="IRI of the "
                                    "owner's body (or the owning body); an IRI the graph "
                                    "lacks gives no rows")]
OwnerQ = Annotated[str | None, Query(json_schema_extra=IRI_SCHEMA,
                                     description="IRI of the owner (person, post, role)")]
StatusQ = Annotated[str | None, Query(description="status as shown, e.g. Red, completed")]
BAD = {"description": "a filter that is not an IRI", "content": {"text/plain": {}}}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
#: Badge classes by status code; anything else is shown as "not rated".
RAG = {"red": "red", "amber": "amber", "green": "green", "on-track": "green",
       "completed": "done", "in-progress": "amber", "not-started": "red", "deferred": "amber"}


def all_rows(request: Request) -> list[RegisterRow]:
    st = state(request)
    return CACHE.get(store_state(st.store()), "all", lambda: register(st.reader()))


def _filtered(request: Request) -> tuple[list[RegisterRow], dict[str, Any]]:
    body, owner = iri_param(request, "body"), iri_param(request, "owner")
    status = request.query_params.get("status", "").strip() or None
    group = request.query_params.get("group", "").strip() or "body"
    if group not in GROUPS:
        raise BadParameter(f"group={group[:20]!r}: choose one of {', '.join(GROUPS)}")
    rows = [r for r in all_rows(request)
            if (not body or body in (r.owner_body_iri, r.owner_iri))
            and (not owner or r.owner_iri == owner)
            and (not status or r.status.lower() == status.lower())]
    return rows, {"body": body, "owner": owner, "status": status, "group": group}


def rag(row: RegisterRow) -> str:
    code = (row.status_iri.rsplit("/", 1)[-1] if row.status_iri else row.status).lower()
    return RAG.get(code, "none")


def _options(rows: list[RegisterRow]) -> dict[str, list[tuple[str, str]]]:
    def distinct(pairs: Any) -> list[tuple[str, str]]:
        return sorted({(v, label) for v, label in pairs if v}, key=lambda x: x[1].lower())

    return {"body": distinct((r.owner_body_iri, r.owner_body) for r in rows),
            "owner": distinct((r.owner_iri, r.owner) for r in rows),
            "status": distinct((r.status, r.status) for r in rows)}


@router.get("/register", response_class=HTMLResponse, include_in_schema=False)
def register_page(request: Request) -> Response:
    try:
        rows, chosen = _filtered(request)
    except ApiError as exc:
        return error_page(request, exc)
    if chosen["group"] == "owner":
        rows = sorted(rows, key=lambda r: (r.owner.lower(), r.due_date, r.recommendation))

    def group_of(r: RegisterRow) -> str:
        return (r.owner if chosen["group"] == "owner" else r.owner_body) or "No body recorded"

    groups = [(name, list(items)) for name, items in groupby(rows, key=group_of)]
    query = request.url.query
    return render(request, "register.html", groups=groups, count=len(rows), chosen=chosen,
                  options=_options(all_rows(request)), group_names=GROUPS, rag=rag,
                  downloads=[(ext, f"/register{ext}" + (f"?{query}" if query else ""))
                             for ext in (".csv", ".xlsx")])


@router.get("/register.csv", summary="The register as CSV (UTF-8 with BOM; formula-safe)",
            responses={200: {"content": {"text/csv": {}}}, 400: BAD})
def register_csv(request: Request, body: BodyQ = None, owner: OwnerQ = None,
                 status: StatusQ = None) -> Response:
    rows, _ = _filtered(request)
    return Response(to_csv(rows), media_type="text/csv; charset=utf-8",
                    headers={"Content-Disposition": 'attachment; filename="register.csv"'})


@router.get("/register.xlsx", summary="The register as an Excel workbook (cells as text)",
            responses={200: {"content": {XLSX: {}}}, 400: BAD})
def register_xlsx(request: Request, body: BodyQ = None, owner: OwnerQ = None,
                  status: StatusQ = None) -> Response:
    rows, _ = _filtered(request)
    return Response(to_xlsx(rows), media_type=XLSX,
                    headers={"Content-Disposition": 'attachment; filename="register.xlsx"'})
