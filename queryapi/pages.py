"""The query page at ``/``: YASGUI (served from ``static/vendor``, remote autocompleters
off, the project's prefixes pre-filled, the competency questions as example queries), or,
when the npm build is absent, a plain form whose results the server renders as a paged
table. Both paths are tested; the plain one also works with JavaScript off.
"""

from __future__ import annotations

import json
import urllib.parse
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from graph.results import parse_json_results
from graph.store import QuerySyntaxError, Rows
from queryapi import assets
from queryapi.errors import ApiError
from queryapi.jsonld import prefixes
from queryapi.negotiation import RESULTS_JSON, query_form
from queryapi.sparql import run_query
from queryapi.state import state
from queryapi.templating import render

router = APIRouter(include_in_schema=False)
PAGE_SIZE = 50
DEFAULT = "SELECT ?type (COUNT(?s) AS ?n) WHERE { ?s a ?type } GROUP BY ?type ORDER BY DESC(?n)"


def examples() -> list[dict[str, str]]:
    """The competency questions as example queries (title, question, query text)."""
    try:
        from graph.competency import load_questions

        return [{"id": q.id, "title": q.title, "question": q.question, "sparql": q.sparql}
                for q in load_questions()]
    except (ImportError, ValueError, OSError):
        return [{"id": "types", "title": "What kinds of things are in the graph",
                 "question": "How many entities of each type?", "sparql": DEFAULT}]


def prefix_block(base_iri: str) -> str:
    return "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in prefixes(base_iri).items())


def share_url(query: str) -> str:
    return "/?" + urllib.parse.urlencode({"query": query})


async def plain_results(request: Request, query: str, page: int) -> dict[str, Any]:
    """Run the query for the plain form; a page of rows, or the error message."""
    st = state(request)
    form = query_form(query)
    if form in ("CONSTRUCT", "DESCRIBE"):
        return {"error": "CONSTRUCT and DESCRIBE results are graphs: download them as "
                         "Turtle below."}
    try:
        response = await run_query(st, request, query, fmt=None, default_graph=None,
                                   named_graphs=None, media=RESULTS_JSON)
    except ApiError as exc:
        return {"error": exc.message}
    try:
        result = parse_json_results(response.body)
    except QuerySyntaxError as exc:
        return {"error": str(exc)}
    if isinstance(result, bool):
        return {"boolean": result}
    assert isinstance(result, Rows)
    start = (page - 1) * PAGE_SIZE
    return {"vars": result.vars, "rows": result.rows[start:start + PAGE_SIZE],
            "total": len(result.rows), "page": page, "pages": max(1, -(-len(result) //
                                                                       PAGE_SIZE)),
            "truncated": response.headers.get("X-Remit-Truncated") == "true"}


@router.get("/", summary="The query page")
async def query_page(request: Request) -> Response:
    st = state(request)
    query = request.query_params.get("query")
    try:
        page = max(1, int(request.query_params.get("page", "1")))
    except ValueError:
        page = 1
    yasgui = assets.vendor_available(assets.VENDOR) and request.query_params.get("plain") is None
    config = {"endpoint": "/sparql", "prefixes": prefixes(st.settings.base_iri),
              "query": query or prefix_block(st.settings.base_iri) + DEFAULT}
    results = await plain_results(request, query, page) if query and not yasgui else None
    return render(request, "query.html", yasgui=yasgui, config=json.dumps(config),
                  examples=examples(), query=query or prefix_block(st.settings.base_iri)
                  + DEFAULT, results=results, share=share_url(query) if query else None,
                  download=(lambda fmt: "/sparql?" + urllib.parse.urlencode(
                      {"query": query, "format": fmt})) if query else None,
                  page_url=lambda n: "/?" + urllib.parse.urlencode(
                      {"query": query, "page": n, "plain": ""}))
