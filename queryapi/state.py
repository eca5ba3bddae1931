"""What every route needs, built once per process from Settings: the store, the query runner,
and a writable handle for the rare authorised write. Requests never read the environment."""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from fastapi import Request

from graph.settings import Settings
from graph.store import Store, StoreError, open_store
from queryapi.errors import ApiError
from queryapi.limits import ClientLimiter
from queryapi.runner import PooledReader, PoolRunner, Runner, make_runner


@dataclass
class AppState:
    settings: Settings
    injected: Store | None = None
    search_path: Path | None = None
    _store: Store | None = None
    _runner: Runner | None = None
    _lock: threading.Lock = field(default_factory=threading.Lock)
    limiter: ClientLimiter = field(init=False)

    def __post_init__(self) -> None:
        self.limiter = ClientLimiter(self.settings.client_concurrency)

    def store(self) -> Store:
        """The read handle, opened on first use so the app starts before the first ingest."""
        if self.injected is not None:
            return self.injected
        with self._lock:
            if self._store is None:
                try:
                    self._store = open_store(self.settings, read_only=True)
                except StoreError as exc:
                    raise ApiError(503, f"the store is not available: {exc}") from exc
            return self._store

    @property
    def runner(self) -> Runner:
        if self._runner is None:
            self._runner = make_runner(self.settings, self.store,
                                       injected=self.injected is not None)
        return self._runner

    def reader(self) -> Any:
        """What answers the API's and pages' queries (``.query(sparql, bindings=...)``): the
        worker pool when the app runs one, else the store itself."""
        runner = self.runner
        if isinstance(runner, PoolRunner):
            return PooledReader(runner.pool, self.settings.query_timeout)
        return self.store()

    @contextlib.contextmanager
    def writer(self) -> Iterator[Store]:
        """A writable store for an authorised update: the injected one, else opened briefly."""
        if self.injected is not None and not self.injected.read_only:
            yield self.injected
            return
        try:
            store = open_store(self.settings, read_only=False)
        except StoreError as exc:
            raise ApiError(503, f"cannot write now: {exc}") from exc
        try:
            yield store
        finally:
            store.close()

    def index_path(self) -> Path:
        """Where the search index lives: next to the embedded store (see graph/search_index)."""
        from graph.search_index import index_path

        return self.search_path or index_path(self.settings)

    def close(self) -> None:
        if self._runner is not None:
            self._runner.close()
        if self._store is not None:
            self._store.close()


def state(request: Request) -> AppState:
    return request.app.state.remit  # type: ignore[no-any-return]
