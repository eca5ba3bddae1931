"""No formula injection, end to end: document text that starts like a spreadsheet formula
(=, +, -, @, tab, carriage return), put at the start of every label and text of the fixture
graph, comes out of /register.csv, /register.xlsx and /api/recommendations?format=csv as
inert text (a leading apostrophe in CSV; a string cell, never a formula, in XLSX), with
the text itself kept. (graph/register.py's own cell rules: tests/test_register.py.)"""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook
from rdflib import Literal

from tests.helpers.api_app import load_fixture, make_client

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PAYLOADS = ['=HYPERLINK("http://127.0.0.1:9/x","click")', "+1+cmd|' /C calc'!A0",
            "-2+3", "@SUM(A1:A9)", "\t=1+1", "\r=1+1"]
PROPS = ["http://www.w3.org/2000/01/rdf-schema#label", "https://remit.example/ontology#text",
         "https://remit.example/ontology#note", "https://remit.example/ontology#excerptText",
         "http://purl.org/dc/terms/title"]


@pytest.fixture(scope="module", params=PAYLOADS,
                ids=["equals", "plus-dde", "minus", "at", "tab", "cr"])
def poisoned(request, tmp_path_factory):  # type: ignore[no-untyped-def]
    tmp_path = tmp_path_factory.mktemp("formula")
    store = load_fixture(tmp_path / "store")
    for prop in PROPS:
        store.update(f"""DELETE {{ GRAPH ?g {{ ?s <{prop}> ?o }} }}
            INSERT {{ GRAPH ?g {{ ?s <{prop}> ?new }} }}
            WHERE {{ GRAPH ?g {{ ?s <{prop}> ?o }} FILTER(isLiteral(?o))
                     BIND(CONCAT({Literal(request.param).n3()}, STR(?o)) AS ?new) }}""")
    yield request.param, make_client(store, tmp_path)
    store.close()


def csv_cells(data: bytes) -> list[str]:
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"), newline="")))
    assert len(rows) > 1
    return [cell for row in rows[1:] for cell in row]


@pytest.mark.parametrize("path", ["/register.csv", "/api/recommendations?format=csv"])
def test_csv_exports_never_start_a_cell_with_a_formula(poisoned, path):
    payload, client = poisoned
    r = client.get(path)
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    cells = csv_cells(r.content)
    assert not [c for c in cells if c.startswith(FORMULA_START)]
    carried = [c for c in cells if c.startswith("'" + payload)]
    assert carried, "the payload reached the export (kept, behind an apostrophe)"


def test_xlsx_export_has_only_text_cells_never_formulas(poisoned):
    payload, client = poisoned
    r = client.get("/register.xlsx")
    assert r.status_code == 200
    sheet = load_workbook(io.BytesIO(r.content)).active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
    assert cells
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    texts = [str(c.value) for c in cells]
    assert not [t for t in texts if t.startswith(FORMULA_START)]
    assert any(payload.lstrip("\t\r") in t for t in texts)  # kept (XML may fold a CR)
