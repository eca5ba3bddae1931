"""Awaiting a query worker's reply on the event loop, without a thread.

Why: handing each request to an executor thread that then blocks on the worker's pipe costs
two thread switches and GIL hand-overs per query, a large share of a lookup that the engine
answers in a fraction of a millisecond. Here the loop watches the pipe (``add_reader``) and
reads each chunk as it arrives, so a large reply never blocks the loop while it is written;
one timer (not ``asyncio.wait``, which costs a task's worth of bookkeeping per call) runs
the long-query checks and the deadline.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import time
from collections.abc import Callable
from typing import Any

from graph.worker_process import FrameReader

_TIMED_OUT = object()


async def await_reply(fd: int, check_at: float | None, deadline: float,
                      check: Callable[[], float | None]) -> tuple[bool, Any]:
    """``(True, reply)`` once the frame on ``fd`` is whole; ``(False, None)`` at ``deadline``
    (monotonic time). While the reply is missing, ``check`` is called at ``check_at`` and
    then at the time it returns, until it returns None. EOFError/OSError if the worker
    goes away."""
    loop = asyncio.get_running_loop()
    fut: asyncio.Future[Any] = loop.create_future()
    reader = FrameReader()

    def readable() -> None:
        if fut.done():
            return
        try:
            chunk = os.read(fd, reader.read_size())
        except BlockingIOError:  # a spurious wake-up: wait for the next one
            return
        except OSError as exc:
            fut.set_exception(exc)
            return
        if not chunk:
            fut.set_exception(EOFError("the query worker closed its pipe"))
        elif reader.feed(chunk):
            fut.set_result(reader.value())

    def tick(checking: bool) -> None:
        nonlocal timer
        if fut.done():
            return
        at = check() if checking else None
        if at is not None:
            timer = loop.call_later(max(0.0, at - time.monotonic()), tick, True)
        elif checking:
            timer = loop.call_later(max(0.0, deadline - time.monotonic()), tick, False)
        else:
            fut.set_result(_TIMED_OUT)

    now = time.monotonic()
    timer = loop.call_later(max(0.0, (check_at or deadline) - now), tick, check_at is not None)
    loop.add_reader(fd, readable)
    try:
        value = await fut
    finally:
        timer.cancel()
        loop.remove_reader(fd)
        with contextlib.suppress(OSError):  # uvloop's add_reader made it non-blocking
            os.set_blocking(fd, True)  # and a thread's blocking read must block
    if value is _TIMED_OUT:
        return False, None
    return True, value
