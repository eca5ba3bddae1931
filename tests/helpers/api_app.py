"""The query API over a small hand-written graph (tests/data/api/fixture.trig), for tests.

``api_store`` loads the fixture into a temporary embedded store; ``make_client`` builds a
TestClient of the app over it with any settings (token, caps, time limit).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

from graph.embedded import EmbeddedStore
from graph.settings import Settings
from queryapi.app import create_app
from tests.helpers.oxigraph_server import free_port

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "api" / "fixture.trig"
BASE = "https://remit.example/"
PACK = BASE + "id/pack/pack-a-111111111111"


def load_fixture(path: Path) -> EmbeddedStore:
    store = EmbeddedStore(path)
    store.load_file(FIXTURE)
    return store


def make_client(store: Any, tmp: Path, **settings: Any) -> TestClient:
    values: dict[str, Any] = {"store": tmp / "unused", "reference_date": None}
    values.update(settings)
    app = create_app(Settings(**values), store=store, search_path=tmp / "search.sqlite")
    return TestClient(app)


@pytest.fixture(scope="module")
def api_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    store = load_fixture(tmp_path_factory.mktemp("api-store"))
    yield store
    store.close()


@pytest.fixture(scope="module")
def client(api_store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return make_client(api_store, tmp_path_factory.mktemp("api"))


def build_store_dir(path: Path) -> Path:
    """An on-disk embedded store holding the fixture, closed (ready for readers)."""
    load_fixture(path).close()
    return path


@contextlib.contextmanager
def live_server(store_dir: Path, *, timeout: float = 30.0, workers: int = 2,
                extra_env: dict[str, str] | None = None) -> Iterator[str]:
    """``remit serve`` on a free loopback port; yields its base URL; killed on exit."""
    port = free_port()
    env = {**os.environ, "REMIT_STORE": str(store_dir), "REMIT_QUERY_TIMEOUT": str(timeout),
           "REMIT_WORKERS": str(workers), **(extra_env or {})}
    for var in ("REMIT_ENDPOINT", "REMIT_UPDATE_TOKEN"):
        if var not in (extra_env or {}):
            env.pop(var, None)
    remit = str(Path(sys.executable).parent / "remit")
    proc = subprocess.Popen([remit, "serve", "--host", "127.0.0.1",
                             "--port", str(port)], env=env, cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            if proc.poll() is not None:
                err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
                raise RuntimeError(f"remit serve exited ({proc.returncode}): {err}")
            try:
                if httpx.get(base + "/health", timeout=1).status_code == 200:
                    break
            except httpx.HTTPError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("remit serve did not answer /health within 30 s")
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait(timeout=5)
        if proc.stderr:
            proc.stderr.close()
