"""Ingest into a large store: what one more pack costs when the store already holds N triples.

Not part of `bench/run.py`'s default parts (the first write recomputes every inference of
the bulk-loaded store, minutes at 1M triples). Run it on its own::

    python -m bench.ingest_scale --triples 1000000 --packs 3

It bulk-loads the synthetic N-Quads of that size (``bench.store_bench.dataset``), loads the
ontology with a full inference recompute (timed: what an ontology upgrade costs), then
ingests ``--packs`` new packs (the sample pack, each made a distinct file) and times each:
extraction, cross-pack resolution, the one-transaction write with inference and the default
graph's copy, and the search index, end to end.
"""

from __future__ import annotations

import argparse
import json
import shutil
import time
from pathlib import Path
from typing import Any

from bench.common import OUT

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "samples" / "000_b215ee6b43c775ac.txt"


def measure(triples: int, packs: int, root: Path = OUT / "ingest-scale",
            data_dir: Path | None = None) -> dict[str, Any]:
    from bench.store_bench import DATA, dataset
    from graph.embedded import EmbeddedStore
    from graph.settings import Settings
    from ingest.load import ingest_paths, prepare

    nq, quads = dataset(triples, data_dir=data_dir or DATA)
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    store_dir = root / "store"
    out: dict[str, Any] = {"triples": quads}
    store = EmbeddedStore(store_dir)
    try:
        t0 = time.perf_counter()
        store.bulk_load(nq)
        out["bulk_load_s"] = round(time.perf_counter() - t0, 2)
        t0 = time.perf_counter()
        prepare(store)
        out["ontology_and_full_inference_s"] = round(time.perf_counter() - t0, 2)
        settings = Settings(store=store_dir)
        text = SAMPLE.read_text(encoding="utf-8")
        times = []
        for i in range(packs):
            path = root / f"pack-{i}.txt"
            path.write_text(f"{text}\nCopy {i} of the sample pack for this benchmark.\n",
                            encoding="utf-8")
            t0 = time.perf_counter()
            report = ingest_paths([path], store, settings)
            times.append(round(time.perf_counter() - t0, 2))
            assert report.packs[0].status == "new", report.packs[0]
        out["new_pack_s"] = times
    finally:
        store.close()
    return out


def main(argv: list[str] | None = None) -> dict[str, Any]:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--packs", type=int, default=3)
    args = ap.parse_args(argv)
    res = measure(args.triples, args.packs)
    print(json.dumps(res, indent=2))
    return res


if __name__ == "__main__":
    main()
