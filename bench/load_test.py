"""Under load: 50 concurrent clients for 60 s of mixed reads against `remit serve`.

Loopback only, bounded in time (phases of fixed length, every request with a timeout) and in
count (``--max-requests``); it stops by itself and stops the server it started (by its own
process group). The store is the sample pack (``remit ingest``) plus ~200,000 synthetic
triples (``bench.synth.rdfgen``), built once under ``bench/out/load_store``.

Each client is its own identity (a distinct bearer token: the limiter keys on the token,
else the address; reads need no token), so what is measured is the server, not the
per-client limit. Checked, each against a stated bound (exit 1 if one fails):

* no errors: every answer is 200 (the heavy query's 503 aside);
* memory: RSS of the server and its workers at the end within ``MEM_GROWTH`` of the
  figure after warm-up;
* a heavy query past its time limit is stopped (503 within the limit + ``STOP_SLACK_S``),
  and the others' p95 while it runs stays within ``HEAVY_P95_FACTOR`` x the p95 before it;
* the per-client limit: ``client_concurrency + 1`` slow queries at once from one token give
  429 with Retry-After.

    python -m bench.load_test [--clients 50] [--seconds 60] [--quick]
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from bench.common import ROOT, BenchError, free_port, start, stop, summary_ms, wait_http

OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
TIMEOUT_S = 30.0  # REMIT_QUERY_TIMEOUT of the server under test: the default
MEM_GROWTH = (1.5, 150.0)  # end RSS <= warm RSS x 1.5 + 150 MB (workers are replaced)
STOP_SLACK_S = 2.0
HEAVY_P95_FACTOR = 3.0
HEAVY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
P = "PREFIX rem: <https://remit.example/ontology#> "
QUERIES = [
    P + "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c ORDER BY DESC(?n) LIMIT 10",
    P + "SELECT ?r ?t ?due WHERE { ?r a rem:Recommendation ; rem:text ?t . "
        "OPTIONAL { ?r rem:dueDate ?due } } LIMIT 50",
    P + "ASK { ?r a rem:Recommendation }",
    P + "SELECT ?p ?l WHERE { ?p a rem:Person ; <http://www.w3.org/2000/01/rdf-schema#label> "
        "?l } ORDER BY ?l LIMIT 20",
]


def build_store(store: Path, triples: int) -> None:
    """Sample pack + synthetic graphs, once (reused while the marker file is there)."""
    marker = store / f".load-test-{triples}"
    if marker.exists():
        return
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMIT_")}
    for cmd in ([str(BIN / "remit"), "ingest", str(ROOT / "data" / "samples"), "--store",
                 str(store)],
                [sys.executable, "-m", "bench.synth.rdfgen", str(OUT / "load_synth.nq"),
                 "--triples", str(triples)],
                [str(BIN / "remit"), "load", str(OUT / "load_synth.nq"), "--store",
                 str(store)]):
        res = subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=ROOT,
                             timeout=900)
        if res.returncode != 0:
            raise BenchError(f"{' '.join(cmd[:3])} failed: {res.stderr[-1000:]}")
    marker.write_text("built\n")


def connect(port: int) -> http.client.HTTPConnection:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    conn.connect()
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return conn


def get(conn: http.client.HTTPConnection, path: str, token: str,
        accept: str = "application/json") -> tuple[int, bytes, dict[str, str]]:
    conn.request("GET", path, headers={"Accept": accept, "Authorization": f"Bearer {token}"})
    resp = conn.getresponse()
    return resp.status, resp.read(), {k.lower(): v for k, v in resp.getheaders()}


def mixed_paths(port: int) -> list[tuple[str, str]]:
    """SPARQL, API, search, entity pages and API entities, with keys read from the store."""
    conn = connect(port)
    keys: dict[str, list[str]] = {}
    for kind, cls in (("r", "Recommendation"), ("p", "Person"), ("b", "Body")):
        q = P + f"SELECT ?x WHERE {{ ?x a rem:{cls} }} ORDER BY ?x LIMIT 5"
        status, body, _ = get(conn, "/sparql?" + urlencode({"query": q}), "setup")
        if status != 200:
            raise BenchError(f"setup query failed: {status} {body[:200]!r}")
        keys[kind] = [row["x"]["value"].rsplit("/", 1)[1]
                      for row in json.loads(body)["results"]["bindings"]]
    conn.close()
    json_ = "application/json"
    paths = [("/sparql?" + urlencode({"query": x}), "application/sparql-results+json")
             for x in QUERIES]
    paths += [("/api/recommendations?status=red&timescale=within-3-months", json_),
              ("/search?q=safeguarding+board", json_), ("/search?q=improvement", json_),
              ("/health", json_)]
    paths += [(f"/id/recommendation/{k}", "text/html") for k in keys["r"][:5]]
    paths += [(f"/api/people/{k}", json_) for k in keys["p"][:5]]
    paths += [(f"/api/bodies/{k}", json_) for k in keys["b"][:5]]
    return paths


class Memory(threading.Thread):
    """RSS of the server process and all its children, sampled every 0.5 s (psutil, else
    /proc)."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.samples, self.done = pid, [], threading.Event()

    def rss_mb(self) -> float:
        try:
            import psutil

            proc = psutil.Process(self.pid)
            procs = [proc, *proc.children(recursive=True)]
            total = 0
            for p in procs:
                try:
                    total += p.memory_info().rss
                except psutil.Error:
                    continue
            return total / 1e6
        except ImportError:  # /proc fallback: the server process only
            with open(f"/proc/{self.pid}/statm") as f:
                return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 1e6

    def run(self) -> None:
        while not self.done.wait(0.5):
            self.samples.append((time.monotonic(), self.rss_mb()))


def run_clients(port: int, paths: list[tuple[str, str]], clients: int, seconds: float,
                budget: list[int], heavy: bool, think: float = 0.0) -> dict[str, Any]:
    """``clients`` threads, each its own token and connection, for ``seconds``, pausing
    ``think`` x U(0.5, 1.5) s between requests (0: back to back); with ``heavy``, one more
    client sends the heavy query back to back."""
    stop_at = time.monotonic() + seconds
    lat: list[float] = []
    errors: list[str] = []
    heavy_runs: list[tuple[int, float]] = []
    lock = threading.Lock()

    def client(k: int) -> None:
        conn, i, rng = connect(port), k, random.Random(k)
        while time.monotonic() < stop_at:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            path, accept = paths[i % len(paths)]
            i += 1
            t0 = time.perf_counter()
            try:
                status, _, _ = get(conn, path, f"load-client-{k}", accept)
            except (OSError, http.client.HTTPException) as exc:
                status = 0
                errors.append(f"{path}: {exc!r}")
                conn.close()
                conn = connect(port)
            with lock:
                lat.append(time.perf_counter() - t0)
                if status != 200 and status:
                    errors.append(f"{path}: HTTP {status}")
            if think:
                time.sleep(min(think * rng.uniform(0.5, 1.5), max(0.0, stop_at - time.monotonic())))
        conn.close()

    def heavy_client() -> None:
        conn = connect(port)
        while time.monotonic() < stop_at - TIMEOUT_S:
            t0 = time.perf_counter()
            status, _, _ = get(conn, "/sparql?" + urlencode({"query": HEAVY}), "heavy-client")
            heavy_runs.append((status, time.perf_counter() - t0))
        conn.close()

    threads = [threading.Thread(target=client, args=(k,), daemon=True) for k in range(clients)]
    if heavy:
        threads.append(threading.Thread(target=heavy_client, daemon=True))
    t0 = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 90)
    wall = time.monotonic() - t0
    out = {"seconds": round(wall, 1), "requests": len(lat), "errors": len(errors),
           "req_per_s": round(len(lat) / wall, 1), **summary_ms(lat)}
    if errors:
        out["first_errors"] = errors[:5]
    if heavy:
        out["heavy"] = [{"status": s, "seconds": round(d, 2)} for s, d in heavy_runs]
    return out


def limit_check(port: int, limit: int) -> dict[str, Any]:
    """``limit + 1`` slow queries at once from one token: one at least gets 429 + Retry-After."""
    slow = "/sparql?" + urlencode({"query": HEAVY})

    def one(_: int) -> tuple[int, str | None]:
        conn = connect(port)
        try:
            status, _, headers = get(conn, slow, "one-busy-notebook")
            return status, headers.get("retry-after")
        finally:
            conn.close()

    with ThreadPoolExecutor(limit + 1) as pool:
        results = list(pool.map(one, range(limit + 1)))
    refused = [r for r in results if r[0] == 429]
    return {"sent": limit + 1, "refused_429": len(refused),
            "retry_after": sorted({r[1] for r in refused if r[1]})}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--triples", type=int, default=200_000)
    ap.add_argument("--max-requests", type=int, default=200_000)
    ap.add_argument("--think", type=float, default=1.0,
                    help="mean pause of each client between requests, s (0: saturation)")
    ap.add_argument("--quick", action="store_true", help="10 clients, 12 s, 20k triples")
    args = ap.parse_args()
    if args.quick:
        args.clients, args.seconds, args.triples = 10, 12.0, 20_000
    store = OUT / f"load_store_{args.triples}"
    build_store(store, args.triples)
    port, limit = free_port(), 2
    env = {"REMIT_STORE": str(store), "REMIT_QUERY_TIMEOUT": str(TIMEOUT_S),
           "REMIT_CLIENT_CONCURRENCY": str(limit)}
    env.update({k: "" for k in ("REMIT_ENDPOINT", "REMIT_UPDATE_TOKEN") if k in os.environ})
    proc = start([str(BIN / "remit"), "serve", "--host", "127.0.0.1", "--port", str(port)],
                 OUT / "load_test_server.log", env=env)
    try:
        wait_http(f"http://127.0.0.1:{port}/health", proc, 60, OUT / "load_test_server.log")
        paths = mixed_paths(port)
        budget = [args.max_requests]
        memory = Memory(proc.pid)
        warm = run_clients(port, paths, args.clients, 5.0, budget, False, args.think)
        memory.start()
        time.sleep(0.6)
        base = run_clients(port, paths, args.clients, args.seconds / 3, budget, False,
                           args.think)
        loaded = run_clients(port, paths, args.clients, args.seconds * 2 / 3, budget, True,
                             args.think)
        time.sleep(1.0)
        memory.done.set()
        memory.join(5)
        limits = limit_check(port, limit)
    finally:
        stop(proc)
    rss = [m for _, m in memory.samples]
    heavy = loaded.get("heavy", [])
    result = {
        "clients": args.clients, "seconds": args.seconds, "store_triples": args.triples,
        "think_s": args.think,
        "load_average": os.getloadavg(), "query_timeout_s": TIMEOUT_S,
        "warm_up": warm, "before_heavy": base, "with_heavy": loaded,
        "rss_mb": {"after_warm_up": round(rss[0], 1), "max": round(max(rss), 1),
                   "end": round(rss[-1], 1)},
        "per_client_limit": limits,
    }
    checks = {
        "no errors": base["errors"] == 0 and loaded["errors"] == 0,
        "memory within bound": rss[-1] <= rss[0] * MEM_GROWTH[0] + MEM_GROWTH[1],
        "heavy query stopped": bool(heavy) and all(
            h["status"] == 503 and h["seconds"] <= TIMEOUT_S + STOP_SLACK_S for h in heavy),
        "others not slowed beyond bound":
            loaded["p95_ms"] <= HEAVY_P95_FACTOR * base["p95_ms"],
        "per-client limit gives 429 + Retry-After":
            limits["refused_429"] >= 1 and limits["retry_after"] == ["1"],
    }
    result["checks"] = checks
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"load_test_think{args.think:g}.json").write_text(json.dumps(result, indent=2) + "\n")
    print(json.dumps(result, indent=2))
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
