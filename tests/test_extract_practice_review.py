"""A safeguarding partnership's multi-agency action plan after a practice review: the
review's recommendations quoted above the table, abbreviated in it; a lead agency and a lead
officer for each row."""

from __future__ import annotations

import pytest

from ingest.owners import owner_kind
from tests.excerpt_helpers import extract_whole, records


@pytest.fixture(scope="module")
def acts():  # type: ignore[no-untyped-def]
    px = extract_whole("action_plan_practice_review.txt")
    return px, {a.recommendation_id: a for a in records(px, "actions")}


def test_rows_take_the_recommendation_as_the_review_wrote_it(acts) -> None:  # type: ignore[no-untyped-def]
    _, by_id = acts
    assert set(by_id) == {"1", "2", "3"}
    assert by_id["2"].recommendation_text == (
        "Eastmoor Council Children's Services and Eastmoor Police should review how "
        "information about domestic abuse incidents is shared with schools the next working "
        "day.")


def test_lead_officer_and_lead_agency_are_both_owners(acts) -> None:  # type: ignore[no-untyped-def]
    px, by_id = acts
    assert [(o.name, o.kind) for o in by_id["2"].owners] == [("Sam Ward", "person"),
                                                            ("Eastmoor Police", "body")]
    assert [(o.name, o.kind) for o in by_id["3"].owners] == [
        ("Designated Nurse for Safeguarding Children", "post"), ("Integrated Care Board", "body")]
    ward = [p for d in px.documents for p in d.people if p.name == "Sam Ward"]
    assert {p.body for p in ward} == {"Eastmoor Police"}  # the agency beside him employs him


@pytest.mark.parametrize(("name", "kind"), [
    ("Eastmoor Police", "body"), ("Police Scotland", "body"), ("NHS England", "body"),
    ("Chief Executive", "post"), ("Designated Nurse for Safeguarding Children", "post"),
    ("Designated Safeguarding Leads", "role"), ("Relevant managers", "role"),
    ("Amara Okonjo", "person"), ("T Baines", "person"),
])
def test_owner_kinds(name, kind) -> None:  # type: ignore[no-untyped-def]
    assert owner_kind(name) == kind
