"""Ingest throughput: packs/s and MB/s on one core and on both, and the sample pack warm.

"Seed-size" packs are as large as the sample pack (about 260 KB of text): each joins the
synthetic packs of one council (``bench.synth``) until it reaches that size, the way a
real pack bundles several documents. Extraction (``ingest.pipeline.extract_pack``) and
mapping (``ingest.mapping.to_graph``) run in a process pool for the two-core figure; the
committed-store figures (``ingest.load.ingest_paths``) have one writer, as the store
allows, alone (one core) and with a helper process preparing the next packs
(``REMIT_INGEST_WORKERS=1``, ``ingest/prepared.py``).
"""

from __future__ import annotations

import multiprocessing as mp
import shutil
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bench.common import ROOT
from bench.synth import generate_pack

SAMPLE = ROOT / "data" / "samples" / "000_b215ee6b43c775ac.txt"
SEED_SIZE = SAMPLE.stat().st_size if SAMPLE.exists() else 260_000


def seed_size_packs(out: Path, n: int, seed: int = 7, size: int = SEED_SIZE) -> list[Path]:
    """Write ``n`` packs of about ``size`` bytes each; returns their paths."""
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        parts: list[str] = []
        total, meeting = 0, 0
        while total < size:
            text, _gold = generate_pack(seed, i, meeting)
            parts.append(text)
            total += len(text.encode("utf-8"))
            meeting += 1
        p = out / f"seedsize_{seed}_{i:03d}.txt"
        p.write_text("\n\n".join(parts), encoding="utf-8")
        paths.append(p)
    return paths


def _extract_map_timed(path: str) -> tuple[int, float, float]:
    """(triples, extraction CPU seconds, mapping CPU seconds) of one pack: CPU time, so a
    busy shared machine does not blur which half costs what."""
    from graph.settings import Settings
    from ingest.mapping import to_graph
    from ingest.pipeline import extract_pack, load_pack

    t0 = time.process_time()
    pack = load_pack(Path(path))
    extraction = extract_pack(pack)
    t1 = time.process_time()
    _iri, g = to_graph(extraction, pack, Settings().base_iri)
    return len(g), t1 - t0, time.process_time() - t1


def _extract_map(path: str) -> int:
    return _extract_map_timed(path)[0]


def extract_throughput(paths: list[Path], processes: int) -> dict[str, Any]:
    """Packs/s and MB/s of extract + map over ``paths`` with ``processes`` workers, and the
    CPU seconds per pack of each half (``extract_cpu_s``: file to resolved records;
    ``map_cpu_s``: records to the pack's RDF graph)."""
    mb = sum(p.stat().st_size for p in paths) / 1e6
    _extract_map(str(paths[0]))  # warm imports and reference data
    t0 = time.perf_counter()
    if processes == 1:
        runs = [_extract_map_timed(str(p)) for p in paths]
    else:
        with mp.get_context("fork").Pool(processes) as pool:
            runs = pool.map(_extract_map_timed, [str(p) for p in paths], chunksize=1)
    dt = time.perf_counter() - t0
    n = len(paths)
    return {"processes": processes, "packs": n, "mb": round(mb, 2),
            "seconds": round(dt, 2), "packs_per_s": round(n / dt, 2),
            "mb_per_s": round(mb / dt, 3), "triples": sum(r[0] for r in runs),
            "extract_cpu_s": round(sum(r[1] for r in runs) / n, 3),
            "map_cpu_s": round(sum(r[2] for r in runs) / n, 3)}


def committed_throughput(paths: list[Path], helpers: int = 0) -> dict[str, Any]:
    """Packs/s from reading each file to its committed store state (SHACL excluded), with
    ``helpers`` processes preparing packs ahead of the writer."""
    from graph.embedded import EmbeddedStore
    from graph.settings import Settings
    from ingest.load import ingest_paths

    mb = sum(p.stat().st_size for p in paths) / 1e6
    with tempfile.TemporaryDirectory(prefix="remit-bench-") as tmp:
        settings = Settings(store=Path(tmp) / "store", ingest_workers=helpers)
        store = EmbeddedStore(settings.store)
        try:
            t0 = time.perf_counter()
            report = ingest_paths(paths, store, settings)
            dt = time.perf_counter() - t0
        finally:
            store.close()
    rejected = len(report.rejected)
    return {"packs": len(paths), "rejected": rejected, "seconds": round(dt, 2),
            "packs_per_s": round(len(paths) / dt, 2), "mb_per_s": round(mb / dt, 3)}


def sample_warm(runs: int = 3, sample: Path = SAMPLE) -> dict[str, Any]:
    """The sample pack read → committed, ``runs`` times in this process, each into a fresh
    store that already holds the ontology and reference graphs and the search index of the
    reference data (``prepare``: done once per store, not per pack); the first run is cold
    (imports, reference data), the rest warm. ``extract_cpu_s`` and ``map_cpu_s`` are one
    more warm extraction and mapping alone; the rest of ``warm_s`` is the store write, the
    inferred graph and the search index. ``warm_cpu_s`` is the same runs' CPU time (all of
    this process's threads): on a shared machine it moves far less than the wall clock, so
    compare changes by it too."""
    from graph.embedded import EmbeddedStore
    from graph.settings import Settings
    from ingest.load import ingest_paths, prepare

    times, cpus = [], []
    for _ in range(runs):
        tmp = Path(tempfile.mkdtemp(prefix="remit-bench-"))
        settings = Settings(store=tmp / "store")
        store = EmbeddedStore(settings.store)
        try:
            prepare(store, settings)
            t0, c0 = time.perf_counter(), time.process_time()
            report = ingest_paths([sample], store, settings)
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
            triples = store.count()
        finally:
            store.close()
            shutil.rmtree(tmp, ignore_errors=True)
        if report.rejected:
            raise RuntimeError(f"the sample pack was rejected: {report.rejected[0].error}")
    warm = times[1:] or times
    warm_cpu = cpus[1:] or cpus
    _n, extract_cpu, map_cpu = _extract_map_timed(str(sample))  # warm: what the rest costs
    return {"cold_s": round(times[0], 3), "warm_s": round(statistics.median(warm), 3),
            "warm_cpu_s": round(statistics.median(warm_cpu), 3),
            "runs": runs, "store_quads": triples, "kb": round(sample.stat().st_size / 1e3),
            "extract_cpu_s": round(extract_cpu, 3), "map_cpu_s": round(map_cpu, 3)}
