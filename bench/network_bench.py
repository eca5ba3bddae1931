"""Network: accountability projection time, and a 5,000-node page's size and first render.

The projection is timed twice: read in this process (the notebooks' and CLI's path), and
through a query worker pool of two processes as the app reads it (``PooledReader``: its six
queries run side by side). The load average is recorded beside both (a shared machine).

    python -m bench.network_bench bench/out/store-1000000   # the projection only

The page is ``graph.netview.standalone_html`` of the first 5,000 nodes (breadth-first from
the best-connected node, so it is one connected picture, as a focused view would be),
opened from disk in Debian's Chromium through Playwright; first render is the time from
navigation to ``window.remitNetwork.ready`` (the script sets it after the first drawing).
"""

from __future__ import annotations

import argparse
import json
import os
import time
from pathlib import Path
from typing import Any

import networkx as nx

CHROMIUM = Path("/usr/bin/chromium")


def projection(store: Any, pool_workers: int = 2) -> tuple[nx.MultiDiGraph, dict[str, Any]]:
    """The unfiltered accountability view: seconds in this process, and (for an embedded
    store) through a pool of ``pool_workers`` query processes; 0 skips the pool."""
    from graph.projections import project

    load = os.getloadavg()[0]
    t0 = time.perf_counter()
    g = project(store, "accountability")
    dt = time.perf_counter() - t0
    out: dict[str, Any] = {"seconds": round(dt, 2), "nodes": g.number_of_nodes(),
                           "edges": g.number_of_edges(), "loadavg": round(load, 2)}
    root = getattr(store, "root", None)
    if pool_workers and isinstance(root, Path):
        out["pooled"] = pooled_projection(root, pool_workers)
    return g, out


def pooled_projection(store_dir: Path, workers: int = 2) -> dict[str, Any]:
    """The projection read through a worker pool, as the app's network pages read it:
    ``cold_seconds`` with workers that have answered nothing but a trivial query yet (a
    first view after start), ``seconds`` the second time (the app's workers are long-lived)."""
    from graph.projections import project
    from graph.settings import Settings
    from graph.workers import QueryPool
    from queryapi.runner import PooledReader

    settings = Settings(store=store_dir, query_timeout=120.0, row_cap=0)
    with QueryPool(settings, size=workers) as pool:
        reader = PooledReader(pool, 120.0)
        for _ in range(workers):
            reader.query_serialized("ASK { ?s ?p ?o }", "application/sparql-results+json")
        times = []
        for _ in range(2):
            load = os.getloadavg()[0]
            t0 = time.perf_counter()
            g = project(reader, "accountability")
            times.append(time.perf_counter() - t0)
    return {"seconds": round(times[1], 2), "cold_seconds": round(times[0], 2),
            "workers": workers, "nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "loadavg": round(load, 2)}


def subgraph(g: nx.MultiDiGraph, nodes: int) -> nx.MultiDiGraph:
    """About ``nodes`` nodes reached breadth-first from the best-connected node."""
    if g.number_of_nodes() <= nodes:
        return g
    und = g.to_undirected(as_view=True)
    start = max(g.degree, key=lambda kv: kv[1])[0]
    keep: list[Any] = [start]
    seen = {start}
    for _a, b in nx.bfs_edges(und, start):
        if b not in seen:
            seen.add(b)
            keep.append(b)
            if len(keep) >= nodes:
                break
    rest = (n for n in g.nodes if n not in seen)
    while len(keep) < nodes:  # a disconnected projection: fill from other components
        n = next(rest)
        seen.add(n)
        keep.append(n)
    return g.subgraph(keep).copy()


def page(g: nx.MultiDiGraph, out: Path) -> dict[str, Any]:
    from graph.netview import standalone_html

    t0 = time.perf_counter()
    html = standalone_html(g, "Remit network (benchmark)")
    dt = time.perf_counter() - t0
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, encoding="utf-8")
    return {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(),
            "build_s": round(dt, 2), "bytes": len(html.encode("utf-8"))}


def first_render(path: Path, timeout_s: float = 60) -> dict[str, Any]:
    """Seconds from navigation to the network's first drawing, in headless Chromium."""
    if not CHROMIUM.exists():
        return {"skipped": f"{CHROMIUM} is absent (apt-get install chromium)"}
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), headless=True,
                                     args=["--no-sandbox"])
        try:
            pg = browser.new_page()
            t0 = time.perf_counter()
            pg.goto(path.resolve().as_uri(), wait_until="commit")
            pg.wait_for_function("!!document.querySelector('canvas')", timeout=timeout_s * 1000)
            canvas = time.perf_counter() - t0
            pg.wait_for_function("!!(window.remitNetwork && window.remitNetwork.ready)",
                                 timeout=timeout_s * 1000)
            dt = time.perf_counter() - t0
        finally:
            browser.close()
    return {"canvas_s": round(canvas, 2), "first_render_s": round(dt, 2)}


def main() -> None:
    ap = argparse.ArgumentParser(description="Time the accountability projection of a store.")
    ap.add_argument("store", type=Path, help="an embedded store directory (bench/out/store-N)")
    ap.add_argument("--workers", type=int, default=2, help="pool size (0: in-process only)")
    ap.add_argument("--repeats", type=int, default=1)
    args = ap.parse_args()
    from graph.embedded import EmbeddedStore

    store = EmbeddedStore(args.store, read_only=True)
    try:
        for _ in range(args.repeats):
            print(json.dumps(projection(store, args.workers)[1]), flush=True)
    finally:
        store.close()


if __name__ == "__main__":
    main()
