"""Long queries in the worker pool: demoted (reniced, then retired) with a spare started in
their place, so short queries keep being answered; replies awaited on the event loop."""

from __future__ import annotations

import asyncio
import json
import os
import threading
import time
from pathlib import Path

import pytest

from graph.store import QueryTimeout
from graph.worker_process import LONG_QUERY_NICE, read_frame, write_frame
from graph.workers import QueryPool
from tests.test_workers import FAST, JSON, PATHOLOGICAL, SLOW, SLOW_N, _count, _settings

BIG = "SELECT ?a ?b ?c ?d WHERE { ?a ?p ?b . ?c ?q ?d } LIMIT 20000"


def _nice(pid: int) -> int:
    return os.getpriority(os.PRIO_PROCESS, pid)


def _wait_for(cond: object, seconds: float = 10.0) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if cond():  # type: ignore[operator]
            return True
        time.sleep(0.02)
    return False


def _busy_pids(pool: QueryPool) -> set[int]:
    idle = {w.process.pid for w in pool._idle.idle()}
    return {w.process.pid for w in pool._all} - idle


def test_short_queries_answered_while_the_only_worker_runs_a_long_one(tmp_path: Path) -> None:
    """One worker: without the spare, the short query would wait for the runaway's limit."""
    with QueryPool(_settings(tmp_path), size=1, long_after=0.3) as pool:
        pool.run(FAST, JSON)
        errors: list[BaseException] = []

        def runaway() -> None:
            try:
                pool.run(PATHOLOGICAL, JSON, timeout=6.0)
            except QueryTimeout as exc:
                errors.append(exc)

        t = threading.Thread(target=runaway)
        t.start()
        time.sleep(0.5)
        for _ in range(3):
            start = time.monotonic()
            assert _count(pool.run(FAST, JSON, timeout=4.0)) == 400
            assert time.monotonic() - start < 3.0
        t.join()
        assert len(errors) == 1


def test_long_query_worker_is_reniced_then_retired_and_the_pool_returns_to_size(
        tmp_path: Path) -> None:
    with QueryPool(_settings(tmp_path), size=2, long_after=0.3) as pool:
        pool.run(FAST, JSON)
        before = {w.process.pid for w in pool._all}
        assert all(_nice(pid) < LONG_QUERY_NICE for pid in before)
        errors: list[BaseException] = []
        elapsed: list[float] = []

        def runaway() -> None:
            start = time.monotonic()
            try:
                pool.run(PATHOLOGICAL, JSON, timeout=2.5)
            except QueryTimeout as exc:
                errors.append(exc)
            elapsed.append(time.monotonic() - start)

        t = threading.Thread(target=runaway)
        t.start()
        assert _wait_for(lambda: len(pool._all) == 3 and pool._idle.qsize() == 2)  # a spare
        (long_pid,) = _busy_pids(pool)
        assert long_pid in before and _nice(long_pid) == LONG_QUERY_NICE
        t.join()
        assert len(errors) == 1 and elapsed[0] < 2.5 + 1.0  # demoted, still stopped in time
        assert _wait_for(lambda: len(pool._all) == 2 and pool._idle.qsize() == 2)
        now = {w.process.pid for w in pool._all}
        assert long_pid not in now and all(_nice(pid) < LONG_QUERY_NICE for pid in now)


def test_a_long_query_that_finishes_is_answered_and_its_worker_retired(
        tmp_path: Path) -> None:
    with QueryPool(_settings(tmp_path), size=1, long_after=0.2) as pool:
        pool.run(FAST, JSON)
        (first,) = pool._all
        assert _count(pool.run(SLOW, JSON, timeout=20)) == SLOW_N
        assert _wait_for(lambda: len(pool._all) == 1 and pool._idle.qsize() == 1)
        (now,) = pool._all
        assert now is not first and _wait_for(lambda: not first.process.is_alive())
        assert _count(pool.run(FAST, JSON)) == 400


def test_spares_are_bounded(tmp_path: Path) -> None:
    """With no spares allowed the long query's worker is still retired, then replaced."""
    with QueryPool(_settings(tmp_path), size=1, long_after=0.2, spares=0) as pool:
        pool.run(FAST, JSON)
        (first,) = pool._all
        t = threading.Thread(target=lambda: pool.run(SLOW, JSON, timeout=20))
        t.start()
        assert _wait_for(lambda: _nice(first.process.pid) == LONG_QUERY_NICE)
        assert len(pool._all) == 1
        t.join()
        assert _wait_for(lambda: pool._idle.qsize() == 1)
        assert first not in pool._all and len(pool._all) == 1


def test_short_queries_are_not_demoted(tmp_path: Path) -> None:
    with QueryPool(_settings(tmp_path), size=1, long_after=0.5) as pool:
        pool.run(FAST, JSON)
        (first,) = pool._all
        for _ in range(5):
            pool.run(FAST, JSON)
            asyncio.run(pool.arun(FAST, JSON))
        assert pool._all == {first} and _nice(first.process.pid) < LONG_QUERY_NICE


def test_arun_on_the_loop_times_out_and_demotes(tmp_path: Path) -> None:
    with QueryPool(_settings(tmp_path), size=1, long_after=0.3) as pool:
        pool.run(FAST, JSON)
        (first,) = pool._all

        async def main() -> float:
            start = time.monotonic()
            with pytest.raises(QueryTimeout, match=r"time limit of 1\.5 s"):
                await pool.arun(PATHOLOGICAL, JSON, timeout=1.5)
            return time.monotonic() - start

        assert asyncio.run(main()) < 2.5
        assert _wait_for(lambda: not first.process.is_alive())
        assert _count(pool.run(FAST, JSON, timeout=10)) == 400


def test_cancelled_arun_retires_its_worker(tmp_path: Path) -> None:
    with QueryPool(_settings(tmp_path), size=1) as pool:
        pool.run(FAST, JSON)
        (first,) = pool._all

        async def main() -> None:
            task = asyncio.create_task(pool.arun(PATHOLOGICAL, JSON, timeout=10))
            await asyncio.sleep(0.3)
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task

        asyncio.run(main())
        assert _wait_for(lambda: not first.process.is_alive())
        assert _count(pool.run(FAST, JSON, timeout=10)) == 400


def test_large_replies_arrive_whole_by_thread_and_by_loop(tmp_path: Path) -> None:
    """uvloop (uvicorn's loop) leaves a watched pipe non-blocking: threads must still read
    whole replies from the same worker afterwards."""
    import uvloop

    with QueryPool(_settings(tmp_path), size=1, row_cap=0) as pool:
        sync = pool.run(BIG, JSON)
        loop = asyncio.run(pool.arun(BIG, JSON))
        assert len(sync.body) > 2 << 20 and sync.body == loop.body
        assert len(json.loads(loop.body)["results"]["bindings"]) == 20000
        assert uvloop.run(pool.arun(BIG, JSON)).body == sync.body
        assert pool.run(BIG, JSON).body == sync.body


def test_frames_round_trip_through_a_pipe() -> None:
    r, w = os.pipe()
    payload = ("ok", b"x" * (3 << 20), "\u00e9")
    writer = threading.Thread(target=write_frame, args=(w, payload))
    writer.start()
    try:
        assert read_frame(r) == payload
    finally:
        writer.join()
        os.close(w)
    with pytest.raises(EOFError):
        read_frame(r)
    os.close(r)


def test_a_query_slowed_by_a_busy_machine_is_not_demoted(tmp_path: Path) -> None:
    """Long in wall-clock time but not in CPU time (here the worker is stopped, as by a
    machine too busy to run it): its worker keeps its priority and no spare starts."""
    import signal

    with QueryPool(_settings(tmp_path), size=1, long_after=0.2) as pool:
        pool.run(FAST, JSON)
        (first,) = pool._all
        os.kill(first.process.pid, signal.SIGSTOP)
        try:
            results: list[int] = []
            t = threading.Thread(target=lambda: results.append(
                _count(pool.run(FAST, JSON, timeout=10))))
            t.start()
            time.sleep(1.0)
            assert _nice(first.process.pid) < LONG_QUERY_NICE and pool._all == {first}
        finally:
            os.kill(first.process.pid, signal.SIGCONT)
        t.join()
        assert results == [400] and pool._all == {first}
