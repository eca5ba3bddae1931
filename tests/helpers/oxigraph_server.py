"""A real ``oxigraph serve`` process on a free loopback port, for tests of the remote backend.

The server comes from the PyPI package ``oxigraph`` (``.venv/bin/oxigraph``). It is started
with ``--union-default-graph`` so that, as in the embedded store, the default graph of a
query is the union of all named graphs. Oxigraph serves queries at ``/query``, updates at
``/update`` and the Graph Store Protocol at ``/store``.

Usage as a context manager::

    from tests.helpers.oxigraph_server import oxigraph_server

    with oxigraph_server(tmp_path / "ox") as server:
        settings = server.settings()        # Settings(endpoint=.../query, update_endpoint=...)
        with open_store(settings) as st:    # the 'sparql' backend
            st.update("INSERT DATA { GRAPH <urn:g> { <urn:s> <urn:p> 1 } }")

or as a pytest fixture (module scope: one server per test module)::

    from tests.helpers.oxigraph_server import oxigraph_server_fixture
    server = oxigraph_server_fixture()      # at module level; then ask for `server`

    def test_something(server):
        requests.get(server.query_url, ...)

``server.clear()`` empties the store between tests that share one server.
"""

from __future__ import annotations

import contextlib
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from graph.settings import Settings


class OxigraphServerError(RuntimeError):
    """The server binary is missing or did not start; the message has its stderr."""


def oxigraph_binary() -> str:
    """``oxigraph`` next to the running interpreter (the venv), else on PATH."""
    candidate = Path(sys.executable).parent / "oxigraph"
    if candidate.exists():
        return str(candidate)
    found = shutil.which("oxigraph")
    if not found:
        raise OxigraphServerError("the `oxigraph` CLI is not installed: pip install oxigraph")
    return found


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class OxigraphServer:
    """A running server: its base URL, endpoints, process and data directory."""

    base_url: str
    process: subprocess.Popen[bytes]
    location: Path

    @property
    def query_url(self) -> str:
        return f"{self.base_url}/query"

    @property
    def update_url(self) -> str:
        return f"{self.base_url}/update"

    @property
    def store_url(self) -> str:
        return f"{self.base_url}/store"

    def settings(self, **overrides: Any) -> Settings:
        """Settings that point the ``sparql`` backend at this server."""
        values: dict[str, Any] = {"endpoint": self.query_url,
                                  "update_endpoint": self.update_url, "query_timeout": 10.0}
        values.update(overrides)
        return Settings(**values)

    def clear(self) -> None:
        """Remove every quad (``CLEAR ALL``)."""
        req = urllib.request.Request(self.update_url, data=b"CLEAR ALL", method="POST",
                                     headers={"Content-Type": "application/sparql-update"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            resp.read()


def _wait_ready(server: OxigraphServer, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    ask = server.query_url + "?query=ASK%7B%7D"
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            stderr = server.process.stderr.read().decode(errors="replace") \
                if server.process.stderr else ""
            raise OxigraphServerError(f"oxigraph serve exited ({server.process.returncode}): "
                                      f"{stderr.strip()}")
        try:
            with urllib.request.urlopen(ask, timeout=1) as resp:
                if resp.status == 200:
                    return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.05)
    raise OxigraphServerError(f"oxigraph serve did not answer on {server.base_url} "
                              f"within {timeout:.0f} s")


@contextlib.contextmanager
def oxigraph_server(location: Path | str | None = None, *, startup_timeout: float = 20.0,
                    extra_args: Sequence[str] = ()) -> Iterator[OxigraphServer]:
    """Start ``oxigraph serve`` on a free loopback port; kill it (and wait) on exit.

    ``location`` is the data directory; by default a temporary one removed afterwards.
    ``extra_args`` go to ``oxigraph serve`` (e.g. ``["--timeout-s", "2"]``, so that a test
    of client time limits does not leave the server computing).
    """
    tmp = None
    if location is None:
        tmp = tempfile.mkdtemp(prefix="remit-oxigraph-")
        location = tmp
    loc = Path(location)
    loc.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = subprocess.Popen(
        [oxigraph_binary(), "serve", "--location", str(loc), "--bind", f"127.0.0.1:{port}",
         "--union-default-graph", *extra_args],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    server = OxigraphServer(f"http://127.0.0.1:{port}", proc, loc)
    try:
        _wait_ready(server, startup_timeout)
        yield server
    finally:
        proc.kill()
        proc.wait(timeout=10)
        if proc.stderr:
            proc.stderr.close()
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)


def oxigraph_server_fixture(scope: str = "module", name: str = "server") -> Any:
    """A pytest fixture (default: module scope, named ``server``) yielding a running server."""

    @pytest.fixture(scope=scope, name=name)  # type: ignore[call-overload]
    def _fixture(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
        with oxigraph_server(tmp_path_factory.mktemp("oxigraph")) as server:
            yield server

    return _fixture
