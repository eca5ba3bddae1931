"""Remit's benchmark: one run measures ingest, load, queries, endpoint, network (issue 7).

    python bench/run.py            # the default run: 1M triples (+10M for queries with --large)
    python bench/run.py --quick    # under a minute, small sizes, slow peers skipped
    python bench/run.py --only store,endpoint --sizes 1000000,10000000

Prints a table and writes bench/out/results.json and .md (bench/out is git-ignored). Times are
wall-clock on a shared machine: compare the ratios measured in the same run.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import argparse
import datetime as dt
import json
import os
import platform
import time
from typing import Any

from bench.common import OUT, BenchError
from bench.report import markdown, print_table

PARTS = ("ingest", "store", "endpoint", "network", "virtuoso")


def machine() -> dict[str, Any]:
    cpuinfo = Path("/proc/cpuinfo").read_text().splitlines()
    meminfo = Path("/proc/meminfo").read_text().splitlines()
    cpu = next((ln.split(":", 1)[1].strip() for ln in cpuinfo
                if ln.startswith("model name")), platform.processor())
    mem = next((int(ln.split()[1]) // 1024 for ln in meminfo if ln.startswith("MemTotal")), 0)
    return {"nproc": os.cpu_count(), "memory_mb": mem, "cpu": cpu,
            "loadavg_start": os.getloadavg(), "python": platform.python_version(),
            "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {}
    for pkg in ("pyoxigraph", "oxigraph", "rdflib", "rdflib-endpoint", "fastapi", "uvicorn"):
        try:
            out[pkg] = version(pkg)
        except PackageNotFoundError:
            out[pkg] = "absent"
    from bench.virtuoso import virtuoso_version

    out["virtuoso"] = virtuoso_version() or "absent"
    return out


def run_ingest(args: argparse.Namespace, res: dict[str, Any]) -> None:
    from bench import ingest_bench as ib

    packs = ib.seed_size_packs(OUT / "packs", args.packs, size=args.pack_bytes)
    res["ingest"] = {"pack_bytes": args.pack_bytes,
                     "extract_1core": ib.extract_throughput(packs, 1),
                     "extract_2cores": ib.extract_throughput(packs, 2),
                     "committed_1core": ib.committed_throughput(packs),
                     "committed_2cores": ib.committed_throughput(packs, helpers=1),
                     "sample": ib.sample_warm(3 if not args.quick else 2)}


def run_store(args: argparse.Namespace, res: dict[str, Any]) -> None:
    from bench import store_bench as sb

    res["store"] = {}
    for size in args.sizes:
        nq, quads = sb.dataset(size)
        d = OUT / f"store-{size}"
        entry: dict[str, Any] = {"file_quads": quads, "bulk": sb.load(nq, d, "bulk")}
        if size <= args.txn_max:
            entry["transactional"] = sb.load(nq, OUT / f"store-{size}-txn", "txn")
        entry["competency"] = sb.competency_guarded(d, args.repeats, args.budget, args.limit)
        reader = sb.open_reader(d)
        try:
            entry["lookups_joins"] = sb.lookups_and_joins(reader, args.repeats * 5)
            entry["analytics"] = sb.analytics(reader, args.repeats, args.budget)
        finally:
            reader.close()
        res["store"][str(size)] = entry


def run_endpoint(args: argparse.Namespace, res: dict[str, Any]) -> None:
    from bench import endpoint_bench as eb
    from bench import peers

    size = args.sizes[0]
    nq, _ = __import__("bench.store_bench", fromlist=["dataset"]).dataset(size)
    d = OUT / f"store-{size}"
    work = eb.workload(d)
    # The store was bulk-loaded, not ingested, so it has no search index yet; an app's
    # first start would build it in the background (a minute at 1M triples): build it
    # first, so the servers are measured serving, not starting.
    eb.prepare_search_index(d)
    servers: dict[str, Any] = {
        "remit_w2": lambda: peers.start_remit(d, workers=2),
        "remit_w1": lambda: peers.start_remit(d, workers=1),
        "uvicorn_workers2": lambda: peers.start_uvicorn_workers(d, 2),
        "oxigraph": lambda: peers.start_oxigraph(d),
    }
    if not args.quick or size <= 50_000:
        servers["rdflib_endpoint"] = lambda: peers.start_rdflib_endpoint(nq)
    r = eb.compare(servers, work, (1, 8), args.seconds)
    r["triples"] = size
    r["ratios_vs_oxigraph"] = eb.ratios(r, "remit_w2", "oxigraph")
    r["ratios_vs_rdflib_endpoint"] = eb.ratios(r, "remit_w2", "rdflib_endpoint")
    res["endpoint"] = r
    res["search"] = run_search(d, args.seconds)


def run_search(store_dir: Path, seconds: float) -> dict[str, Any]:
    """/search at this size: in process, then through `remit serve` at 1 and 8 clients."""
    from bench import peers
    from bench import search_bench as srch
    from bench.common import stop

    index = store_dir / "search.sqlite"
    searches = srch.terms(index)
    out: dict[str, Any] = {"in_process": srch.in_process(index, searches)}
    proc, url = peers.start_remit(store_dir, workers=2)
    try:
        base = url.removesuffix("/sparql")
        srch.through_app(base, searches, 1, 2)  # warm-up
        for clients in (1, 8):
            out[f"http x{clients}"] = srch.through_app(base, searches, clients, seconds)
    finally:
        stop(proc)
    return out


def run_network(args: argparse.Namespace, res: dict[str, Any]) -> None:
    from bench import network_bench as nb
    from bench import store_bench as sb

    size = args.sizes[0]
    reader = sb.open_reader(OUT / f"store-{size}")
    try:
        g, proj = nb.projection(reader)
    finally:
        reader.close()
    sub = nb.subgraph(g, args.nodes)
    page = nb.page(sub, OUT / "network.html")
    res["network"] = {"triples": size, "projection": proj, "page": page,
                      "render": nb.first_render(OUT / "network.html")}


def run_virtuoso(args: argparse.Namespace, res: dict[str, Any]) -> None:
    from bench import virtuoso as vb

    res["virtuoso"] = vb.bench(args.virtuoso_triples, args.repeats, args.budget,
                               api_seconds=args.seconds)


def parse(argv: list[str] | None) -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="small sizes, under a minute")
    ap.add_argument("--only", default=",".join(PARTS), help="comma-separated parts to run")
    ap.add_argument("--sizes", default=None, help="store sizes in triples (comma-separated)")
    ap.add_argument("--large", action="store_true", help="add 10M triples to the store part")
    ap.add_argument("--virtuoso-triples", type=int, default=None,
                    help="triples loaded into Virtuoso [1e6; 1e7 with --large]")
    ap.add_argument("--packs", type=int, default=None)
    ap.add_argument("--pack-bytes", type=int, default=None)
    ap.add_argument("--seconds", type=float, default=None, help="per endpoint measurement")
    ap.add_argument("--limit", type=float, default=None,
                    help="seconds after which a competency question is stopped [10; 30]")
    ap.add_argument("--no-txn", action="store_true", help="skip the transactional load")
    ap.add_argument("--out", type=Path, default=OUT / "results.json")
    args = ap.parse_args(argv)
    q = args.quick
    args.sizes = [int(float(x)) for x in args.sizes.split(",")] if args.sizes else (
        [20_000] if q else [1_000_000] + ([10_000_000] if args.large else []))
    args.virtuoso_triples = args.virtuoso_triples or (
        20_000 if q else 10_000_000 if args.large else 1_000_000)
    args.packs = args.packs or (2 if q else 6)
    args.pack_bytes = args.pack_bytes or (8_000 if q else 260_000)
    args.seconds = args.seconds or (0.3 if q else 4.0)
    args.repeats, args.budget = (3, 1.0) if q else (20, 5.0)
    args.limit = args.limit or (10.0 if q else 30.0)
    args.txn_max = 0 if args.no_txn else 1_000_000
    args.nodes = 500 if q else 5000
    args.parts = [p.strip() for p in args.only.split(",") if p.strip()]
    return args


def main(argv: list[str] | None = None) -> dict[str, Any]:
    args = parse(argv)
    res: dict[str, Any] = {"machine": machine(), "versions": versions(),
                           "mode": "quick" if args.quick else "full", "errors": {}}
    t0 = time.perf_counter()
    runners = {"ingest": run_ingest, "store": run_store, "endpoint": run_endpoint,
               "network": run_network, "virtuoso": run_virtuoso}
    for part in args.parts:
        t = time.perf_counter()
        try:
            runners[part](args, res)
        except BenchError as exc:
            res["errors"][part] = str(exc)
        print(f"[{part}: {time.perf_counter() - t:.1f} s]", file=sys.stderr, flush=True)
    res["machine"]["loadavg_end"] = os.getloadavg()
    res["seconds"] = round(time.perf_counter() - t0, 1)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(res, indent=1, default=str), encoding="utf-8")
    args.out.with_suffix(".md").write_text(markdown(res), encoding="utf-8")
    print_table(res)
    return res


if __name__ == "__main__":
    main()
