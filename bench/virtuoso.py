"""Past one machine: the same competency questions, analytics and API load through Remit
pointed at Virtuoso (``REMIT_ENDPOINT``), on the synthetic N-Quads the embedded runs use.

The Virtuoso server is started in a temporary directory on loopback ports by
``graph.virtuoso.Virtuoso`` and stopped at the end; nothing is left running.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import time
from typing import Any

from bench import endpoint_bench as eb
from bench.common import BenchError, stop, summary_ms, time_calls


def virtuoso_version() -> str | None:
    if not shutil.which("virtuoso-t"):
        return None
    out = subprocess.run(["virtuoso-t", "--help"], capture_output=True, text=True).stderr
    m = re.search(r"Version (\S+)", out)
    return m.group(1) if m else "unknown"


def remote_store(endpoint: str, timeout: float) -> Any:
    from graph.remote import RemoteStore
    from graph.settings import Settings

    return RemoteStore(Settings(endpoint=endpoint, query_timeout=timeout), read_only=True)


def competency(store: Any, repeats: int, budget_s: float) -> dict[str, dict[str, Any]]:
    from graph.competency import load_questions
    from graph.store import QueryTimeout, Rows, StoreError

    out: dict[str, dict[str, Any]] = {}
    for q in load_questions():
        try:
            res = store.query(q.sparql)
            times = time_calls(lambda s=q.sparql: store.query(s), repeats, budget_s, warmup=0)
        except QueryTimeout:
            out[q.id] = {"timeout_s": store.timeout}
            continue
        except StoreError as exc:
            out[q.id] = {"error": str(exc)[:200]}
            continue
        out[q.id] = {**summary_ms(times), "rows": len(res) if isinstance(res, Rows) else 1}
    return out


def bench(triples: int, repeats: int, budget_s: float, api_seconds: float = 2.0,
          limit_s: float = 120.0) -> dict[str, Any]:
    """Load ``triples`` into a fresh Virtuoso, then questions, analytics and API load."""
    from bench.store_bench import VOCABULARIES, analytics, dataset
    from graph.virtuoso import Virtuoso, VirtuosoError, installed

    if not installed():
        return {"skipped": "virtuoso-t absent (apt-get install virtuoso-opensource)"}
    nq, quads = dataset(triples)
    v = Virtuoso(None, (nq.parent, VOCABULARIES.parent), memory_gb=4.0)
    try:
        v.start()
        t0 = time.perf_counter()
        v.bulk_load(nq)
        dt = time.perf_counter() - t0
        v.bulk_load(VOCABULARIES, fallback_graph="https://remit.example/graph/ontology")
        res: dict[str, Any] = {"triples": quads, "load": {
            "seconds": round(dt, 2), "triples_per_s": round(quads / dt)}}
        store = remote_store(v.endpoint, limit_s)
        res["competency"] = competency(store, repeats, budget_s)
        res["analytics"] = analytics(store, repeats, budget_s)
        res["api"] = api_through_remit(v.endpoint, api_seconds)
        return res
    except VirtuosoError as exc:
        raise BenchError(str(exc)) from exc
    finally:
        v.stop()
        shutil.rmtree(v.dir, ignore_errors=True)


def api_through_remit(endpoint: str, seconds: float) -> dict[str, Any]:
    """`remit serve` over Virtuoso: the endpoint workload at 1 and 8 clients, and the same
    queries straight to Virtuoso, so the cost of the hop through Remit is visible."""
    from bench import peers
    from bench.store_bench import JOIN, LOOKUP

    store = remote_store(endpoint, 30)
    from bench.store_bench import sample_iris

    recs, insps = sample_iris(store, "Recommendation", 10), sample_iris(store, "Inspection", 10)
    work = {"lookup": [LOOKUP % i for i in recs], "join_inspection": [JOIN % i for i in insps]}
    proc, url = peers.start_remit_on(endpoint)
    try:
        through = eb.measure(url, work, (1, 8), seconds)
    finally:
        stop(proc)
    direct = eb.measure(endpoint, work, (1, 8), seconds)
    return {"remit": through, "virtuoso": direct,
            "ratios": eb.ratios({"remit": through, "virtuoso": direct}, "remit", "virtuoso")}
