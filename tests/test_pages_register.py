"""/register and its CSV and XLSX downloads through the app: rows, grouping, filters that
apply to the downloads too, RAG in words, evidence links, formula-safe cells, escaping."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from openpyxl import load_workbook

from graph.embedded import EmbeddedStore
from tests.conftest import DATA
from tests.helpers.api_app import make_client

ID = "https://remit.example/id/"


def _client(tmp: Path, *files: str):  # type: ignore[no-untyped-def]
    store = EmbeddedStore(tmp / "store")
    for f in files:
        store.load_file(DATA / "network" / f)
    return make_client(store, tmp)


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return _client(tmp_path_factory.mktemp("regpage"), "accountability.trig")


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    return _client(tmp_path_factory.mktemp("reghostile"), "hostile.trig")


def rows(html: str) -> list[str]:
    """The text of each register row's first cell (the recommendation)."""
    return re.findall(r"<tr>\s*<td>(?:<a [^>]*>)?([^<]*)", html)


def csv_rows(data: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_register_lists_every_row_grouped_by_body(client) -> None:
    html = client.get("/register").text
    assert sorted(rows(html)) == sorted(["ensure referrals are acknowledged"] * 2 + [
        "ensure plans are reviewed &lt;script&gt;alert(1)&lt;/script&gt;",
        "ensure health staff receive supervision"])
    headings = re.findall(r'<h2 id="group-\d+">([^<]*?) <span', html)
    assert headings == ["Lowfield Council", "Lowfield Primary Care Trust", "No body recorded"]
    assert 'href="/id/recommendation/r1"' in html and 'href="/id/person/ann"' in html


def test_status_is_shown_in_words_with_its_colour(client) -> None:
    html = client.get("/register", params={"owner": ID + "person/ann"}).text
    assert re.search(r'<span class="rag rag-done">completed</span>', html)
    assert "as of 2012-04-30" in html


def test_filters_and_grouping(client) -> None:
    assert rows(client.get("/register", params={"body": ID + "body/pct"}).text) == [
        "ensure referrals are acknowledged"]
    owner = client.get("/register", params={"owner": ID + "role-owner/managers",
                                            "group": "owner"}).text
    assert re.findall(r'<h2 id="group-\d+">([^<]*?) <span', owner) == ["Relevant managers"]
    assert len(rows(client.get("/register", params={"status": "completed"}).text)) == 2


def test_downloads_take_the_same_filters(client) -> None:
    params = {"body": ID + "body/pct"}
    data = client.get("/register.csv", params=params)
    assert data.headers["content-type"].startswith("text/csv")
    assert data.content.startswith("\ufeff".encode())
    body = csv_rows(data.content)
    assert body[0][0] == "recommendation" and [r[3] for r in body[1:]] == ["Bob Birch"]
    wb = load_workbook(io.BytesIO(client.get("/register.xlsx", params=params).content))
    assert [c.value for c in wb.active[2]][3] == "Bob Birch"
    assert wb.active.max_row == 2


def test_unknown_iri_is_empty_and_bad_parameters_a_readable_400(client) -> None:
    r = client.get("/register", params={"body": ID + "body/nowhere"})
    assert r.status_code == 200 and 'id="empty"' in r.text and rows(r.text) == []
    assert len(csv_rows(client.get("/register.csv",
                                   params={"owner": ID + "person/none"}).content)) == 1
    for params in ({"body": "council"}, {"group": "colour"}):
        bad = client.get("/register", params=params)
        assert bad.status_code == 400 and 'id="error-message"' in bad.text
    assert client.get("/register.csv", params={"owner": "x y"}).status_code == 400


def test_hostile_text_is_escaped_on_the_page(hostile) -> None:
    html = hostile.get("/register").text
    assert "<script>alert" not in html and "<img src=x" not in html
    assert 'href="javascript:' not in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html
    assert 'href="/id/document/d1"' in html and "lines 12-14" in html
    assert '<span class="rag rag-red">red</span>' in html


def test_formula_cells_are_neutralised_in_both_downloads(hostile) -> None:
    row = csv_rows(hostile.get("/register.csv").content)[1]
    assert row[0].startswith("'=HYPERLINK(")
    wb = load_workbook(io.BytesIO(hostile.get("/register.xlsx").content))
    cells = next(iter(wb.active.iter_rows(min_row=2)))
    assert all(c.data_type == "s" for c in cells if c.value is not None)
    assert cells[0].value.startswith("'=HYPERLINK(")
