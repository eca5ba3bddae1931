"""Packs prepared ahead by helper processes: the same packs, reports and triples as one
process preparing them, in order, and a dying helper loses nothing."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from bench.synth import generate_pack
from graph.embedded import EmbeddedStore
from graph.settings import Settings
from ingest.load import ingest_paths
from ingest.mapping_queries import content_triples
from ingest.prepared import prepared_in_order
from tests.helpers.prepare_fakes import dies_in_a_helper, echo


def files(tmp: Path, names: list[str]) -> list[Path]:
    out = []
    for n in names:
        p = tmp / n
        p.write_text(n)
        out.append(p)
    return out


def test_results_come_in_order_from_helpers(tmp_path: Path) -> None:
    paths = files(tmp_path, [f"p{i}.txt" for i in range(7)])
    got = list(prepared_in_order(paths, "https://remit.example/", 2, echo))
    assert [name for name, _ in got] == [p.name for p in paths]
    pids = [pid for _, pid in got]
    assert pids[0] == os.getpid()  # the first while the helpers start
    assert all(pid != os.getpid() for pid in pids[1:])


def test_no_helpers_or_one_file_stays_in_this_process(tmp_path: Path) -> None:
    paths = files(tmp_path, ["a.txt", "b.txt"])
    assert {pid for _, pid in prepared_in_order(paths, "b", 0, echo)} == {os.getpid()}
    assert [pid for _, pid in prepared_in_order(paths[:1], "b", 2, echo)] == [os.getpid()]


def test_a_function_a_helper_cannot_import_runs_here(tmp_path: Path) -> None:
    paths = files(tmp_path, ["a.txt", "b.txt", "c.txt"])
    got = list(prepared_in_order(paths, "b", 2, lambda p, b: (p.name, os.getpid())))
    assert got == [(p.name, os.getpid()) for p in paths]


def test_a_helper_that_cannot_start_hands_everything_to_this_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from ingest import prepared

    monkeypatch.setattr(sys, "executable", str(tmp_path / "no-such-python"))
    paths = files(tmp_path, ["a.txt", "b.txt", "c.txt"])
    assert list(prepared.prepared_in_order(paths, "b", 2, echo)) == [
        (p.name, os.getpid()) for p in paths]


def test_a_dying_helper_hands_the_rest_to_this_process(tmp_path: Path) -> None:
    paths = files(tmp_path, ["a.txt", "b.txt", "die.txt", "c.txt", "d.txt"])
    got = list(prepared_in_order(paths, "b", 1, dies_in_a_helper))
    assert [name for name, _ in got] == [p.name for p in paths]
    assert [pid == os.getpid() for _, pid in got][2:] == [True, True, True]


@pytest.fixture(scope="module")
def packs(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    d = tmp_path_factory.mktemp("packs")
    out = []
    for i in range(4):
        text, _gold = generate_pack(21, i % 2, i)  # two councils, people shared
        p = d / f"pack_{i}.txt"
        p.write_text(text, encoding="utf-8")
        out.append(p)
    empty = d / "pack_2_empty.txt"
    empty.write_text("   \n")
    return sorted([*out, empty])


def ingest(packs: list[Path], root: Path, helpers: int) -> tuple[list, dict]:
    cfg = Settings(store=root / "store", ingest_workers=helpers)
    with EmbeddedStore(cfg.store) as store:
        report = ingest_paths(packs, store, cfg)
        graphs = {p.iri: content_triples(store.graph(p.iri))  # ingest times aside
                  for p in report.packs if p.iri}
    summary = [(p.name, p.status, p.iri, p.triples, p.kinds, p.warnings, p.merges,
                p.relinked, p.error) for p in report.packs]
    return summary, graphs


def test_helpers_write_what_one_process_writes(packs: list[Path], tmp_path: Path) -> None:
    alone = ingest(packs, tmp_path / "alone", 0)
    helped = ingest(packs, tmp_path / "helped", 1)
    assert helped == alone
    statuses = [s[1] for s in alone[0]]
    assert statuses.count("new") == 4 and statuses.count("rejected") == 1
    assert "empty" in next(s[8] for s in alone[0] if s[1] == "rejected")


def test_relative_paths_mean_the_same_files_in_the_helpers(
        packs: list[Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Paths are sent as given and helpers share this process's working directory, so
    relative paths, and the report that names them, are the same with helpers."""
    monkeypatch.chdir(packs[0].parent)
    relative = [Path(p.name) for p in packs]
    alone = ingest(relative, tmp_path / "alone", 0)
    helped = ingest(relative, tmp_path / "helped", 1)
    assert helped == alone
    assert [s[1] for s in helped[0]].count("new") == 4
