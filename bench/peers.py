"""Start the servers compared in the endpoint benchmark, each on a loopback port.

- ``remit``: ``remit serve --store DIR --port P --workers N`` (the app under test), and
  the same app under ``uvicorn --workers 2`` (another deployment setting);
- ``oxigraph``: bare ``oxigraph serve-read-only`` on the same snapshot the app reads
  (same engine, same bytes on disk, no Python in the path); its default graph is the
  store's de-duplicated union of the named graphs (docs/decisions/0004), as for the app;
- ``rdflib-endpoint``: rdflib's own engine over the same N-Quads, loaded into memory at
  start (slow to start: minutes at 1M triples, so ``--quick`` runs it on small data only).

Each returns ``(process, sparql_url)``; stop it with ``bench.common.stop``.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from bench.common import OUT, VENV_BIN, BenchError, free_port, start, wait_http


def _bin(name: str) -> str:
    path = VENV_BIN / name
    if path.exists():
        return str(path)
    found = shutil.which(name)
    if not found:
        raise BenchError(f"{name} is not installed; `pip install -e '.[bench]'` into .venv")
    return found


def snapshot_of(store_dir: Path) -> Path:
    name = (store_dir / "CURRENT").read_text().strip()
    return store_dir / "snapshots" / name


def start_remit(store_dir: Path, workers: int = 2, timeout: float = 60,
                code: Path | None = None) -> tuple[subprocess.Popen[bytes], str]:
    """``code``: another checkout of Remit to serve from (its modules ahead of this one's),
    so a change can be measured before and after in the same run (its workers, started
    by the forkserver, resolve modules from the working directory too)."""
    port = free_port()
    env = {"REMIT_CLIENT_CONCURRENCY": "64", "REMIT_UPDATE_TOKEN": ""}
    if code is not None:
        env["PYTHONPATH"] = str(code)
    proc = start([_bin("remit"), "serve", "--store", str(store_dir), "--port", str(port),
                  "--host", "127.0.0.1", "--workers", str(workers)],
                 OUT / "logs" / f"remit-{port}.log", env=env, cwd=code)
    url = f"http://127.0.0.1:{port}"
    wait_http(url + "/health", proc, timeout, OUT / "logs" / f"remit-{port}.log")
    return proc, url + "/sparql"


def start_uvicorn_workers(store_dir: Path, processes: int = 2,
                          timeout: float = 60) -> tuple[subprocess.Popen[bytes], str]:
    """The app under ``uvicorn --workers N`` (N HTTP processes, one query worker each):
    the deployment in which uvicorn issue 3149 (Nagle meeting delayed ACKs, ~44 ms per
    keep-alive response) was seen; measured rather than assumed."""
    port = free_port()
    env = {"REMIT_STORE": str(store_dir), "REMIT_WORKERS": "1",
           "REMIT_CLIENT_CONCURRENCY": "64", "REMIT_UPDATE_TOKEN": ""}
    log = OUT / "logs" / f"uvicorn-{port}.log"
    proc = start([_bin("uvicorn"), "queryapi.app:create_app", "--factory", "--host",
                  "127.0.0.1", "--port", str(port), "--workers", str(processes),
                  "--log-level", "warning"], log, env=env)
    url = f"http://127.0.0.1:{port}"
    wait_http(url + "/health", proc, timeout, log)
    return proc, url + "/sparql"


def start_remit_on(endpoint: str, timeout: float = 60) -> tuple[subprocess.Popen[bytes], str]:
    """`remit serve` over an external SPARQL server (REMIT_ENDPOINT)."""
    port = free_port()
    env = {"REMIT_ENDPOINT": endpoint, "REMIT_CLIENT_CONCURRENCY": "64"}
    log = OUT / "logs" / f"remit-remote-{port}.log"
    proc = start([_bin("remit"), "serve", "--port", str(port), "--host", "127.0.0.1"],
                 log, env=env)
    url = f"http://127.0.0.1:{port}"
    wait_http(url + "/health", proc, timeout, log)
    return proc, url + "/sparql"


def start_oxigraph(store_dir: Path, timeout: float = 60) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    log = OUT / "logs" / f"oxigraph-{port}.log"
    proc = start([_bin("oxigraph"), "serve-read-only", "--location", str(snapshot_of(store_dir)),
                  "--bind", f"127.0.0.1:{port}"], log)
    url = f"http://127.0.0.1:{port}"
    wait_http(url + "/", proc, timeout, log)
    return proc, url + "/query"


def start_rdflib_endpoint(nquads: Path,
                          timeout: float = 900) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    log = OUT / "logs" / f"rdflib-endpoint-{port}.log"
    proc = start([_bin("rdflib-endpoint"), "serve", str(nquads), "--host", "127.0.0.1",
                  "--port", str(port)], log)
    url = f"http://127.0.0.1:{port}"
    wait_http(url + "/", proc, timeout, log)
    return proc, url + "/"
