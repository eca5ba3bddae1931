"""A direct route for GET and POST /sparql, the endpoint's hot path.

Why: a lookup that the engine answers in a few hundred microseconds spent more than that
again in routing and FastAPI's per-request machinery (matching every route, solving
dependencies, wrapping exception handlers) before reaching a handler that takes only the
request. This pure ASGI middleware sits inside CORS and the security headers and hands
``/sparql`` requests straight to the same handlers (:func:`queryapi.sparql.sparql_get`
and ``sparql_post``), with errors sent by the same :func:`queryapi.errors.error_response`,
so every protocol behaviour, header and limit stays the one the router path has. Other
methods (HEAD, PUT ...), other paths and ``/sparql/`` go through the router as before.
"""

from __future__ import annotations

from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from queryapi.errors import ApiError, error_response
from queryapi.sparql import sparql_get, sparql_post

PATH = "/sparql"
_HANDLERS = {"GET": sparql_get, "POST": sparql_post}


class SparqlFastPath:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        handler = _HANDLERS.get(scope.get("method", "")) if scope["type"] == "http" else None
        if handler is None or _route_path(scope) != PATH:
            await self.app(scope, receive, send)
            return
        if "router" not in scope:  # what the router would set: url_for() needs it
            scope["router"] = scope["app"].router
        request = Request(scope, receive)
        try:
            response = await handler(request)
        except ApiError as exc:
            response = error_response(request, exc)
        except StarletteHTTPException as exc:  # e.g. a malformed multipart form
            detail = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
            response = error_response(request, ApiError(exc.status_code, detail,
                                                        headers=dict(exc.headers or {})))
        await response(scope, receive, send)


def _route_path(scope: Scope) -> str:
    """The path without the mount prefix (``root_path``), as the router matches it."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    return path[len(root):] if root and path.startswith(root) else path
