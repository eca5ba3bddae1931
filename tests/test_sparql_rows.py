"""SELECT results read as tables of strings (CSV, or JSON from a server without CSV), and
several queries sent side by side to a pooled reader."""

from __future__ import annotations

import threading
from types import SimpleNamespace

import pytest

from graph.embedded import EmbeddedStore
from graph.sparql_rows import JSON, ResultsFormatError, Table, parallelism, parse, table, tables
from graph.store import Serialized

QUERY = """SELECT ?x ?text ?missing WHERE {
  VALUES (?x ?text) { (<https://example.org/a> "a, \\"quoted\\"\\nline")
                      (<https://example.org/b> "") } }"""


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> EmbeddedStore:
    return EmbeddedStore(tmp_path_factory.mktemp("rows") / "store")


def test_csv_keeps_commas_quotes_and_newlines_and_reads_unbound_as_empty(
        store: EmbeddedStore) -> None:
    t = table(store, QUERY)
    assert t.vars == ["x", "text", "missing"]
    assert t.rows == [["https://example.org/a", 'a, "quoted"\nline', ""],
                      ["https://example.org/b", "", ""]]


def test_json_results_read_as_the_same_table(store: EmbeddedStore) -> None:
    out = store.query_serialized(QUERY, JSON)
    assert parse(out.body, out.media_type) == table(store, QUERY)


def test_a_format_other_than_csv_or_json_is_refused_by_name() -> None:
    with pytest.raises(ResultsFormatError, match="text/csv"):
        parse(b"<sparql/>", "application/sparql-results+xml")


class _Pooled:
    """A reader with a two-worker pool whose queries only finish when two run at once."""

    def __init__(self) -> None:
        self.pool = SimpleNamespace(size=2)
        self.barrier = threading.Barrier(2, timeout=5)

    def query_serialized(self, sparql: str, media_type: str) -> Serialized:
        self.barrier.wait()
        return Serialized(f"q\r\n{sparql}\r\n".encode(), "text/csv")


def test_a_pooled_reader_gets_the_queries_side_by_side_in_order() -> None:
    got = tables(_Pooled(), ["one", "two", "three", "four"])
    assert got == [Table(["q"], [[q]]) for q in ("one", "two", "three", "four")]


def test_a_store_in_this_process_runs_one_query_at_a_time(store: EmbeddedStore) -> None:
    assert parallelism(store) == 1
    assert parallelism(_Pooled()) == 2


def test_unquoted_csv_is_split_exactly_and_an_iri_with_a_comma_read_again_as_json(
        store: EmbeddedStore) -> None:
    t = table(store, "SELECT ?x ?y WHERE { VALUES (?x ?y) { (<https://example.org/a,b> UNDEF) "
                     "(<https://example.org/c> <https://example.org/d>) } }")
    assert t.rows == [["https://example.org/a,b", ""],
                      ["https://example.org/c", "https://example.org/d"]]
    one = table(store, "SELECT ?x WHERE { VALUES ?x { UNDEF <https://example.org/e> UNDEF } }")
    assert one.rows == [[""], ["https://example.org/e"], [""]]
    quoted = table(store, 'SELECT ?x WHERE { VALUES ?x { UNDEF "q\\"" } }')
    assert quoted.rows == [[""], ['q"']]


def test_csv_with_bare_line_feeds_is_read_by_the_csv_module() -> None:
    assert parse(b"x,y\nhttps://example.org/a,\n", "text/csv; charset=utf-8") == \
        Table(["x", "y"], [["https://example.org/a", ""]])
