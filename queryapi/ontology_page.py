"""/ontology: the ontology's reference docs for browsers (``make docs`` output if built,
else the built-in renderer of ``ontology/docs.py``), the Turtle source or another RDF
format by Accept."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from rdflib import Graph

from queryapi import negotiation as neg
from queryapi.jsonld import to_jsonld
from queryapi.state import state

router = APIRouter()
BUILT = Path(__file__).resolve().parents[1] / "docs" / "ontology" / "index.html"


@lru_cache(maxsize=1)
def _fallback_html() -> str:
    from ontology.docs import ONTOLOGY, fallback_html

    return fallback_html(ONTOLOGY)


@router.get("/ontology", summary="The Remit ontology: HTML docs, or RDF by Accept")
def ontology(request: Request) -> Response:
    from ontology.docs import ONTOLOGY

    accept = request.headers.get("accept")
    fmt = request.query_params.get("format")
    if not fmt and (neg.wants_html(accept) or not accept):
        html = BUILT.read_text(encoding="utf-8") if BUILT.exists() else _fallback_html()
        return HTMLResponse(html)
    media = neg.choose(accept, neg.GRAPH_TYPES, fmt)
    if media == neg.TURTLE:
        return Response(ONTOLOGY.read_bytes(), media_type=media, headers={"Vary": "Accept"})
    g = Graph().parse(ONTOLOGY, format="turtle")
    if media == neg.JSONLD:
        body = to_jsonld(g, state(request).settings.base_iri,
                         str(request.base_url) + "context.jsonld")
    else:
        body = g.serialize(format={neg.NTRIPLES: "nt", neg.RDFXML: "xml"}[media],
                           encoding="utf-8")
    return Response(body, media_type=media, headers={"Vary": "Accept"})
