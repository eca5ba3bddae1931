"""Filter parameters of the officers' pages (/network, /register and their downloads).

Values are IRIs chosen from the pages' ``<select>``s (an empty value means "any"). They are
checked for shape only and compared with the projected graph's nodes in Python, never pasted
into SPARQL; an IRI the graph does not hold gives an empty result, not an error. A value that
is not an IRI at all, an unknown view or a bad radius is the user's mistake: 400, shown as a
readable page on HTML routes.
"""

from __future__ import annotations

import re
from typing import Any

from fastapi import Request
from fastapi.responses import HTMLResponse

from graph.projections import VIEWS, Filters
from graph.store import Store, StoreError
from queryapi.errors import ApiError
from queryapi.templating import render

#: Characters never in an IRI (controls, spaces of any kind, and those RFC 3987 excludes),
#: written so that Python and the JavaScript of OpenAPI tools read the class the same way.
_NOT_IRI = (r"\x00-\x20\x7f-\x9f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f"
            r'\u3000\ufeff<>"{}|\\^`')
IRI = re.compile(f"^https?://[^{_NOT_IRI}]{{1,2000}}$")
#: What the OpenAPI document says of each kind of parameter (checked here, not by FastAPI,
#: so a bad value is this module's readable 400).
#: An empty value is the pages' "Any".
IRI_SCHEMA = {"pattern": f"^(https?://[^{_NOT_IRI}]+)?$", "maxLength": 2000}
RADIUS_SCHEMA = {"pattern": "^[1-5]?$"}
IRI_PARAMS = ("body", "person", "inspection", "timescale", "status", "focus", "owner")
MAX_RADIUS = 5


class BadParameter(ApiError):
    """A filter the pages cannot use; the message names the parameter and what is allowed."""

    def __init__(self, message: str) -> None:
        super().__init__(400, message)


def iri_param(request: Request, name: str) -> str | None:
    value = request.query_params.get(name, "").strip()
    if not value:
        return None
    if not IRI.match(value):
        raise BadParameter(f"{name}={value[:80]!r} is not an IRI: choose a value from the "
                           "page's list, or pass an http(s) IRI")
    return value


def view_param(request: Request) -> str:
    view = request.query_params.get("view", "").strip() or "accountability"
    if view not in VIEWS:
        raise BadParameter(f"view={view[:40]!r}: choose one of {', '.join(VIEWS)}")
    return view


def network_filters(request: Request) -> tuple[str, Filters]:
    """The view and filters of a /network request."""
    raw = request.query_params.get("radius", "").strip() or "2"
    try:
        radius = int(raw)
    except ValueError:
        raise BadParameter(f"radius={raw[:20]!r} is not a whole number") from None
    if not 1 <= radius <= MAX_RADIUS:
        raise BadParameter(f"radius={radius}: choose 1 to {MAX_RADIUS}")
    f = Filters(body=iri_param(request, "body"), person=iri_param(request, "person"),
                inspection=iri_param(request, "inspection"),
                timescale=iri_param(request, "timescale"), status=iri_param(request, "status"),
                focus=iri_param(request, "focus"), radius=radius)
    return view_param(request), f


def filter_key(view: str, f: Filters) -> tuple[Any, ...]:
    """A hashable key of the request, for the cache of built views."""
    return (view, f.body, f.person, f.inspection, f.timescale, f.status, f.focus, f.radius)


def store_state(store: Store) -> str:
    """The store's state token; a store that cannot tell gives one that never matches."""
    try:
        return f"{id(store)}:{store.state()}"
    except (StoreError, OSError):
        return f"unknown:{id(object())}"


def error_page(request: Request, exc: ApiError) -> HTMLResponse:
    """A readable HTML page for a bad filter, with a link back to the unfiltered page."""
    return render(request, "officer_error.html", status=exc.status, message=exc.message,
                  back=request.url.path)
