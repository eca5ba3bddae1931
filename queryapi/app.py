"""The FastAPI application: built once from Settings, never reading the environment per request."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from graph.settings import Settings
from graph.store import QuerySyntaxError, open_store


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_env()
    app = FastAPI(title="Remit", version="0.1.0",
                  description="SPARQL endpoint and accountability API over the Remit graph.")
    app.state.settings = settings

    def store():  # opened lazily so the app starts before the first ingest
        if getattr(app.state, "store", None) is None:
            app.state.store = open_store(settings, read_only=True)
        return app.state.store

    @app.get("/health")
    def health() -> dict:
        st = store()
        return {"status": "ok", "backend": st.name, "state": st.state(), "quads": st.count()}

    @app.get("/sparql")
    def sparql(request: Request, query: str | None = None) -> Response:
        if not query:
            return JSONResponse({"error": "missing query parameter"}, status_code=400)
        try:
            res = store().query_serialized(query, "application/sparql-results+json")
        except QuerySyntaxError as exc:
            return Response(str(exc), status_code=400, media_type="text/plain")
        return Response(res.body, media_type=res.media_type)

    return app
