"""Accountability API over the fixture graph: filters, row contents, people, bodies,
analytics, CSV; parameters that look like SPARQL change nothing (bound as terms)."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from queryapi.entity import KEY
from tests.helpers import api_app

api_store = api_app.api_store  # shared fixture


@pytest.fixture(scope="module")
def client(api_store, tmp_path_factory):
    return api_app.make_client(api_store, tmp_path_factory.mktemp("api"),
                               reference_date=dt.date(2011, 12, 1))


def ids(response) -> list[str]:
    assert response.status_code == 200, response.text
    return sorted(r["id"] for r in response.json()["recommendations"])


def test_all_recommendations_with_their_rows(client):
    body = client.get("/api/recommendations").json()
    assert body["as_of"] == "2011-12-01" and body["count"] == 3
    rec = next(r for r in body["recommendations"] if r["id"] == "SG-IMM-1")
    assert rec["timescale"] == "immediately" and rec["due_date"] == "2011-08-01"
    owner = rec["owners"][0]
    assert owner["label"] == "Alex Morgan" and owner["type"] == "person"
    assert owner["posts"][0]["label"] == "Strategic Director (Children's Services)"
    assert owner["posts"][0]["body"]["label"] == "Northshire Council"
    assert rec["actions"][0]["key_actions"].startswith("Weekly performance clinic")
    assert rec["status"]["status"] == "completed" and rec["status"]["as_of"] == "2011-09-30"
    assert {b["label"] for b in rec["reports_to"]} == {
        "Children's Scrutiny Committee", "Northshire Safeguarding Children Board"}
    lines = {(e["start_line"], e["end_line"]) for e in rec["evidence"]}
    assert (120, 121) in lines and (420, 422) in lines
    assert rec["overdue"] is False


def test_role_only_owner(client):
    rec = next(r for r in client.get("/api/recommendations").json()["recommendations"]
               if r["id"] == "SG-3M-1")
    assert [(o["label"], o["type"]) for o in rec["owners"]] == [
        ("Relevant managers", "role-owner")]
    assert rec["owners"][0]["bodies"][0]["label"] == "Children's Services"


@pytest.mark.parametrize(("params", "expected"), [
    ({"owner": "morgan-a-aaaaaaaaaaa1"}, ["SG-IMM-1"]),
    ({"owner": "strategic-director-aaaaaaaaaaa2"}, []),
    ({"body": "childrens-services-cccccccccccc"}, ["SG-3M-1"]),
    ({"body": "northshire-council-aaaaaaaaaaaa"}, ["SG-3M-1", "SG-6M-1", "SG-IMM-1"]),
    ({"inspection": "safeguarding-inspection-fffffffffff1"}, ["SG-3M-1", "SG-6M-1",
                                                             "SG-IMM-1"]),
    ({"document": "action-plan-333333333333"}, []),
    ({"document": "inspection-report-222222222222"}, ["SG-3M-1", "SG-6M-1", "SG-IMM-1"]),
    ({"timescale": "within-3-months"}, ["SG-3M-1"]),
    ({"status": "red"}, ["SG-3M-1"]),
    ({"status": "completed"}, ["SG-IMM-1"]),
    ({"overdue": "true"}, ["SG-3M-1", "SG-6M-1"]),
    ({"overdue": "true", "as_of": "2011-11-20"}, ["SG-3M-1"]),
    ({"overdue": "false"}, ["SG-IMM-1"]),
])
def test_recommendation_filters(client, params, expected):
    assert ids(client.get("/api/recommendations", params=params)) == expected


@pytest.mark.parametrize("hostile", [
    'x" } ?s ?p ?o . { "', "x> } UNION { ?rec ?p ?o } #", "morgan-a-aaaaaaaaaaa1\\u0022"])
def test_hostile_keys_are_refused_not_interpreted(client, hostile):
    r = client.get("/api/recommendations", params={"owner": hostile})
    assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"


def test_unknown_status_and_timescale_are_400(client):
    assert client.get("/api/recommendations?status=purple").status_code == 400
    assert client.get("/api/recommendations?timescale=soon").status_code == 400


def test_recommendations_as_csv(client):
    r = client.get("/api/recommendations", params={"format": "csv"})
    assert r.headers["content-type"].startswith("text/csv")
    table = list(csv.DictReader(io.StringIO(r.text)))
    row = next(x for x in table if x["id"] == "SG-3M-1")
    assert row["owners"] == "Relevant managers" and row["status"] == "red"
    assert row["overdue"] == "True"
    accept = client.get("/api/recommendations", headers={"accept": "text/csv"})
    assert accept.headers["content-type"].startswith("text/csv")


def test_csv_cells_cannot_start_formulas():
    from queryapi.csvout import safe

    assert safe("=HYPERLINK(1)") == "'=HYPERLINK(1)" and safe("-1+1") == "'-1+1"
    assert safe("plain") == "plain"


def test_person(client):
    p = client.get("/api/people/morgan-a-aaaaaaaaaaa1").json()
    assert p["label"] == "Alex Morgan" and "A Morgan" in p["names"]
    assert p["posts"][0]["body"]["label"] == "Northshire Council"
    assert [r["id"] for r in p["responsible_for"]] == ["SG-IMM-1"]
    chair = client.get("/api/people/patel-s-bbbbbbbbbbb1").json()
    assert chair["honorific"] == "Councillor"
    committee = next(m for m in chair["memberships"]
                     if m["key"] == "scrutiny-committee-bbbbbbbbbbbb")
    assert "chair" in committee["roles"]


def test_body_chains_are_transitive(client):
    b = client.get("/api/bodies/childrens-services-cccccccccccc").json()
    assert [x["label"] for x in b["reports_to"]] == ["Children's Scrutiny Committee",
                                                      "Northshire Council"]
    assert {x["label"] for x in b["overseen_by"]} == {"Children's Scrutiny Committee",
                                                       "Northshire Council"}
    assert [r["id"] for r in b["owns"]] == ["SG-3M-1"]


def test_body_members_and_meetings(client):
    b = client.get("/api/bodies/scrutiny-committee-bbbbbbbbbbbb").json()
    assert b["parent"]["label"] == "Northshire Council" and b["body_type"] == "committee"
    chair = next(m for m in b["members"] if m["label"] == "Sam Patel")
    assert chair["roles"] == ["chair"]
    assert [m["date"] for m in b["meetings"]] == ["2011-07-20"]


def test_unknown_person_and_body_are_404(client):
    assert client.get("/api/people/nobody-000000000000").status_code == 404
    # a body key is not a person
    assert client.get("/api/people/northshire-council-aaaaaaaaaaaa").status_code == 404
    assert client.get("/api/bodies/morgan-a-aaaaaaaaaaa1").status_code == 404


def test_analytics_counts(client):
    a = client.get("/api/analytics").json()
    assert a["recommendations"] == 3
    assert [x["key"] for x in a["without_owner"]["items"]] == ["review-placements-hhhhhhhhhhh1"]
    assert [(o["label"], o["open"]) for o in a["owners_by_open_load"]] == [
        ("Relevant managers", 1)]
    assert a["overdue"]["count"] == 2


def test_openapi_documents_the_api_with_examples(client):
    spec = client.get("/openapi.json").json()
    for path in ("/api/recommendations", "/api/people/{key}", "/api/bodies/{key}",
                 "/api/analytics"):
        ok = spec["paths"][path]["get"]["responses"]["200"]["content"]["application/json"]
        assert "example" in ok, path
    rec = spec["paths"]["/api/recommendations"]["get"]
    assert "text/csv" in rec["responses"]["200"]["content"]
    assert {"body", "owner", "inspection", "document", "timescale", "status", "overdue",
            "as_of"} <= {p["name"] for p in rec["parameters"]}


PIECES = [*'"\'\\<>{}#?. \n\t:/', "\\u0022", "a", "-", "0", "} UNION {", "?s ?p ?o"]
HOSTILE = st.lists(st.sampled_from(PIECES), max_size=12).map("".join)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(value=HOSTILE)
def test_any_owner_string_is_bound_or_refused_never_interpreted(client, value):
    r = client.get("/api/recommendations", params={"owner": value})
    if value == "":  # an empty filter is no filter
        assert r.json()["count"] == 3
    elif KEY.match(value):
        assert r.status_code == 200 and r.json()["recommendations"] == []
    else:
        assert r.status_code == 400 and r.json()["error"]["code"] == "bad_request"


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(q=HOSTILE | st.text(max_size=30))
def test_any_search_text_is_words_never_syntax(client, q):
    r = client.get("/search", params={"q": q}, headers={"accept": "application/json"})
    assert r.status_code == 200
    assert all(h["kind"] in {"person", "body", "post", "role-owner", "recommendation",
                             "decision", "action"} for h in r.json()["results"])
