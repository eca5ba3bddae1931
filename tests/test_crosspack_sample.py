"""Cross-pack recommendations on the sample's own wording (excerpts in tests/data/excerpts):
a pack with the inspection report and its action plan, and a later progress report holding
only the plan (its status columns relabelled to later checkpoints), in both orders."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import Graph, URIRef

from graph.settings import Settings
from graph.store import open_store
from ingest.load import ingest_paths
from ingest.mapping_queries import content_triples
from ontology.namespaces import INFERRED_GRAPH, RDF, REM
from tests.conftest import DATA
from tests.test_crosspack import build

EXCERPTS = DATA / "excerpts"
BLANK = "This page is intentionally left blank"


def _report(subject: str, date: str) -> str:
    return (f"CHESHIRE EAST COUNCIL\n\nREPORT TO: Children and Families Scrutiny Committee\n\n"
            f"Date of Meeting: {date}\n\nReport of: Strategic Director of Children, Families "
            f"and Adults Services\n\nSubject/Title: {subject}\n\n1.0 Report Summary\n\n1.1 "
            "This report sets out the action plan agreed by Cheshire East Council.\n\n"
            f"{BLANK}\n\n")


@pytest.fixture(scope="module")
def texts() -> dict[str, str]:
    inspection = (EXCERPTS / "inspection_sample.txt").read_text(encoding="utf-8")
    plan = (EXCERPTS / "action_plan_sample.txt").read_text(encoding="utf-8")
    later = (plan.replace("(End of September)", "(End of March)")
             .replace("(end of November)", "(end of May)")
             .replace("(end of January)", "(end of July)"))
    return {
        "report.txt": _report("OFSTED Inspection of Safeguarding Services", "22 September 2011")
        + f"{inspection}\n{BLANK}\n\n{plan}",
        "progress.txt": _report("Progress on the Ofsted action plan", "19 April 2012") + later}


def _union(graphs: dict[URIRef, Graph], only: URIRef | None = None) -> Graph:
    g = Graph()
    for name, part in graphs.items():
        if name != INFERRED_GRAPH and (only is None or name == only):
            for t in part:
                g.add(t)
    return g


def test_the_progress_pack_adds_snapshots_to_the_reports_actions_in_either_order(
        tmp_path: Path, texts: dict[str, str]) -> None:
    first = build(tmp_path / "first", ["report.txt", "progress.txt"], texts)
    last = build(tmp_path / "last", ["progress.txt", "report.txt"], texts)
    assert {n: content_triples(g) for n, g in first.items()} == {
        n: content_triples(g) for n, g in last.items()}
    everything = _union(last)
    report = next(n for n, g in last.items() if (n, REM.fileName, None) in g
                  and str(g.value(n, REM.fileName)) == "report.txt")
    alone = _union(last, report)
    # the report's recommendations and actions, and not one more node
    recs = set(everything.subjects(RDF.type, REM.Recommendation))
    actions = set(everything.subjects(RDF.type, REM.Action))
    assert len(recs) >= 20
    assert recs == set(alone.subjects(RDF.type, REM.Recommendation))
    assert actions == set(alone.subjects(RDF.type, REM.Action))
    # both packs' checkpoints, on the report's actions (the progress pack's columns carry
    # no year the extractor can read, so its snapshots are labelled, not dated)
    snapshots = set(everything.subjects(RDF.type, REM.StatusSnapshot))
    by_checkpoint: dict[str, set[URIRef]] = {}
    for s in snapshots:
        by_checkpoint.setdefault(str(everything.value(s, REM.checkpoint)).lower(), set()).add(
            everything.value(s, REM.statusOf))
    assert {"end of september", "end of march"} <= set(by_checkpoint)
    assert len(by_checkpoint["end of march"]) >= 15
    assert set().union(*by_checkpoint.values()) <= actions


def test_a_progress_pack_naming_no_council_is_reported_and_kept_apart(
        tmp_path: Path, texts: dict[str, str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    plan = texts["progress.txt"].split(BLANK, 1)[1]
    (src / "report.txt").write_text(texts["report.txt"], encoding="utf-8")
    (src / "bare.txt").write_text(f"{BLANK}\n\n{plan}", encoding="utf-8")
    cfg = Settings(store=tmp_path / "store")
    with open_store(cfg) as store:
        ingest_paths([src / "report.txt"], store, cfg)
        bare = ingest_paths([src / "bare.txt"], store, cfg).packs[0]
        graphs = {g: store.graph(g) for g in store.graph_names()}
    reported = [w for w in bare.warnings if "names no council; not merged" in w]
    assert len(reported) >= 15 and bare.relinked == []
    everything = _union(graphs)
    rules = {str(r) for r in everything.objects(None, REM.mergeRule)}
    assert rules and not any(r.startswith("cross-pack") for r in rules)
