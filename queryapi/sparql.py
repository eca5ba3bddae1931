"""The SPARQL 1.1 Protocol at /sparql: query by GET, form POST and direct POST; update only
with the token. The order of checks follows the protocol's status codes: 405 (method), 415
(body type), 400 (parameters), 413 (size), 403/401 (writes), 400 (SERVICE/LOAD, syntax), 406
(media type), then evaluation under the time limit (503 past it)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from rdflib import Graph, URIRef

from graph.store import QuerySyntaxError, QueryTimeout, StoreError
from queryapi import negotiation as neg
from queryapi.errors import ApiError, QueryTimedOut
from queryapi.guard import check_size, check_write, inspect, refuse_remote
from queryapi.iri import is_absolute_iri
from queryapi.jsonld import to_jsonld
from queryapi.limits import client_id
from queryapi.state import AppState, state

router = APIRouter()

FORM = "application/x-www-form-urlencoded"
QUERY = "application/sparql-query"
UPDATE = "application/sparql-update"


def iris(values: Sequence[str], param: str) -> list[URIRef] | None:
    """Dataset parameters as IRIs (they select stored graphs; nothing is fetched); one the
    store could not parse is refused here (400), not by the store (503)."""
    if not values:
        return None
    out = []
    for v in values:
        if not is_absolute_iri(v):
            raise ApiError(400, f"{param}={v!r} is not an absolute IRI")
        out.append(URIRef(v))
    return out


def one(values: Sequence[str], name: str) -> str | None:
    if len(values) > 1:
        raise ApiError(400, f"give one {name} parameter, not {len(values)}")
    return values[0] if values else None


async def run_query(st: AppState, request: Request, text: str, *, fmt: str | None,
                    default_graph: list[URIRef] | None,
                    named_graphs: list[URIRef] | None, media: str | None = None) -> Response:
    """Check, negotiate, evaluate and send one query (``media`` skips negotiation)."""
    check_size(text, st.settings.max_query_bytes)
    dataset = inspect(text)
    if default_graph is None and named_graphs is None and (
            dataset.default is not None or dataset.named is not None):
        default_graph, named_graphs = dataset.default or [], dataset.named or []
    form = neg.query_form(text)
    offered = neg.GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else neg.RESULT_TYPES
    media = media or neg.choose(request.headers.get("accept"), offered, fmt)
    engine_media = neg.NTRIPLES if media == neg.JSONLD else media
    try:
        with st.limiter.slot(client_id(request)):
            result = await st.runner.run(text, engine_media, default_graph, named_graphs)
    except QuerySyntaxError as exc:
        raise ApiError(400, f"malformed query: {exc}", code="syntax_error") from exc
    except QueryTimeout:
        raise QueryTimedOut(st.settings.query_timeout) from None
    except StoreError as exc:
        if type(exc).__name__ == "NotAcceptable":
            raise ApiError(406, str(exc)) from exc
        raise ApiError(503, f"the store could not answer: {exc}") from exc
    body = result.body
    if media == neg.JSONLD:  # rdflib's compaction is slow on big graphs: off the event loop
        body = await asyncio.to_thread(ntriples_to_jsonld, body, st.settings.base_iri,
                                       str(request.base_url) + "context.jsonld")
    headers = {"Vary": "Accept"}
    if result.truncated:
        cap = st.settings.row_cap
        headers.update({"X-Remit-Truncated": "true", "X-Remit-Row-Cap": str(cap),
                        "Warning": f'199 - "result truncated at {cap} rows (the row cap); '
                                   'page with LIMIT and OFFSET"'})
    return Response(body, media_type=media, headers=headers)


def ntriples_to_jsonld(body: bytes, base_iri: str, context_url: str) -> bytes:
    return to_jsonld(Graph().parse(data=body, format="nt"), base_iri, context_url)


async def utf8_body(request: Request) -> str:
    """A direct POST body: UTF-8 only, as the protocol requires (415 for another charset)."""
    for param in request.headers.get("content-type", "").split(";")[1:]:
        name, _, value = param.partition("=")
        if name.strip().lower() == "charset" and value.strip().strip('"').lower() not in (
                "utf-8", "utf8"):
            raise ApiError(415, f"charset {value.strip()!r} is not supported; send UTF-8")
    body = await request.body()
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ApiError(400, f"the body is not valid UTF-8 (byte {exc.start})") from None


async def run_update(st: AppState, request: Request, text: str) -> Response:
    check_size(text, st.settings.max_query_bytes)
    check_write(request.headers.get("authorization"), st.settings.update_token)
    if any(request.query_params.getlist(p) for p in ("using-graph-uri",
                                                      "using-named-graph-uri")):
        raise ApiError(400, "using-graph-uri and using-named-graph-uri are not supported; "
                       "write USING / USING NAMED in the update itself")
    refuse_remote(text, update=True)
    try:
        with st.writer() as store:
            store.update(text)
    except QuerySyntaxError as exc:
        raise ApiError(400, f"malformed update: {exc}", code="syntax_error") from exc
    return Response(status_code=204)


@router.get("/sparql/", include_in_schema=False)
@router.get("/sparql", summary="SPARQL 1.1 query (GET); with no query, the service "
            "description")
async def sparql_get(request: Request) -> Response:
    st = state(request)
    params = request.query_params
    if params.getlist("update"):
        raise ApiError(405, "updates must be POSTed (application/sparql-update or form "
                       "field update=)", headers={"Allow": "POST"})
    query = one(params.getlist("query"), "query")
    default_graph = iris(params.getlist("default-graph-uri"), "default-graph-uri")
    named_graphs = iris(params.getlist("named-graph-uri"), "named-graph-uri")
    if query is None:  # the dataset parameters were checked all the same: a typo is a 400
        if neg.wants_html(request.headers.get("accept")):
            return RedirectResponse("/", status_code=303)
        from queryapi.void import service_description

        return service_description(st, request)
    return await run_query(st, request, query, fmt=params.get("format"),
                           default_graph=default_graph, named_graphs=named_graphs)


@router.post("/sparql/", include_in_schema=False)
@router.post("/sparql", summary="SPARQL 1.1 query or update (POST)")
async def sparql_post(request: Request) -> Response:
    st = state(request)
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    params = request.query_params
    if ctype in (FORM, "multipart/form-data"):
        form = await request.form()
        queries = [str(v) for v in form.getlist("query")]
        updates = [str(v) for v in form.getlist("update")]
        if queries and updates:
            raise ApiError(400, "give either query= or update=, not both")
        dg = params.getlist("default-graph-uri") + [str(v) for v in
                                                    form.getlist("default-graph-uri")]
        ng = params.getlist("named-graph-uri") + [str(v) for v in
                                                  form.getlist("named-graph-uri")]
        fmt = one([f for f in [*params.getlist("format"), *map(str, form.getlist("format"))]
                   if f], "format")  # in the URL or the form, not both: neither wins
        if updates:
            return await run_update(st, request, one(updates, "update") or "")
        query = one(queries, "query")
        if query is None:
            raise ApiError(400, "the form has no query= (or update=) field")
    elif ctype == QUERY:
        query = await utf8_body(request)
        dg, ng = params.getlist("default-graph-uri"), params.getlist("named-graph-uri")
        fmt = params.get("format")
    elif ctype == UPDATE:
        return await run_update(st, request, await utf8_body(request))
    else:
        raise ApiError(415, f"unsupported request body type {ctype or '(none)'!r}; POST "
                       f"{FORM}, {QUERY} or {UPDATE}")
    return await run_query(st, request, query, fmt=fmt,
                           default_graph=iris(dg, "default-graph-uri"),
                           named_graphs=iris(ng, "named-graph-uri"))


@router.api_route("/sparql/", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
@router.api_route("/sparql", methods=["PUT", "DELETE", "PATCH"], include_in_schema=False)
async def sparql_other(request: Request) -> Response:
    raise ApiError(405, f"{request.method} is not allowed on /sparql; use GET or POST",
                   headers={"Allow": "GET, POST, OPTIONS"})
