"""A Cabinet's record of decisions: 'RECORD OF DECISIONS of the meeting held on ...' under
the body's name, 'Decision:' over 'That Cabinet:' and lettered clauses that ask named
officers to act or delegate to them."""

from __future__ import annotations

import pytest

from ingest.minutes_decisions import action_owner
from tests.excerpt_helpers import extract_whole, records


@pytest.fixture(scope="module")
def px():  # type: ignore[no-untyped-def]
    return extract_whole("minutes_record_of_decisions.txt")


def test_a_record_of_decisions_is_minutes_of_the_body_above_it(px) -> None:  # type: ignore[no-untyped-def]
    assert [d.segment.kind for d in px.documents] == ["minutes"]
    [m] = [m for m in records(px, "meetings") if m.status == "held"]
    assert (m.body, m.date, m.chair) == ("Cabinet", "2023-03-14", "A Brown")
    assert m.present == ["A Brown", "C Davies", "E Fox", "G Hill", "J King"]  # no '(Leader)'
    assert m.officers == ["Sarah Jones", "Tom Webb"]


def test_decision_label_over_that_cabinet_and_its_clauses(px) -> None:  # type: ignore[no-untyped-def]
    res = [(r.minute_number, r.clause, r.action_owner) for r in records(px, "resolutions")]
    assert res == [("46", "a", None), ("46", "b", "Director of Children's Services"),
                   ("46", "c", "Director of Finance"), ("47", None, "Council")]


@pytest.mark.parametrize(("text", "owner"), [
    ("asks the Director of Children's Services to report progress every six months",
     "Director of Children's Services"),
    ("delegates authority to the Director of Finance to agree the budget", "Director of Finance"),
    ("That Cabinet recommends to Council that the plan be approved.", "Council"),
    ("approves the plan at Appendix A", None),
])
def test_who_a_cabinet_clause_asks_to_act(text, owner) -> None:  # type: ignore[no-untyped-def]
    assert action_owner(text, None, "Cabinet") == owner
