"""Golden tests of the work-programme extractor: the sample's schedule and another council's."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extractors import PackContext, registered
from ingest.extractors._report_header import author_and_role
from ingest.extractors.work_programme import extract_work_programme, split_due
from ingest.records import DocumentRecords, Segment
from ingest.text import PackText
from tests.conftest import DATA


def run(name: str, ctx: PackContext | None = None) -> tuple[PackText, DocumentRecords]:
    pack = PackText.from_string((DATA / "excerpts" / name).read_text())
    segment = Segment("work_programme", "Work Programme", 1, len(pack))
    return pack, extract_work_programme(pack, segment, ctx or PackContext())


def test_registered() -> None:
    assert registered()["work_programme"] is extract_work_programme


def test_report_header_of_the_sample() -> None:
    _, rec = run("work_programme_scrutiny.txt")
    (report,) = rec.reports
    assert report.title == "Work Programme update"
    assert (report.author, report.author_role) == (None, "Borough Solicitor")
    assert report.to_body == "Adult Social Care Scrutiny Committee"
    assert report.meeting_date == "2011-09-22"
    assert (report.contact_name, report.contact_post) == ("Mark Grimshaw", "Scrutiny Officer")
    assert report.portfolio_holder == "Roland Domleo"
    roles = {p.name: p.role for p in rec.people if p.role}
    assert roles == {"Roland Domleo": "Portfolio Holder", "Mark Grimshaw": "Scrutiny Officer"}


def test_schedule_items_of_the_sample() -> None:
    _, rec = run("work_programme_scrutiny.txt")
    by_topic = {i.topic: i for i in rec.work_programme}
    sections = {i.section for i in rec.work_programme}
    assert sections == {"Historical Record", "Ongoing items/reviews/Monitoring Papers",
                        "Possible Future Issues / Items (Chronology)", "Items to be considered",
                        "Disregarded / Discontinued Items"}
    assert len(rec.work_programme) == 25  # 3 + 3 + 7 + 8 + 1 + 3
    training = by_topic["Training Requirements/Site Visits"]  # 'Heading:' over one line
    assert (training.section, training.notes) == ("Items to be considered", "To be discussed")
    assert by_topic["Adult Social Care Budget"].due == "20 July 2011"  # carried down
    assert by_topic["Business Planning brief"].due == "October 2011 (informal)"
    assert by_topic["Business Planning brief"].status == "On track"
    assert by_topic["Detailed review of a service area plan (LILT team)"].status is None
    assert by_topic["Communication methods for services for older people"].status == \
        "Deferred from September 2011"
    # a topic split over two TAB rows is one item
    joined = ("Local Involvement Network (LINK) – Work Programme; Future arrangements and "
              "transition to Local Healthwatch")
    assert joined in by_topic and by_topic[joined].status == "On track"
    assert by_topic[joined].span.end == by_topic[joined].span.start + 2
    assert "Network (LINK) – Work Programme; Future arrangements and transition to Local " \
           "Healthwatch" not in by_topic
    assert by_topic["Performance/Finance report"].notes == "Quarterly"
    assert by_topic["Charging policy"].section == "Items to be considered"
    assert by_topic["Support for Carers"].notes == "Superseded by Carers Strategy"
    # dates of future meetings and report-body bullets are not items
    assert not any("2011" in t and len(t.split()) <= 4 for t in by_topic)
    assert not any(t.startswith(("Does the issue", "1.1", "The topic")) for t in by_topic)


def test_task_groups_of_the_sample() -> None:
    _, rec = run("work_programme_scrutiny.txt")
    groups = {g.title: g for g in rec.task_groups}
    assert set(groups) == {"Dementia Services", "Future Arrangements/Provision of Residential Care",
                           "Budget Task and Finish Group"}  # the last named in a notes cell
    assert groups["Budget Task and Finish Group"].status is None
    assert groups["Dementia Services"].status.startswith("Postponed due to election.")
    assert groups["Dementia Services"].actions == "Update to be received by Committee 22/9"
    residential = groups["Future Arrangements/Provision of Residential Care"]
    assert "<p>" not in residential.status and "RESOLVED" in residential.status
    assert residential.status.endswith("independent of Council funding for longer")
    assert residential.actions == "Set up Membership on 22/9"


def test_markdown_work_programme_of_another_council() -> None:
    _, rec = run("work_programme_markdown.txt")
    (report,) = rec.reports
    assert (report.author, report.author_role) == ("Jane Doe", "Head of Democratic Services")
    assert report.to_body == "Overview and Scrutiny Management Board"
    assert report.portfolio_holder == "Ruth Evans"
    items = [(i.section, i.topic, i.due, i.status) for i in rec.work_programme]
    assert items == [
        ("Current Reviews", "Household waste collection", "June 2013", "Draft report"),
        ("Current Reviews", "Library service", "12 September 2013 (informal)", None),
        ("Future Topics", "Town centre parking", None, None),
        ("Future Topics", "Youth services review", None, None),
        ("Items Removed", "Street lighting", None, "Discontinued 01/02/2013"),
    ]
    assert [(g.title, g.status, g.actions) for g in rec.task_groups] == [
        ("Flood Resilience", "Report due in July", "Members to visit pumping station")]


def test_html_work_programme_with_other_headings() -> None:
    _, rec = run("work_programme_html.txt")
    assert rec.reports[0].author_role == "Director of Governance"
    assert [(i.section, i.topic, i.due, i.status) for i in rec.work_programme] == [
        ("Standing Items", "Quarterly performance report", "12 June 2014", "Scheduled"),
        ("Standing Items", "Budget monitoring", "September 2014", "Slipped to October"),
    ]
    assert [(g.title, g.status, g.actions) for g in rec.task_groups] == [
        ("School Transport", "Evidence gathering. Visit to depot", "Report to Cabinet")]


@pytest.mark.parametrize(("cell", "due", "status"), [
    ("November 2011 On track", "November 2011", "On track"),
    ("October 2011 (informal)", "October 2011 (informal)", None),
    ("On track", None, "On track"),
    ("3 March 2013 Complete", "3 March 2013", "Complete"),
])
def test_split_due(cell: str, due: str | None, status: str | None) -> None:
    assert split_due(cell) == (due, status)


@pytest.mark.parametrize(("text", "expected"), [
    ("Borough Solicitor", (None, "Borough Solicitor")),
    ("Jane Doe, Head of Democratic Services", ("Jane Doe", "Head of Democratic Services")),
    ("Councillor Ann Lee", ("Ann Lee", None)),
    ("Strategic Director (Children, Families and Adults)",
     (None, "Strategic Director (Children, Families and Adults)")),
])
def test_author_or_post(text: str, expected: tuple[str | None, str | None]) -> None:
    assert author_and_role(text) == expected


def test_context_fills_missing_meeting() -> None:
    pack = PackText.from_string("Report of: Head of Scrutiny\nSubject: Work Programme\n"
                                "Item\tDue Date and Status\nParking\tJune 2013 On track")
    rec = extract_work_programme(pack, Segment("work_programme", "W", 1, 4),
                                 PackContext(meeting_body="Scrutiny Board",
                                             meeting_date="2013-05-01"))
    assert rec.reports[0].to_body == "Scrutiny Board"
    assert rec.reports[0].meeting_date == "2013-05-01"
    assert [(i.topic, i.due, i.status) for i in rec.work_programme] == [
        ("Parking", "June 2013", "On track")]


_PIECES = st.sampled_from(["Item", "Topic", "Title", "Notes", "Actions", "Due Date and Status",
                           "Task Groups", "Historical Record", "Items to be considered:",
                           "- bullet", "November 2011 On track", "", "<p>x</p>", "|", "---",
                           "Report of: Borough Solicitor", "Name: A B", "Portfolio Holder – C D",
                           "older population.", "Dates of Future Meetings"])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(_PIECES, max_size=6), max_size=15), st.sampled_from(["\t", " | ", " "]))
def test_never_raises(rows: list[list[str]], sep: str) -> None:
    pack = PackText.from_string("\n".join(sep.join(r) for r in rows) or " ")
    rec = extract_work_programme(pack, Segment("work_programme", "W", 1, len(pack) or 1),
                                 PackContext())
    assert all(i.topic for i in rec.work_programme)
    assert all(g.title for g in rec.task_groups)


def test_councillors_named_in_a_notes_cell() -> None:
    _, rec = run("work_programme_scrutiny.txt")
    named = {(p.name, p.title) for p in rec.people if p.context == "work_programme"}
    assert named == {("D Flude", "Councillor"), ("C Thorley", "Councillor")}


def test_bodies_named_in_cells_and_wrapped_topics() -> None:
    _, rec = run("work_programme_scrutiny.txt")
    names = {b.name for b in rec.bodies}
    assert {"Local Involvement Network", "Local Healthwatch", "H&WB Committee",
            "Budget Task and Finish Group"} <= names
    assert "New Dementia Unit" not in names  # a bullet item's topic, not a body named
    assert not any(n.startswith("Dates of") for n in names)


def test_schedule_by_meeting_date_with_lead_officers() -> None:
    """'Meeting date | Item | Lead officer | Purpose | Status': every row an item, none
    taken for a header because a cell says 'Task group follow-up'."""
    _, rec = run("work_programme_by_meeting.txt")
    got = [(i.topic, i.due, i.status, i.notes, i.lead) for i in rec.work_programme]
    assert got == [
        ("Ofsted focused visit - progress on the improvement plan", "9 July 2020",
         "Scheduled", "Monitoring", "Director of Children's Services"),
        ("Children missing education", "9 July 2020", "Scheduled", "Task group follow-up",
         "Head of Education Access"),
        ("Elective home education", "15 October 2020", "To be confirmed",
         "Policy development", "Head of Education Access"),
        ("Youth justice plan", "14 January 2021", "Deferred", "Pre-decision scrutiny",
         "Head of Youth Justice")]
