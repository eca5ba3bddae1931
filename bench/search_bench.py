"""Search latency: the full-text index behind `/search`, in process and through the app.

Issue 4 asks for p95 under 50 ms at 1M triples. The words searched are drawn from the
index itself (``terms``, deterministic from a seed): single words of entity names and
texts, frequent ones (which match thousands of rows and make the ranking work hardest) and
rare ones, pairs of words, and a prefix of a word, as people type them into the box.
``in_process`` times :func:`graph.search_index.search` alone; ``through_app`` sends
``GET /search?q=...`` with ``Accept: application/json`` to a running `remit serve`.
"""

from __future__ import annotations

import random
import sqlite3
from collections import Counter
from pathlib import Path
from typing import Any

from bench import loadgen
from bench.common import BenchError, summary_ms, time_calls


def terms(index: Path, n: int = 60, seed: int = 3) -> list[str]:
    """``n`` searches drawn from the words of the index at ``index``."""
    try:
        with sqlite3.connect(f"file:{index}?mode=ro", uri=True) as db:
            rows = db.execute("SELECT label, text FROM entities LIMIT 20000").fetchall()
    except sqlite3.Error as exc:
        raise BenchError(f"cannot read the search index {index}: {exc}") from exc
    words: Counter[str] = Counter()
    for label, text in rows:
        words.update(w for w in f"{label} {text}".lower().split()
                     if w.isalpha() and len(w) > 3)
    if len(words) < 10:
        raise BenchError(f"the search index {index} has too few words to search for")
    common = [w for w, _ in words.most_common(20)]
    rare = [w for w, c in words.items() if c <= 2] or common
    rnd = random.Random(seed)
    out = []
    for i in range(n):
        kind = i % 4
        if kind == 0:
            out.append(rnd.choice(common))
        elif kind == 1:
            out.append(rnd.choice(rare))
        elif kind == 2:
            out.append(f"{rnd.choice(common)} {rnd.choice(common)}")
        else:
            w = rnd.choice(common)
            out.append(w[:max(3, len(w) - 3)])  # a word being typed
    return out


def in_process(index: Path, searches: list[str], repeats: int = 3) -> dict[str, Any]:
    """p50/p95 of :func:`graph.search_index.search` over ``searches``, ``repeats`` rounds."""
    from graph.search_index import search

    times: list[float] = []
    for _ in range(repeats):
        for q in searches:
            times += time_calls(lambda q=q: search(index, q), 1, warmup=0)
    return {"searches": len(times), **summary_ms(times)}


def through_app(base_url: str, searches: list[str], clients: int,
                seconds: float) -> dict[str, Any]:
    """``/search`` of a running app at ``base_url`` under ``clients`` closed-loop clients."""
    return loadgen.run(f"{base_url}/search", searches, clients, seconds, param="q",
                       accept="application/json")
