"""Cross-pack recommendations: a later pack holding only the action-plan update (no
inspection report) adds dated snapshots to the same recommendation and action nodes, and the
order of ingest does not change the graph (issue #3, docs/decisions/0003).

Packs are built from the synthetic generator (bench/synth): pack A has the inspection report
and the plan at its first checkpoint; pack B, a later meeting of the same council, has only
the plan, with the wording drifting (a word dropped, a typo) and a new dated status column.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rdflib import Graph, URIRef

from bench.synth import generate_pack
from graph.settings import Settings
from graph.store import Rows, Store, open_store
from graph.validation import validate
from ingest.load import PackResult, ingest_paths, remove_source
from ingest.mapping_queries import content_triples
from ontology.namespaces import INFERRED_GRAPH, RDF, REM

SEED = 3
TIMESCALES = {"immediately": "IMMEDIATE", "3 months": "WITHIN 3 MONTHS",
              "6 months": "WITHIN 6 MONTHS"}


def _plan(recs: list[dict[str, Any]], checkpoint: str, drift: bool) -> list[str]:
    """An action plan over ``recs``, one status column headed by ``checkpoint``."""
    rows = ["Inspection Action Plan", "",
            "\t".join(["Area for Improvement", "TIMESCALE", "Key Actions", "Resp. Officer",
                       f"Evidence/Progress ({checkpoint})", "RAG", "Reporting Schedule"])]
    for k, rec in enumerate(recs):
        wording = rec["text"][0].upper() + rec["text"][1:]
        if drift and k % 3 == 0:  # a word dropped
            wording = wording.replace(" that ", " ", 1)
        if drift and k % 3 == 1:  # a typo
            wording = wording.replace("re", "er", 1)
        rows.append("\t".join([wording, TIMESCALES[rec["timescale"]], "Audit of case files.",
                               "TBD", f"Progress at {checkpoint} on item {k}.", "Amber",
                               "Quarterly report to: Cabinet"]))
    return [*rows, ""]


def _split(text: str) -> tuple[list[str], list[str], list[str]]:
    """(before the inspection report, the report, from the acronym table on)."""
    lines = text.splitlines()
    i = next(k for k, ln in enumerate(lines) if ln.startswith("Inspection of safeguarding"))
    j = next(k for k, ln in enumerate(lines) if ln.startswith("Inspection Action Plan"))
    k = next(k for k, ln in enumerate(lines) if k > j and ln.strip() == "Acronyms")
    return lines[:i], lines[i:j], lines[k:]


def packs(seed: int = SEED) -> tuple[str, str, dict[str, Any]]:
    """Pack A (inspection + plan at End of March), pack B (the plan alone, End of June)."""
    text_a, gold = generate_pack(seed, 0, 0, n_recommendations=6)
    head, report, tail = _split(text_a)
    recs = gold["recommendations"]
    a = "\n".join([*head, *report, *_plan(recs, "End of March", False), *tail]) + "\n"
    return a, update(seed, 1, recs, "End of June"), gold


def update(seed: int, meeting: int, recs: list[dict[str, Any]], checkpoint: str) -> str:
    """A later meeting's pack of the same council holding the plan alone."""
    text, _ = generate_pack(seed, 0, meeting)
    head, _report, tail = _split(text)
    return "\n".join([*head, *_plan(recs, checkpoint, True), *tail]) + "\n"


def build(root: Path, order: list[str], texts: dict[str, str],
          reports: list[PackResult] | None = None) -> dict[URIRef, Graph]:
    """Ingest the packs in this order, one run each; every graph of the store after."""
    src = root / "in"
    src.mkdir(parents=True)
    cfg = Settings(store=root / "store")
    with open_store(cfg) as store:
        for name in order:
            (src / name).write_text(texts[name], encoding="utf-8")
            report = ingest_paths([src / name], store, cfg)
            assert report.packs[0].status == "new", report.packs[0].error
            if reports is not None:
                reports.append(report.packs[0])
        again = ingest_paths([src / name for name in order], store, cfg)
        assert [(p.status, p.relinked) for p in again.packs] == [("unchanged", [])] * len(order)
        return {g: store.graph(g) for g in store.graph_names()}


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    a, b, _gold = packs()
    return {"a_inspection.txt": a, "b_update.txt": b}


@pytest.fixture(scope="module")
def both_orders(tmp_path_factory: pytest.TempPathFactory,
                texts: dict[str, str]) -> tuple[dict[URIRef, Graph], dict[URIRef, Graph]]:
    root = tmp_path_factory.mktemp("crosspack")
    reports: list[PackResult] = []
    ab = build(root / "ab", ["a_inspection.txt", "b_update.txt"], texts)
    ba = build(root / "ba", ["b_update.txt", "a_inspection.txt"], texts, reports)
    # the inspection pack, ingested last, rewrote the update's graph in its transaction
    assert [p.relinked for p in reports] == [[], ["b_update.txt"]]
    return ab, ba


def union(graphs: dict[URIRef, Graph]) -> Graph:
    g = Graph()
    for name, part in graphs.items():
        if name != INFERRED_GRAPH:
            for t in part:
                g.add(t)
    return g


@pytest.mark.parametrize("order", [0, 1], ids=["A-then-B", "B-then-A"])
def test_one_node_per_recommendation_and_action_with_two_snapshots(
        both_orders: tuple[dict[URIRef, Graph], dict[URIRef, Graph]], order: int) -> None:
    g = union(both_orders[order])
    recs = set(g.subjects(RDF.type, REM.Recommendation))
    actions = set(g.subjects(RDF.type, REM.Action))
    assert len(recs) == 6, sorted(recs)
    assert len(actions) == 6, sorted(actions)
    for act in actions:
        assert len(set(g.objects(act, REM.implements))) == 1
        dates = {str(g.value(s, REM.asOf)) for s in g.subjects(REM.statusOf, act)}
        assert dates == {"2012-03-31", "2012-06-30"}, act


def test_order_of_ingest_does_not_change_the_graph(
        both_orders: tuple[dict[URIRef, Graph], dict[URIRef, Graph]]) -> None:
    ab, ba = both_orders
    assert set(ab) == set(ba)
    for name in ab:
        assert content_triples(ab[name]) == content_triples(ba[name]), name


def test_each_merge_of_the_update_is_recorded_with_rule_and_evidence(
        both_orders: tuple[dict[URIRef, Graph], dict[URIRef, Graph]]) -> None:
    g = union(both_orders[0])
    merges = [m for m in g.subjects(REM.mergeRule, None)
              if str(g.value(m, REM.mergeRule)).startswith("cross-pack")]
    assert len(merges) == 6
    recs = set(g.subjects(RDF.type, REM.Recommendation))
    for m in merges:
        assert g.value(m, REM.mergedInto) in recs
        assert "similarity" in str(g.value(m, REM.mergeEvidence))
        assert g.value(m, REM.evidence) is not None


def _count(store: Store, cls: URIRef) -> int:
    res = store.query(f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a {cls.n3()} }}")
    assert isinstance(res, Rows)
    return int(res.rows[0]["n"])


def test_removing_the_inspection_pack_gives_the_update_its_own_nodes_back(
        tmp_path: Path, texts: dict[str, str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    cfg = Settings(store=tmp_path / "store")
    for name, text in texts.items():
        (src / name).write_text(text, encoding="utf-8")
    with open_store(cfg) as store:
        ingest_paths([src / "b_update.txt"], store, cfg)
        alone = {g: content_triples(store.graph(g)) for g in store.graph_names()}
        ingest_paths([src / "a_inspection.txt"], store, cfg)
        assert _count(store, REM.Action) == 6
        remove_source(store, "a_inspection.txt", cfg)
        after = {g: content_triples(store.graph(g)) for g in store.graph_names()}
    assert after == alone


def test_two_updates_and_the_report_in_any_order(tmp_path: Path) -> None:
    """Two plan-only updates first share one plan-minted node; the report, last, takes them
    over: the same graph as when the report comes first, three snapshots per action."""
    a, b, gold = packs()
    texts = {"a_inspection.txt": a, "b_update.txt": b,
             "c_update.txt": update(SEED, 2, gold["recommendations"], "End of September")}
    first = build(tmp_path / "first", ["a_inspection.txt", "c_update.txt", "b_update.txt"],
                  texts)
    last = build(tmp_path / "last", ["b_update.txt", "c_update.txt", "a_inspection.txt"], texts)
    assert {n: content_triples(g) for n, g in first.items()} == {
        n: content_triples(g) for n, g in last.items()}
    g = union(last)
    actions = set(g.subjects(RDF.type, REM.Action))
    assert len(actions) == 6 and len(set(g.subjects(RDF.type, REM.Recommendation))) == 6
    for act in actions:
        dates = {str(g.value(s, REM.asOf)) for s in g.subjects(REM.statusOf, act)}
        assert dates == {"2012-03-31", "2012-06-30", "2012-09-30"}
    for rec in g.subjects(RDF.type, REM.Recommendation):  # the shapes ask exactly one
        assert len(set(g.objects(rec, REM.timescale))) == 1
    for t in last[INFERRED_GRAPH]:
        g.add(t)
    report = validate(g)
    assert report.conforms, report


def test_the_ingest_command_names_the_packs_it_rejoined(tmp_path: Path,
                                                       texts: dict[str, str]) -> None:
    from typer.testing import CliRunner

    from remit.cli import app

    for name, text in texts.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    store = str(tmp_path / "store")
    runner = CliRunner()
    first = runner.invoke(app, ["ingest", str(tmp_path / "b_update.txt"), "--store", store])
    assert first.exit_code == 0, first.output
    assert "joined with" not in first.output
    second = runner.invoke(app, ["ingest", str(tmp_path / "a_inspection.txt"), "--store", store])
    assert second.exit_code == 0, second.output
    assert "a_inspection.txt: recommendations joined with b_update.txt" in second.output
