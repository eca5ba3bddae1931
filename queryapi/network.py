"""The interactive network page (/network), its downloads, and vis-network served locally.

The page is our own template (not pyvis's): the graph travels as escaped JSON in a
``<script type="application/json">`` element, drawn by ``graph/netview.js`` with
vis-network from pyvis's package, both served here under ``/static/vendor/vis/`` (no CDN,
no inline script, so the app's CSP holds). Filters are IRIs applied to the projection in
Python. A built view (graph, page data, table) is cached against the store's state, and
above a few hundred nodes it carries a computed layout with physics off, so a large view is
served and drawn quickly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Any

import networkx as nx
from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, Response
from markupsafe import Markup

from graph import exports
from graph.layout_cache import StateCache
from graph.netview import NETWORK_JS, STYLE, VIS_CSS, VIS_JS, json_for_html, vis_data
from graph.projections import VIEWS, Filters, project
from queryapi.errors import ApiError
from queryapi.officer_params import (
    IRI_SCHEMA,
    RADIUS_SCHEMA,
    error_page,
    filter_key,
    network_filters,
    store_state,
)
from queryapi.state import state
from queryapi.templating import render

router = APIRouter(tags=["network"])


#: An optional IRI filter as the OpenAPI document describes it (read in one place).
IriQ = Annotated[str | None, Query(
    json_schema_extra=IRI_SCHEMA,
    description="IRI of a body, person or post, inspection or document, timescale, status "
                "or focus entity; an IRI the graph lacks gives an empty graph")]


VENDOR = {"vis-network.min.js": (VIS_JS, "text/javascript; charset=utf-8"),
          "vis-network.css": (VIS_CSS, "text/css; charset=utf-8"),
          "netview.js": (NETWORK_JS, "text/javascript; charset=utf-8")}
TABLE_ROWS = 2000
FORMATS = ("gexf", "graphml", "cyjs", "json")
CACHE = StateCache(size=12)  # a 5,000-node view is a few MB; keep a dozen


@dataclass
class Built:
    """One view as the page shows it: the graph, its JSON for the script, its table rows."""

    graph: nx.MultiDiGraph
    data_json: str
    rows: list[dict[str, Any]]


def _build(store: Any, view: str, f: Filters) -> Built:
    g = project(store, view, f)
    rows: list[dict[str, Any]] = []
    for a, b, d in g.edges(data=True):
        if len(rows) >= TABLE_ROWS:
            break
        na, nb = g.nodes[a], g.nodes[b]
        rows.append({"from": na.get("label", a), "from_iri": a, "from_type": na.get("type"),
                     "link": d.get("label", ""), "to": nb.get("label", b), "to_iri": b,
                     "to_type": nb.get("type")})
    return Built(g, json_for_html(vis_data(g)), rows)


def built(request: Request, view: str, f: Filters) -> Built:
    """The view, from the cache while the store is unchanged."""
    st = state(request)
    return CACHE.get(store_state(st.store()), filter_key(view, f),
                     lambda: _build(st.reader(), view, f))


def choices(request: Request) -> dict[str, list[tuple[str, str]]]:
    """The filters' options, from the whole accountability view: (IRI, label) pairs."""
    g = built(request, "accountability", Filters()).graph
    by_type: dict[str, list[tuple[str, str]]] = {}
    for n, d in g.nodes(data=True):
        by_type.setdefault(d["type"], []).append((n, str(d.get("label", n))))

    def of(*types: str) -> list[tuple[str, str]]:
        return sorted((x for t in types for x in by_type.get(t, [])), key=lambda x: x[1].lower())

    def concepts(attr: str, type_: str) -> list[tuple[str, str]]:
        values = {str(d.get(attr)) for _, d in g.nodes(data=True)
                  if d["type"] == type_ and d.get(attr)}
        return sorted((v, v.rsplit("/", 1)[-1].replace("-", " ").capitalize()) for v in values)

    return {"body": of("body"), "person": of("person", "post", "role"),
            "inspection": of("inspection", "document"),
            "timescale": concepts("timescale", "recommendation"),
            "status": concepts("status", "action")}


@router.get("/network", response_class=HTMLResponse, include_in_schema=False)
def network_page(request: Request) -> Response:
    try:
        view, f = network_filters(request)
    except ApiError as exc:
        return error_page(request, exc)
    b = built(request, view, f)
    query = request.url.query
    return render(
        request, "network.html", view=view, views=list(VIEWS), filters=f,
        options=choices(request), nodes=b.graph.number_of_nodes(),
        edges=b.graph.number_of_edges(), data_json=Markup(b.data_json), rows=b.rows,
        table_cap=TABLE_ROWS, legend=[(t, c, s) for t, (c, s) in STYLE.items()],
        downloads=[(ext, f"/network{ext}" + (f"?{query}" if query else ""))
                   for ext in (".gexf", ".graphml", ".cyjs", ".json")])


@router.get("/network.{fmt}", summary="The network view as GEXF, GraphML, Cytoscape JSON or "
            "node-link JSON (same filters as /network)",
            responses={200: {"content": {t: {} for t in sorted(set(
                exports.MEDIA_TYPES["." + f] for f in FORMATS))}},
                       400: {"description": "an unknown format or a bad filter",
                             "content": {"text/plain": {}}}})
def network_export(
        request: Request,
        fmt: Annotated[str, Path(description="gexf, graphml, cyjs (Cytoscape) or json "
                                 "(node-link)", json_schema_extra={"enum": list(FORMATS)})],
        view: Annotated[str | None, Query(json_schema_extra={"enum": ["", *VIEWS]},
                                          description="accountability (the default, also when "
                                          "empty, as a form sends it), bodies or people")
                        ] = None,
        body: IriQ = None, person: IriQ = None, inspection: IriQ = None,
        timescale: IriQ = None, status: IriQ = None, focus: IriQ = None,
        radius: Annotated[str | None, Query(json_schema_extra=RADIUS_SCHEMA,
                                            description="neighbourhood radius, 1 to 5 "
                                            "(default 2)")] = None) -> Response:
    ext = "." + fmt.lower()
    if fmt.lower() not in FORMATS:
        raise ApiError(400, f"unknown network format {fmt[:20]!r}: use gexf, graphml, cyjs "
                       "or json")
    view, f = network_filters(request)
    g = built(request, view, f).graph
    return Response(exports.to_bytes(g, ext), media_type=exports.MEDIA_TYPES[ext],
                    headers={"Content-Disposition":
                             f'attachment; filename="remit-{view}{ext}"'})


@router.get("/static/vendor/vis/{name}", include_in_schema=False)
def vendor(name: str) -> Response:
    """vis-network from the installed pyvis package, and the page's script: no CDN."""
    if name not in VENDOR:
        raise ApiError(404, f"no such asset {name[:40]!r}")
    path, media = VENDOR[name]
    return FileResponse(path, media_type=media,
                        headers={"Cache-Control": "public, max-age=3600"})
