"""A scrutiny committee's tracker of its recommendations to Cabinet, as a markdown table:
lead officer, target date, a dated progress column and a status in the words trackers use."""

from __future__ import annotations

import pytest

from ingest.mapping_records import status_concept
from ingest.owners import split_owners
from ontology.namespaces import STATUS
from tests.excerpt_helpers import extract_whole, records


@pytest.fixture(scope="module")
def acts():  # type: ignore[no-untyped-def]
    px = extract_whole("scrutiny_recommendations_tracker.txt")
    return {a.recommendation_id: a for a in records(px, "actions")}


def test_the_cover_names_committee_date_title_and_author() -> None:
    """Committee, date and title as lines above 'Report of:', the cover's only key."""
    [report, *_] = records(extract_whole("scrutiny_recommendations_tracker.txt"), "reports")
    assert (report.kind, report.title, report.author_role, report.to_body,
            report.meeting_date) == ("officer_report", "Scrutiny Recommendations Tracker",
                                     "Scrutiny Officer",
                                     "Children and Young People Scrutiny Committee",
                                     "2023-01-12")


def test_rows_are_owned_actions_with_dated_progress(acts) -> None:  # type: ignore[no-untyped-def]
    assert set(acts) == {"1", "2", "3"}
    assert [o.name for o in acts["2"].owners] == ["Assistant Director, Commissioning"]
    assert acts["2"].timescale_as_written == "December 2022"
    [snap] = acts["1"].statuses
    assert (snap.checkpoint, snap.rag) == ("December 2022", "green")
    assert snap.note == "Four events held in Q2 and Q3; two more booked."


@pytest.mark.parametrize(("written", "concept"), [
    ("Closed", STATUS.completed), ("Implemented", STATUS.completed),
    ("Open", STATUS["in-progress"]), ("Ongoing", STATUS["in-progress"]),
    ("On target", STATUS["on-track"]), ("Green", STATUS.green),
    ("Something else", STATUS.unknown),
])
def test_tracker_words_for_status(written, concept) -> None:  # type: ignore[no-untyped-def]
    assert status_concept(written) == concept


@pytest.mark.parametrize(("cell", "expected"), [
    ("Assistant Director, Commissioning", [("Assistant Director, Commissioning", None)]),
    ("Director, Adult Social Care", [("Director, Adult Social Care", None)]),
    ("Head of Finance, Northshire Council", [("Head of Finance", None),
                                             ("Northshire Council", None)]),
    ("T Baines, Head of Service", [("T Baines", "Head of Service")]),
])
def test_a_post_and_the_area_it_covers_are_one_owner(cell, expected) -> None:  # type: ignore[no-untyped-def]
    assert [(o.name, o.post) for o in split_owners(cell)[0]] == expected
