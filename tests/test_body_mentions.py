"""Body names in prose: the shared finder the narrative extractors use."""

from __future__ import annotations

import pytest

from ingest.body_mentions import bodies_in_text, body_mentions, body_type
from ingest.text import PackText


@pytest.mark.parametrize(("text", "expected"), [
    ("Mike Jones, Associate Director – Central and Eastern Cheshire Primary Care Trust",
     [("Central and Eastern Cheshire Primary Care Trust", None)]),
    ("the Chair of the Local Safeguarding Children Board, elected members",
     [("Local Safeguarding Children Board", None)]),
    ("Both the LSCB and Children's Trust have been asked",
     [("LSCB", None), ("Children's Trust", None)]),
    ("the Disabled Facilities Grant and Home Improvement Agency (HIA) report",
     [("Home Improvement Agency", "HIA")]),
    ("published by the Department for Education, 2011",
     [("Department for Education", None)]),
    ("staff in the Independent Living service are", [("Independent Living service", None)]),
    ("17 CONSULTATIONS FROM CABINET", []),
    ("Director of Children's Services and the Head of Service", []),
])
def test_bodies_in_text(text, expected):
    assert bodies_in_text(text) == expected


def test_body_types_from_head_nouns():
    assert body_type("Westshire Community NHS Trust") == "trust"
    assert body_type("Central and Eastern Cheshire Primary Care Trust") == "nhs_body"
    assert body_type("Care Quality Commission") == "inspectorate"
    assert body_type("Audit Committee") == "committee"
    assert body_type("Ofsted") == "inspectorate"
    assert body_type("Something Else") is None


def test_one_mention_per_name_with_its_line():
    pack = PackText.from_string("The Audit Committee met.\n\nThe Audit Committee agreed.\n"
                                "Riverton Borough Council (RBC) approved it.")
    found = body_mentions(pack, 1, len(pack), "test", skip={"riverton borough council"})
    assert [(b.name, b.span.start, b.context) for b in found] == [("Audit Committee", 1, "test")]


def test_a_name_never_runs_across_the_cells_of_a_row() -> None:
    """A table row printed to PDF comes as TAB-separated cells: 'R1' and 'The Council
    should ...' are two cells, not a body called 'R1 The Council'."""
    row = ("R1\tThe Council should publish a protocol.\tAccepted\tHead of Education Access"
           "\tSeptember 2020")
    names = [n for n, _ in bodies_in_text(row)]
    assert not [n for n in names if n.startswith("R1")]
    assert [n for n, _ in bodies_in_text("Lead\tNorthshire Safeguarding Children Partnership")] \
        == ["Northshire Safeguarding Children Partnership"]
