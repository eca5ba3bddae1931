"""Graph Store Protocol at /store: read one stored graph (``?graph=IRI``) or the default
graph (``?default``, the union of all graphs, as queries see it); writes only with the token.
"""

from __future__ import annotations

import asyncio

from fastapi import APIRouter, Request
from fastapi.responses import Response
from rdflib import Graph, URIRef

from queryapi import negotiation as neg
from queryapi.errors import ApiError
from queryapi.guard import check_write
from queryapi.sparql import iris, ntriples_to_jsonld
from queryapi.state import AppState, state

router = APIRouter()

_ALL = "CONSTRUCT WHERE { ?s ?p ?o }"
_PARSE = {neg.TURTLE: "turtle", neg.NTRIPLES: "nt", neg.RDFXML: "xml", neg.JSONLD: "json-ld"}


def target(request: Request) -> URIRef | None:
    """The graph named by ``?graph=`` (None for ``?default``); 400 if neither or both."""
    params = request.query_params
    graphs = iris(params.getlist("graph"), "graph") or []
    if ("default" in params) == bool(graphs) or len(graphs) > 1:
        raise ApiError(400, "name one graph: ?graph=IRI, or ?default for the default graph")
    return graphs[0] if graphs else None


@router.head("/store", include_in_schema=False)
@router.get("/store", summary="Graph Store Protocol: download one graph")
async def store_get(request: Request) -> Response:
    st = state(request)
    graph = target(request)
    if graph is not None and graph not in set(st.store().graph_names()):
        raise ApiError(404, f"no graph named <{graph}> in the store")
    media = neg.choose(request.headers.get("accept"), neg.GRAPH_TYPES,
                       request.query_params.get("format"))
    engine = neg.NTRIPLES if media == neg.JSONLD else media
    result = await st.runner.run(_ALL, engine, [graph] if graph is not None else None, None)
    body = result.body
    if media == neg.JSONLD:
        body = await asyncio.to_thread(ntriples_to_jsonld, body, st.settings.base_iri,
                                       str(request.base_url) + "context.jsonld")
    return Response(b"" if request.method == "HEAD" else body, media_type=media,
                    headers={"Vary": "Accept"})


async def _body_graph(request: Request) -> Graph:
    ctype = request.headers.get("content-type", "").split(";")[0].strip().lower()
    fmt = _PARSE.get(neg.ALIASES.get(ctype, ctype))
    if fmt is None:
        raise ApiError(415, f"send the graph as one of {', '.join(_PARSE)}")
    try:
        return Graph().parse(data=await request.body(), format=fmt)
    except Exception as exc:  # any parser error is the client's input
        raise ApiError(400, f"the body is not valid {ctype}: {exc}") from exc


@router.api_route("/store", methods=["PUT", "POST", "DELETE"], include_in_schema=False)
async def store_write(request: Request) -> Response:
    st: AppState = state(request)
    check_write(request.headers.get("authorization"), st.settings.update_token)
    graph = target(request)
    if graph is None:
        raise ApiError(400, "writes name a graph (?graph=IRI); the default graph is the union "
                       "of all graphs and cannot be written directly")
    with st.writer() as store:
        if request.method == "DELETE":
            if graph not in set(store.graph_names()):
                raise ApiError(404, f"no graph named <{graph}> in the store")
            store.replace_graphs({}, drop=[graph])
            return Response(status_code=204)
        incoming = await _body_graph(request)
        if request.method == "POST":
            merged = store.graph(graph)
            for t in incoming:
                merged.add(t)
            incoming = merged
        existed = graph in set(store.graph_names())
        store.replace_graphs({graph: incoming})
    return Response(status_code=204 if existed else 201)
