"""/api/recommendations filters status and overdue in SPARQL; the answers must be exactly a
Python filter over the unfiltered list, on synthetic packs and on ties of snapshot dates."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from rdflib import Literal
from rdflib.namespace import XSD

from bench.synth import rdfgen
from graph.embedded import EmbeddedStore
from ontology.namespaces import STATUS
from queryapi.api_data import STATUS_CODES, find_recommendations
from tests.helpers import api_app

TIES = Path(__file__).resolve().parent / "data" / "api" / "status_ties.trig"
ID = "https://remit.example/id/"
DATES = ("2011-06-01", "2011-12-01", "2012-06-01", "2030-01-01")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    tmp = tmp_path_factory.mktemp("api-filters")
    rdfgen.generate(tmp / "synth.nq", 6000, seed=3)
    st = EmbeddedStore(tmp / "store")
    st.load_file(tmp / "synth.nq")
    st.load_file(TIES)
    yield st
    st.close()


@pytest.fixture(scope="module")
def client(store: EmbeddedStore, tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return api_app.make_client(store, tmp_path_factory.mktemp("api-filters-app"),
                               reference_date=dt.date(2011, 12, 1))


def listed(client: TestClient, **params: Any) -> list[dict[str, Any]]:
    r = client.get("/api/recommendations", params=params)
    assert r.status_code == 200, r.text
    return r.json()["recommendations"]


def by_id(recs: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in recs}


def test_the_synthetic_store_has_every_kind_of_row(client: TestClient) -> None:
    recs = listed(client)
    assert len(recs) > 50
    seen = {(r["status"] or {}).get("status") for r in recs}
    assert {"red", "amber", "green", "completed", None} <= seen
    assert any(r["overdue"] for r in recs) and not all(r["overdue"] for r in recs)


@pytest.mark.parametrize("as_of", DATES)
def test_status_and_overdue_filters_equal_a_python_filter(client: TestClient,
                                                          as_of: str) -> None:
    everything = listed(client, as_of=as_of)
    for status in STATUS_CODES:
        want = [r for r in everything if (r["status"] or {}).get("status") == status]
        assert listed(client, status=status, as_of=as_of) == want, status
    for overdue in (True, False):
        want = [r for r in everything if r["overdue"] is overdue]
        assert listed(client, overdue=str(overdue).lower(), as_of=as_of) == want, overdue
    want = [r for r in everything if r["overdue"] and r["timescale"] == "within-3-months"
            and (r["status"] or {}).get("status") == "red"]
    assert listed(client, status="red", timescale="within-3-months", overdue="true",
                  as_of=as_of) == want


def test_a_tie_of_dates_is_decided_the_same_way_everywhere(client: TestClient) -> None:
    recs = by_id(listed(client))
    # the same date: the snapshots are ordered by content, so red (> green) is latest
    assert recs["T-1"]["status"]["status"] == "red"
    assert "T-1" in by_id(listed(client, status="red"))
    assert "T-1" not in by_id(listed(client, status="green"))
    assert "T-1" not in by_id(listed(client, status="completed"))
    # undated snapshots only: the latest is the greatest by content
    assert recs["T-3"]["status"]["status"] == "in-progress"
    assert "T-3" in by_id(listed(client, status="in-progress"))
    assert "T-3" not in by_id(listed(client, status="deferred"))


def test_overdue_skips_what_was_completed_on_its_latest_date(client: TestClient) -> None:
    late = by_id(listed(client, overdue="true"))
    assert {"T-1", "T-3", "T-4"} <= set(late) and "T-2" not in late
    assert "T-2" in by_id(listed(client, overdue="false"))
    assert "T-4" not in by_id(listed(client, overdue="true", as_of="2011-01-15"))


def test_sparql_narrows_before_describing(store: EmbeddedStore, client: TestClient) -> None:
    """The point of the SPARQL filters: only (nearly) the matching rows are described."""
    everything = listed(client, as_of="2030-01-01")
    red = {r["iri"] for r in everything if (r["status"] or {}).get("status") == "red"}
    found = {str(x) for x in find_recommendations(store, {"status": STATUS.red})}
    # a superset only by ties of dates (T-1 ties red with green; no other ties)
    assert red <= found and found - red <= {ID + "recommendation/t1"}
    late = {r["iri"] for r in everything if r["overdue"]}
    due = {r["iri"] for r in everything if r["due_date"] and r["due_date"] < "2030-01-01"}
    day = Literal("2030-01-01", datatype=XSD.date)
    # overdue narrows to what was due: the completed among them are dropped by select()
    assert late < due == {str(x) for x in find_recommendations(store, {"overdue": day})}


def test_pages_cover_the_whole_list_in_order(client: TestClient) -> None:
    whole = client.get("/api/recommendations", params={"as_of": "2030-01-01"}).json()
    iris = [r["iri"] for r in whole["recommendations"]]
    assert whole["total"] == len(iris) >= 3
    paged = []
    for offset in range(0, len(iris), 2):
        page = client.get("/api/recommendations", params={
            "as_of": "2030-01-01", "limit": 2, "offset": offset}).json()
        assert page["total"] == len(iris) and page["offset"] == offset
        assert page["count"] == len(page["recommendations"]) <= 2
        paged += [r["iri"] for r in page["recommendations"]]
    assert paged == iris


def test_a_page_of_a_status_filter_counts_the_exact_matches(client: TestClient) -> None:
    every = client.get("/api/recommendations", params={"as_of": "2030-01-01"}).json()
    red = [r["iri"] for r in every["recommendations"]
           if (r["status"] or {}).get("status") == "red"]
    page = client.get("/api/recommendations", params={
        "status": "red", "limit": 1, "as_of": "2030-01-01"}).json()
    assert page["total"] == len(red) and [r["iri"] for r in page["recommendations"]] == red[:1]


def test_bad_page_parameters_are_400s_naming_them(client: TestClient) -> None:
    for params in ({"limit": 0}, {"offset": -1}, {"limit": "many"}):
        r = client.get("/api/recommendations", params=params)
        assert 400 <= r.status_code < 500 and next(iter(params)) in r.text, (params, r.text)
