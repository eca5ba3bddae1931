"""A safeguarding adults board's minutes as partnerships write them: members one a line with
their initials, 'ACTION: LF to ...' lines under each minute, 'Date of next meeting'."""

from __future__ import annotations

import pytest

from ingest.minutes_decisions import action_line
from ingest.textutil import strip_title
from tests.excerpt_helpers import extract_whole, records


@pytest.fixture(scope="module")
def px():  # type: ignore[no-untyped-def]
    return extract_whole("minutes_partnership_actions.txt")



def test_members_with_initials_posts_and_the_independent_chair(px) -> None:  # type: ignore[no-untyped-def]
    [m] = [m for m in records(px, "meetings") if m.status == "held"]
    assert m.present == ["Helen Marsh", "Gary Price", "Anita Rao", "Mark Stone", "Lucy Fenn"]
    assert m.chair == "Helen Marsh"
    assert m.apologies == ["Karen Doyle"]
    posts = {(p.name, p.role, p.body) for p in records(px, "people") if p.context.endswith(".post")}
    assert ("Anita Rao", "Designated Professional for Safeguarding Adults",
            "Northdale ICB") in posts
    assert ("Lucy Fenn", "Board Business Manager", None) in posts  # '(minutes)' dropped


def test_action_lines_are_owned_actions_by_initials(px) -> None:  # type: ignore[no-untyped-def]
    acts = {a.recommendation_id: a for a in records(px, "actions")}
    assert set(acts) == {"3/A1", "3/A2", "4/A1"}
    assert [o.name for o in acts["3/A1"].owners] == ["Lucy Fenn"]
    assert acts["3/A1"].timescale_as_written == "1 July 2022"
    assert [o.name for o in acts["3/A2"].owners] == ["Gary Price", "Mark Stone"]
    assert acts["3/A2"].reports_to == ["Northdale Safeguarding Adults Board"]  # 'report back'
    assert acts["4/A1"].timescale_as_written == "14 September 2022"  # the next meeting's date
    assert acts["4/A1"].section == "Performance dashboard"


def test_an_owner_works_for_the_body_the_attendance_gives(px) -> None:  # type: ignore[no-untyped-def]
    stone = next(p for p in px.people if p.name == "Mark Stone")
    bodies = {b.key: b.name for b in px.bodies}
    employers = {bodies.get(r.body) for r in stone.roles if r.role == "Responsible officer"}
    assert "Northdale Police" in employers
    assert "Northdale Council" not in employers  # not the pack's council by default


@pytest.mark.parametrize(("text", "expected"), [
    ("LF to circulate the final report by 1 July 2022.",
     ("LF", "Circulate the final report by 1 July 2022", "1 July 2022")),
    ("GP and MS to agree a protocol and report back to the September meeting",
     ("GP and MS", "Agree a protocol and report back to the September meeting", None)),
    ("circulate the report", (None, "Circulate the report", None)),
])
def test_action_line(text, expected) -> None:  # type: ignore[no-untyped-def]
    assert action_line(text) == expected


def test_police_ranks_abbreviated_are_titles() -> None:
    assert strip_title("DCI Mark Stone") == ("DCI", "Mark Stone")
    assert strip_title("Di Smith") == (None, "Di Smith")
