"""Jinja2 with autoescape always on, and the helpers templates use to show RDF terms.

Document text reaches pages only through ``{{ }}`` (escaped); links are made only for
entity IRIs (to this app's /id/ pages) and http(s) IRIs, so a ``javascript:`` IRI in the
data is shown as text, never as a link.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader
from markupsafe import Markup, escape

from graph.search_index import MARK
from ontology.namespaces import ONTOLOGY_IRI, VOCAB
from queryapi.jsonld import prefixes

#: The project's own site root, under which vocabularies are named whatever the base IRI.
SITE = VOCAB[: -len("vocab/")]

TEMPLATES = Path(__file__).parent / "templates"
env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=True,
                  trim_blocks=True, lstrip_blocks=True)


def local_href(iri: str, base_iri: str) -> str | None:
    """The app path of an entity IRI, the IRI itself for http(s), else None (no link)."""
    base = base_iri if base_iri.endswith("/") else base_iri + "/"
    for root in (base, SITE):
        if iri.startswith((root + "id/", root + "vocab/")):
            return "/" + iri[len(root):]
    if iri.startswith(ONTOLOGY_IRI):
        return "/ontology"
    if iri.startswith(("http://", "https://")):
        return iri
    return None


def compact(iri: str, base_iri: str) -> str:
    """``rem:text`` for a full IRI when a project prefix covers it."""
    best = ""
    for p, ns in prefixes(base_iri).items():
        if iri.startswith(ns) and len(ns) > len(best):
            best, name = ns, f"{p}:{iri[len(ns):]}"
    return name if best else iri


def highlight(snippet: str) -> Markup:
    """A search snippet, escaped, with the matched words in <mark>."""
    return Markup(str(escape(snippet)).replace(MARK[0], "<mark>").replace(MARK[1], "</mark>"))


env.filters["highlight"] = highlight


def render(request: Request, name: str, status: int = 200, **context: Any) -> HTMLResponse:
    settings = request.app.state.settings
    context.setdefault("q", "")
    html = env.get_template(name).render(
        request=request, base_iri=settings.base_iri,
        href=lambda iri: local_href(str(iri), settings.base_iri),
        compact=lambda iri: compact(str(iri), settings.base_iri), **context)
    return HTMLResponse(html, status_code=status)
