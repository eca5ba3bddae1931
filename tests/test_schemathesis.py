"""schemathesis against the app's own OpenAPI document, served by `remit serve` on a free
loopback port over a store holding the sample pack ingested by `remit ingest`: for every
documented operation, generated requests (positive and negative) never get a 5xx, and every
response's status, content type, headers and body match what the document declares.
Bounded: a few examples per operation, derandomised, so the file stays well under a minute.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from schemathesis import Case, GenerationMode

from graph.settings import Settings
from queryapi import negotiation as neg
from queryapi.app import create_app
from queryapi.errors import ApiError
from queryapi.openapi_table import SPARQL_QUERY, SPARQL_UPDATE
from tests.helpers.api_app import live_server

#: SPARQL text is drawn from the document's own examples: JSON Schema cannot state the grammar.
schemathesis.openapi.format("sparql-query", st.sampled_from(SPARQL_QUERY["examples"]))
schemathesis.openapi.format("sparql-update", st.sampled_from(SPARQL_UPDATE["examples"]))
ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
SCHEMA = schemathesis.openapi.from_dict(
    create_app(Settings(store=ROOT / "var" / "no-store", reference_date=None)).openapi())
OPERATIONS = {f"{op.method.upper()} {op.path}": op
              for op in (r.ok() for r in SCHEMA.get_all_operations())}


@pytest.fixture(scope="module")
def base_url(tmp_path_factory):  # type: ignore[no-untyped-def]
    store = tmp_path_factory.mktemp("st") / "store"
    env = {k: v for k, v in os.environ.items() if not k.startswith("REMIT_")}
    res = subprocess.run([str(Path(sys.executable).parent / "remit"), "ingest", str(SAMPLES),
                          "--store", str(store)], capture_output=True, text=True, env=env,
                         timeout=300, cwd=ROOT)
    assert res.returncode == 0, res.stderr
    with live_server(store, timeout=30, workers=1) as url:
        yield url


@pytest.fixture(scope="module")
def session():  # type: ignore[no-untyped-def]
    with requests.Session() as s:
        yield s


def test_the_document_lists_the_api():
    assert {"GET /sparql", "POST /sparql", "GET /api/recommendations",
            "GET /api/people/{key}", "GET /search"} <= set(OPERATIONS)


#: Mismatches between the document and the app that remain, by operation, as schemathesis
#: names them ("UndefinedContentType", "RejectedPositiveData"...), each with its reason.
#: Empty: queryapi/openapi.py describes what every operation serves and refuses.
KNOWN_GAPS: dict[str, set[str]] = {}


def _params(case: Case) -> dict[str, Any]:
    """Query parameters with a form body's non-empty fields over them."""
    out = dict(case.query or {})
    if isinstance(case.body, dict):
        out.update({k: v for k, v in case.body.items() if v not in ("", [], None)})
    return out


def _format_suits_the_answer(case: Case) -> bool:
    """format= is given once (in the URL or the form) and names a type of the answer's kind:
    results for SELECT/ASK, graphs for CONSTRUCT/DESCRIBE and the service description
    (GET /sparql with no query)."""
    form = case.body if isinstance(case.body, dict) else {}
    if (case.query or {}).get("format") and form.get("format"):
        return False
    params = _params(case)
    fmt = params.get("format")
    if not isinstance(fmt, str) or not fmt or "update" in params:
        return True
    query = params.get("query", case.body if isinstance(case.body, str) else None)
    form = neg.query_form(query) if isinstance(query, str) else "DESCRIBE"
    offered = neg.GRAPH_TYPES if form in ("CONSTRUCT", "DESCRIBE") else neg.RESULT_TYPES
    try:
        neg.choose(None, offered, fmt)
    except ApiError:
        return False
    return True


def _one_graph_named(case: Case) -> bool:
    """GET /store names one graph: ?graph=IRI or ?default, not both, not neither."""
    params = case.query or {}
    return ("graph" in params) != ("default" in params)


#: Rules that tie one parameter to another, which OpenAPI cannot state (each parameter has a
#: schema of its own); the document says them in the parameters' descriptions. Positive cases
#: that break them are not drawn (negative ones are, and must be refused).
CROSS_PARAMETER_RULES: dict[str, Callable[[Case], bool]] = {
    "GET /sparql": _format_suits_the_answer,
    "POST /sparql": _format_suits_the_answer,
    "GET /store": _one_graph_named,
}


def failure_kinds(exc: BaseException) -> set[str]:
    inner = getattr(exc, "exceptions", None)
    if inner:
        return set().union(*(failure_kinds(e) for e in inner))
    return {type(exc).__name__}


@pytest.mark.parametrize("label", sorted(OPERATIONS))
def test_operation_matches_its_openapi_document(base_url, session, label):
    op = OPERATIONS[label]
    cases = st.one_of(op.as_strategy(GenerationMode.POSITIVE),
                      op.as_strategy(GenerationMode.NEGATIVE))
    found: set[str] = set()

    rule = CROSS_PARAMETER_RULES.get(label)

    @settings(max_examples=6, deadline=None, derandomize=True, database=None,
              suppress_health_check=list(HealthCheck))
    @given(case=cases)
    def check(case):  # type: ignore[no-untyped-def]
        if rule is not None and case.meta.generation.mode.is_positive:
            assume(rule(case))
        response = case.call(base_url=base_url, session=session, timeout=30)
        assert response.status_code < 500, (case.method, case.formatted_path,
                                            response.text[:300])
        try:
            case.validate_response(response)
        except (AssertionError, BaseExceptionGroup) as exc:
            found.update(failure_kinds(exc))

    check()
    assert found <= KNOWN_GAPS.get(label, set()), f"{label!r}: {sorted(found)},"
