"""Endpoint throughput and latency: Remit's /sparql against bare oxigraph and rdflib-endpoint.

Four query kinds, each over several IRIs of the store so no server answers from one warm
result only: a trivial lookup (one recommendation's properties) and three accountability
queries (an inspection's recommendations with owners and their bodies; one person's
actions with their recommendation and latest status; the actions that report to one
board with their owners). Every server gets the same query texts, at 1 and 8 clients.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from bench import loadgen
from bench.common import BenchError, stop
from bench.store_bench import JOIN, LOOKUP, open_reader, sample_iris

P = """PREFIX rem: <https://remit.example/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
"""
PERSON_ACTIONS = P + """SELECT ?act ?rec ?text ?status ?asOf WHERE {
  ?act rem:responsibleParty <%s> ; rem:implements ?rec .
  ?rec rem:text ?text .
  OPTIONAL { ?s rem:statusOf ?act ; rem:status ?status ; rem:asOf ?asOf }
}"""
BOARD_REPORTS = P + """SELECT ?act ?owner ?ownerLabel WHERE {
  ?act rem:reportsProgressTo <%s> ; rem:responsibleParty ?owner .
  OPTIONAL { ?owner rdfs:label ?ownerLabel }
} LIMIT 200"""


def workload(store_dir: Path, n: int = 20) -> dict[str, list[str]]:
    """The query texts of each kind, bound to ``n`` IRIs read from the store."""
    store = open_reader(store_dir)
    try:
        recs = sample_iris(store, "Recommendation", n)
        insps = sample_iris(store, "Inspection", n)
        people = sample_iris(store, "Person", n)
        boards = sample_iris(store, "Board", n)
    finally:
        store.close()
    if not (recs and insps and people and boards):
        raise BenchError(f"{store_dir} lacks recommendations, inspections, people or boards")
    return {"lookup": [LOOKUP % i for i in recs],
            "join_inspection": [P + JOIN.split("\n", 2)[2] % i for i in insps],
            "person_actions": [PERSON_ACTIONS % i for i in people],
            "board_reports": [BOARD_REPORTS % i for i in boards]}


def prepare_search_index(store_dir: Path) -> None:
    """Build the store's search index if it is missing or stale (as ingest keeps it)."""
    from graph.search_index import build_index, indexed_state

    store = open_reader(store_dir)
    try:
        path = store_dir / "search.sqlite"
        if indexed_state(path) != store.state():
            build_index(store, path)
    finally:
        store.close()


def cpu_seconds(pid: int) -> float | None:
    """CPU time used so far by process ``pid`` and all its descendants (the app's query
    workers too): per request, a measure of cost that a busy shared machine skews far less
    than latency. None without psutil."""
    try:
        import psutil
    except ImportError:
        return None
    total = 0.0
    root = psutil.Process(pid)
    for p in [root, *root.children(recursive=True)]:
        try:
            t = p.cpu_times()
            total += t.user + t.system
        except psutil.Error:
            continue
    return total


def measure(url: str, work: dict[str, list[str]], clients: tuple[int, ...],
            seconds: float, pid: int | None = None) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for kind, queries in work.items():
        loadgen.run(url, queries[:2], 1, 0.3)  # warm the connection path and caches
        out[kind] = {}
        for c in clients:
            cpu = cpu_seconds(pid) if pid else None
            res = loadgen.run(url, queries, c, seconds)
            end = cpu_seconds(pid) if cpu is not None and pid else None
            if cpu is not None and end is not None and res["requests"]:
                res["server_cpu_ms_per_req"] = round((end - cpu) * 1000 / res["requests"], 3)
            out[kind][str(c)] = res
    return out


def compare(servers: dict[str, Callable[[], tuple[Any, str]]], work: dict[str, list[str]],
            clients: tuple[int, ...], seconds: float) -> dict[str, Any]:
    """Start each server in turn (never two at once: they would share the two cores),
    measure it, stop it. A server that fails to start is recorded with its error."""
    results: dict[str, Any] = {}
    for name, starter in servers.items():
        try:
            proc, url = starter()
        except BenchError as exc:
            results[name] = {"error": str(exc)}
            continue
        try:
            results[name] = measure(url, work, clients, seconds, proc.pid)
        finally:
            stop(proc)
    return results


def ratios(results: dict[str, Any], ours: str, peer: str) -> dict[str, Any]:
    """p50 and throughput of ``ours`` relative to ``peer``, per query kind and clients."""
    out: dict[str, Any] = {}
    a, b = results.get(ours, {}), results.get(peer, {})
    for kind in a:
        if kind not in b or not isinstance(a[kind], dict):
            continue
        for c in a[kind]:
            x, y = a[kind][c], b[kind].get(c)
            if not y or not y.get("req_per_s") or not x.get("req_per_s"):
                continue
            out[f"{kind}@{c}"] = {"p50_ratio": round(x["p50_ms"] / y["p50_ms"], 2),
                                  "throughput_ratio": round(x["req_per_s"] / y["req_per_s"], 2)}
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    """Remit against bare oxigraph on one store, optionally with another checkout of Remit
    (``--baseline DIR``) measured in the same run: before and after a change."""
    import argparse
    import json
    import os

    from bench import peers
    from bench.common import OUT

    ap = argparse.ArgumentParser(description=main.__doc__)
    ap.add_argument("--store", type=Path, default=OUT / "store-20000",
                    help="a built store (bench/run.py builds bench/out/store-N)")
    ap.add_argument("--seconds", type=float, default=3.0)
    ap.add_argument("--clients", default="1,8")
    ap.add_argument("--kinds", default="lookup,join_inspection")
    ap.add_argument("--baseline", type=Path, default=None)
    args = ap.parse_args(argv)
    work = {k: v for k, v in workload(args.store).items() if k in args.kinds.split(",")}
    servers: dict[str, Callable[[], tuple[Any, str]]] = {
        "remit_w2": lambda: peers.start_remit(args.store, workers=2),
        "oxigraph": lambda: peers.start_oxigraph(args.store)}
    if args.baseline:
        servers["remit_baseline"] = lambda: peers.start_remit(args.store, workers=2,
                                                              code=args.baseline)
    load = os.getloadavg()
    res = compare(servers, work, tuple(int(c) for c in args.clients.split(",")),
                  args.seconds)
    res["load_average"] = {"start": load, "end": os.getloadavg()}
    res["ratios_vs_oxigraph"] = ratios(res, "remit_w2", "oxigraph")
    if args.baseline:
        res["baseline_vs_oxigraph"] = ratios(res, "remit_baseline", "oxigraph")
    print(json.dumps(res, indent=1))
    return res


if __name__ == "__main__":
    main()
