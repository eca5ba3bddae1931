"""An NHS trust's board minutes: 'MINUTES OF THE BOARD OF DIRECTORS MEETING HELD IN
PUBLIC', members one a line as 'Name<TAB>Post', minutes numbered 'BoD/20/031<TAB>Title',
narrative resolutions and an action log table."""

from __future__ import annotations

import pytest

from ingest.minutes_decisions import action_owner, is_minute_heading
from tests.excerpt_helpers import extract_whole, records


@pytest.fixture(scope="module")
def px():  # type: ignore[no-untyped-def]
    return extract_whole("minutes_trust_board.txt")



def test_minutes_title_confirmed_by_the_attendance_under_it(px) -> None:  # type: ignore[no-untyped-def]
    assert [d.segment.kind for d in px.documents] == ["minutes"]
    held = [m for m in records(px, "meetings") if m.status == "held"]
    assert [(m.body, m.date) for m in held] == [("Board of Directors", "2020-03-05")]


def test_members_one_a_line_with_their_posts(px) -> None:  # type: ignore[no-untyped-def]
    [m] = [m for m in records(px, "meetings") if m.status == "held"]
    assert m.present == ["David Oakes", "Sarah Whitfield", "Karen Lowe", "Peter Grant",
                         "Imran Shah", "Julia Hart", "Alan Reed"]
    assert m.chair == "David Oakes"  # 'Chairman' in the post column
    assert m.apologies == ["Robert Knight"]  # not the next minute's reference
    assert m.in_attendance == ["Claire Benson", "Tom Fielding"]
    roles = {(p.name, p.role) for p in records(px, "people")}
    assert ("Karen Lowe", "Director of Nursing and Quality") in roles


def test_tabbed_minute_references_and_narrative_resolutions(px) -> None:  # type: ignore[no-untyped-def]
    res = {r.minute_number: r for r in records(px, "resolutions")}
    assert set(res) == {"BoD/20/035", "BoD/20/036"}
    assert res["BoD/20/035"].action_owner == "Quality Committee"
    assert res["BoD/20/036"].action_owner is None  # noting a report asks nobody to act
    assert {r.body for r in res.values()} == {"Board of Directors"}


def test_action_log_rows_are_owned_actions(px) -> None:  # type: ignore[no-untyped-def]
    acts = {a.recommendation_id: a for a in records(px, "actions")}
    assert set(acts) == {"BoD/20/014", "BoD/20/015", "BoD/20/036"}
    a = acts["BoD/20/015"]
    assert a.recommendation_text.startswith("Circulate the estates backlog")
    assert [o.name for o in a.owners] == ["Peter Grant"]
    assert a.timescale_as_written == "5 March 2020"
    assert [s.rag for s in a.statuses] == ["completed"]


@pytest.mark.parametrize(("raw", "number"), [
    ("BoD/20/031\tChairman's welcome and apologies", "BoD/20/031"),
    ("TB/19/112\tFinance report month 10", "TB/19/112"),
])
def test_reference_and_title_in_two_cells_is_a_minute_heading(raw, number) -> None:  # type: ignore[no-untyped-def]
    h = is_minute_heading(raw, None)
    assert h is not None and h.number == number


def test_table_rows_are_not_minute_headings() -> None:
    assert is_minute_heading("12\tSmith\tHead of Service\tMarch 2020", None) is None
    assert is_minute_heading("14\tThe Committee noted the report", None) is None


@pytest.mark.parametrize(("text", "owner"), [
    ("The Board approved the plan and agreed that the Audit Committee would review it.",
     "Audit Committee"),
    ("The Board approved the CQC action plan.", None),
    ("That the Director of Public Health provide an update.", "Director of Public Health"),
])
def test_who_is_asked_to_act_is_a_name_not_a_run_of_the_sentence(text, owner) -> None:  # type: ignore[no-untyped-def]
    assert action_owner(text, None, "Board of Directors") == owner


def test_an_action_log_header_is_a_plan_and_an_implementation_plan_is_not() -> None:
    from ingest.tables import classify

    log = classify(["Action No", "Meeting Date", "Minute Ref", "Action", "Lead", "Due Date",
                    "Status"])
    assert log is not None
    assert (log.index("ref"), log.index("recommendation"), log.index("owner"),
            log.index("timescale")) == (0, 3, 4, 5)
    assert classify(["Action", "Lead", "Timescale"]) is None  # a strategy's delivery plan
