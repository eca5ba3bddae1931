"""Network: accountability projection time, and a 5,000-node page's size and first render.

The page is ``graph.netview.standalone_html`` of the first 5,000 nodes (breadth-first from
the best-connected node, so it is one connected picture, as a focused view would be),
opened from disk in Debian's Chromium through Playwright; first render is the time from
navigation to ``window.remitNetwork.ready`` (the script sets it after the first drawing).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import networkx as nx

CHROMIUM = Path("/usr/bin/chromium")


def projection(store: Any) -> tuple[nx.MultiDiGraph, dict[str, Any]]:
    from graph.projections import project

    t0 = time.perf_counter()
    g = project(store, "accountability")
    dt = time.perf_counter() - t0
    return g, {"seconds": round(dt, 2), "nodes": g.number_of_nodes(),
               "edges": g.number_of_edges()}


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
