"""Name normalisation and head-noun typing, on invented names."""

from __future__ import annotations

import pytest

from ingest.names import (
    body_type,
    classify_agent,
    edit_distance,
    initials_compatible,
    is_acronym,
    is_post,
    looks_like_person,
    loose,
    parse_person,
)


def test_loose_ignores_possessive_plural_case_and_article() -> None:
    assert loose("the Local Safeguarding Children's Board") == loose(
        "LOCAL SAFEGUARDING CHILDRENS BOARD")
    assert loose("Adults Social Care Committees") == loose("Adult Social Care Committee")


@pytest.mark.parametrize(("text", "title", "given", "surname"), [
    ("Councillor Jane Q Public", "Councillor", ("Jane", "Q"), "Public"),
    ("Cllr. A.B. Smythe (Chairman)", "Cllr", ("A", "B"), "Smythe"),
    ("Dara O'Hanlon", None, ("Dara",), "O'Hanlon"),
    ("Professor Quill", "Professor", (), "Quill"),
])
def test_parse_person(text: str, title: str | None, given: tuple[str, ...], surname: str) -> None:
    pn = parse_person(text)
    assert pn is not None
    assert (pn.title, pn.given, pn.surname) == (title, given, surname)


def test_clean_name_drops_title_and_initials_are_upper() -> None:
    pn = parse_person("Councillor jane q Public")
    assert pn is not None and pn.clean == "jane q Public" and pn.initials == "JQ"


def test_initials_compatibility() -> None:
    assert initials_compatible("JQ", "J")
    assert initials_compatible("", "K")
    assert not initials_compatible("J", "P")


def test_edit_distance_counts_transposition_as_one() -> None:
    assert edit_distance("wset", "west") == 1
    assert edit_distance("abcd", "abd") == 1
    assert edit_distance("east", "west") == 2


@pytest.mark.parametrize(("text", "expected"), [
    ("NSCB", True), ("CiCC", True), ("DfE", True), ("C&R", True), ("Board", False),
    ("A", False), ("Northshire Board", False),
])
def test_is_acronym(text: str, expected: bool) -> None:
    assert is_acronym(text) is expected


@pytest.mark.parametrize(("name", "typ"), [
    ("Northshire Borough Council", "council"),
    ("Children in Care Council", "other"),
    ("Southdale Scrutiny Committee", "committee"),
    ("Cabinet", "committee"),
    ("Budget Task and Finish Group", "committee"),
    ("Northshire Safeguarding Children Board", "board"),
    ("Southdale Primary Care Trust", "nhs_body"),
    ("Upton Hospitals Foundation Trust", "trust"),
    ("Upton Partnership NHS Foundation Trust", "trust"),
    ("Upton General Hospital", "nhs_body"),
    ("Northshire Children and Young People Trust", "partnership_group"),
    ("Carers Reference Group", "partnership_group"),
    ("Child Death Overview Panel", "partnership_group"),
    ("Youth Justice Service", "team_or_service"),
    ("Adult Services Directorate", "team_or_service"),
    ("Department for Widgets", "government_department"),
    ("Department of Widgets", "government_department"),
    ("Friends of the Heath", "other"),
])
def test_body_type_by_head_noun(name: str, typ: str) -> None:
    assert body_type(name) == typ


def test_voluntary_context_makes_an_untyped_charity_voluntary() -> None:
    assert body_type("Northshire Carers Centre", voluntary_context=True) == "voluntary_org"
    assert body_type("Northshire Carers Centre") == "other"


@pytest.mark.parametrize(("text", "kind"), [
    ("Nancy Quill", "person"),
    ("J Oxbridge", "person"),
    ("Councillor Q Ramsbottom", "person"),
    ("Relevant managers", "role"),
    ("the Strategic Director (People)", "post"),
    ("Borough Solicitor", "post"),
    ("Northshire Carers Centre", "body"),
    ("NSCB", "body"),
    ("Southdale Scrutiny Committee", "body"),
    ("Director of Children's Services", "post"),  # the services are its remit
    ("the Head of Legal Services", "post"),
    ("Children's Services", "body"),
])
def test_classify_agent(text: str, kind: str) -> None:
    assert classify_agent(text) == kind


def test_person_and_post_tests_disagree_on_posts() -> None:
    assert is_post("Head of Service") and not looks_like_person("Head of Service")
