"""Bad input through the real `remit ingest` (a subprocess, real extractors): every file in
tests/data/bad/ and a 50 MB file made at test time either is refused with one line naming
the file and the reason (exit 1, no traceback, the store's quads unchanged) or, as
documented for packs that load but lack structure, is ingested with warnings and what could
be extracted (exit 0)."""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from graph.embedded import EmbeddedStore
from tests.mapping_fixtures import PACKS

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
REMIT = str(Path(sys.executable).parent / "remit")
REFUSED = {
    "empty.txt": "empty file",
    "binary.txt": "binary data",
    "latin1.txt": "not valid UTF-8 at byte 31",
    "truncated.pdf": "truncated PDF",
    "no_content.html": "no text content",
    "huge.txt": "over the 50 MB limit",
}
#: Files that load but lack structure: ingested with a warning and a partial extraction.
WARNED = {
    "ragged_table.txt": "recommendations",
    "no_headings.txt": "no document heading recognised",
}


def ingest(store: Path, *paths: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("REMIT_ENDPOINT",)}
    return subprocess.run([REMIT, "ingest", *map(str, paths), "--store", str(store), "--json"],
                          capture_output=True, text=True, timeout=240, env=env, cwd=ROOT)


def fingerprint(store_dir: Path) -> tuple[int, str]:
    """Quad count and a checksum of the sorted N-Quads dump of the whole store."""
    store = EmbeddedStore(store_dir)
    try:
        buf = io.BytesIO()
        store.dump(buf)
        lines = sorted(buf.getvalue().decode("utf-8").splitlines())
        return store.count(), hashlib.sha256("\n".join(lines).encode()).hexdigest()
    finally:
        store.close()


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store holding one good pack, so 'unchanged' is checked against real content."""
    store = tmp_path_factory.mktemp("bad") / "store"
    res = ingest(store, PACKS / "riverton_a.txt")
    assert res.returncode == 0, res.stderr
    return store


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 50 MB text file of plausible lines (really written, not sparse), just over the cap."""
    path = tmp_path_factory.mktemp("huge") / "huge.txt"
    line = b"The board recommended that the council should review its plan by March.\n"
    with path.open("wb") as out:
        block = line * 14_000
        while out.tell() <= 50 * 1024 * 1024:
            out.write(block)
    return path


def test_every_bad_file_is_refused_by_name_and_the_store_is_unchanged(seeded, huge, tmp_path):
    before = fingerprint(seeded)
    assert before[0] > 0
    files = [BAD / n for n in REFUSED if n != "huge.txt"] + [huge]
    res = ingest(seeded, *files)
    assert res.returncode == 1
    assert "Traceback" not in res.stderr + res.stdout
    rejected = [ln for ln in res.stderr.splitlines() if ln.startswith("rejected: ")]
    assert len(rejected) == len(files)
    for path in files:
        line = next(ln for ln in rejected if ln.startswith(f"rejected: {path}: "))
        assert REFUSED[path.name] in line, line
    report = json.loads(res.stdout)
    assert report["rejected"] == len(files)
    assert fingerprint(seeded) == before


def test_structureless_packs_load_with_warnings_and_partial_extraction(seeded, tmp_path):
    store = tmp_path / "store"
    shutil.copytree(seeded, store)
    before = fingerprint(store)
    res = ingest(store, *(BAD / n for n in WARNED))
    assert res.returncode == 0, res.stderr
    assert "Traceback" not in res.stderr
    packs = {p["name"]: p for p in json.loads(res.stdout)["packs"]}
    assert set(packs) == set(WARNED)
    ragged, flat = packs["ragged_table.txt"], packs["no_headings.txt"]
    assert ragged["status"] == "new" and ragged["kinds"]["recommendations"]["new"] >= 1
    assert ragged["warnings"], "ragged rows are reported"
    assert flat["status"] == "new" and flat["triples"] > 0
    assert any(WARNED["no_headings.txt"] in w for w in flat["warnings"])
    after = fingerprint(store)
    assert after[0] > before[0]  # added their own graphs; the good pack's quads are kept
