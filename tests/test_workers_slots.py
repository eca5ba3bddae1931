"""Idle workers handed to threads and coroutines in turn (graph/worker_slots.py), and the
pool serving more concurrent coroutines than it has workers without borrowing threads."""

from __future__ import annotations

import asyncio
import threading
import time
from pathlib import Path

from graph.worker_slots import Slots
from graph.workers import QueryPool
from tests.test_workers import FAST, JSON, _count, _settings


def test_an_idle_item_is_taken_at_once() -> None:
    slots: Slots[str] = Slots()
    slots.put("a")
    assert slots.qsize() == 1 and slots.get(0) == "a" and slots.qsize() == 0
    assert slots.get(0.05) is None


def test_waiters_are_served_first_come_first_served_across_threads_and_coroutines() -> None:
    slots: Slots[int] = Slots()
    got: list[tuple[str, int | None]] = []

    def thread_waiter(name: str) -> None:
        got.append((name, slots.get(5)))

    async def main() -> None:
        t1 = threading.Thread(target=thread_waiter, args=("thread-1",))
        t1.start()
        while not slots._waiters:
            await asyncio.sleep(0.005)
        task = asyncio.create_task(slots.aget(5))
        await asyncio.sleep(0.02)
        t2 = threading.Thread(target=thread_waiter, args=("thread-2",))
        t2.start()
        while len(slots._waiters) < 3:
            await asyncio.sleep(0.005)
        for item in (1, 2, 3):
            slots.put(item)
        got.append(("coroutine", await task))
        await asyncio.to_thread(t1.join)
        await asyncio.to_thread(t2.join)

    asyncio.run(main())
    assert sorted(got) == [("coroutine", 2), ("thread-1", 1), ("thread-2", 3)]
    assert slots.qsize() == 0 and not slots._waiters


def test_a_timed_out_waiter_loses_nothing() -> None:
    slots: Slots[str] = Slots()

    async def main() -> str | None:
        assert await slots.aget(0.05) is None
        return None

    asyncio.run(main())
    assert slots.get(0.05) is None
    assert not slots._waiters
    slots.put("x")
    assert slots.qsize() == 1  # not handed to the waiters that gave up


def test_an_item_given_to_a_cancelled_coroutine_is_passed_on() -> None:
    slots: Slots[str] = Slots()

    async def main() -> tuple[object, str | None]:
        task = asyncio.create_task(slots.aget(5))
        await asyncio.sleep(0.01)
        slots.put("x")  # delivery is scheduled on the loop ...
        task.cancel()  # ... and the waiter is cancelled before it runs
        (outcome,) = await asyncio.gather(task, return_exceptions=True)
        await asyncio.sleep(0)
        return outcome, slots.get(0)

    outcome, left = asyncio.run(main())
    # either the coroutine got it (its cancellation came too late) or it is idle again
    assert (outcome == "x") != (left == "x")
    assert outcome == "x" or isinstance(outcome, asyncio.CancelledError)


def test_more_coroutines_than_workers_are_all_answered_without_threads(
        tmp_path: Path) -> None:
    with QueryPool(_settings(tmp_path), size=2) as pool:
        pool.run(FAST, JSON)
        before = threading.active_count()

        async def main() -> list[int]:
            results = await asyncio.gather(*(pool.arun(FAST, JSON) for _ in range(12)))
            return [_count(r) for r in results]

        start = time.monotonic()
        assert asyncio.run(main()) == [400] * 12
        assert time.monotonic() - start < 10
        assert threading.active_count() <= before  # no executor threads were started
        assert pool._idle.qsize() == 2
