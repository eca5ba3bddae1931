"""Closed-loop HTTP load: N client threads, each with one keep-alive connection.

``http.client`` rather than httpx because at a thousand requests a second on two shared
cores the client's own overhead would otherwise be what is measured; each client socket has
TCP_NODELAY set, so Nagle's algorithm on our side never adds the delayed-ACK stall the
issue warns about (the server's side is what each deployment setting measures). Bounded in
time and in requests; loopback only.
"""

from __future__ import annotations

import http.client
import socket
import threading
import time
from typing import Any
from urllib.parse import urlencode, urlsplit

from bench.common import BenchError, summary_ms

ACCEPT = "application/sparql-results+json"


def _connect(host: str, port: int) -> http.client.HTTPConnection:
    conn = http.client.HTTPConnection(host, port, timeout=60)
    conn.connect()
    conn.sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return conn


def run(url: str, queries: list[str], clients: int, seconds: float,
        max_requests: int = 100_000, *, param: str = "query",
        accept: str = ACCEPT) -> dict[str, Any]:
    """Send GET /sparql?query=... (``url?param=...``) round-robin over ``queries`` from
    ``clients`` threads for ``seconds``; throughput, latency percentiles and the count of
    non-200 answers."""
    parts = urlsplit(url)
    if parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise BenchError(f"load generation is loopback only, not {parts.hostname}")
    paths = [f"{parts.path}?{urlencode({param: q})}" for q in queries]
    lat: list[list[float]] = [[] for _ in range(clients)]
    errors = [0] * clients
    first_error: list[str] = []
    stop_at = time.perf_counter() + seconds
    budget = [max_requests]
    lock = threading.Lock()

    def worker(k: int) -> None:
        conn = _connect(parts.hostname or "127.0.0.1", parts.port or 80)
        i = k
        try:
            while time.perf_counter() < stop_at:
                with lock:
                    if budget[0] <= 0:
                        return
                    budget[0] -= 1
                path = paths[i % len(paths)]
                i += 1
                t0 = time.perf_counter()
                try:
                    conn.request("GET", path, headers={"Accept": accept})
                    resp = conn.getresponse()
                    resp.read()
                    ok = resp.status == 200
                    if not ok and not first_error:
                        first_error.append(f"HTTP {resp.status}")
                except (OSError, http.client.HTTPException) as exc:
                    ok = False
                    if not first_error:
                        first_error.append(repr(exc))
                    conn.close()
                    conn = _connect(parts.hostname or "127.0.0.1", parts.port or 80)
                lat[k].append(time.perf_counter() - t0)
                if not ok:
                    errors[k] += 1
        finally:
            conn.close()

    threads = [threading.Thread(target=worker, args=(k,), daemon=True) for k in range(clients)]
    t0 = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=seconds + 120)
    wall = time.perf_counter() - t0
    flat = [x for xs in lat for x in xs]
    out = {"clients": clients, "requests": len(flat), "errors": sum(errors),
           "req_per_s": round(len(flat) / wall, 1), **summary_ms(flat)}
    if first_error:
        out["first_error"] = first_error[0]
    return out
