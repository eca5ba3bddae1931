"""Whole-graph analytics at a given store size, embedded against Virtuoso, in one run.

``python -m bench.analytics_scale --triples 5000000`` bulk-loads the synthetic N-Quads of
that size into a fresh embedded store and into a fresh Virtuoso (loopback only), times
``bench.store_bench.analytics`` through each, prints both and writes
``bench/out/results-analytics-<N>.json``; the embedded store is removed afterwards (about
1.8 GB at 5M). Issue 7 asks for these figures at 5M triples.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import time
from typing import Any

from bench import store_bench as sb
from bench.common import OUT


def run(triples: int) -> dict[str, Any]:
    from bench.virtuoso import remote_store
    from graph.virtuoso import Virtuoso, installed

    out: dict[str, Any] = {"triples": triples, "loadavg_start": os.getloadavg()}
    nq, _quads = sb.dataset(triples)
    d = OUT / f"store-{triples}-analytics"
    try:
        out["bulk"] = sb.load(nq, d, "bulk")
        reader = sb.open_reader(d)
        try:
            out["remit"] = sb.analytics(reader, 3, 20)
        finally:
            reader.close()
    finally:
        shutil.rmtree(d, ignore_errors=True)
    if not installed():
        out["virtuoso"] = {"skipped": "virtuoso-t absent"}
        return out
    v = Virtuoso(None, (nq.parent, sb.VOCABULARIES.parent), memory_gb=4.0)
    try:
        v.start()
        t0 = time.perf_counter()
        v.bulk_load(nq)
        out["virtuoso_load_s"] = round(time.perf_counter() - t0, 1)
        v.bulk_load(sb.VOCABULARIES, fallback_graph="https://remit.example/graph/ontology")
        out["virtuoso"] = sb.analytics(remote_store(v.endpoint, 300), 3, 20)
    finally:
        v.stop()
        shutil.rmtree(v.dir, ignore_errors=True)
    out["loadavg_end"] = os.getloadavg()
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=5_000_000)
    args = ap.parse_args()
    res = run(args.triples)
    (OUT / f"results-analytics-{args.triples}.json").write_text(
        json.dumps(res, indent=1, default=str), encoding="utf-8")
    for side in ("remit", "virtuoso"):
        for name, fig in (res.get(side) or {}).items():
            if isinstance(fig, dict) and "p50_ms" in fig:
                print(f"{side:9s} {name:20s} p50 {fig['p50_ms']:10.1f} ms")


if __name__ == "__main__":
    main()
