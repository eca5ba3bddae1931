"""Segmentation by documents' own headings: the sample pack and an invented pack."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from ingest.segment import segment
from ingest.text import PackText
from tests.conftest import DATA, SAMPLE

SAMPLE_KINDS = [
    "agenda", "minutes", "officer_report", "inspection_report", "action_plan",
    "acronym_table", "appendix", "consultation", "strategy", "implementation_plan",
    "work_programme", "forward_plan",
]


def _check_cover(pack: PackText, segs) -> None:
    assert segs[0].start == 1 and segs[-1].end == len(pack)
    for a, b in itertools.pairwise(segs):
        assert b.start == a.end + 1
    assert [s.number for s in segs] == list(range(1, len(segs) + 1))


def _line_of(pack: PackText, text: str) -> int:
    return next(n for n, x in enumerate(pack.lines, 1) if x.strip().startswith(text))


def test_sample_kinds_in_order_and_cover_every_line():
    pack = PackText.from_string(SAMPLE.read_text(encoding="utf-8"))
    segs, warnings = segment(pack)
    assert [s.kind for s in segs] == SAMPLE_KINDS
    _check_cover(pack, segs)
    assert warnings == []


def test_sample_starts_at_headings():
    pack = PackText.from_string(SAMPLE.read_text(encoding="utf-8"))
    segs = {s.kind: s for s in segment(pack)[0]}
    # the council-name line above minutes and reports belongs to them
    assert pack.line(segs["minutes"].start) == "CHESHIRE EAST COUNCIL"
    assert pack.line(segs["minutes"].start + 2).startswith("Minutes of a meeting")
    assert pack.line(segs["work_programme"].start + 2).startswith("REPORT TO:")
    assert segs["inspection_report"].start == _line_of(pack, "Inspection of safeguarding")
    assert segs["action_plan"].start == _line_of(pack, "Announced Inspection Action Plan")
    assert segs["consultation"].start == _line_of(pack, "Arrangements for the inspection")
    assert segs["officer_report"].title.startswith("OFSTED Inspection of Safeguarding")
    assert segs["work_programme"].title == "Work Programme update"
    # the strategy keeps its own appendices; the schedule stays with the work programme
    strategy = segs["strategy"]
    appendix_line = _line_of(pack, "APPENDIX 1: CARER VIEWS")
    assert strategy.start < appendix_line <= strategy.end
    assert segs["work_programme"].end >= _line_of(pack, "Task Groups")


def test_invented_pack_of_another_council():
    pack = PackText.from_string(
        (DATA / "segment" / "other_council_pack.txt").read_text(encoding="utf-8"))
    segs, warnings = segment(pack)
    assert [s.kind for s in segs] == [
        "agenda", "minutes", "officer_report", "inspection_report", "action_plan",
        "acronym_table", "generic", "appendix", "strategy", "implementation_plan",
        "forward_plan",
    ]
    _check_cover(pack, segs)
    assert segs[0].title == "HEALTH AND WELLBEING SCRUTINY PANEL Agenda"
    assert segs[2].title == "Inspection of Youth Justice Services"
    # the unknown region is kept, and reported
    assert len(warnings) == 1 and "no document heading" in warnings[0].message
    assert pack.line(segs[6].start).startswith("Notes from the partnership")


def test_work_programme_title_and_forward_plan_in_agenda_item_are_not_split():
    text = "\n".join([
        "Corporate Scrutiny Committee Agenda", "", "Date: 1 May 2013", "",
        "1. **Forward Plan**", "", "2. **Work Programme**", "",
        "This page is intentionally left blank", "",
        "Corporate Scrutiny Committee Work Programme 2013/14", "",
        "Topic\tLead officer\tDue date\tStatus", "Libraries review\tHead of Culture\tJune 2013\t",
    ])
    segs, _ = segment(PackText.from_string(text))
    assert [(s.kind, s.start) for s in segs] == [("agenda", 1), ("work_programme", 11)]


def test_unrecognised_text_is_one_generic_document_with_a_warning():
    segs, warnings = segment(PackText.from_string("Hello\n\nSome notes.\n"))
    assert [(s.kind, s.start, s.end) for s in segs] == [("generic", 1, 3)]
    assert len(warnings) == 1


def test_empty_pack_has_no_segments():
    assert segment(PackText.from_string("")) == ([], [])


@example(["REPORT TO: Cabinet", "This page is intentionally left blank", "Report of"])
@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(
    st.text(max_size=60),
    st.sampled_from(["This page is intentionally left blank", "REPORT TO: Cabinet",
                     "Report of: Director", "Acronyms", "X\tY\tZ", "APPENDIX 1", "Agenda",
                     "Date: 1 May 2012", "1. Item", "Inspection dates: 1 May 2012",
                     "Published: 2 May 2012", "", "STRATEGY FOR X", "Contents"]),
), max_size=40))
def test_segment_never_raises_and_covers_every_line(lines):
    pack = PackText(name="x.txt", lines=lines, sha256="0")
    segs, _ = segment(pack)
    if lines:
        _check_cover(pack, segs)
    else:
        assert segs == []


def test_plans_found_by_their_table_headers_alone():
    text = "\n".join([
        "REPORT TO: Cabinet", "Report of: Director of Place", "Subject/Title: Libraries", "",
        "1.0 Summary", "", "The plan follows.", "",
        "This page is intentionally left blank", "",
        "Outcome 1. Everyone can reach a library within 20 minutes", "",
        "Action\tLead\tTimescale", "1.1 Open two hubs\tHead of Libraries\tMarch 2014", "",
        "This page is intentionally left blank", "",
        "Recommendation\tKey actions\tResponsible officer\tRAG",
        "Improve opening hours\tConsult users\tLibraries Manager\tGreen",
    ])
    segs, warnings = segment(PackText.from_string(text))
    assert [(s.kind, s.start) for s in segs] == [
        ("officer_report", 1), ("implementation_plan", 11), ("action_plan", 18)]
    assert segs[1].title.startswith("Outcome 1.")
    assert warnings == []


def test_compact_pack_without_blank_lines_or_page_breaks():
    text = "\n".join([
        "WESTBY DISTRICT COUNCIL", "HOUSING SCRUTINY PANEL",
        "Minutes of a meeting held on Monday, 3rd October 2011 at the Town Hall",
        "PRESENT: Councillor A Lee (Chairman); Councillors B Ray and C Diaz",
        "4 HOMELESSNESS INSPECTION", "RESOLVED: (a) That the report be noted.",
        "Ofsted: Inspection of housing advice services, Westby (published 1 September 2011)",
        "Overall effectiveness is adequate (grade 3)",
        "IMPROVEMENT PLAN: Housing advice inspection",
        "Area for improvement\tKey actions\tResponsible officer\tRAG",
    ])
    segs, _ = segment(PackText.from_string(text))
    assert [(s.kind, s.start) for s in segs] == [
        ("minutes", 1), ("inspection_report", 7), ("action_plan", 9)]


def test_minutes_of_the_meeting_held_on_opens_minutes() -> None:
    """'MINUTES of the meeting held on ...' under the body's name is a minutes title; a
    sentence in a minute that starts the same way is not."""
    pack = PackText.from_string(
        (DATA / "segment" / "safeguarding_board_pack.txt").read_text(encoding="utf-8"))
    segs, _ = segment(pack)
    assert [s.kind for s in segs] == ["agenda", "minutes", "officer_report"]
    assert segs[1].title.startswith("MINUTES of the meeting held on Thursday, 13th December")
    text = "\n".join(["Riverton Adults Committee Agenda", "", "Date: 1 May 2013", "",
                      "1. Minutes", "",
                      "Minutes of the meeting held on 3 April 2013 were agreed.", ""])
    segs, _ = segment(PackText.from_string(text))
    assert [s.kind for s in segs] == ["agenda"]


def test_plan_whose_first_column_is_the_requirement_is_an_action_plan() -> None:
    """A CQC-style plan ('Requirement | Action | Lead | Timescale | RAG') is found by its
    header row, as a 'Recommendation' plan is."""
    text = "\n".join([
        "Notes from the partnership day", "", "Carers matter.", "",
        "This page is intentionally left blank", "",
        "Compliance summary", "",
        "| Requirement | Action | Lead | Timescale | RAG |", "|---|---|---|---|---|",
        "| The Trust must record capacity. | Audit records | Head of Nursing | May 2019 | G |",
    ])
    segs, _ = segment(PackText.from_string(text))
    assert [(s.kind, s.title) for s in segs] == [
        ("generic", "Notes from the partnership day"), ("action_plan", "Compliance summary")]


@pytest.mark.parametrize(("name", "title"), [
    ("inspection_cqc.txt",  # 'Care Quality Commission' between title and 'Dates of review:'
     "Review of health services for children looked after and safeguarding in Northmoor"),
    ("inspection_sif_northvale.txt",  # a long title under the council's name
     "Inspection of services for children in need of help and protection, children looked "
     "after and care leavers"),
    ("inspection_send.txt", "Joint local area SEND inspection in Westmere"),
    ("inspection_westshire.txt",
     "Inspection of safeguarding and looked after children services Westshire"),
    ("inspection_cqc_trust.txt",  # the provider's name over 'Inspection report'
     "Westmere Community Health NHS Trust Inspection report"),
    ("inspection_hmip.txt", "An inspection of youth offending services in Westmere"),
    ("inspection_cqc_grid.txt", "Westmere Hospital Inspection report"),
])
def test_inspection_reports_are_one_document_from_their_title(name: str, title: str) -> None:
    pack = PackText.from_string((DATA / "excerpts" / name).read_text(encoding="utf-8"))
    segs, warnings = segment(pack)
    assert [(s.kind, s.title, s.start) for s in segs] == [("inspection_report", title, 1)]
    assert warnings == []


def test_a_markdown_heading_s_marks_are_not_in_the_title() -> None:
    pack = PackText.from_string((DATA / "excerpts" / "strategy_eastmoor.txt").read_text())
    segs, _ = segment(pack)
    assert [(s.kind, s.title) for s in segs] == [
        ("strategy", "Eastmoor Early Help Strategy 2014-2017")]


def test_business_plan_is_a_plan_but_not_a_heading_inside_a_report() -> None:
    plan = "\n".join([
        "Northbrook Safeguarding Adults Board Business Plan 2020-2021", "",
        "| Ref | Action | Lead | By when | Status |", "|---|---|---|---|---|",
        "| 1.1 | Publish a self-neglect protocol | Board Business Manager | June 2020 | Done |"])
    segs, _ = segment(PackText.from_string(plan))
    assert [(s.kind, s.start) for s in segs] == [("implementation_plan", 1)]
    report = "\n".join([
        "REPORT TO: CABINET", "", "Date of Meeting: 12 May 2020", "",
        "Report of: Chief Executive", "", "Subject: Council Business Plan 2020-24", "",
        "1. Purpose", "", "1.1 To approve the plan.", "", "Council Business Plan", "",
        "The plan sets out our priorities."])
    segs, _ = segment(PackText.from_string(report))
    assert [s.kind for s in segs] == ["officer_report"]
