"""The OpenAPI document (queryapi/openapi.py, openapi_table.py) against the app: every
operation described, each error status with the body the app really sends, the media types
of the negotiation tables, and constraints that admit exactly what the handlers accept."""

from __future__ import annotations

import re
from typing import Any

import jsonschema
import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from graph.settings import Settings
from queryapi import negotiation as neg
from queryapi.api_data import STATUS_CODES
from queryapi.app import create_app
from queryapi.entity import KEY
from queryapi.iri import ABSOLUTE_IRI, PATTERN, is_absolute_iri
from queryapi.openapi import ERROR_SCHEMA
from queryapi.openapi_table import EXAMPLES, OPERATIONS
from queryapi.search import KIND_NAMES
from tests.helpers import api_app

api_store = api_app.api_store  # shared fixture
DOC = create_app(Settings(store=api_app.ROOT / "var" / "no-store", reference_date=None)).openapi()
DOCUMENTED = {f"{m.upper()} {p}": op for p, ops in DOC["paths"].items() for m, op in ops.items()}
FAST = settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))


def param(label: str, name: str) -> dict[str, Any]:
    found = [p for p in DOCUMENTED[label].get("parameters", []) if p["name"] == name]
    assert found, f"{label} does not document {name}"
    schema = found[0]["schema"]
    strings = [s for s in schema.get("anyOf", [schema]) if s.get("type") in ("string", "array")]
    return strings[0].get("items", strings[0])


def python(pattern: str) -> re.Pattern[str]:
    """A document pattern as a validator reads it: ``$`` is the end of the string."""
    return re.compile(pattern.removesuffix("$") + r"\Z")


def test_every_documented_operation_is_described_by_the_table():
    assert set(DOCUMENTED) == set(OPERATIONS)


def test_the_document_is_valid_openapi_3_1():
    from schemathesis.specs.openapi.definitions import OPENAPI_31_VALIDATOR

    assert DOC["openapi"].startswith("3.1")
    assert [str(e)[:200] for e in OPENAPI_31_VALIDATOR.iter_errors(DOC)] == []


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_each_operation_declares_its_error_statuses_with_the_error_body(label):
    responses = DOCUMENTED[label]["responses"]
    errors = {int(s) for s in responses if s[0] in "45"}
    assert errors == set(OPERATIONS[label].errors)
    for status in errors:
        content = responses[str(status)]["content"]
        if label.split()[1].startswith("/api"):
            assert list(content) == ["application/json"]
            assert content["application/json"]["schema"] == {
                "$ref": "#/components/schemas/Error"}
            if "example" in content["application/json"]:
                jsonschema.validate(content["application/json"]["example"], ERROR_SCHEMA)
        else:
            assert list(content) == ["text/plain"]


def test_no_reference_dangles_and_fastapi_validation_schema_is_gone():
    text = str(DOC)
    refs = set(re.findall(r"#/components/schemas/(\w+)", text))
    assert refs <= set(DOC["components"]["schemas"])
    assert "HTTPValidationError" not in text


def test_sparql_serves_the_negotiation_tables_types_and_not_plain_json():
    for label in ("GET /sparql", "POST /sparql"):
        ok = DOCUMENTED[label]["responses"]["200"]["content"]
        assert list(ok) == [*neg.RESULT_TYPES, *neg.GRAPH_TYPES]
    assert list(DOCUMENTED["GET /id/{type_}/{key}"]["responses"]["200"]["content"]) == [
        neg.HTML, *neg.GRAPH_TYPES]


def test_post_sparql_describes_its_three_body_types():
    content = DOCUMENTED["POST /sparql"]["requestBody"]["content"]
    assert {"application/sparql-query", "application/sparql-update",
            "application/x-www-form-urlencoded"} <= set(content)


def test_codes_are_the_vocabularies_the_handlers_check():
    assert param("GET /api/recommendations", "status")["enum"] == [*STATUS_CODES, ""]
    assert param("GET /search", "kind")["enum"] == KIND_NAMES


@FAST
@given(st.text(alphabet="ab-9Z_\n ", max_size=8) | st.just("a" * 201))
def test_key_patterns_admit_exactly_the_keys_the_handlers_accept(value):
    for label, name in (("GET /api/people/{key}", "key"), ("GET /id/{type_}/{key}", "key")):
        assert bool(python(param(label, name)["pattern"]).search(value)) == bool(
            KEY.match(value))
    filter_ = python(param("GET /api/recommendations", "owner")["pattern"])
    assert bool(filter_.search(value)) == (value == "" or bool(KEY.match(value)))


@FAST
@given(st.from_regex(ABSOLUTE_IRI))
def test_oxigraph_parses_every_iri_the_document_admits(value):
    ox.NamedNode(value)  # raises ValueError for an IRI the store cannot parse


def test_the_iri_pattern_is_the_one_the_handlers_use():
    assert param("GET /store", "graph")["pattern"] == PATTERN
    for value, ok in (("https://remit.example/graph/a", True), ("urn:x", True),
                      ("0:", False), ("http://[0]/", False), ("a b:c", False)):
        assert is_absolute_iri(value) is ok, value


@pytest.fixture(scope="module")
def client(api_store, tmp_path_factory):
    return api_app.make_client(api_store, tmp_path_factory.mktemp("openapi"))


def test_api_errors_match_the_documented_error_schema(client):
    r = client.get("/api/people/no-such-person")
    assert r.status_code == 404
    jsonschema.validate(r.json(), ERROR_SCHEMA)
    r = client.get("/api/recommendations", params={"as_of": "soon"})
    assert r.status_code == 422 and "422" in DOCUMENTED["GET /api/recommendations"]["responses"]
    jsonschema.validate(r.json(), ERROR_SCHEMA)
    r = client.get("/id/body/no-such-body")
    assert r.status_code == 404 and r.headers["content-type"].startswith("text/plain")


def test_format_values_outside_the_enum_are_refused_and_inside_served(client):
    names = param("GET /store", "format")["enum"]
    assert "csv" not in names and "turtle" in names
    assert client.get("/store", params={"default": "", "format": "csv"}).status_code == 406
    r = client.get("/store", params={"default": "", "format": "turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith(neg.TURTLE)


@pytest.mark.parametrize("query", EXAMPLES)
def test_the_documented_example_queries_run(client, query):
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 200, r.text


def test_an_iri_the_store_cannot_parse_is_the_clients_400_not_a_503(client):
    r = client.get("/sparql", params={"query": EXAMPLES[0], "default-graph-uri": "0:"})
    assert r.status_code == 400 and "not an absolute IRI" in r.text


def test_dataset_parameters_are_checked_without_a_query(client):
    assert client.get("/sparql", params={"named-graph-uri": "no iri"}).status_code == 400


def test_format_given_in_both_the_url_and_the_form_is_refused(client):
    r = client.post("/sparql?format=json", data={"query": EXAMPLES[0], "format": "csv"})
    assert r.status_code == 400 and "format" in r.text
    r = client.post("/sparql?format=csv", data={"query": EXAMPLES[0]})
    assert r.status_code == 200 and r.headers["content-type"].startswith(neg.CSV)
