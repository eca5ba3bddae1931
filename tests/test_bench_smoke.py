"""The benchmark harness's pieces on tiny sizes: each produces its figures (never timing
thresholds: timings are recorded in BENCHMARKS.md, not asserted)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import endpoint_bench, ingest_bench, loadgen, network_bench, peers, report, store_bench
from bench import run as bench_run
from bench.common import percentile, stop
from graph.competency import load_questions

pytestmark = pytest.mark.timeout(120)


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    tmp = tmp_path_factory.mktemp("bench")
    nq, quads = store_bench.dataset(4000, data_dir=tmp / "data")
    assert quads >= 4000 and nq.exists()
    figures = store_bench.load(nq, tmp / "store")
    assert figures["quads"] >= quads and figures["triples_per_s"] > 0
    assert figures["disk_mb"] > 0 and figures["peak_rss_mb"] > 0
    assert 0 <= figures["compact_s"] < figures["seconds"]  # the load counts its compaction
    yield tmp / "store"


def test_percentile_by_nearest_rank() -> None:
    values = [float(x) for x in range(1, 101)]
    assert percentile(values, 50) == 50 and percentile(values, 95) == 95
    assert percentile([3.0], 95) == 3.0


def test_every_competency_question_is_timed(store_dir: Path) -> None:
    out = store_bench.competency_guarded(store_dir, repeats=2, budget_s=0.5, limit_s=20)
    assert set(out) == {q.id for q in load_questions()}
    for qid, figures in out.items():
        assert "p50_ms" in figures or "timeout_s" in figures, qid
    assert out["09-key-decisions-by-maker"]["rows"] > 0


def test_lookups_joins_and_analytics_are_timed(store_dir: Path) -> None:
    reader = store_bench.open_reader(store_dir)
    try:
        lj = store_bench.lookups_and_joins(reader, 5)
        an = store_bench.analytics(reader, 2, 0.5)
    finally:
        reader.close()
    assert lj["lookup"]["n"] == 5 and lj["join"]["n"] >= 1
    assert set(an) == {"open_load", "overdue", "cross_agency", "all_first_request",
                       "all_later_requests"}
    assert all(an[k]["p50_ms"] > 0 for k in ("open_load", "overdue", "cross_agency"))
    # later requests are answered from the cache kept for the store's state
    assert an["all_later_requests"]["p50_ms"] < an["all_first_request"]["p50_ms"]


def test_ingest_throughput_figures(tmp_path: Path) -> None:
    packs = ingest_bench.seed_size_packs(tmp_path, 1, size=5000)
    assert packs[0].stat().st_size >= 5000
    figures = ingest_bench.extract_throughput(packs, 1)
    assert figures["packs"] == 1 and figures["triples"] > 100 and figures["mb_per_s"] > 0


def test_endpoint_load_against_bare_oxigraph(store_dir: Path) -> None:
    proc, url = peers.start_oxigraph(store_dir)
    try:
        work = endpoint_bench.workload(store_dir, 3)
        out = loadgen.run(url, work["lookup"], clients=2, seconds=0.3)
    finally:
        stop(proc)
    assert out["requests"] > 0 and out["errors"] == 0 and out["req_per_s"] > 0
    assert set(work) == {"lookup", "join_inspection", "person_actions", "board_reports"}


def test_loadgen_refuses_non_loopback() -> None:
    with pytest.raises(Exception, match="loopback"):
        loadgen.run("http://example.org/sparql", ["ASK {}"], 1, 0.1)


def test_ratios_compare_the_same_kind_and_clients() -> None:
    a = {"lookup": {"1": {"p50_ms": 2.0, "req_per_s": 500.0}}}
    b = {"lookup": {"1": {"p50_ms": 1.0, "req_per_s": 1000.0}}}
    r = endpoint_bench.ratios({"ours": a, "peer": b}, "ours", "peer")
    assert r == {"lookup@1": {"p50_ratio": 2.0, "throughput_ratio": 0.5}}


def test_network_projection_and_page(store_dir: Path, tmp_path: Path) -> None:
    reader = store_bench.open_reader(store_dir)
    try:
        g, proj = network_bench.projection(reader)
    finally:
        reader.close()
    assert proj["nodes"] > 50 and proj["edges"] > 50
    sub = network_bench.subgraph(g, 40)
    assert sub.number_of_nodes() == 40
    page = network_bench.page(sub, tmp_path / "net.html")
    assert page["bytes"] > 1000 and (tmp_path / "net.html").exists()


def test_quick_mode_is_small_and_the_table_prints_every_part(
        capsys: pytest.CaptureFixture[str]) -> None:
    args = bench_run.parse(["--quick"])
    assert args.sizes == [20_000] and args.virtuoso_triples <= 100_000
    res = {"mode": "quick", "machine": {}, "errors": {"virtuoso": "absent"},
           "store": {"10": {"bulk": {"triples_per_s": 5, "disk_mb": 1, "peak_rss_mb": 2},
                            "competency": {"01-x": {"p50_ms": 1.0, "p95_ms": 2.0, "rows": 3},
                                           "02-y": {"timeout_s": 10}}}}}
    report.print_table(res)
    text = capsys.readouterr().out
    assert "load bulk 10" in text and "01-x" in text and "stopped after 10 s" in text
    assert "error in virtuoso" in text


def test_ingest_into_a_loaded_store_is_timed(tmp_path: Path) -> None:
    from bench import ingest_scale

    res = ingest_scale.measure(3000, 1, root=tmp_path / "scale", data_dir=tmp_path / "data")
    assert res["triples"] >= 3000 and res["bulk_load_s"] >= 0
    assert res["ontology_and_full_inference_s"] > 0 and len(res["new_pack_s"]) == 1


def test_search_latency_in_process_and_through_the_app(store_dir: Path) -> None:
    from bench import search_bench

    endpoint_bench.prepare_search_index(store_dir)
    index = store_dir / "search.sqlite"
    searches = search_bench.terms(index, 8)
    assert len(searches) == 8 and all(s.strip() for s in searches)
    assert search_bench.terms(index, 8) == searches  # deterministic from the seed
    alone = search_bench.in_process(index, searches, repeats=1)
    assert alone["searches"] == 8 and alone["p95_ms"] > 0
    proc, url = peers.start_remit(store_dir, workers=1)
    try:
        out = search_bench.through_app(url.removesuffix("/sparql"), searches, 2, 0.3)
    finally:
        stop(proc)
    assert out["requests"] > 0 and out["errors"] == 0, out.get("first_error")
