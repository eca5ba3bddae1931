"""The query API over a small hand-written graph (tests/data/api/fixture.trig), for tests.

``api_store`` loads the fixture into a temporary embedded store; ``make_client`` builds a
TestClient of the app over it with any settings (token, caps, time limit).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from graph.embedded import EmbeddedStore
from graph.settings import Settings
from queryapi.app import create_app

FIXTURE = Path(__file__).resolve().parents[1] / "data" / "api" / "fixture.trig"
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
