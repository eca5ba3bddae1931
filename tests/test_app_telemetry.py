"""FastAPI's OpenTelemetry hooks are off unless the deployment configures OpenTelemetry."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest
from fastapi import FastAPI

from graph.embedded import EmbeddedStore
from graph.settings import Settings
from queryapi.app import create_app, telemetry_options

needs_telemetry = pytest.mark.skipif(
    "telemetry" not in inspect.signature(FastAPI.__init__).parameters,
    reason="this FastAPI has no native telemetry")


def test_options_follow_the_environment() -> None:
    assert telemetry_options({"OTEL_SERVICE_NAME": "remit"}) == {}
    assert telemetry_options({"FASTAPI_OTEL_AUTO_CONFIGURE": "true"}) == {}
    off = telemetry_options({"PATH": "/usr/bin"})
    if "telemetry" in inspect.signature(FastAPI.__init__).parameters:
        assert off == {"telemetry": {"tracing": False, "metrics": False, "logs": False}}
    else:
        assert off == {}


@needs_telemetry
def test_app_skips_telemetry_without_opentelemetry(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for k in [k for k in os.environ if k.startswith("OTEL_")]:
        monkeypatch.delenv(k)
    monkeypatch.delenv("FASTAPI_OTEL_AUTO_CONFIGURE", raising=False)
    app = create_app(Settings(store=tmp_path / "unused"), store=EmbeddedStore(tmp_path / "s"),
                     search_path=tmp_path / "search.sqlite")
    assert not app._native_telemetry.enabled()
    monkeypatch.setenv("OTEL_SERVICE_NAME", "remit")
    app = create_app(Settings(store=tmp_path / "unused"), store=EmbeddedStore(tmp_path / "t"),
                     search_path=tmp_path / "search2.sqlite")
    assert app._telemetry["tracing"] and app._telemetry["metrics"]
