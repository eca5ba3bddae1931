"""/search?q=: people, bodies, posts, recommendations and decisions by the words in their
names and text, from the SQLite FTS5 index (graph/search_index.py). HTML for browsers,
JSON for ``Accept: application/json``.

The index is kept current by ingest (``update_index`` after each pack); if the store's state
differs from the one the index records (a store changed by other means, or no index yet), the
first search rebuilds it, once, under a lock.
"""

from __future__ import annotations

import threading
import time
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, Response

from graph.search_index import KINDS, SearchIndexError, build_index, indexed_state, search
from queryapi import negotiation as neg
from queryapi.errors import ApiError
from queryapi.state import AppState, state
from queryapi.templating import local_href, render

router = APIRouter()
_rebuild = threading.Lock()
KIND_NAMES = sorted(set(KINDS.values()))


_checked: dict[str, float] = {}
#: Seconds between checks of the store's state (a remote store's state is a COUNT query).
CHECK_EVERY = 2.0


def fresh_index(st: AppState) -> str:
    path = st.index_path()
    now = time.monotonic()
    if path.exists() and now - _checked.get(str(path), -CHECK_EVERY) < CHECK_EVERY:
        return str(path)
    store = st.store()
    current = store.state()
    if indexed_state(path) != current:
        with _rebuild:
            if indexed_state(path) != current:
                build_index(store, path)
    _checked[str(path)] = now
    return str(path)


@router.get("/search", summary="Search entities by words in their names and text",
            responses={200: {"content": {"text/html": {}, "application/json": {"example": {
                "query": "supervision", "results": [{
                    "iri": "https://remit.example/id/recommendation/improve-supervision-x",
                    "kind": "recommendation", "label": "SG-3M-1",
                    "snippet": "improve the quality of supervision for social workers",
                    "url": "/id/recommendation/improve-supervision-x"}]}}}}})
def search_page(request: Request,
                q: Annotated[str, Query(max_length=500, description="words to find")] = "",
                kind: Annotated[list[str] | None, Query(
                    description=f"restrict to kinds: {', '.join(KIND_NAMES)}")] = None,
                limit: Annotated[int, Query(ge=1, le=200)] = 20) -> Response:
    st = state(request)
    kinds = kind or []
    unknown = [k for k in kinds if k not in KIND_NAMES]
    if unknown:
        raise ApiError(400, f"unknown kind {unknown[0]!r}; kinds: {', '.join(KIND_NAMES)}")
    hits = []
    if q.strip():
        try:
            hits = search(fresh_index(st), q, kinds=kinds, limit=limit)
        except SearchIndexError as exc:
            raise ApiError(503, str(exc)) from exc
    accept = request.headers.get("accept") or ""
    if neg.wants_html(accept) or "json" not in accept:
        return render(request, "search.html", q=q, hits=hits)
    from graph.search_index import MARK

    base = st.settings.base_iri
    return JSONResponse({"query": q, "results": [
        {"iri": h.iri, "kind": h.kind, "label": h.label,
         "snippet": h.snippet.replace(MARK[0], "").replace(MARK[1], ""),
         "url": local_href(h.iri, base)} for h in hits]})
