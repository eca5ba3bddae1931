"""The query worker process's side of the pool: its main loop, the reply framing, and the
priority of a worker whose query has run long.

Requests and replies travel over the pipe in a frame of our own, an 8-byte length then the
pickle, written straight to its file descriptor: the pool can then read a reply either
blocking (a thread) or piece by piece as the event loop says the pipe is readable
(:class:`FrameReader`), without a thread per query, without ``multiprocessing``'s
per-message pickler set-up, and without relying on its private wire format.
"""

from __future__ import annotations

import contextlib
import math
import multiprocessing as mp
import os
import pickle
import select
import struct
import time
from multiprocessing.connection import Connection
from typing import Any

from graph import store as store_mod
from graph.results import cap_rows
from graph.settings import Settings

_HEADER = struct.Struct("!Q")
#: The niceness of a worker whose query has run past the pool's ``long_after``: the short
#: queries of everyone else (and the HTTP process) take the CPU first.
LONG_QUERY_NICE = 19
_MIN_ROW_BYTES = 3
_TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


def context() -> Any:
    """forkserver where the platform has it (fast replacements, modules preloaded), else
    spawn; never fork, which would copy the parent's threads and open store handles."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["graph.workers", "graph.worker_process",
                                    "graph.embedded", "graph.remote"])
        return ctx
    return mp.get_context("spawn")


def write_frame(fd: int, reply: Any) -> None:
    """Send ``reply`` as one frame (header and pickle in one writev where the pipe takes it)."""
    payload = pickle.dumps(reply, protocol=pickle.HIGHEST_PROTOCOL)
    views = [memoryview(_HEADER.pack(len(payload))), memoryview(payload)]
    while views:
        sent = os.writev(fd, views)
        while views and sent >= len(views[0]):
            sent -= len(views[0])
            views.pop(0)
        if views and sent:
            views[0] = views[0][sent:]


class FrameReader:
    """Collects one frame from chunks as they arrive; :meth:`feed` is True when complete."""

    def __init__(self) -> None:
        self._buf = bytearray()
        self._need: int | None = None

    def feed(self, chunk: bytes) -> bool:
        self._buf += chunk
        if self._need is None and len(self._buf) >= _HEADER.size:
            self._need = _HEADER.size + _HEADER.unpack_from(self._buf)[0]
        return self._need is not None and len(self._buf) >= self._need

    def missing(self) -> int:
        """Bytes still to come (at least the header's)."""
        return (self._need or _HEADER.size) - len(self._buf)

    def read_size(self) -> int:
        """How much to ask ``os.read`` for next: what is missing, within 64 KB and 4 MB.
        Why not a fixed large size: ``os.read(fd, n)`` allocates ``n`` bytes before it
        reads, and a 1 MB buffer per reply (then shrunk) was 9 % of the HTTP process's
        CPU on a lookup."""
        return min(max(self.missing(), 65536), 1 << 22)

    def value(self) -> Any:
        return pickle.loads(memoryview(self._buf)[_HEADER.size:self._need])


def read_frame(fd: int) -> Any:
    """One frame, blocking until it is whole; EOFError if the worker has gone."""
    reader = FrameReader()
    while True:
        chunk = os.read(fd, reader.read_size())
        if not chunk:
            raise EOFError("the query worker closed its pipe")
        if reader.feed(chunk):
            return reader.value()


def readable(fd: int, until: float) -> bool:
    """Wait until ``fd`` has data or the monotonic time ``until``; True if it has.
    (``Connection.poll`` builds a selector per call: a noticeable cost per query.)"""
    poller = select.poll()
    poller.register(fd, select.POLLIN)
    while True:
        timeout = until - time.monotonic()
        if poller.poll(max(0, math.ceil(timeout * 1000))):
            return True
        if timeout <= 0:
            return False


def lower_priority(pid: int, nice: int = LONG_QUERY_NICE) -> bool:
    """Renice every thread of process ``pid`` (Linux niceness is per thread); False if it
    could not be done (the process is gone, or the platform refuses). An unprivileged
    process cannot raise the priority again, so the pool retires the worker afterwards."""
    if not hasattr(os, "setpriority"):  # not a POSIX platform: nothing to lower
        return False
    try:
        tids = [int(t) for t in os.listdir(f"/proc/{pid}/task")]
    except OSError:
        tids = [pid]
    done = False
    for tid in tids:
        with contextlib.suppress(OSError):
            os.setpriority(os.PRIO_PROCESS, tid, nice)
            done = True
    return done


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system, all threads) process ``pid`` has used; None where /proc
    cannot say (another platform, or the process is gone)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as fh:
            fields = fh.read().rsplit(b")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / _TICKS
    except (OSError, IndexError, ValueError):
        return None


def _capped(res: Any, row_cap: int | None) -> Any:
    """The result cut to ``row_cap`` rows (see graph.results.cap_rows), parsed only when it
    could hold more: a JSON row takes at least 3 bytes (``{},``), so a smaller body is sent
    as it is, its ``rows`` left uncounted (None). Parsing every result to count its rows
    cost as much as evaluating a lookup, and far more for a large result."""
    if not row_cap or len(res.body) < _MIN_ROW_BYTES * (row_cap + 1):
        return res
    return cap_rows(res, row_cap)


def worker_main(settings: Settings, conn: Connection) -> None:
    """Serve requests from ``conn`` until it closes or sends None. Each reply starts with
    the process's CPU time, so the pool can tell a long query from a slow machine."""
    st = None
    with contextlib.suppress(Exception):  # retried, with its error sent, at the first query
        st = store_mod.open_store(settings, read_only=True)
    fd = conn.fileno()
    while True:
        try:
            msg = read_frame(fd)
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
            reply: tuple[Any, ...] = ("ok", _capped(res, row_cap))
        except Exception as exc:
            reply = ("err", type(exc).__name__, str(exc))
        try:  # with the CPU time used so far: the pool's baseline for the next query
            write_frame(fd, (time.process_time(), *reply))
        except OSError:
            return
