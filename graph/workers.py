"""A pool of long-lived query worker processes, each with a read-only store handle.

Why processes: ``pyoxigraph.Store.query`` has no time limit or cancel, and evaluation
holds the GIL, so a thread cannot stop a runaway query and would stall every other request.
A worker past its deadline is killed (SIGKILL) and replaced in the background; the caller
gets :class:`graph.store.QueryTimeout` within the limit plus a fraction of a second, and the
other workers keep serving meanwhile.

Why long queries are demoted: on a small machine one query that runs for its whole time
limit holds a core, and the short queries of everyone else (and the HTTP process) queue
for the other. A query that has used ``long_after`` seconds of CPU (not of wall-clock time,
which a busy machine stretches for every query) has its worker reniced
(:data:`graph.worker_process.LONG_QUERY_NICE`), so it runs on the CPU the short ones leave
idle, and a spare worker is started in its place (at most ``spares`` at once), so the
short ones never wait for a worker behind it. The demoted worker is retired after its
query (an unprivileged process cannot raise its priority back), like a killed one; its
time limit is unchanged, so under load a demoted query gets less done before it.

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

import contextlib
import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass
from multiprocessing.connection import Connection
from typing import Any

from rdflib import URIRef

from graph import store as store_mod
from graph.settings import Settings
from graph.store import QueryTimeout, Serialized, StoreError
from graph.worker_process import (
    context,
    cpu_seconds,
    lower_priority,
    read_frame,
    readable,
    worker_main,
    write_frame,
)
from graph.worker_slots import Slots
from graph.worker_wait import await_reply

#: CPU seconds after which a running query counts as long and its worker is demoted.
LONG_AFTER_S = 0.5
#: Shortest pause between two looks at a running query's CPU time.
_RECHECK_S = 0.05
#: Errors a worker sends back by name and the pool raises again as the same type.
_ERRORS: dict[str, type[StoreError]] = {
    c.__name__: c for c in (store_mod.StoreError, store_mod.QuerySyntaxError,
                            store_mod.QueryTimeout, store_mod.ReadOnlyError,
                            store_mod.NotAcceptable)}


@dataclass(eq=False)
class _Worker:
    process: Any
    conn: Connection
    demoted: bool = False  # reniced: retire after this query
    cpu: float | None = None  # its CPU time when its current query was sent
    spared: bool = False  # a spare was started for it: it is owed no successor


class QueryPool:
    """``size`` worker processes (default ``settings.workers``) answering queries; up to
    ``spares`` more (default ``size``) while queries run past ``long_after`` (None: never)."""

    def __init__(self, settings: Settings, size: int | None = None, *,
                 row_cap: int | None = None, long_after: float | None = LONG_AFTER_S,
                 spares: int | None = None) -> None:
        self.settings = settings
        self.size = max(1, size or settings.workers)
        self.row_cap = settings.row_cap if row_cap is None else row_cap
        self.long_after = long_after
        self.spares = self.size if spares is None else max(0, spares)
        self._ctx = context()
        self._idle: Slots[_Worker] = Slots()
        self._all: set[_Worker] = set()
        self._lock = threading.Lock()
        self._closed = False
        self._spares_live = 0
        for _ in range(self.size):
            self._add_fresh()

    # workers -----------------------------------------------------------------------

    def _add_fresh(self) -> None:
        """Start a worker and make it idle (nothing, once the pool is closed)."""
        if self._closed:
            return
        parent, child = self._ctx.Pipe()
        proc = self._ctx.Process(target=worker_main, args=(self.settings, child),
                                 name="remit-query-worker", daemon=True)
        try:
            proc.start()
        except OSError:  # the forkserver went away: the pool is being closed
            parent.close()
            return
        finally:
            child.close()
        w = _Worker(proc, parent)
        with self._lock:
            if self._closed:
                proc.kill()
                parent.close()
                return
            self._all.add(w)
        self._idle.put(w)

    def _retire(self, w: _Worker) -> None:
        """Kill ``w`` now (mid-query or idle); start its successor in the background unless
        a spare already took its place."""
        w.process.kill()
        with self._lock:
            self._all.discard(w)
            owed = not w.spared
            if w.spared:
                self._spares_live -= 1
                w.spared = False

        def reap() -> None:
            w.process.join(5)
            w.conn.close()
            if owed:
                self._add_fresh()

        threading.Thread(target=reap, daemon=True).start()

    def _demote(self, w: _Worker) -> None:
        """``w``'s query has run long: lower its priority and start a spare in its place."""
        w.demoted = True
        lower_priority(w.process.pid)
        with self._lock:
            if self._closed or self._spares_live >= self.spares:
                return
            self._spares_live += 1
            w.spared = True
        threading.Thread(target=self._add_fresh, daemon=True).start()

    def _finish(self, w: _Worker) -> None:
        """After a reply: back to idle, or retired if it was demoted."""
        if w.demoted:
            self._retire(w)
        else:
            self._idle.put(w)

    def _busy(self, limit: float) -> QueryTimeout:
        return QueryTimeout(f"all {self.size} query workers stayed busy for {limit:g} s; "
                            "try again later")

    def _sent(self, worker: _Worker, msg: tuple[Any, ...]) -> bool:
        """Send ``msg``; False if the worker had died while idle (OOM killer ...): it is
        replaced and the query, not yet sent, goes to another."""
        try:
            write_frame(worker.conn.fileno(), msg)
        except OSError:
            self._retire(worker)
            return False
        return True

    # queries -----------------------------------------------------------------------

    def _first_check(self, w: _Worker, deadline: float) -> float | None:
        """When to first look whether ``w``'s query (sent now) is long; None for never."""
        if not self.long_after:
            return None
        if w.cpu is None:
            w.cpu = cpu_seconds(w.process.pid)
        at = time.monotonic() + self.long_after
        return at if at < deadline else None

    def _check_long(self, w: _Worker, deadline: float) -> float | None:
        """Demote ``w`` if its query has used ``long_after`` seconds of CPU (of wall-clock
        time where the CPU time is unknown): a slow, busy machine alone never demotes a
        query. Else when to look again; None once demoted or too close to the deadline."""
        used = cpu_seconds(w.process.pid)
        left = 0.0 if used is None or w.cpu is None else (
            self.long_after or 0.0) - (used - w.cpu)
        if left <= 0:
            self._demote(w)
            return None
        at = time.monotonic() + max(left, _RECHECK_S)
        return at if at < deadline else None

    def _reply(self, w: _Worker, frame: tuple[Any, ...]) -> Serialized:
        """Release ``w`` and unpack its reply (the worker's CPU time first)."""
        w.cpu = frame[0]
        self._finish(w)
        return _result(frame[1:])

    def _message(self, sparql: str, media_type: str, default_graph: Iterable[str] | None,
                 named_graphs: Iterable[str] | None, row_cap: int | None) -> tuple[Any, ...]:
        return (sparql, media_type,
                None if default_graph is None else [URIRef(g) for g in default_graph],
                None if named_graphs is None else [URIRef(g) for g in named_graphs],
                self.row_cap if row_cap is None else row_cap)

    def _timed_out(self, w: _Worker, limit: float) -> QueryTimeout:
        self._retire(w)
        return QueryTimeout(f"the query ran past its time limit of {limit:g} s and was "
                            "stopped (REMIT_QUERY_TIMEOUT)")

    def _died(self, w: _Worker, exc: BaseException) -> StoreError:
        self._retire(w)
        return StoreError(f"a query worker died ({exc or type(exc).__name__}); it has "
                          "been replaced, try again")

    def _prepare(self, sparql: str, media_type: str, default_graph: Iterable[str] | None,
                 named_graphs: Iterable[str] | None, timeout: float | None,
                 row_cap: int | None) -> tuple[float, float, tuple[Any, ...]]:
        """(limit, deadline, framed request) for :meth:`run` and :meth:`arun`."""
        if self._closed:
            raise StoreError("the query pool is closed")
        limit = self.settings.query_timeout if timeout is None else timeout
        deadline = time.monotonic() + limit
        return limit, deadline, self._message(sparql, media_type, default_graph,
                                              named_graphs, row_cap)

    def run(self, sparql: str, media_type: str, default_graph: Iterable[str] | None = None,
            named_graphs: Iterable[str] | None = None, timeout: float | None = None,
            row_cap: int | None = None) -> Serialized:
        """Run one query in a worker; QueryTimeout past ``timeout`` (default the setting),
        counting any wait for a free worker."""
        limit, deadline, msg = self._prepare(sparql, media_type, default_graph, named_graphs,
                                             timeout, row_cap)
        while True:
            worker = self._idle.get(deadline - time.monotonic())
            if worker is None:
                raise self._busy(limit)
            if self._sent(worker, msg):
                break
        fd = worker.conn.fileno()
        try:
            at = self._first_check(worker, deadline)
            while at is not None and not readable(fd, at):
                at = self._check_long(worker, deadline)
            if not readable(fd, deadline):
                raise self._timed_out(worker, limit)
            frame = read_frame(fd)
        except (EOFError, OSError) as exc:
            raise self._died(worker, exc) from None
        return self._reply(worker, frame)

    async def arun(self, sparql: str, media_type: str,
                   default_graph: Iterable[str] | None = None,
                   named_graphs: Iterable[str] | None = None, timeout: float | None = None,
                   row_cap: int | None = None) -> Serialized:
        """:meth:`run` on the event loop itself, which stays free: the wait for a worker
        (in turn with threads) and for its reply are awaited, with no thread hop."""
        limit, deadline, msg = self._prepare(sparql, media_type, default_graph, named_graphs,
                                             timeout, row_cap)
        while True:
            worker = await self._idle.aget(deadline - time.monotonic())
            if worker is None:
                raise self._busy(limit)
            if self._sent(worker, msg):
                break
        try:
            done, frame = await await_reply(worker.conn.fileno(),
                                            self._first_check(worker, deadline), deadline,
                                            lambda: self._check_long(worker, deadline))
        except (EOFError, OSError) as exc:
            raise self._died(worker, exc) from None
        except BaseException:  # cancelled mid-query: the worker's state is unknown
            self._retire(worker)
            raise
        if not done:
            raise self._timed_out(worker, limit)
        return self._reply(worker, frame)

    def close(self) -> None:
        """Stop every worker (politely, then by force)."""
        with self._lock:
            self._closed = True
            workers = list(self._all)
            self._all.clear()
        for w in workers:
            with contextlib.suppress(OSError):
                write_frame(w.conn.fileno(), None)
        for w in workers:
            w.process.join(1)
            if w.process.is_alive():
                w.process.kill()
                w.process.join(1)
            w.conn.close()

    def __enter__(self) -> QueryPool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _result(reply: tuple[Any, ...]) -> Serialized:
    """The worker's reply as the result, or its error raised again as the same type."""
    if reply[0] == "ok":
        return reply[1]  # type: ignore[no-any-return]
    _, name, message = reply
    cls = _ERRORS.get(name)
    if cls is None:
        raise StoreError(f"the query failed: {name}: {message}")
    raise cls(message)
