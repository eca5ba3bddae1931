"""Shared pieces of the benchmark harness: timing, percentiles, ports, child processes.

Everything the harness starts listens on loopback only and is stopped by the process id it
was given (never by name), so a run on a shared machine leaves nothing behind.
"""

from __future__ import annotations

import contextlib
import math
import os
import resource
import socket
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
VENV_BIN = Path(sys.executable).parent


class BenchError(RuntimeError):
    """A benchmark step could not run; the message says what is missing."""


def percentile(values: Sequence[float], q: float) -> float:
    """The q-th percentile (0-100) by nearest rank; NaN for no values."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    k = max(0, min(len(ordered) - 1, math.ceil(q / 100 * len(ordered)) - 1))
    return ordered[k]


def summary_ms(seconds: Sequence[float]) -> dict[str, float]:
    """p50, p95 and mean of a list of durations, in milliseconds."""
    return {"p50_ms": round(percentile(seconds, 50) * 1000, 3),
            "p95_ms": round(percentile(seconds, 95) * 1000, 3),
            "mean_ms": round(statistics.fmean(seconds) * 1000, 3) if seconds else float("nan"),
            "n": len(seconds)}


def time_calls(fn: Callable[[], Any], repeats: int, budget_s: float = 10.0,
               warmup: int = 1) -> list[float]:
    """Durations of up to ``repeats`` calls of ``fn`` after ``warmup`` calls, stopping early
    once ``budget_s`` is spent (a slow query must not hold the whole run)."""
    for _ in range(warmup):
        fn()
    out: list[float] = []
    deadline = time.perf_counter() + budget_s
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
        if time.perf_counter() > deadline:
            break
    return out


def peak_rss_mb(children: bool = False) -> float:
    """Peak resident set size of this process (or of its waited-for children), in MB."""
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def dir_size_mb(path: Path) -> float:
    total = 0
    for root, _dirs, files in os.walk(path):
        for f in files:
            try:
                total += os.stat(os.path.join(root, f)).st_size
            except FileNotFoundError:
                continue
    return round(total / 1e6, 1)


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_http(url: str, proc: subprocess.Popen[bytes] | None, timeout: float,
              log: Path | None = None) -> None:
    """Poll ``url`` until it answers (any status), the process dies, or time runs out."""
    import httpx

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:] if log and log.exists() else ""
            raise BenchError(f"server for {url} exited with {proc.returncode}: {tail}")
        try:
            httpx.get(url, timeout=2.0)
            return
        except httpx.HTTPError:
            time.sleep(0.2)
    raise BenchError(f"{url} did not answer within {timeout:.0f} s")


def start(cmd: list[str], log: Path, env: dict[str, str] | None = None,
          cwd: Path | None = None) -> subprocess.Popen[bytes]:
    """Start a server in its own process group, its output to ``log``."""
    log.parent.mkdir(parents=True, exist_ok=True)
    fh = open(log, "wb")  # noqa: SIM115 - closed with the process
    full_env = {**os.environ, **(env or {})}
    return subprocess.Popen(cmd, stdout=fh, stderr=subprocess.STDOUT, env=full_env,
                            cwd=cwd or ROOT, start_new_session=True)


def stop(proc: subprocess.Popen[bytes], timeout: float = 10.0) -> None:
    """Stop a server started by :func:`start`: its process group, by its own id."""
    if proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, 15)
        proc.wait(timeout=timeout)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, 9)
        proc.wait(timeout=timeout)
