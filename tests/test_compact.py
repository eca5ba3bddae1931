"""Compaction: a bulk-loaded store's files are merged before readers see them, and
`remit compact` does the same on demand, losing nothing (BENCHMARKS.md, finding 15)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from graph.store import Rows
from tests.test_cli_store import one_line_error, remit

COUNT = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"


def batches(tmp: Path, n: int = 3, rows: int = 300) -> list[Path]:
    """Files that each bulk load turns into files of its own, over the same key ranges."""
    out = []
    for i in range(n):
        f = tmp / f"b{i}.nq"
        f.write_text("".join(f'<https://example.org/s{j}> <https://example.org/p> "v{i}" '
                             f'<https://example.org/g{i}> .\n' for j in range(rows)),
                     encoding="utf-8")
        out.append(f)
    return out


def published_files(root: Path) -> int:
    current = (root / "CURRENT").read_text().strip()
    return len(list((root / "snapshots" / current).glob("*.sst")))


def loaded(root: Path, files: list[Path], *, compact: bool) -> EmbeddedStore:
    st = EmbeddedStore(root)
    for f in files:
        st.bulk_load(f, compact=compact)
    return st


def answer(st: EmbeddedStore, sparql: str) -> list[dict[str, str]]:
    res = st.query(sparql)
    assert isinstance(res, Rows)
    return [{k: str(v) for k, v in row.items()} for row in res]


def test_bulk_load_publishes_merged_files(tmp_path: Path) -> None:
    files = batches(tmp_path)
    plain = loaded(tmp_path / "plain", files, compact=False)
    merged = loaded(tmp_path / "merged", files, compact=True)
    try:
        assert published_files(merged.root) < published_files(plain.root)
        assert answer(merged, COUNT) == answer(plain, COUNT) == [{"n": "900"}]
        assert merged.count() == plain.count() == 900
    finally:
        plain.close()
        merged.close()


def test_compact_merges_publishes_and_keeps_every_quad(tmp_path: Path) -> None:
    st = loaded(tmp_path / "st", batches(tmp_path), compact=False)
    try:
        before_files, before_state = published_files(st.root), st.state()
        before = sorted(map(str, st._store.quads_for_pattern(None, None, None, None)))
        name = st.compact()
        assert name == st.state() != before_state  # readers are pointed at the new files
        assert published_files(st.root) < before_files
        assert sorted(map(str, st._store.quads_for_pattern(None, None, None, None))) == before
    finally:
        st.close()
    reader = EmbeddedStore(tmp_path / "st", read_only=True)
    try:
        assert answer(reader, COUNT) == [{"n": "900"}]
    finally:
        reader.close()


def test_compact_refuses_a_read_only_store(tmp_path: Path) -> None:
    from graph.store import ReadOnlyError

    loaded(tmp_path / "st", batches(tmp_path, 1), compact=False).close()
    reader = EmbeddedStore(tmp_path / "st", read_only=True)
    try:
        with pytest.raises(ReadOnlyError):
            reader.compact()
    finally:
        reader.close()


def test_cli_compact(tmp_path: Path) -> None:
    loaded(tmp_path / "st", batches(tmp_path), compact=False).close()
    res = remit("compact", "--store", "st", "--json", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    out = json.loads(res.stdout)
    assert out["snapshot"] == (tmp_path / "st" / "CURRENT").read_text().strip()
    assert out["seconds"] >= 0
    res = remit("query", COUNT, "--store", "st", "--json", cwd=tmp_path)
    assert json.loads(res.stdout)["results"]["bindings"][0]["n"]["value"] == "900"


def test_cli_compact_errors_name_the_reason(tmp_path: Path) -> None:
    one_line_error(remit("compact", "--store", "nothing", cwd=tmp_path), "no Remit store")
    one_line_error(remit("compact", "--endpoint", "http://127.0.0.1:9/sparql",
                         cwd=tmp_path), "embedded store")
    writer = loaded(tmp_path / "st", batches(tmp_path, 1), compact=False)
    try:
        one_line_error(remit("compact", "--store", "st", cwd=tmp_path), "open for writing")
    finally:
        writer.close()
