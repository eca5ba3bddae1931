"""Resolutions whose clauses are numbered inside one paragraph: 'RESOLVED – That (1) the
report be noted; (2) the Chief Operating Officer be asked to ...; and (3) the Chair write
to ...'. Each clause is a decision of its own, with whoever it asks to act."""

from __future__ import annotations

import pytest

from ingest.minutes_decisions import inline_clauses
from tests.excerpt_helpers import extract_whole, records


def test_each_inline_clause_is_a_resolution_with_its_owner() -> None:
    px = extract_whole("minutes_inline_clauses.txt")
    res = [(r.minute_number, r.clause, r.text, r.action_owner)
           for r in records(px, "resolutions")]
    assert res[:3] == [
        ("12", "1", "That the report be noted", None),
        ("12", "2", "That the Chief Operating Officer be asked to provide an update on "
                    "ambulance handover delays to the July meeting", "Chief Operating Officer"),
        ("12", "3", "That the Chair write to the Integrated Care Board about winter funding.",
         "Chair")]  # resolved to the meeting's chair, J Smith, in the JSON and the graph
    assert res[3] == ("13", None, "That the work programme be agreed.", None)


@pytest.mark.parametrize(("text", "expected"), [
    ("That (a) the plan be approved; and (b) the Director report back in June.",
     [("a", "That the plan be approved"), ("b", "That the Director report back in June.")]),
    ("(i) noted, (ii) agreed", [("i", "noted"), ("ii", "agreed")]),
    # one marker, markers out of order, or a marker deep inside a sentence: not clauses
    ("That the report (1) be noted.", None),
    ("That (2) the report be noted; (3) agreed", None),
    ("That the Committee notes the progress made in implementing recommendations (1) and (2)",
     None),
])
def test_inline_clauses(text, expected) -> None:  # type: ignore[no-untyped-def]
    assert inline_clauses(text) == expected


def test_other_ways_of_writing_a_resolution() -> None:
    """'It was RESOLVED that ...', 'AGREED: That ...', 'Resolved – (a) ...; (b) ...'."""
    px = extract_whole("minutes_resolution_forms.txt")
    res = [(r.minute_number, r.clause, r.action_owner) for r in records(px, "resolutions")]
    assert res == [("21", None, "Director of Children's Services"),
                   ("22", None, "Head of Commissioning"),
                   ("23", "a", None), ("23", "b", "Virtual School Head")]
