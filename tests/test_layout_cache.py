"""The computed layout of large network views: the same positions as the networkx-based
version it replaced (which built an undirected ``nx.Graph`` copy, 2.4 s of a 1M-triple
page), on random directed multigraphs with parallel edges, self-loops and many components."""

from __future__ import annotations

import math
import random

import networkx as nx
import pytest

from graph.layout_cache import RING, SPACING, layout


def _reference_component(g: nx.Graph, nodes: set[str]) -> dict[str, tuple[float, float]]:
    root = max(nodes, key=lambda n: (g.degree(n), n))
    rings: list[list[str]] = [[root]]
    seen = {root}
    while True:
        nxt: list[str] = []
        for n in rings[-1]:
            for m in sorted(g.neighbors(n)):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        if not nxt:
            break
        rings.append(nxt)
    pos = {root: (0.0, 0.0)}
    radius = 0.0
    for ring in rings[1:]:
        radius = max(radius + RING, len(ring) * SPACING / (2 * math.pi))
        for i, n in enumerate(ring):
            a = 2 * math.pi * i / len(ring)
            pos[n] = (radius * math.cos(a), radius * math.sin(a))
    return pos


def reference_layout(g: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    und = nx.Graph(g.to_undirected(as_view=True))
    comps = sorted(nx.connected_components(und), key=lambda c: (-len(c), min(c)))
    laid = [_reference_component(und, c) for c in comps]
    sizes = [2 * max((math.hypot(x, y) for x, y in p.values()), default=0.0) + RING
             for p in laid]
    cols = max(1, math.ceil(math.sqrt(len(laid))))
    out: dict[str, tuple[float, float]] = {}
    x = y = row_h = 0.0
    for i, (p, size) in enumerate(zip(laid, sizes, strict=True)):
        if i and i % cols == 0:
            x, y, row_h = 0.0, y + row_h, 0.0
        cx, cy = x + size / 2, y + size / 2
        for n, (px, py) in p.items():
            out[n] = (round(cx + px, 1), round(cy + py, 1))
        x += size
        row_h = max(row_h, size)
    return out


def random_graph(seed: int, n: int) -> nx.MultiDiGraph:
    rng = random.Random(seed)
    g = nx.MultiDiGraph()
    names = [f"https://remit.example/id/x/{rng.randrange(10**6)}-{i}" for i in range(n)]
    g.add_nodes_from(names)
    for _ in range(n + n // 2):
        a, b = rng.choice(names), rng.choice(names[: n // 3])  # hubs, and loners left over
        g.add_edge(a, b, key=rng.choice(["x", "y"]))
    for a in rng.sample(names, 5):
        g.add_edge(a, a, key="self")
    return g


@pytest.mark.parametrize("seed", range(6))
def test_layout_matches_the_networkx_based_reference(seed: int) -> None:
    g = random_graph(seed, 300)
    assert nx.number_weakly_connected_components(g) > 3
    assert layout(g) == reference_layout(g)
