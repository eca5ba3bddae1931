"""The officers' figures computed by `remit ingest` and saved beside the store, keyed on its
state and day: the app answers from them, and a saved file never serves another state."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from graph import saved_figures
from graph.settings import Settings
from graph.store import StoreError, open_store
from ingest import load as load_mod
from queryapi import figures
from queryapi.app import create_app
from remit.cli import app as cli
from tests.mapping_fixtures import PACKS, fake_extract

DAY = "2013-01-01"


@pytest.fixture
def ingested(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(load_mod, "_extract", fake_extract)
    monkeypatch.setenv("REMIT_INGEST_WORKERS", "0")
    monkeypatch.setenv("REMIT_REFERENCE_DATE", DAY)
    monkeypatch.delenv("REMIT_ENDPOINT", raising=False)
    folder = tmp_path / "packs"
    folder.mkdir()
    shutil.copy(PACKS / "riverton_a.txt", folder / "riverton_a.txt")
    res = CliRunner().invoke(cli, ["ingest", str(folder), "--store", str(tmp_path / "s")])
    assert res.exit_code == 0, res.stderr
    assert "officers' figures computed and saved" in res.stderr
    return tmp_path / "s"


def _state(root: Path) -> str:
    with open_store(Settings(store=root), read_only=True) as st:
        return st.state()


def test_ingest_saves_the_figures_of_the_new_state(ingested: Path) -> None:
    saved = saved_figures.load(ingested, _state(ingested), DAY)
    assert saved is not None and saved["as_of"] == DAY and saved["recommendations"] >= 1


def test_the_app_answers_from_the_saved_figures(ingested: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    def fail(*_a: object) -> None:
        raise AssertionError("the figures were computed again")

    monkeypatch.setattr(figures, "analytics_body", fail)
    with TestClient(create_app(Settings(store=ingested, workers=1))) as client:
        body = client.get("/api/analytics", params={"as_of": DAY}).json()
    assert body == saved_figures.load(ingested, _state(ingested), DAY)


def test_a_state_or_day_without_saved_figures_is_computed_and_saved(ingested: Path) -> None:
    with TestClient(create_app(Settings(store=ingested, workers=1))) as client:
        body = client.get("/api/analytics", params={"as_of": "2014-06-30"}).json()
    assert body["as_of"] == "2014-06-30"
    assert saved_figures.load(ingested, _state(ingested), "2014-06-30") == body
    assert saved_figures.load(ingested, "another-state", DAY) is None


def test_no_figures_option_and_a_failure_lose_nothing(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_mod, "_extract", fake_extract)
    monkeypatch.setenv("REMIT_INGEST_WORKERS", "0")
    monkeypatch.delenv("REMIT_ENDPOINT", raising=False)
    pack = PACKS / "riverton_a.txt"
    res = CliRunner().invoke(cli, ["ingest", str(pack), "--store", str(tmp_path / "a"),
                                   "--no-figures"])
    assert res.exit_code == 0 and not (tmp_path / "a" / saved_figures.FOLDER).exists()

    def broken(*_a: object) -> None:
        raise StoreError("the engine is busy")

    monkeypatch.setattr(figures, "analytics_body", broken)
    res = CliRunner().invoke(cli, ["ingest", str(pack), "--store", str(tmp_path / "b")])
    assert res.exit_code == 0, res.stderr  # the pack is committed all the same
    assert "were not computed (the engine is busy)" in res.stderr
    with open_store(Settings(store=tmp_path / "b"), read_only=True) as st:
        assert len(st.graph_names()) >= 1


def test_save_is_atomic_and_keeps_a_few_states(tmp_path: Path) -> None:
    for k in range(saved_figures.KEEP + 4):
        path = saved_figures.save(tmp_path, f"state{k}", DAY, {"k": k})
        assert path is not None
        os.utime(path, (k, k))  # modification times in the order written
    files = sorted(p.name for p in (tmp_path / saved_figures.FOLDER).iterdir())
    assert len(files) == saved_figures.KEEP + 1 and not [f for f in files if ".tmp" in f]
    assert saved_figures.load(tmp_path, f"state{saved_figures.KEEP + 3}", DAY) == {
        "k": saved_figures.KEEP + 3}
    assert saved_figures.load(tmp_path, "state0", DAY) is None  # pruned


def test_unreadable_or_remote_figures_are_none(tmp_path: Path) -> None:
    path = saved_figures.path_for(tmp_path, "s", DAY)
    path.parent.mkdir(parents=True)
    path.write_text("{not json", encoding="utf-8")
    assert saved_figures.load(tmp_path, "s", DAY) is None
    assert saved_figures.load(None, "s", DAY) is None
    assert saved_figures.save(None, "s", DAY, {}) is None
    assert json.loads(json.dumps(figures.jsonable({"d": dt.date(2020, 1, 2)}))) == {
        "d": "2020-01-02"}
