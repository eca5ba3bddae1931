"""A pool of long-lived query worker processes, each with a read-only store handle.

Why processes: ``pyoxigraph.Store.query`` has no time limit or cancel, and evaluation
holds the GIL, so a thread cannot stop a runaway query and would stall every other request.
A worker past its deadline is killed (SIGKILL) and replaced in the background; the caller
gets :class:`graph.store.QueryTimeout` within the limit plus a fraction of a second, and the
other workers keep serving meanwhile.

Each worker opens the store with ``open_store(settings, read_only=True)``, so the pool works
for both backends: embedded workers read the newest published snapshot (see
docs/decisions/0001-sharing-the-store.md), remote ones talk to the server.

Usage (the query API holds one pool for the app's life)::

    pool = QueryPool(settings)                       # settings.workers processes
    res = pool.run("SELECT * { ?s ?p ?o }", "application/sparql-results+json", timeout=5)
    res.body, res.media_type, res.rows, res.truncated
    res = await pool.arun(sparql, media_type)        # in async code; the loop stays free
    pool.close()

Engine errors come back as the same exception types (QuerySyntaxError with the parser's
message, NotAcceptable, StoreError ...). ``row_cap`` (default ``settings.row_cap``; 0 means
none) keeps at most that many rows of JSON SELECT results and sets ``truncated``.
"""

from __future__ import annotations

import asyncio
import contextlib
import multiprocessing as mp
import queue
import threading
import time
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from rdflib import URIRef

from graph import store as store_mod
from graph.results import cap_rows
from graph.settings import Settings
from graph.store import QueryTimeout, Serialized, StoreError

#: Errors a worker sends back by name and the pool raises again as the same type.
_ERRORS: dict[str, type[StoreError]] = {
    c.__name__: c for c in (store_mod.StoreError, store_mod.QuerySyntaxError,
                            store_mod.QueryTimeout, store_mod.ReadOnlyError,
                            store_mod.NotAcceptable)}


def _context() -> Any:
    """forkserver where the platform has it (fast replacements, modules preloaded), else
    spawn; never fork, which would copy the parent's threads and open store handles."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["graph.workers", "graph.embedded", "graph.remote"])
        return ctx
    return mp.get_context("spawn")


def _worker_main(settings: Settings, conn: Connection) -> None:
    """Serve requests from ``conn`` until it closes or sends None."""
    st = None
    try:
        st = store_mod.open_store(settings, read_only=True)
    except Exception:
        st = None
    while True:
        try:
            msg = conn.recv()
        except (EOFError, OSError):
            return
        if msg is None:
            return
        sparql, media_type, default_graph, named_graphs, row_cap = msg
        try:
            if st is None:
                st = store_mod.open_store(settings, read_only=True)
            res = st.query_serialized(sparql, media_type, default_graph=default_graph,
                                      named_graphs=named_graphs)
            conn.send(("ok", cap_rows(res, row_cap)))
        except Exception as exc:
            conn.send(("err", type(exc).__name__, str(exc)))


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Connection


class QueryPool:
    """``size`` worker processes (default ``settings.workers``) answering queries."""

    def __init__(self, settings: Settings, size: int | None = None, *,
                 row_cap: int | None = None) -> None:
        self.settings = settings
        self.size = max(1, size or settings.workers)
        self.row_cap = settings.row_cap if row_cap is None else row_cap
        self._ctx = _context()
        self._idle: queue.Queue[_Worker] = queue.Queue()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._executor = ThreadPoolExecutor(max_workers=max(8, 4 * self.size),
                                            thread_name_prefix="query-pool")
        for _ in range(self.size):
            self._idle.put(self._start())

    def _start(self) -> _Worker:
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=_worker_main, args=(self.settings, child),
                                 name="remit-query-worker", daemon=True)
        proc.start()
        child.close()
        w = _Worker(proc, parent)
        with self._lock:
            self._all.add(w)
        return w

    def _replace(self, dead: _Worker) -> None:
        """Kill ``dead`` now; start its successor in the background."""
        dead.process.kill()
        with self._lock:
            self._all.discard(dead)

        def successor() -> None:
            dead.process.join(5)
            dead.conn.close()
            if not self._closed:
                self._idle.put(self._start())

        threading.Thread(target=successor, daemon=True).start()

    def _acquire(self, deadline: float, limit: float) -> _Worker:
        """An idle, living worker; one that died while idle (OOM killer ...) is replaced."""
        while True:
            try:
                worker = self._idle.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                raise QueryTimeout(f"all {self.size} query workers stayed busy for "
                                   f"{limit:g} s; try again later") from None
            if worker.process.is_alive():
                return worker
            self._replace(worker)

    def run(self, sparql: str, media_type: str, default_graph: Iterable[str] | None = None,
            named_graphs: Iterable[str] | None = None, timeout: float | None = None,
            row_cap: int | None = None) -> Serialized:
        """Run one query in a worker; QueryTimeout past ``timeout`` (default the setting),
        counting any wait for a free worker."""
        if self._closed:
            raise StoreError("the query pool is closed")
        limit = self.settings.query_timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        worker = self._acquire(deadline, limit)
        msg = (sparql, media_type,
               None if default_graph is None else [URIRef(g) for g in default_graph],
               None if named_graphs is None else [URIRef(g) for g in named_graphs],
               self.row_cap if row_cap is None else row_cap)
        try:
            worker.conn.send(msg)
            if not worker.conn.poll(max(0.0, deadline - time.monotonic())):
                self._replace(worker)
                raise QueryTimeout(f"the query ran past its time limit of {limit:g} s and "
                                   "was stopped (REMIT_QUERY_TIMEOUT)")
            reply = worker.conn.recv()
        except (EOFError, OSError) as exc:
            self._replace(worker)
            raise StoreError(f"a query worker died ({exc or type(exc).__name__}); it has "
                             "been replaced, try again") from None
        self._idle.put(worker)
        if reply[0] == "ok":
            return reply[1]
        _, name, message = reply
        cls = _ERRORS.get(name)
        if cls is None:
            raise StoreError(f"the query failed: {name}: {message}")
        raise cls(message)

    async def arun(self, sparql: str, media_type: str,
                   default_graph: Iterable[str] | None = None,
                   named_graphs: Iterable[str] | None = None, timeout: float | None = None,
                   row_cap: int | None = None) -> Serialized:
        """:meth:`run` in a thread of the pool's own executor; the event loop stays free."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(
            self._executor, lambda: self.run(sparql, media_type, default_graph,
                                             named_graphs, timeout, row_cap))

    def close(self) -> None:
        """Stop every worker (politely, then by force) and the executor."""
        self._closed = True
        with self._lock:
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            with contextlib.suppress(OSError):
                w.conn.send(None)
        for w in workers:
            w.process.join(1)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(1)
            w.conn.close()
        self._executor.shutdown(wait=False)

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
