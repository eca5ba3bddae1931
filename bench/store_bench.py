"""Embedded store: load rate, size on disk, peak RSS, competency and analytics latency.

Data come from ``bench.synth.rdfgen`` (N-Quads in the project's model), cached under
``bench/out/data`` by size and seed so a second run does not regenerate them. Each load runs
in a child process, so the peak RSS reported is the load's own, not the harness's.
"""

from __future__ import annotations

import multiprocessing as mp
import shutil
import time
from pathlib import Path
from typing import Any

from bench.common import OUT, dir_size_mb, peak_rss_mb, summary_ms, time_calls
from bench.synth import rdfgen

VOCABULARIES = Path(__file__).resolve().parents[1] / "ontology" / "vocabularies.ttl"
DATA = OUT / "data"


def dataset(triples: int, seed: int = 1, data_dir: Path = DATA) -> tuple[Path, int]:
    """The N-Quads file of about ``triples`` quads (generated once), and its quad count."""
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / f"synth-{triples}-s{seed}.nq"
    count = data_dir / f"synth-{triples}-s{seed}.count"
    if not path.exists() or not count.exists():
        tmp = path.with_suffix(".part")
        n = rdfgen.generate(tmp, triples, seed)
        tmp.rename(path)
        count.write_text(str(n))
    return path, int(count.read_text())


def _load_child(nq: str, store_dir: str, mode: str, q: Any) -> None:
    from rdflib import URIRef

    from graph.embedded import EmbeddedStore
    from ontology.namespaces import ONTOLOGY_GRAPH

    store = EmbeddedStore(store_dir)
    t0, c0 = time.perf_counter(), time.process_time()
    compact_s = 0.0
    if mode == "bulk":  # what bulk_load does by default, in two timed steps
        store.bulk_load(nq, compact=False)
        t1 = time.perf_counter()
        store.compact()
        compact_s = time.perf_counter() - t1
    else:
        store.load_file(nq)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    store.load_file(VOCABULARIES, graph=URIRef(str(ONTOLOGY_GRAPH)))
    n = store.count()
    store.close()
    q.put({"seconds": elapsed, "cpu_s": cpu, "quads": n, "peak_rss_mb": peak_rss_mb(),
           "compact_s": compact_s})


def load(nq: Path, store_dir: Path, mode: str = "bulk") -> dict[str, Any]:
    """Load ``nq`` into a fresh embedded store in a child process; rate, size, peak RSS.
    ``cpu_s`` is the load's CPU time over all the engine's threads: on a shared machine it
    moves less than the wall-clock ``seconds``, so compare changes by it too."""
    if store_dir.exists():
        shutil.rmtree(store_dir)
    ctx = mp.get_context("spawn")
    q = ctx.Queue()
    p = ctx.Process(target=_load_child, args=(str(nq), str(store_dir), mode, q))
    p.start()
    res = q.get()
    p.join()
    quads = res["quads"]
    return {"mode": mode, "quads": quads, "seconds": round(res["seconds"], 2),
            "cpu_s": round(res["cpu_s"], 2), "triples_per_s": round(quads / res["seconds"]),
            "compact_s": round(res["compact_s"], 2),
            "disk_mb": dir_size_mb(store_dir / "db"), "peak_rss_mb": res["peak_rss_mb"]}


def open_reader(store_dir: Path) -> Any:
    from graph.embedded import EmbeddedStore

    return EmbeddedStore(store_dir, read_only=True)


def competency(store: Any, repeats: int, budget_s: float) -> dict[str, dict[str, float]]:
    """p50/p95 of every competency question on ``store`` (rows counted once)."""
    from graph.competency import load_questions
    from graph.store import Rows

    out: dict[str, dict[str, float]] = {}
    for q in load_questions():
        res = store.query(q.sparql)
        rows = len(res) if isinstance(res, Rows) else 1
        times = time_calls(lambda s=q.sparql: store.query(s), repeats, budget_s, warmup=0)
        out[q.id] = {**summary_ms(times), "rows": rows}
    return out


def _competency_child(store_dir: str, ids: list[str], repeats: int, budget_s: float,
                      q: Any) -> None:
    from graph.competency import load_questions

    store = open_reader(Path(store_dir))
    wanted = [x for x in load_questions() if x.id in ids]
    for question in wanted:
        q.put((question.id, "start", None))
        q.put((question.id, "done", competency_one(store, question.sparql, repeats, budget_s)))


def competency_one(store: Any, sparql: str, repeats: int, budget_s: float) -> dict[str, Any]:
    from graph.store import Rows

    t0 = time.perf_counter()
    res = store.query(sparql)
    first = time.perf_counter() - t0
    rows = len(res) if isinstance(res, Rows) else 1
    times = [first]
    if first < budget_s:
        times += time_calls(lambda: store.query(sparql), repeats - 1, budget_s, warmup=0)
    return {**summary_ms(times), "rows": rows}


def competency_guarded(store_dir: Path, repeats: int, budget_s: float,
                       limit_s: float) -> dict[str, dict[str, Any]]:
    """Every competency question in a child process; a question still running after
    ``limit_s`` is stopped (the embedded engine cannot be interrupted, so its process is
    killed) and recorded as over the limit, and the next questions run in a new child."""
    from graph.competency import load_questions

    todo = [x.id for x in load_questions()]
    out: dict[str, dict[str, Any]] = {}
    ctx = mp.get_context("spawn")
    while todo:
        q = ctx.Queue()
        p = ctx.Process(target=_competency_child, args=(str(store_dir), todo, repeats,
                                                         budget_s, q))
        p.start()
        current = None
        try:
            while todo:
                try:
                    qid, what, res = q.get(timeout=limit_s + budget_s)
                except Exception:  # queue.Empty: the current question ran past the limit
                    out[current or todo[0]] = {"timeout_s": limit_s}
                    todo.remove(current or todo[0])
                    break
                current = qid
                if what == "done":
                    out[qid] = res
                    todo.remove(qid)
        finally:
            p.kill()
            p.join()
    return dict(sorted(out.items()))


LOOKUP = """SELECT ?p ?o WHERE { <%s> ?p ?o }"""
JOIN = """PREFIX rem: <https://remit.example/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?rec ?text ?owner ?ownerLabel ?body ?bodyLabel WHERE {
  ?rec rem:fromInspection <%s> ; rem:text ?text .
  ?act rem:implements ?rec ; rem:responsibleParty ?owner .
  OPTIONAL { ?owner rdfs:label ?ownerLabel }
  OPTIONAL { ?owner rem:worksFor ?body . ?body rdfs:label ?bodyLabel }
}"""


def sample_iris(store: Any, cls: str, n: int) -> list[str]:
    """``n`` IRIs of class ``cls`` (local name in rem:) spread over the store."""
    from graph.store import Rows

    res = store.query(f"SELECT ?x WHERE {{ ?x a <https://remit.example/ontology#{cls}> }} "
                      f"LIMIT {n * 50}")
    assert isinstance(res, Rows)
    iris = [str(r["x"]) for r in res]
    return iris[:: max(1, len(iris) // n)][:n]


def lookups_and_joins(store: Any, repeats: int) -> dict[str, dict[str, float]]:
    """Latency of a lookup by IRI and of the inspection → recommendations → owners join,
    each over different IRIs so no result is served from a warm cache only."""
    recs = sample_iris(store, "Recommendation", repeats)
    insps = sample_iris(store, "Inspection", repeats)
    lk: list[float] = []
    for iri in recs:
        t0 = time.perf_counter()
        store.query(LOOKUP % iri)
        lk.append(time.perf_counter() - t0)
    jn: list[float] = []
    for iri in insps:
        t0 = time.perf_counter()
        store.query(JOIN % iri)
        jn.append(time.perf_counter() - t0)
    return {"lookup": summary_ms(lk), "join": summary_ms(jn)}


def analytics(store: Any, repeats: int, budget_s: float) -> dict[str, dict[str, float]]:
    """The whole-graph figures of the officers' pages (graph/analytics.py), one by one."""
    import datetime as dt

    from graph import analytics as an

    def overdue() -> Any:
        return an.overdue(store, dt.date(2016, 1, 1))

    out = {}
    for name, fn in (("open_load", lambda: store.query(an.OPEN_LOAD)),
                     ("overdue", overdue),
                     ("cross_agency", lambda: store.query(an.CROSS_AGENCY))):
        out[name] = summary_ms(time_calls(fn, repeats, budget_s, warmup=1))
    # What /api/analytics and the officers' pages pay: every figure at once, computed on
    # the first request after a write and kept while the store's state is unchanged.
    day, state = dt.date(2016, 1, 1), store.state()
    t0 = time.perf_counter()
    an.analyse_cached(store, day, state)
    out["all_first_request"] = summary_ms([time.perf_counter() - t0])
    out["all_later_requests"] = summary_ms(time_calls(
        lambda: an.analyse_cached(store, day, state), repeats, budget_s, warmup=0))
    return out
