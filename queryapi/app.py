"""The FastAPI application, built once from Settings (never reading the environment per
request): the SPARQL endpoint, Graph Store read, pages, search and the accountability API.

Every HTML response gets a Content-Security-Policy that allows scripts from this origin only
(no inline script), and every read route answers cross-origin requests (CORS), so browser
SPARQL clients elsewhere can query it; writes are not offered to other origins.
"""

from __future__ import annotations

import importlib
import inspect
import logging
import os
import threading
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware
from fastapi.staticfiles import StaticFiles
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from graph.settings import Settings
from graph.store import Store
from queryapi import errors
from queryapi.fastpath import SparqlFastPath
from queryapi.state import AppState

log = logging.getLogger("queryapi")
STATIC = Path(__file__).parent / "static"
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
       "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
#: Modules of other pages (each with a ``router``), included when they exist.
OPTIONAL_PAGES = ("register", "network")
TRUNCATION_HEADERS = ["X-Remit-Truncated", "X-Remit-Row-Cap", "Warning"]


def telemetry_options(env: Any) -> dict[str, Any]:
    """FastAPI's OpenTelemetry support, off unless the deployment configures OpenTelemetry
    (an ``OTEL_*`` variable, or ``FASTAPI_OTEL_AUTO_CONFIGURE``), read once at start-up.
    Why: left on, FastAPI looks for the global providers (and the environment) on every
    request, 3 % of the HTTP process's CPU on a lookup. Versions of FastAPI without it
    take no option."""
    if any(k.startswith("OTEL_") for k in env) or env.get("FASTAPI_OTEL_AUTO_CONFIGURE"):
        return {}
    if "telemetry" not in inspect.signature(FastAPI.__init__).parameters:
        return {}
    return {"telemetry": {"tracing": False, "metrics": False, "logs": False}}


class SecurityHeaders:
    """Pure ASGI middleware (no per-request task or body copy, unlike ``@app.middleware``):
    ``nosniff`` everywhere, the CSP and referrer policy on HTML responses."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("X-Content-Type-Options", "nosniff")
                if headers.get("content-type", "").startswith("text/html"):
                    headers["Content-Security-Policy"] = CSP
                    headers.setdefault("Referrer-Policy", "same-origin")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def _refresh_index(remit: AppState) -> None:
    from queryapi.search import fresh_index

    try:
        fresh_index(remit)
    except Exception as exc:  # the first search retries; the app must start regardless
        log.warning("search index not refreshed at start-up: %s", exc)


def create_app(settings: Settings | None = None, *, store: Store | None = None,
               search_path: Path | None = None) -> FastAPI:
    """The app over the configured store, or over ``store`` (tests inject one)."""
    settings = settings or Settings.from_env()
    remit = AppState(settings, injected=store, search_path=search_path)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> Any:
        if store is None:  # bring a stale or missing search index up to date, off the loop
            threading.Thread(target=_refresh_index, args=(remit,), daemon=True).start()
        yield
        remit.close()

    app = FastAPI(
        title="Remit", version="0.1.0", lifespan=lifespan,
        description="SPARQL 1.1 endpoint, entity pages, search and accountability API over "
                    "the Remit graph of what public bodies recommend, decide and promise.",
        **telemetry_options(os.environ))
    app.state.remit = remit
    app.state.settings = settings
    errors.install(app)
    # innermost: /sparql skips the router, still inside CORS and the security headers
    app.add_middleware(SparqlFastPath)
    app.add_middleware(CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"],
                       allow_headers=["Accept", "Content-Type"],
                       expose_headers=TRUNCATION_HEADERS)

    app.add_middleware(SecurityHeaders)

    from queryapi import api, entity, gsp, health, ontology_page, pages, search, sparql, void

    for module in (sparql, gsp, void, health, entity, search, api, ontology_page, pages):
        app.include_router(module.router)
    for name in OPTIONAL_PAGES:  # officers' pages, added by the network work when present
        try:
            module = importlib.import_module(f"queryapi.{name}")
        except ModuleNotFoundError as exc:
            if exc.name != f"queryapi.{name}":
                raise
            continue
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    from queryapi import openapi

    openapi.install(app)  # the document says what each route serves, refuses and requires
    return app
