"""Runs endpoint queries with the time limit, off the event loop.

:func:`make_runner` prefers the store engineer's ``graph.workers.QueryPool`` (worker
processes: a query past its limit is killed, so the work stops, and a long query does not hold
the GIL of the process serving other requests). Until that module exists, or for a store
injected by a test, :class:`ThreadRunner` runs ``Store.query_serialized`` in a thread and
stops waiting at the limit; the engine may then finish the abandoned query in the background.
Switching is this one function.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Protocol

from rdflib import URIRef

from graph.settings import Settings
from graph.store import QueryResult, QueryTimeout, Serialized, Store
from queryapi.errors import QueryTimedOut


class Runner(Protocol):
    async def run(self, sparql: str, media_type: str,
                  default_graph: Sequence[URIRef] | None = None,
                  named_graphs: Sequence[URIRef] | None = None) -> Serialized: ...

    def close(self) -> None: ...


class ThreadRunner:
    """``query_serialized`` in a worker thread, abandoned (503) past the limit."""

    def __init__(self, store: Callable[[], Store], timeout: float) -> None:
        self._store = store
        self.timeout = timeout

    async def run(self, sparql: str, media_type: str,
                  default_graph: Sequence[URIRef] | None = None,
                  named_graphs: Sequence[URIRef] | None = None) -> Serialized:
        store = self._store()
        call = asyncio.to_thread(store.query_serialized, sparql, media_type,
                                 default_graph=default_graph, named_graphs=named_graphs)
        try:
            return await asyncio.wait_for(call, self.timeout)
        except (TimeoutError, QueryTimeout):
            raise QueryTimedOut(self.timeout) from None

    def close(self) -> None:
        pass


class PoolRunner:
    """``graph.workers.QueryPool``: each query in a worker process, killed at the limit."""

    def __init__(self, pool: Any, timeout: float) -> None:
        self.pool = pool
        self.timeout = timeout

    async def run(self, sparql: str, media_type: str,
                  default_graph: Sequence[URIRef] | None = None,
                  named_graphs: Sequence[URIRef] | None = None) -> Serialized:
        try:
            return await self.pool.arun(sparql, media_type, default_graph=default_graph,
                                        named_graphs=named_graphs, timeout=self.timeout)
        except QueryTimeout:
            raise QueryTimedOut(self.timeout) from None

    def close(self) -> None:
        self.pool.close()


def make_runner(settings: Settings, store: Callable[[], Store],
                injected: bool = False) -> Runner:
    """The worker pool over the configured store; threads over a store injected by a test."""
    if injected:
        return ThreadRunner(store, settings.query_timeout)
    from graph.workers import QueryPool

    return PoolRunner(QueryPool(settings), settings.query_timeout)


class PooledReader:
    """``Store.query`` (bindings as a VALUES block of terms) answered by the worker pool, so
    the API's and pages' queries have the time limit too and never hold this process's GIL.
    """

    def __init__(self, pool: Any, timeout: float) -> None:
        self.pool = pool
        self.timeout = timeout

    def query(self, sparql: str, *, bindings: Mapping[str, Any] | None = None,
              default_graph: Sequence[URIRef] | None = None,
              named_graphs: Sequence[URIRef] | None = None) -> QueryResult:
        from graph.bindings import with_values
        from graph.results import as_result
        from queryapi.negotiation import NTRIPLES, RESULTS_JSON, query_form

        text = with_values(sparql, bindings) if bindings else sparql
        media = NTRIPLES if query_form(text) in ("CONSTRUCT", "DESCRIBE") else RESULTS_JSON
        return as_result(self.query_serialized(text, media, default_graph=default_graph,
                                               named_graphs=named_graphs))

    def query_serialized(self, sparql: str, media_type: str, *,
                         default_graph: Sequence[URIRef] | None = None,
                         named_graphs: Sequence[URIRef] | None = None) -> Any:
        """``Store.query_serialized`` answered by the worker pool (the engine's own bytes)."""
        try:
            return self.pool.run(sparql, media_type, default_graph, named_graphs,
                                 timeout=self.timeout, row_cap=0)
        except QueryTimeout:
            raise QueryTimedOut(self.timeout) from None
