"""Packs read, extracted and mapped ahead of the writer, by helper processes, in order.

Why: writing a pack needs the store (cross-pack resolution, the transaction, the search
index) and so happens in one process, one pack at a time; reading, extracting and mapping
a pack does not. On the seed-size synthetic packs the write took about 2.5 s a pack and
the rest 1.6 s, all in one process (0.24 packs/s on a machine with two cores). With a
helper preparing pack N+1 while pack N is written, the writer's share bounds the rate
(BENCHMARKS.md, "Fourth session").

What a helper returns is plain data (:class:`ingest.load.Prepared`: the pack's IRI, its
graph, its warnings, or the reason it was rejected), so the packs written, their order
and the report are the same with or without helpers. A helper that dies (killed, out of
memory, or unable to start) costs nothing but time: that pack and the ones after it are
prepared in this process instead. Helpers are fresh interpreters
(``python -m ingest.prepare_worker``), never copies of this process and never re-runs of
its main script.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from ingest.prepare_worker import receive, send

#: Packs sent ahead to each helper: enough to keep it busy while one pack is written, few
#: enough that their graphs do not pile up in memory.
AHEAD_PER_HELPER = 2
_ROOT = Path(__file__).resolve().parents[1]
#: No answer from a helper for this pack: this process prepares it.
_MISSING = object()


class _Helper:
    """One ``ingest.prepare_worker`` process; answers its requests in the order sent."""

    def __init__(self, spec: str) -> None:
        # this process's working directory: the paths it sends are as the user gave them
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(
            p for p in (str(_ROOT), os.environ.get("PYTHONPATH", "")) if p)}
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "ingest.prepare_worker", spec], stdin=subprocess.PIPE,
            stdout=subprocess.PIPE, env=env)

    def ask(self, path: Path, base_iri: str) -> None:
        assert self.proc.stdin is not None
        send(self.proc.stdin, (str(path), base_iri))

    def answer(self) -> Any:
        assert self.proc.stdout is not None
        return receive(self.proc.stdout)

    def close(self) -> None:
        for pipe in (self.proc.stdin, self.proc.stdout):
            with contextlib.suppress(OSError):
                if pipe is not None:
                    pipe.close()
        try:
            self.proc.wait(5)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def _spec(fn: Callable[[Path, str], Any]) -> str:
    return f"{fn.__module__}:{fn.__qualname__}"


def prepared_in_order(files: list[Path], base_iri: str, helpers: int,
                      prepare: Callable[[Path, str], Any] | None = None) -> Iterator[Any]:
    """``prepare(path, base_iri)`` of each file, yielded in the order of ``files``; with
    ``helpers`` > 0 and more than one file, the files after the first are computed ahead
    in that many helper processes (a module-level ``prepare``) while this one prepares the
    first (a helper takes a second or so to start)."""
    if prepare is None:
        from ingest.load import prepare_pack as prepare
    if helpers <= 0 or len(files) < 2 or "<" in prepare.__qualname__:  # local: not importable
        for path in files:
            yield prepare(path, base_iri)
        return
    pool: list[_Helper] = []
    try:
        with contextlib.suppress(OSError):  # a helper that cannot start: fewer, or none
            for _ in range(min(helpers, len(files) - 1)):
                pool.append(_Helper(_spec(prepare)))
        owner: dict[int, _Helper] = {}  # file index -> the helper preparing it
        nxt = 1
        for i, path in enumerate(files):
            while pool and nxt < len(files) and nxt - i <= len(pool) * AHEAD_PER_HELPER:
                helper = pool[nxt % len(pool)]
                try:
                    helper.ask(files[nxt], base_iri)
                except OSError:  # it died before reading: the rest are done here
                    pool = _stop(pool)
                    owner.clear()
                    break
                owner[nxt] = helper
                nxt += 1
            result: Any = _MISSING
            helper = owner.pop(i, None)
            if helper is not None:
                try:
                    result = helper.answer()
                except Exception:  # it died (EOFError, OSError), or its answer will not load
                    pool = _stop(pool)
                    owner.clear()
                    result = _MISSING
            if result is _MISSING:
                result = prepare(path, base_iri)
            yield result
    finally:
        _stop(pool)



def _stop(pool: list[_Helper]) -> list[_Helper]:
    """Stop the helpers; from here on this process prepares every pack (nothing asked of
    a helper after a failure is trusted)."""
    for h in pool:
        h.close()
    return []
