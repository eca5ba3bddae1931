"""Computed layouts for large network views, and a cache of built views per store state.

Why: vis-network's physics on a few thousand nodes takes far longer than the 5 s the
officers' page allows before the first drawing, and a spring layout in pure numpy is
quadratic. Above :data:`graph.netview.LARGE` nodes the page is drawn from positions computed
here in linear time (each connected component as rings around its best-connected node, the
components packed on a grid), with physics off. The built page data is kept against
``store.state()``, so a second request for the same view and filters costs a dictionary look-up
until the store changes.
"""

from __future__ import annotations

import math
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

import networkx as nx

T = TypeVar("T")
#: Distance between rings, and the least arc between neighbours on a ring (vis units).
RING = 140.0
SPACING = 60.0


def _adjacency(g: nx.Graph) -> dict[str, set[str]]:
    """Each node's neighbours, ignoring direction and parallel edges (a self-loop makes a
    node its own neighbour): what ``nx.Graph(g.to_undirected())`` holds, built in a tenth of
    the time (2.4 s for the 1M-triple accountability view's 72,000 edges)."""
    adj: dict[str, set[str]] = {n: set() for n in g}
    for a, b in g.edges():
        adj[a].add(b)
        adj[b].add(a)
    return adj


def _degree(adj: dict[str, set[str]], n: str) -> int:
    """Degree in the simple undirected graph (a self-loop counts twice, as networkx has it)."""
    return len(adj[n]) + (n in adj[n])


def _components(adj: dict[str, set[str]]) -> list[set[str]]:
    seen: set[str] = set()
    out: list[set[str]] = []
    for start in adj:
        if start in seen:
            continue
        comp = {start}
        todo = [start]
        while todo:
            for m in adj[todo.pop()]:
                if m not in comp:
                    comp.add(m)
                    todo.append(m)
        seen |= comp
        out.append(comp)
    return out


def _component_layout(adj: dict[str, set[str]],
                      nodes: set[str]) -> dict[str, tuple[float, float]]:
    """Rings by breadth-first depth around the node of highest degree; children placed in
    the order of their parents' angles, so branches stay together."""
    root = max(nodes, key=lambda n: (_degree(adj, n), n))
    rings: list[list[str]] = [[root]]
    seen = {root}
    while True:
        nxt: list[str] = []
        for n in rings[-1]:
            for m in sorted(adj[n]):
                if m not in seen:
                    seen.add(m)
                    nxt.append(m)
        if not nxt:
            break
        rings.append(nxt)
    pos = {root: (0.0, 0.0)}
    radius = 0.0
    for ring in rings[1:]:
        # each ring far enough out that neighbours on it are SPACING apart
        radius = max(radius + RING, len(ring) * SPACING / (2 * math.pi))
        for i, n in enumerate(ring):
            a = 2 * math.pi * i / len(ring)
            pos[n] = (radius * math.cos(a), radius * math.sin(a))
    return pos


def layout(g: nx.Graph) -> dict[str, tuple[float, float]]:
    """Positions for every node, deterministic for the same graph, in O(nodes + edges)."""
    adj = _adjacency(g)
    comps = sorted(_components(adj), key=lambda c: (-len(c), min(c)))
    laid = [(_component_layout(adj, c)) for c in comps]
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


class StateCache:
    """A small LRU of built values keyed by (store state, request key); thread-safe.

    Building happens outside the lock so a slow build does not stall other views; two
    concurrent first requests may both build, and the later result wins (both are equal).
    """

    def __init__(self, size: int = 32) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, Hashable], Any] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, state: str, key: Hashable, build: Callable[[], T]) -> T:
        k = (state, key)
        with self._lock:
            if k in self._items:
                self._items.move_to_end(k)
                return self._items[k]  # type: ignore[no-any-return]
        value = build()
        with self._lock:
            self._items[k] = value
            self._items.move_to_end(k)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return value

    def clear(self) -> None:
        with self._lock:
            self._items.clear()
