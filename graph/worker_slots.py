"""Idle query workers handed out first come, first served, to threads and coroutines alike.

Why: the pool is used from the event loop (the endpoint) and from threads (the API and
pages, through ``PooledReader``). With ``queue.Queue`` only a thread can wait, so a
coroutine that found no idle worker had to borrow an executor thread to wait, costing two
thread switches per query exactly when the server is busiest. Here a coroutine waits on a
future and a thread on an event, in one FIFO: a released worker goes straight to the
longest waiter of either kind, so neither can starve the other.
"""

from __future__ import annotations

import asyncio
import threading
from collections import deque
from typing import Generic, TypeVar

T = TypeVar("T")


class _ThreadWaiter(Generic[T]):
    def __init__(self) -> None:
        self.event = threading.Event()
        self.item: T | None = None
        self.abandoned = False

    def give(self, item: T, _slots: Slots[T]) -> bool:
        if self.abandoned:
            return False
        self.item = item
        self.event.set()
        return True


class _AsyncWaiter(Generic[T]):
    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self.loop = loop
        self.thread = threading.get_ident()
        self.future: asyncio.Future[T] = loop.create_future()
        self.given = False
        self.abandoned = False

    def give(self, item: T, slots: Slots[T]) -> bool:
        if self.abandoned:
            return False
        try:
            if threading.get_ident() == self.thread:
                self.loop.call_soon(self._deliver, item, slots)
            else:
                self.loop.call_soon_threadsafe(self._deliver, item, slots)
        except RuntimeError:  # its event loop has been closed: the next waiter gets it
            self.abandoned = True
            return False
        self.given = True
        return True

    def _deliver(self, item: T, slots: Slots[T]) -> None:
        if self.future.done():  # its wait ended (timed out, cancelled) meanwhile: pass it on
            slots.put(item)
        else:
            self.future.set_result(item)


class Slots(Generic[T]):
    """Idle items and the queue of those waiting for one."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._idle: deque[T] = deque()
        self._waiters: deque[_ThreadWaiter[T] | _AsyncWaiter[T]] = deque()

    def qsize(self) -> int:
        """Idle items now."""
        return len(self._idle)

    def idle(self) -> list[T]:
        with self._lock:
            return list(self._idle)

    def put(self, item: T) -> None:
        """Hand ``item`` to the longest waiter, else keep it idle."""
        with self._lock:
            while self._waiters:
                if self._waiters.popleft().give(item, self):
                    return
            self._idle.append(item)

    def get(self, timeout: float) -> T | None:
        """An idle item, waiting up to ``timeout`` seconds in turn; None if none came."""
        with self._lock:
            if self._idle:
                return self._idle.popleft()
            waiter: _ThreadWaiter[T] = _ThreadWaiter()
            self._waiters.append(waiter)
        waiter.event.wait(max(0.0, timeout))
        with self._lock:
            if waiter.item is None:
                waiter.abandoned = True
                self._waiters.remove(waiter)
            return waiter.item

    async def aget(self, timeout: float) -> T | None:
        """:meth:`get` for a coroutine: the event loop stays free while it waits."""
        with self._lock:
            if self._idle:
                return self._idle.popleft()
            waiter: _AsyncWaiter[T] = _AsyncWaiter(asyncio.get_running_loop())
            self._waiters.append(waiter)
        try:
            return await asyncio.wait_for(waiter.future, max(0.0, timeout))
        except (TimeoutError, asyncio.CancelledError) as exc:
            with self._lock:
                if not waiter.given:
                    waiter.abandoned = True
                    self._waiters.remove(waiter)
            fut = waiter.future
            if fut.done() and not fut.cancelled():  # delivered, but the wait ended first
                self.put(fut.result())
            if isinstance(exc, asyncio.CancelledError):
                raise
            return None
