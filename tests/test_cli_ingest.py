"""`remit ingest`, `remit sources`, `remit remove`: output streams and exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from ingest import load as load_mod
from remit.cli import app
from tests.mapping_fixtures import PACKS, fake_extract


@pytest.fixture(autouse=True)
def _no_extractors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(load_mod, "_extract", fake_extract)
    monkeypatch.setenv("REMIT_INGEST_WORKERS", "0")  # the fake is in this process only
    monkeypatch.delenv("REMIT_ENDPOINT", raising=False)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    d = tmp_path / "packs"
    d.mkdir()
    for n in ("riverton_a.txt", "riverton_b.txt"):
        shutil.copy(PACKS / n, d / n)
    (d / "SOURCE.md").write_text("not a pack")
    return d


def run(*args: str) -> object:
    return CliRunner().invoke(app, list(args))


def test_ingest_folder_prints_counts_table(folder: Path, tmp_path: Path) -> None:
    res = run("ingest", str(folder), "--store", str(tmp_path / "s"))
    assert res.exit_code == 0, res.stderr
    assert "riverton_a.txt" in res.stdout and "new" in res.stdout
    assert "recommendations" in res.stdout and "SOURCE.md" not in res.stdout
    assert "[1/2] riverton_a.txt" in res.stderr  # plain progress when not on a terminal


def test_ingest_json_is_only_json_and_second_run_is_unchanged(folder: Path,
                                                              tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    first = json.loads(run("ingest", str(folder), "--store", store, "--json").stdout)
    second = json.loads(run("ingest", str(folder), "--store", store, "--json").stdout)
    assert [p["status"] for p in first["packs"]] == ["new", "new"]
    assert [p["status"] for p in second["packs"]] == ["unchanged", "unchanged"]
    assert first["totals"]["actions"]["new"] == 2
    assert second["totals"]["actions"]["unchanged"] == 4  # two per pack, the same nodes


def test_rejected_file_exits_1_names_it_and_ingests_the_rest(folder: Path,
                                                             tmp_path: Path) -> None:
    shutil.copy(PACKS / "bad_empty.txt", folder / "bad_empty.txt")
    store = str(tmp_path / "s")
    res = run("ingest", str(folder), "--store", store, "--json")
    assert res.exit_code == 1
    assert "bad_empty.txt" in res.stderr
    report = json.loads(res.stdout)
    assert report["rejected"] == 1
    listed = json.loads(run("sources", "--store", store, "--json").stdout)
    assert sorted(s["name"] for s in listed) == ["riverton_a.txt", "riverton_b.txt"]


def test_remove_withdraws_a_source_and_unknown_exits_2(folder: Path, tmp_path: Path) -> None:
    store = str(tmp_path / "s")
    assert run("ingest", str(folder), "--store", store).exit_code == 0
    res = run("remove", "riverton_a.txt", "--store", store)
    assert res.exit_code == 0 and "removed riverton_a.txt" in res.stderr
    listed = json.loads(run("sources", "--store", store, "--json").stdout)
    assert [s["name"] for s in listed] == ["riverton_b.txt"]
    res = run("remove", "riverton_a.txt", "--store", store)
    assert res.exit_code == 2 and "no ingested source" in res.stderr


def test_store_error_exits_2(tmp_path: Path, folder: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    res = run("ingest", str(folder), "--store", str(blocker / "s"))
    assert res.exit_code == 2 and "error:" in res.stderr


def test_no_existing_path_is_a_usage_error(tmp_path: Path) -> None:
    res = run("ingest", str(tmp_path / "nowhere"), "--store", str(tmp_path / "s"))
    assert res.exit_code == 2 and "nowhere" in res.stderr
    assert not (tmp_path / "s").exists()


def test_rejection_is_one_line_naming_the_whole_path(tmp_path: Path, folder: Path) -> None:
    long_name = "a-very-long-pack-name-" + "x" * 90 + ".txt"
    (folder / long_name).write_bytes(b"")
    res = run("ingest", str(folder), "--store", str(tmp_path / "s"))
    assert res.exit_code == 1
    lines = [ln for ln in res.stderr.splitlines() if ln.startswith("rejected:")]
    assert len(lines) == 1 and str(folder / long_name) in lines[0]
