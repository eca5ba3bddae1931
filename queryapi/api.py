"""The accountability API (JSON, and CSV for lists): who owns each recommendation, what is
late, and what each person and body answers for. Documented in OpenAPI at /docs with
examples; every error under /api has the one JSON shape of ``queryapi/errors.py``.

Keys in paths and filters are the keys of entity IRIs (``/id/{type}/{key}``); they become
IRIs built with ``entity_iri`` and are bound as RDF terms, never pasted into query text.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response
from rdflib import Literal, URIRef
from rdflib.namespace import XSD

from graph.layout_cache import StateCache
from ontology.namespaces import entity_iri
from queryapi import api_data as data
from queryapi import figures
from queryapi.csvout import csv_response
from queryapi.entity import KEY
from queryapi.errors import ApiError
from queryapi.examples import ANALYTICS, BODY, ERROR, PERSON, RECOMMENDATION
from queryapi.state import state

#: Whole /api/analytics answers per store state and date of reference.
_ANALYTICS_CACHE = StateCache(size=8)

router = APIRouter(prefix="/api", tags=["accountability"])
ERRORS = {s: {"description": d, "content": {"application/json": {"example": ERROR}}}
          for s, d in ((400, "a malformed key or filter"), (404, "no such entity"),
                       (422, "a parameter of the wrong type"))}



def _iri(request: Request, type_: str, key: str) -> URIRef:
    if not KEY.match(key):
        raise ApiError(400, f"malformed {type_} key {key[:80]!r}: keys are lower-case letters, "
                       "digits and hyphens")
    return entity_iri(state(request).settings.base_iri, type_, key)


def _wants_csv(request: Request, fmt: str | None) -> bool:
    if fmt:
        if fmt not in ("json", "csv"):
            raise ApiError(400, f"format={fmt!r}: use json or csv")
        return fmt == "csv"
    accept = request.headers.get("accept") or ""
    return "text/csv" in accept and "application/json" not in accept


@router.get("/recommendations", summary="Recommendations with owners, status and evidence",
            responses={200: {"content": {
                "application/json": {"example": {"as_of": "2011-12-01", "count": 1, "total": 1,
                                                 "offset": 0,
                                                 "recommendations": [RECOMMENDATION]}},
                "text/csv": {"example": "key,id,text,timescale,due_date,status,...\n"}}},
                **ERRORS})
def recommendations(
        request: Request,
        body: Annotated[str | None, Query(description="key of a body: addressed to it, its "
                                          "inspection's subject, or owned by it or its staff",
                                          examples=["northshire-council-aaaaaaaaaaaa"])] = None,
        owner: Annotated[str | None, Query(description="key of a person, post, role-owner or "
                                           "body responsible for an action",
                                           examples=["morgan-a-aaaaaaaaaaa1"])] = None,
        inspection: Annotated[str | None, Query(description="key of an inspection")] = None,
        document: Annotated[str | None, Query(description="key of a source document")] = None,
        timescale: Annotated[str | None, Query(description="timescale code", examples=[
            "within-3-months"], json_schema_extra={"enum": list(data.TIMESCALE_CODES)})] = None,
        status: Annotated[str | None, Query(description="latest status code", examples=[
            "red"], json_schema_extra={"enum": list(data.STATUS_CODES)})] = None,
        overdue: Annotated[bool | None, Query(description="only (or only not) overdue: due "
                                              "before as_of and not completed")] = None,
        as_of: Annotated[dt.date | None, Query(description="date for overdue; default today "
                                               "(or REMIT_REFERENCE_DATE)")] = None,
        format: Annotated[str | None, Query(description="json (default) or csv")] = None,
        limit: Annotated[int | None, Query(ge=1, le=100_000, description="at most this "
                                           "many recommendations (a page); default all")] = None,
        offset: Annotated[int, Query(ge=0, le=10_000_000, description="skip this many "
                                     "first (in IRI order)")] = 0,
) -> Response:
    st = state(request)
    filters: dict[str, Any] = {}
    if body:
        filters["body"] = _iri(request, "body", body)
    if owner:
        filters["owner"] = [_iri(request, t, owner) for t in ("person", "post", "role-owner",
                                                              "body")]
    if inspection:
        filters["inspection"] = _iri(request, "inspection", inspection)
    if document:
        filters["document"] = _iri(request, "document", document)
    if timescale:
        if timescale not in data.TIMESCALE_CODES:
            raise ApiError(400, f"timescale={timescale!r}; one of "
                           f"{', '.join(data.TIMESCALE_CODES)}")
        filters["timescale"] = data.timescale_term(timescale)
    if status:
        if status not in data.STATUS_CODES:
            raise ApiError(400, f"status={status!r}; one of {', '.join(data.STATUS_CODES)}")
        filters["status"] = data.status_term(status)
    day = as_of or st.settings.today()
    if overdue:
        filters["overdue"] = Literal(day.isoformat(), datatype=XSD.date)
    store = st.reader()
    found = data.find_recommendations(store, filters)
    end = None if limit is None else offset + limit
    if status or overdue is not None:
        # SPARQL narrows by status and overdue; select() applies the exact rule to the
        # described rows, so the page is cut after it
        matching = data.select(data.describe_recommendations(store, found, day), status,
                               overdue)
        total, recs = len(matching), matching[offset:end]
    else:  # only the page is described (describing is what costs)
        total, recs = len(found), data.describe_recommendations(store, found[offset:end], day)
    if _wants_csv(request, format):
        return csv_response(recs, "recommendations.csv")
    return JSONResponse({"as_of": day.isoformat(), "count": len(recs), "total": total,
                         "offset": offset, "recommendations": recs})


@router.get("/people/{key}", summary="A person: posts, memberships, responsibilities",
            responses={200: {"content": {"application/json": {"example": PERSON}}}, **ERRORS})
def person(key: str, request: Request) -> JSONResponse:
    from queryapi.api_agents import describe_person

    return JSONResponse(describe_person(state(request), _iri(request, "person", key)))


@router.get("/bodies/{key}", summary="A body: what it owns, who it reports to and who "
            "oversees it (transitively), members, meetings",
            responses={200: {"content": {"application/json": {"example": BODY}}}, **ERRORS})
def body_detail(key: str, request: Request) -> JSONResponse:
    from queryapi.api_agents import describe_body

    return JSONResponse(describe_body(state(request), _iri(request, "body", key)))


_ANALYTICS_EXAMPLE = {
    **ANALYTICS,
    "overdue": {"count": 1, "items": [{"rec": RECOMMENDATION["iri"], "due": "2011-11-19",
                                       "text": RECOMMENDATION["text"]}]},
    "role_only_owners": {"count": 1, "items": [{
        "rec": RECOMMENDATION["iri"], "text": RECOMMENDATION["text"],
        "role": "https://remit.example/id/role-owner/relevant-managers-d",
        "roleLabel": "Relevant managers"}]},
    "cross_agency": {"count": 0, "items": []},
    "report_receivers": [{"body": BODY["iri"], "label": BODY["label"], "actions": 2,
                          "from": "Alex Morgan; Relevant managers"}],
    "centrality": {"degree": [{"iri": BODY["iri"], "label": BODY["label"], "type": "body",
                               "score": 0.25}], "betweenness": []}}


@router.get("/analytics", summary="Accountability analytics: unowned and role-only "
            "recommendations, owners by open load, cross-agency ownership, who receives "
            "progress reports, overdue items, centrality",
            description="The figures of `remit analyse` (graph.analytics.analyse) with the "
            "counts of the accountability API. Overdue: due date (from timescale and "
            "publication date) before `as_of` and not completed. Centrality: degree and "
            "betweenness of bodies, people and posts in the accountability network.",
            responses={200: {"content": {"application/json": {"example": _ANALYTICS_EXAMPLE}}},
                       **ERRORS})
def analytics(request: Request, as_of: Annotated[dt.date | None, Query(
        description="date for overdue; default today (or REMIT_REFERENCE_DATE)")] = None,
        ) -> JSONResponse:
    from queryapi.officer_params import store_state

    raw = request.query_params.get("as_of")
    if raw is not None and not re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
        raise ApiError(422, f"invalid parameter: as_of={raw[:20]!r} is not a date "
                       "(YYYY-MM-DD)", detail={"problems": [
                           {"parameter": "as_of", "message": "expected YYYY-MM-DD"}]})
    st = state(request)
    day = as_of or st.settings.today()
    current = store_state(st.store())
    # every recommendation is described for the owners' load: the whole answer is kept
    # while the store's state is unchanged, like the figures it includes
    body = _ANALYTICS_CACHE.get(current, day.isoformat(),
                                lambda: figures.saved_or_computed(st.reader(), st.store(),
                                                                  day))
    return JSONResponse(body)


