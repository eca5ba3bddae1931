"""The store commands as a user runs them: exit codes, JSON-only stdout, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

ROOT = Path(__file__).resolve().parents[1]
TTL = '<https://example.org/s> <https://example.org/name> "Alpha" , "Beta" .\n'
G = "https://example.org/graph/1"
MAIN = "from remit.cli import main; main()"


def remit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("REMIT_ENDPOINT", None)
    env.pop("REMIT_STORE", None)
    return subprocess.run([sys.executable, "-c", MAIN, *args], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=60)


def one_line_error(res: subprocess.CompletedProcess[str], *needles: str) -> None:
    assert res.returncode == 2, res.stderr
    assert res.stdout == ""
    assert res.stderr.startswith("error: ")
    for n in needles:
        assert n in " ".join(res.stderr.split()), res.stderr


@pytest.fixture(scope="module")
def work(tmp_path_factory: pytest.TempPathFactory) -> Path:
    d = tmp_path_factory.mktemp("cli")
    (d / "a.ttl").write_text(TTL, encoding="utf-8")
    res = remit("load", "a.ttl", "--graph", G, "--store", "st", "--json", cwd=d)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout) == {"file": "a.ttl", "added": 2, "total": 2}
    return d


def test_query_json_prints_only_json_on_stdout(work: Path) -> None:
    res = remit("query", "SELECT ?n WHERE { ?s ?p ?n } ORDER BY ?n", "--store", "st",
                "--json", cwd=work)
    assert res.returncode == 0, res.stderr
    values = [b["n"]["value"] for b in json.loads(res.stdout)["results"]["bindings"]]
    assert values == ["Alpha", "Beta"]


def test_query_construct_as_turtle(work: Path) -> None:
    res = remit("query", "CONSTRUCT WHERE { ?s ?p ?o }", "-f", "turtle", "--store", "st",
                cwd=work)
    assert res.returncode == 0, res.stderr
    assert isomorphic(Graph().parse(data=res.stdout, format="turtle"),
                      Graph().parse(data=TTL, format="turtle"))


def test_bad_query_is_one_line_error_with_position(work: Path) -> None:
    one_line_error(remit("query", "SELECT ?s WHERE { ?s ?p }", "--store", "st", cwd=work),
                   "1:")


def test_missing_store_is_one_line_error(work: Path) -> None:
    one_line_error(remit("query", "ASK {}", "--store", "nowhere", cwd=work), "nowhere")


def test_missing_file_is_one_line_error(work: Path) -> None:
    one_line_error(remit("load", "missing.ttl", "--store", "st", cwd=work), "missing.ttl")
    one_line_error(remit("query", "@missing.rq", "--store", "st", cwd=work), "missing.rq")


def test_query_past_its_time_limit_is_stopped(work: Path) -> None:
    join = " . ".join(f"?a{i} ?b{i} ?c{i}" for i in range(30))
    res = remit("query", f"SELECT (COUNT(*) AS ?n) WHERE {{ {join} }}", "--store", "st",
                "--timeout", "1", cwd=work)
    one_line_error(res, "time limit of 1 s")


def test_errors_are_a_single_line_even_when_long(work: Path) -> None:
    res = remit("query", "ASK {}", "--store", "a/very/long/path/" * 5, cwd=work)
    assert res.returncode == 2 and res.stderr.count("\n") == 1


def test_export_nquads_keeps_every_graph(work: Path) -> None:
    res = remit("export", "--nquads", "--store", "st", cwd=work)
    assert res.returncode == 0, res.stderr
    ds = Dataset()
    ds.parse(data=res.stdout, format="nquads")
    from rdflib import URIRef

    assert isomorphic(ds.graph(URIRef(G)), Graph().parse(data=TTL, format="turtle"))
    res = remit("export", "--graph", G, "--out", "g.nq", "--store", "st", "--json", cwd=work)
    assert res.returncode == 0 and json.loads(res.stdout)["quads"] == 2
    assert (work / "g.nq").read_text().count(f"<{G}> .") == 2


def test_export_of_unknown_graph_is_an_error(work: Path) -> None:
    one_line_error(remit("export", "--graph", "urn:none", "--store", "st", cwd=work),
                   "urn:none")


def test_backup_then_restore_brings_back_the_backed_up_state(work: Path) -> None:
    res = remit("backup", "bk", "--store", "st", "--json", cwd=work)
    assert res.returncode == 0 and json.loads(res.stdout)["quads"] == 2
    one_line_error(remit("backup", "bk", "--store", "st", cwd=work), "already exists")
    (work / "b.ttl").write_text('<urn:x> <urn:y> "z" .\n')
    assert remit("load", "b.ttl", "--graph", "urn:other", "--store", "st", cwd=work) \
        .returncode == 0
    res = remit("restore", "bk", "--store", "st", "--json", cwd=work)
    assert res.returncode == 0, res.stderr
    assert json.loads(res.stdout)["quads"] == 2
    res = remit("query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }",
                "--store", "st", "--json", cwd=work)
    assert json.loads(res.stdout)["results"]["bindings"][0]["n"]["value"] == "2"


def test_restore_refuses_while_a_writer_holds_the_lock(work: Path) -> None:
    from graph.embedded import EmbeddedStore

    assert remit("backup", "bk2", "--store", "st", cwd=work).returncode == 0
    with EmbeddedStore(work / "st"):
        one_line_error(remit("restore", "bk2", "--store", "st", cwd=work),
                       "cannot restore now", "open for writing")


def test_restore_refuses_what_is_not_a_backup(work: Path) -> None:
    (work / "notabackup").mkdir()
    one_line_error(remit("restore", "notabackup", "--store", "st", cwd=work),
                   "not a Remit backup")


def test_query_and_export_through_endpoint(work: Path) -> None:
    from tests.helpers.oxigraph_server import oxigraph_server

    with oxigraph_server(work / "ox") as srv:
        res = remit("load", "a.ttl", "--graph", G, "--endpoint", srv.query_url, "--json",
                    cwd=work)
        assert res.returncode == 0, res.stderr
        assert json.loads(res.stdout)["added"] == 2
        res = remit("query", "SELECT ?n WHERE { ?s ?p ?n } ORDER BY ?n", "--endpoint",
                    srv.query_url, "--json", cwd=work)
        assert res.returncode == 0, res.stderr
        assert [b["n"]["value"] for b in json.loads(res.stdout)["results"]["bindings"]] == \
            ["Alpha", "Beta"]
        res = remit("export", "--endpoint", srv.query_url, cwd=work)
        assert res.returncode == 0 and res.stdout.count(f"<{G}> .") == 2
        one_line_error(remit("backup", "bk-remote", "--endpoint", srv.query_url, cwd=work),
                       "remit export --nquads")
