"""The officers' register: rows, current status, filters, and formula-safe exports."""

from __future__ import annotations

import csv
import io

import pytest
from openpyxl import load_workbook

from graph.embedded import EmbeddedStore
from graph.register import RegisterRow, register, safe_cell, to_csv, to_xlsx

ID = "https://remit.example/id/"


@pytest.fixture
def store(accountability_store: EmbeddedStore) -> EmbeddedStore:
    return accountability_store


def test_one_row_per_recommendation_and_owner(store: EmbeddedStore) -> None:
    rows = register(store)
    pairs = {(r.recommendation_iri.removeprefix(ID), r.owner) for r in rows}
    assert pairs == {("recommendation/r1", "Ann Ash"), ("recommendation/r1", "Bob Birch"),
                     ("recommendation/r2", "Relevant managers"),
                     ("recommendation/r3", "Unassigned")}


def test_status_is_the_latest_snapshot_and_reporting_bodies_listed(store) -> None:
    ann = next(r for r in register(store) if r.owner == "Ann Ash")
    assert ann.status_date == "2012-04-30" and ann.status.lower() == "completed"
    assert ann.owner_body == "Lowfield Council"
    assert ann.reports_to == ["Lowfield Safeguarding Children Board"]
    role = next(r for r in register(store) if r.owner == "Relevant managers")
    assert sorted(role.reports_to) == ["Children's Scrutiny Committee",
                                       "Lowfield Safeguarding Children Board"]


def test_filter_by_body(store: EmbeddedStore) -> None:
    rows = register(store, body=ID + "body/pct")
    assert [r.owner for r in rows] == ["Bob Birch"]


def test_formula_cells_are_neutralised() -> None:
    assert safe_cell("=HYPERLINK(\"x\")") == "'=HYPERLINK(\"x\")"
    assert safe_cell("+1") == "'+1" and safe_cell("@SUM") == "'@SUM"
    assert safe_cell("Plain text") == "Plain text"


def test_csv_has_bom_and_no_live_formula() -> None:
    rows = [RegisterRow(recommendation="=cmd|' /C calc'!A0", recommendation_iri="x",
                        owner="-2+3")]
    data = to_csv(rows)
    assert data.startswith("\ufeff".encode())
    cells = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1]
    assert cells[0].startswith("'=") and cells[3] == "'-2+3"


def test_xlsx_cells_are_text_not_formulas() -> None:
    rows = [RegisterRow(recommendation="=1+1", recommendation_iri="x", owner="Zoë O'Neill")]
    ws = load_workbook(io.BytesIO(to_xlsx(rows))).active
    assert ws["A2"].value == "'=1+1" and ws["A2"].data_type == "s"
    assert ws["D2"].value == "Zoë O'Neill"
