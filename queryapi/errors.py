"""One error class carrying an HTTP status, and the one shape every error is sent in.

Handlers raise :class:`ApiError` (or a subclass) with the status the protocol asks for and a
message the client can act on. Under ``/api`` the body is always the JSON shape pinned by
``tests/test_error_shape.py``::

    {"error": {"status": 404, "code": "not_found", "message": "...", "detail": {...}}}

Elsewhere (``/sparql``, ``/store``, pages) SPARQL clients expect the message as plain text,
so it is sent as ``text/plain`` with the same status. Anything unexpected is a 500 that says
it is a server fault, never a 400 that blames the user.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("queryapi")

_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
          405: "method_not_allowed", 406: "not_acceptable", 413: "too_large",
          415: "unsupported_media_type", 422: "invalid_parameter", 429: "too_many_requests",
          500: "server_error", 503: "unavailable", 504: "timeout"}


class ApiError(Exception):
    """An error with the HTTP status to send, a stable code, and a user-facing message."""

    def __init__(self, status: int, message: str, *, code: str | None = None,
                 detail: dict[str, Any] | None = None,
                 headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code or _CODES.get(status, "error")
        self.detail = detail or {}
        self.headers = headers or {}

    def payload(self) -> dict[str, Any]:
        body: dict[str, Any] = {"status": self.status, "code": self.code,
                                "message": self.message}
        if self.detail:
            body["detail"] = self.detail
        return {"error": body}


class QueryTimedOut(ApiError):
    """The query ran past the time limit and was stopped."""

    def __init__(self, limit: float) -> None:
        super().__init__(503, f"query timed out: it ran past the {limit:g} s limit and was "
                         "stopped; narrow it (LIMIT, more specific patterns) and retry",
                         code="timeout", headers={"Retry-After": "1"})


def error_response(request: Request, exc: ApiError) -> Response:
    headers = dict(exc.headers)
    if request.url.path.startswith("/api"):
        return JSONResponse(exc.payload(), status_code=exc.status, headers=headers)
    return PlainTextResponse(exc.message + "\n", status_code=exc.status, headers=headers)


def install(app: FastAPI) -> None:
    """Route every error through :func:`error_response` so the shape is one and the same."""

    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError) -> Response:
        return error_response(request, exc)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        message = exc.detail if isinstance(exc.detail, str) else str(exc.detail)
        return error_response(request, ApiError(exc.status_code, message, headers=headers))

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        problems = [{"parameter": ".".join(str(x) for x in e.get("loc", ())[1:]),
                     "message": e.get("msg", "")} for e in exc.errors()]
        text = "; ".join(f"{p['parameter']}: {p['message']}" for p in problems)
        return error_response(request, ApiError(
            422, f"invalid parameter: {text}", detail={"problems": problems}))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.exception("unexpected error on %s %s", request.method, request.url.path)
        return error_response(request, ApiError(
            500, f"internal error ({type(exc).__name__}); this is a server fault, "
                 "not a problem with the request"))
