"""SHACL shapes: the fixture conforms; each broken variant fails with its own message;
`remit validate` reports and exits 0 / 1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from typer.testing import CliRunner

from graph.validation import validate
from remit.cli.common import app
from tests.fixture_store import BROKEN_DIR, FIXTURE, fixture_store

ID = "https://remit.example/id/"
REM = "https://remit.example/ontology#"

# file -> (focus, path (rem: local name or full IRI; None on a node-level shape), message)
BROKEN = {
    "action_without_owner": (
        "action/a", None,
        "action has no rem:responsibleParty and is not flagged rem:unassigned true"),
    "action_without_recommendation": (
        "action/a", "implements", "action must implement exactly one rem:Recommendation"),
    "action_with_two_recommendations": (
        "action/a", "implements", "action must implement exactly one rem:Recommendation"),
    "judgement_bad_grade": (
        "judgement/j", "grade", "judgement needs exactly one rem:grade from the grade scheme"),
    "excerpt_lines_reversed": (
        "excerpt/bad", "startLine", "excerpt rem:startLine is after its rem:endLine"),
    "recommendation_without_provenance": (
        "recommendation/r2", "http://www.w3.org/ns/prov#wasDerivedFrom",
        "extracted node has no prov:wasDerivedFrom"),
    "recommendation_without_timescale": (
        "recommendation/r2", "timescale", "recommendation needs exactly one rem:timescale"),
    "pack_bad_sha256": ("pack/q", "sha256", "pack needs exactly one rem:sha256"),
    "snapshot_without_checkpoint": (
        "status/s", "checkpoint", "status snapshot has no rem:checkpoint"),
}


def load(path: Path) -> Graph:
    if path.suffix == ".trig":
        d = Dataset()
        d.parse(path, format="trig")
        return d
    g = Graph()
    g.parse(path, format="turtle")
    return g


def test_fixture_conforms() -> None:
    report = validate(load(FIXTURE))
    assert report.results == []
    assert report.conforms


def test_every_broken_file_has_an_expectation() -> None:
    assert {p.stem for p in BROKEN_DIR.glob("*.ttl")} == set(BROKEN)


@pytest.mark.parametrize("name", sorted(BROKEN))
def test_broken_variant_is_rejected_with_its_message(name: str) -> None:
    focus, path, message = BROKEN[name]
    report = validate(load(BROKEN_DIR / f"{name}.ttl"))
    assert not report.conforms
    assert len(report.results) == 1, report.results
    (result,) = report.results
    assert result.focus == ID + focus
    assert result.path == (path if path is None or ":" in path else REM + path)
    assert result.message.startswith(message)
    assert result.severity == "Violation"


def test_validate_reads_the_store_union(tmp_path: Path) -> None:
    with fixture_store(tmp_path / "store") as store:
        report = validate(store)
        assert report.conforms, report.results
        store.load_file(BROKEN_DIR / "action_without_owner.ttl")
        report = validate(store)
    assert not report.conforms
    assert [r.focus for r in report.results] == [ID + "action/a"]


def test_cli_validate_exit_codes_and_report(tmp_path: Path) -> None:
    root = tmp_path / "store"
    fixture_store(root).close()
    runner = CliRunner()
    ok = runner.invoke(app, ["validate", "--store", str(root)])
    assert ok.exit_code == 0, ok.output
    store = fixture_store(root)
    store.load_file(BROKEN_DIR / "judgement_bad_grade.ttl")
    store.close()
    bad = runner.invoke(app, ["validate", "--store", str(root)])
    assert bad.exit_code == 1
    assert ID + "judgement/j" in bad.stdout
    assert "judgement needs exactly one rem:grade" in bad.stdout
    as_json = runner.invoke(app, ["validate", "--store", str(root), "--json"])
    assert as_json.exit_code == 1
    data = json.loads(as_json.stdout)
    assert data["conforms"] is False
    assert data["results"][0]["path"] == REM + "grade"


def test_cli_validate_without_store_is_an_error(tmp_path: Path) -> None:
    res = CliRunner().invoke(app, ["validate", "--store", str(tmp_path / "missing")])
    assert res.exit_code == 2
