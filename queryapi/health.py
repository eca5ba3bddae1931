"""/health: the process is alive, and whether the store can be read (and what it holds)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse

from queryapi.errors import ApiError
from queryapi.state import state

router = APIRouter()


@router.get("/health", summary="Liveness and store state")
def health(request: Request) -> JSONResponse:
    st = state(request)
    try:
        store = st.store()
        body = {"status": "ok", "backend": store.name, "state": store.state(),
                "quads": store.count(), "read_only": not st.settings.update_token}
        return JSONResponse(body)
    except ApiError as exc:
        return JSONResponse({"status": "degraded", "store": exc.message}, status_code=503)
    except Exception as exc:  # liveness must answer whatever the store does
        return JSONResponse({"status": "degraded", "store": f"{type(exc).__name__}: {exc}"},
                            status_code=503)
