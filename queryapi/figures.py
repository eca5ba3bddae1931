"""The whole-graph figures of ``/api/analytics`` and the officers' pages, built once per
store state and day, and saved beside the embedded store (``graph/saved_figures.py``).

``remit ingest`` calls :func:`precompute` after its last write, so the first officer to
open a page after an ingest reads saved figures instead of waiting for them (15 s at five
million triples); the app reads them, or builds and saves them, on its first request for a
state it has not seen.
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from graph import saved_figures
from graph.store import Store, StoreError
from queryapi import api_data as data


def analytics_body(store: Any, day: dt.date, current: str) -> dict[str, Any]:
    """Every figure ``/api/analytics`` answers with, counted as at ``day``."""
    from graph.analytics import analyse_cached

    recs = data.describe_recommendations(store, data.find_recommendations(store, {}), day)
    unowned = [{"iri": r["iri"], "key": r["key"], "text": r["text"]}
               for r in recs if not r["owners"]]
    figures = analyse_cached(store, day, current)

    def listed(name: str) -> dict[str, Any]:
        return {"count": len(figures[name]), "items": figures[name]}

    return jsonable({
        "as_of": day.isoformat(), "recommendations": len(recs),
        "without_owner": {"count": len(unowned), "items": unowned},
        "no_named_owner": listed("no_owner"),
        "role_only_owners": listed("role_only_owners"),
        "owners_by_open_load": data.open_load(recs),
        "open_load": figures["open_load"],
        "cross_agency": listed("cross_agency"),
        "report_receivers": figures["report_receivers"],
        "overdue": listed("overdue"),
        "centrality": figures["centrality"]})


def saved_or_computed(reader: Any, store: Store, day: dt.date) -> dict[str, Any]:
    """The figures saved for the store's state and ``day``, else built now (through
    ``reader``, the app's time-limited queries) and saved for next time."""
    root: Path | None = getattr(store, "root", None)
    try:
        state = store.state()
    except (StoreError, OSError):  # a store that cannot say: build, keep nothing
        return analytics_body(reader, day, f"unknown-{time.monotonic_ns()}")
    saved = saved_figures.load(root, state, day.isoformat())
    if saved is not None:
        return saved
    body = analytics_body(reader, day, state)
    saved_figures.save(root, state, day.isoformat(), body)
    return body


def precompute(store: Store, day: dt.date) -> float | None:
    """Build and save the figures of the store's current state (an embedded store only: a
    remote one has no folder of ours); the seconds it took, or None if not done."""
    if getattr(store, "root", None) is None:
        return None
    t0 = time.perf_counter()
    saved_or_computed(store, store, day)
    return time.perf_counter() - t0


def jsonable(value: Any) -> Any:
    """Dates and decimals from the store's rows as JSON strings and numbers."""
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)
