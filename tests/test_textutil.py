"""Shared text helpers: dates, times, names, markup, table rows, page furniture."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.textutil import (
    clean,
    find_dates,
    is_furniture,
    is_separator_row,
    parse_date,
    parse_time,
    split_names,
    split_row,
    strip_title,
    table_rows,
)


@pytest.mark.parametrize(("text", "iso"), [
    ("Thursday, 22nd September, 2011", "2011-09-22"),
    ("22 September 2011", "2011-09-22"),
    ("3 Oct 2011", "2011-10-03"),
    ("16.06.2011", "2011-06-16"),
    ("19/04/2011", "2011-04-19"),
    ("14/09/11", "2011-09-14"),
    ("July 2011", "2011-07"),
    ("September 5, 2012", "2012-09-05"),
    ("held on Wednesday, 20th July, 2011 at Committee Suite 2/3", "2011-07-20"),
    ("31/02/2011", None),
    ("14-Jul-2020", "2020-07-14"),  # spreadsheet exports
    ("14-Jul-20", "2020-07-14"),
    ("on 14 July 20 children were seen", None),  # a two-digit year only between hyphens
    ("Outcome 2.1", None),
    ("", None),
])
def test_parse_date(text, iso):
    assert parse_date(text) == iso


def test_find_dates_in_order():
    text = "From 27 June 2011 to 8 July 2011"
    assert [d for d, _, _ in find_dates(text)] == ["2011-06-27", "2011-07-08"]


@pytest.mark.parametrize(("text", "hhmm"), [
    ("10.00 am", "10:00"), ("concluded at 12.05 pm", "12:05"), ("2pm", "14:00"),
    ("12 noon", "12:00"), ("14:30", "14:30"), ("Committee Suite 2/3", None), ("10", None),
])
def test_parse_time(text, hhmm):
    assert parse_time(text) == hhmm


def test_split_names_on_every_separator():
    assert split_names("Councillors P Groves, J Jackson and L Jeuda and I Faseyi.") == [
        "Councillors P Groves", "J Jackson", "L Jeuda", "I Faseyi"]
    assert split_names("Initially - A Smith / B Jones; C Brown & D White") == [
        "Initially - A Smith", "B Jones", "C Brown", "D White"]


def test_split_names_keeps_ampersand_between_initials():
    assert split_names("LSCB and C & F Scrutiny Committee") == ["LSCB", "C & F Scrutiny Committee"]


@pytest.mark.parametrize(("raw", "expected"), [
    ("Councillor Irene Faseyi", ("Councillor", "Irene Faseyi")),
    ("Cllr. J Smith", ("Cllr", "J Smith")),
    ("Councillors C Andrew", ("Councillor", "C Andrew")),
    ("Dr Ann Lee", ("Dr", "Ann Lee")),
    ("Professor Eileen Munro", ("Professor", "Eileen Munro")),
    ("Mark Grimshaw", (None, "Mark Grimshaw")),
    ("Mr", (None, "Mr")),
])
def test_strip_title(raw, expected):
    assert strip_title(raw) == expected


def test_clean_removes_markup():
    assert clean("**Apologies**\u00a0<p>A &amp; B</p><br/>") == "Apologies A & B"
    assert clean('<ul style="x"><li>One</li></ul> • Two') == "One Two"


def test_split_row_formats():
    assert split_row("a\tb\t") == ["a", "b", ""]
    assert split_row("<p>x</p>\t<p>y</p>") == ["x", "y"]
    assert split_row("| a | b |") == ["a", "b"]
    assert split_row("<tr><td>a</td><td>b</td></tr>") == ["a", "b"]
    assert split_row("|---|:--|") is None
    assert split_row("--\t-----\t---") is None
    assert split_row("plain prose") is None


def test_table_rows_keep_line_numbers():
    rows = table_rows(["Head\tCol", "|---|---|", "", "v1\tv2"], first_line=10)
    assert [(r.line, r.cells) for r in rows] == [(10, ["Head", "Col"]), (13, ["v1", "v2"])]


@pytest.mark.parametrize(("line", "furniture"), [
    ("This page is intentionally left blank", True), ("361", True), ("Page 3 of 10", True),
    ("© Crown copyright 2011", True), ("- 7 -", True), ("1. Apologies", False),
    ("Crown copyright matters", False),
])
def test_is_furniture(line, furniture):
    assert is_furniture(line) is furniture


@settings(max_examples=50, deadline=None)
@given(st.text(max_size=80))
def test_helpers_never_raise(text):
    parse_date(text)
    parse_time(text)
    assert isinstance(split_names(text), list)
    assert isinstance(strip_title(text)[1], str)
    cleaned = clean(text)
    assert cleaned == cleaned.strip() and "\n" not in cleaned
    split_row(text)
    is_furniture(text)


@pytest.mark.parametrize(("line", "rule"), [
    ("|---|---|", True), ("--\t----\t--", True), ("+===+===+", True),
    ("<tr><td>--</td><td>---</td><td>--</td></tr>", True),  # a rule written as HTML cells
    ("<tr><td>a</td><td>---</td></tr>", False), ("<tr><td></td><td></td></tr>", False),
    ("| Ref | Action |", False), ("plain text", False), ("", False),
])
def test_separator_rows(line: str, rule: bool) -> None:
    assert is_separator_row(line) is rule
