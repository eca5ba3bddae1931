"""schemathesis against the officers' routes in the OpenAPI document (network exports,
register downloads, /api/analytics): no 5xx, schema-valid requests accepted, invalid ones
refused, responses as documented."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from graph.embedded import EmbeddedStore
from graph.settings import Settings
from queryapi.app import create_app
from tests.conftest import DATA

schemathesis = pytest.importorskip("schemathesis")


def _app(tmp: Path):  # type: ignore[no-untyped-def]
    store = EmbeddedStore(tmp / "store")
    store.load_file(DATA / "network" / "accountability.trig")
    return create_app(Settings(store=tmp / "unused", reference_date=None), store=store,
                      search_path=tmp / "search.sqlite")


# built at import: schemathesis parametrises from the schema when the module is collected
_TMP = Path(tempfile.mkdtemp(prefix="officers-schema-"))
schema = schemathesis.openapi.from_asgi("/openapi.json", _app(_TMP)).include(
    path_regex="^/(network\\.|register\\.|api/analytics)")


@schema.parametrize()
@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
def test_officers_routes_match_their_schema(case) -> None:  # type: ignore[no-untyped-def]
    case.call_and_validate()
