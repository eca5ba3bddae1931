"""Store statistics for `remit stats`, /health and the VoID description."""

from __future__ import annotations

from typing import Any

from graph.store import Rows, Store

CLASS_COUNTS = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class }
GROUP BY ?class ORDER BY DESC(?n) ?class
"""


def store_stats(store: Store) -> dict[str, Any]:
    rows = store.query(CLASS_COUNTS)
    assert isinstance(rows, Rows)
    return {
        "quads": store.count(),
        "graphs": len(store.graph_names()),
        "classes": {str(r["class"]): int(r["n"].toPython()) for r in rows},
        "state": store.state(),
    }
