"""The OpenAPI document, completed in one place: what FastAPI generates from the routes says
every answer is JSON and every string is any string, while the app negotiates RDF, HTML and
CSV, refuses unknown keys and codes, and answers errors in one shape (``errors.py``).

:func:`install` wraps ``app.openapi`` so the document states, per operation (the table in
``queryapi/openapi_table.py``), the media types actually served (taken from the negotiation
tables), the error statuses with the error body, the parameters read from the request
rather than declared on the route (the SPARQL Protocol's), the request bodies of
``POST /sparql``, and the constraints the handlers enforce (key patterns, codes). The
document is built once per app and cached, as FastAPI does.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy
from typing import Any

from fastapi import FastAPI
from fastapi.routing import APIRoute

from queryapi.openapi_table import OPERATIONS, Served

#: The JSON error body of ``errors.ApiError.payload`` (pinned by tests/test_error_shape.py).
ERROR_SCHEMA = {
    "type": "object", "required": ["error"],
    "properties": {"error": {
        "type": "object", "required": ["status", "code", "message"],
        "properties": {"status": {"type": "integer", "minimum": 400, "maximum": 599},
                       "code": {"type": "string", "pattern": "^[a-z_]+$"},
                       "message": {"type": "string"},
                       "detail": {"type": "object"}}}}}
REASONS = {
    303: "a browser asking for HTML is sent to the query page",
    400: "a malformed parameter, key, IRI or query; the message says which",
    401: "the bearer token is missing or wrong",
    403: "writes are disabled (no update token is configured)",
    404: "no such entity, graph or concept",
    405: "the method is not allowed here",
    406: "none of the accepted media types (or format=) can be produced here",
    413: "the query text is over the size limit",
    415: "the request body's media type (or charset) is not supported",
    422: "a parameter of the wrong type or out of range",
    429: "too many concurrent queries from this client",
    503: "the store is unavailable, or the query ran past its time limit",
}
RETRY_AFTER = {"Retry-After": {"description": "seconds to wait before retrying",
                               "schema": {"type": "string"}}}
#: FastAPI's own validation-error schemas, unused once 422 has the project's error shape.
FASTAPI_SCHEMAS = ("HTTPValidationError", "ValidationError")


class OpenApiTableError(Exception):
    """The table names a parameter the route does not have (the table and route drifted)."""


def error_media(path: str) -> str:
    """The error body's media type on ``path``, as ``errors.error_response`` chooses it."""
    return "application/json" if path.startswith("/api") else "text/plain"


def error_response(path: str, status: int, existing: dict[str, Any] | None) -> dict[str, Any]:
    media = error_media(path)
    schema = {"$ref": "#/components/schemas/Error"} if media == "application/json" else {
        "type": "string"}
    described = (existing or {}).get("description")
    if not described or described == "Validation Error":  # FastAPI's words for its schema
        described = REASONS.get(status, "an error")
    out: dict[str, Any] = {"description": described}
    example = ((existing or {}).get("content") or {}).get(media, {}).get("example")
    out["content"] = {media: {"schema": schema, **({"example": example} if example else {})}}
    if status in (429, 503):
        out["headers"] = RETRY_AFTER
    return out


def _content(types: tuple[str, ...], existing: dict[str, Any]) -> dict[str, Any]:
    """One entry per served media type, keeping the route's examples for those it named."""
    out = {}
    for media in types:
        entry = dict(existing.get(media) or {})
        entry.setdefault("schema", {"type": "object"} if media.endswith("json") else {
            "type": "string"})
        out[media] = entry
    return out


def _declared_content(route: APIRoute | None) -> tuple[str, ...]:
    """The 200 media types a route declared itself (``responses={200: ...}``), if any."""
    if route is None:
        return ()
    content = (route.responses.get(200) or route.responses.get("200") or {}).get("content")
    return tuple(content or ())


def complete_operation(path: str, op: dict[str, Any], served: Served,
                       route: APIRoute | None) -> None:
    """Rewrite one operation of the document in place from its table entry."""
    responses = op.setdefault("responses", {})
    ok = responses.setdefault("200", {"description": "Successful Response"})
    media = served.media or _declared_content(route) or tuple(ok.get("content") or ())
    ok["content"] = _content(media, ok.get("content") or {})
    if served.ok_headers:
        ok["headers"] = deepcopy(served.ok_headers)
    for status, response in served.other.items():
        responses[str(status)] = deepcopy(response)
    for status in list(responses):
        if status[0] in "45" and int(status) not in served.errors:
            del responses[status]
    for status in served.errors:
        responses[str(status)] = error_response(path, status, responses.get(str(status)))
    params = op.setdefault("parameters", [])
    names = {p["name"]: p for p in params}
    for name, schema in served.patch.items():
        if name not in names:
            raise OpenApiTableError(f"{path}: the table constrains parameter {name!r}, which "
                                    "the route does not declare; update queryapi/openapi_table.py")
        _constrain(names[name], schema)
    params.extend(deepcopy(p) for p in served.params if p["name"] not in names)
    if not params:
        del op["parameters"]
    if served.body:
        op["requestBody"] = deepcopy(served.body)  # each app's document is its own


def _constrain(param: dict[str, Any], schema: dict[str, Any]) -> None:
    """Add constraints to a parameter's string schema (inside ``anyOf`` for optional ones)."""
    target = param["schema"]
    for alt in target.get("anyOf", ()):
        if alt.get("type") in ("string", "array"):
            target = alt
    if target.get("type") == "array":
        target = target["items"]
    target.update(deepcopy(schema))


def complete(doc: dict[str, Any], routes: dict[tuple[str, str], APIRoute]) -> dict[str, Any]:
    """The document with every operation described by the table; untabled ones unchanged
    but for error bodies (tests/test_openapi.py insists every operation is in the table)."""
    schemas = doc.setdefault("components", {}).setdefault("schemas", {})
    for name in FASTAPI_SCHEMAS:
        schemas.pop(name, None)
    schemas["Error"] = deepcopy(ERROR_SCHEMA)
    for path, ops in doc.get("paths", {}).items():
        for method, op in ops.items():
            served = OPERATIONS.get(f"{method.upper()} {path}")
            if served is not None:
                complete_operation(path, op, served, routes.get((method.upper(), path)))
                continue
            for status, resp in op.get("responses", {}).items():
                if status[0] in "45":
                    op["responses"][status] = error_response(path, int(status), resp)
    return doc


def install(app: FastAPI) -> None:
    """Serve the completed document at /openapi.json (and to ``app.openapi()`` callers)."""
    generate: Callable[[], dict[str, Any]] = app.openapi

    def openapi() -> dict[str, Any]:
        if getattr(app.state, "openapi_completed", False):
            return app.openapi_schema  # type: ignore[return-value]
        routes = {(m, r.path): r for r in app.routes if isinstance(r, APIRoute)
                  for m in r.methods or ()}
        app.openapi_schema = complete(generate(), routes)
        app.state.openapi_completed = True
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
