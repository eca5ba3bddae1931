"""Golden tests of the agenda extractor on excerpts of the sample and of another council."""

from __future__ import annotations

from ingest.extractors import PackContext
from tests.excerpt_helpers import extract_excerpt


def test_sample_agenda_meeting_and_context():
    ctx = PackContext()
    pack, recs = extract_excerpt("agenda_sample.txt", "agenda", ctx)
    [m] = recs.meetings
    assert (m.body, m.date, m.start_time, m.status) == (
        "Adult Social Care Scrutiny Committee", "2011-09-22", "10:00", "scheduled")
    assert m.venue == "Committee Suite 2/3 - Westfields, Middlewich Road, Sandbach, CW11 1HZ"
    assert (ctx.meeting_body, ctx.meeting_date) == (m.body, m.date)
    assert pack.line(m.span.start) == "Adult Social Care Scrutiny Committee Agenda"


def test_sample_agenda_items():
    _, recs = extract_excerpt("agenda_sample.txt", "agenda")
    items = [(i.number, i.title, i.pages, i.part) for i in recs.agenda_items]
    assert len(items) == 12
    assert items[0] == (1, "Apologies for Absence", None, 1)
    assert items[1] == (2, "Minutes of Previous meeting", "1 - 6", 1)
    assert items[5] == (6, "OFSTED Inspection of Safeguarding and Looked After Children "
                           "Services - overlapping issues with Adult Services", "7 - 98", 1)
    assert items[11] == (12, "Forward Plan - extracts", "153 - 154", 1)
    assert recs.agenda_items[1].purpose == (
        "To approve the minutes of the meeting held on 20 July 2011.")
    assert recs.agenda_items[0].purpose is None
    assert all("**" not in i.title for i in recs.agenda_items)


def test_sample_agenda_contact_and_bodies():
    _, recs = extract_excerpt("agenda_sample.txt", "agenda")
    [contact] = recs.people
    assert (contact.name, contact.email) == ("Mark Grimshaw", "mark.grimshaw@cheshireeast.gov.uk")
    names = {b.name for b in recs.bodies}
    assert {"Adult Social Care Scrutiny Committee", "Care Quality Commission"} <= names


def test_other_council_agenda_parts_and_single_page():
    _, recs = extract_excerpt("agenda_other.txt", "agenda")
    [m] = recs.meetings
    assert (m.body, m.date, m.start_time) == (
        "Children's Services Overview and Scrutiny Panel", "2012-05-14", "18:30")
    assert [(i.number, i.pages, i.part) for i in recs.agenda_items] == [
        (1, None, 1), (2, "1 - 8", 1), (3, "9 - 30", 1), (4, "31", 2)]
    [contact] = recs.people
    assert (contact.name, contact.role, contact.email) == (
        "Priya Desai", "Democratic Services Officer", "priya.desai@southford.example.gov.uk")


def test_items_numbered_with_a_tab_and_table_rows_ignored():
    from ingest.segment import segment
    from ingest.text import PackText
    from tests.excerpt_helpers import extractor

    pack = PackText.from_string("Planning Committee Agenda\n\nDate: 2 July 2013\n\n"
                                "1.\tApologies\n\n2.\tLand at Mill Lane (Pages 3 - 9)\n\n"
                                "3 Ward\tApplicant\tDecision\n")
    segs, _ = segment(pack)
    recs = extractor("agenda")(pack, segs[0], PackContext())
    assert [(i.number, i.title, i.pages) for i in recs.agenda_items] == [
        (1, "Apologies", None), (2, "Land at Mill Lane", "3 - 9")]


def test_agenda_written_as_a_table():
    """'| Item | Title | Lead | Pages |': each numbered row is an item, pages as written."""
    _, recs = extract_excerpt("agenda_table.txt", "agenda", PackContext())
    got = [(i.number, i.title, i.pages) for i in recs.agenda_items]
    assert got == [
        (1, "Welcome, introductions and apologies", None),
        (2, "Minutes of the meeting held on 13 December 2018 and action log", "1 - 8"),
        (3, "CQC inspection of Northbrook Community Health NHS Trust", "9 - 30"),
        (4, "Safeguarding Adults Review: Adult B - action plan", "31 - 40"),
        (5, "Any other business", None)]
    assert {i.meeting_date for i in recs.agenda_items} == {"2019-03-14"}
    [m] = recs.meetings
    assert (m.body, m.date, m.start_time) == ("NORTHBROOK SAFEGUARDING ADULTS BOARD",
                                              "2019-03-14", "10:00")


def test_moderngov_agenda_title_under_the_pack_stamp_and_membership():
    """'Public Document Pack' (the stamp) over 'Agenda' over 'Cabinet': the Cabinet's
    agenda; 'Membership: Councillors P Grant (Leader), S Okoro ...' its members."""
    _, recs = extract_excerpt("agenda_moderngov.txt", "agenda", PackContext())
    [m] = recs.meetings
    assert (m.body, m.date, m.start_time, m.venue) == ("Cabinet", "2020-05-12", "14:00",
                                                      "Virtual meeting")
    members = [(p.name, p.title, p.role, p.body) for p in recs.people
               if p.context == "agenda.membership"]
    assert members == [("P Grant", "Councillor", "Leader", "Cabinet"),
                       ("S Okoro", "Councillor", "Member", "Cabinet"),
                       ("L Price", "Councillor", "Member", "Cabinet"),
                       ("M Webb", "Councillor", "Member", "Cabinet")]
    assert [i.title for i in recs.agenda_items][-1] == (
        "Adult Social Care Market Position Statement")


def test_notice_of_meeting_with_unlabelled_date_parts_and_enquiries_line() -> None:
    """A district council's 'Notice of Meeting': the committee's name over an unlabelled
    'Wednesday 21 June 2023, 6.30 pm' line and its venue, 'Members:', PART I / PART II
    headings, and the contact as 'Enquiries: Name, Post, phone, e-mail'."""
    _, recs = extract_excerpt("agenda_notice_of_meeting.txt", "agenda", PackContext())
    [m] = recs.meetings
    assert (m.body, m.date, m.start_time, m.venue) == (
        "Overview and Scrutiny Committee", "2023-06-21", "18:30",
        "Council Chamber, Civic Offices, Southvale")
    assert [(i.number, i.part) for i in recs.agenda_items] == [
        (1, 1), (2, 1), (3, 1), (4, 1), (5, 1), (6, 1), (7, 2)]
    assert recs.agenda_items[3].purpose == "Report of the Head of Communities."
    roles = {(p.name, p.role) for p in recs.people}
    assert ("R Ahmed", "Chair") in roles and ("Priya Nair", "Democratic Services Officer") in roles
