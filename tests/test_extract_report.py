"""Golden tests of the officer-report extractor, and property tests of all my extractors."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extractors import PackContext
from ingest.records import Segment
from ingest.text import PackText
from tests.excerpt_helpers import extract_excerpt, extractor


def test_sample_report_header():
    _, recs = extract_excerpt("report_sample.txt", "officer_report")
    [r] = recs.reports
    assert r.title == "OFSTED Inspection of Safeguarding and Looked After Children Services"
    assert (r.author, r.author_role) == (
        "Lorraine Butcher", "Strategic Director of Children, Families and Adults Services")
    assert (r.to_body, r.meeting_date) == ("Adults Social Care Scrutiny Committee", "2011-09-22")
    assert r.portfolio_holder == "Hilda Gaddum"
    assert (r.contact_name, r.contact_post) == (
        "Lorraine Butcher", "Strategic Director of Children, Families & Adults")


def test_sample_report_decisions_requested():
    _, recs = extract_excerpt("report_sample.txt", "officer_report")
    decisions = recs.reports[0].decisions_requested
    assert len(decisions) == 5
    assert decisions[0] == "Note the content of this report"
    assert decisions[4].startswith("Note the current consultation on the inspection framework")


def test_sample_report_leaves_areas_for_improvement_to_the_inspection():
    _, recs = extract_excerpt("report_sample.txt", "officer_report")
    assert recs.recommendations == [] and recs.actions == []


def test_sample_report_people_and_bodies():
    _, recs = extract_excerpt("report_sample.txt", "officer_report")
    people = {(p.name, p.role, p.context) for p in recs.people}
    assert ("Hilda Gaddum", "Portfolio Holder", "report.portfolio_holder") in people
    contact = next(p for p in recs.people if p.context == "report.contact")
    assert contact.email == "lorraine.butcher@cheshireeast.gov.uk"
    assert recs.bodies[0].name == "Adults Social Care Scrutiny Committee"
    assert recs.bodies[0].context == "report.to"


def test_report_of_a_post_alone():
    pack = PackText.from_string(
        "REPORT TO: ADULT SOCIAL CARE SCRUTINY COMMITTEE\n\nDate of Meeting: 22 September "
        "2011\nReport of: Borough Solicitor\nSubject/Title: Work Programme update\n")
    seg = Segment("officer_report", "Work Programme update", 1, len(pack))
    [r] = extractor("officer_report")(pack, seg, PackContext()).reports
    assert (r.author, r.author_role, r.title) == (None, "Borough Solicitor",
                                                   "Work Programme update")


def test_other_council_report():
    _, recs = extract_excerpt("report_other.txt", "officer_report")
    [r] = recs.reports
    assert r.title == "Youth Offending Service Annual Plan 2012/13"
    assert (r.author, r.author_role) == (None, "Director of Children's Services")
    assert (r.to_body, r.meeting_date, r.portfolio_holder) == ("Cabinet", "2012-06-04",
                                                               "Mark Osei")
    assert r.decisions_requested == [
        "That Cabinet approves the Youth Offending Service Annual Plan 2012/13",
        "That Cabinet notes the findings of the HM Inspectorate of Probation."]
    assert (r.contact_name, r.contact_post) == ("Sam Whitfield", "Head of Early Help")


_LINES = st.lists(st.one_of(
    st.text(max_size=50),
    st.sampled_from([
        "RESOLVED –", "- a) That", "Present: Councillor A (Chair), B and", "Officers",
        "X\tY", "1. **Item** (Pages 1 - 2)", "Date: 31/02/2011", "Report of: ,", "Name:",
        "Councillor declared a interest", "12 TITLE", "The meeting commenced at 99.99 pm",
        "Minutes of a meeting of the held on", "2.0 Recommendations", "- 2.1", "PART 2",
    ])), min_size=1, max_size=30)


@settings(max_examples=50, deadline=None)
@given(_LINES, st.sampled_from(["agenda", "minutes", "officer_report", "generic",
                                "consultation"]))
def test_extractors_never_raise(lines, kind):
    pack = PackText(name="x.txt", lines=lines, sha256="0")
    seg = Segment(kind, "t", 1, len(lines))
    recs = extractor(kind)(pack, seg, PackContext())
    assert recs.segment is seg
    for group in (recs.meetings, recs.resolutions, recs.people, recs.bodies):
        for rec in group:
            assert 1 <= rec.span.start <= rec.span.end <= len(lines)


def test_consultation_paper_reports_itself_and_its_named_people():
    pack = PackText.from_string(
        "Arrangements for the inspection of children's services\n\nConsultation document\n\n"
        "The final report of Professor Eileen Munro's review was published by the "
        "Department for Education.\n\nProfessor Munro recommends that ...\n")
    recs = extractor("consultation")(pack, Segment("consultation", "Arrangements - "
                                                   "Consultation document", 1, len(pack)),
                                     PackContext())
    assert [(r.title, r.kind) for r in recs.reports] == [
        ("Arrangements - Consultation document", "consultation")]
    assert [(p.name, p.title) for p in recs.people] == [("Eileen Munro", "Professor")]
    assert [b.name for b in recs.bodies] == ["Department for Education"]


def test_agenda_and_minutes_report_themselves():
    _, agenda = extract_excerpt("agenda_sample.txt", "agenda")
    assert [(r.title, r.kind) for r in agenda.reports] == [
        ("Adult Social Care Scrutiny Committee Agenda", "agenda")]
    _, minutes = extract_excerpt("minutes_sample.txt", "minutes")
    assert [(r.title, r.kind) for r in minutes.reports] == [
        ("Minutes of a meeting of the Adult Social Care Scrutiny Committee held on Wednesday, "
         "20th July, 2011", "minutes")]


def test_report_of_without_colon_and_title_under_the_header():
    pack = PackText.from_string("Report to: Cabinet\nReport of the Director of Place\n"
                                "Date: 12 June 2012\n\nLocal Plan consultation\n\n"
                                "1. Recommendations\n\n1.1 That Cabinet agrees the consultation.\n")
    from ingest.segment import segment

    segs, _ = segment(pack)
    assert [s.kind for s in segs] == ["officer_report"]
    [r] = extractor("officer_report")(pack, segs[0], PackContext()).reports
    assert (r.title, r.author, r.author_role, r.to_body, r.meeting_date) == (
        "Local Plan consultation", None, "Director of Place", "Cabinet", "2012-06-12")
    assert r.decisions_requested == ["That Cabinet agrees the consultation."]


def test_plan_table_inside_a_report_gives_actions_with_owners_and_rag():
    """An officer report's own 'Action plan' table (the segmenter keeps the report whole):
    one action per row, the 'Requirement' column as what it serves, a RAG column with no
    progress column as the status at the meeting's date."""
    ctx = PackContext()
    ctx.meeting_date = "2019-03-14"
    _, recs = extract_excerpt("report_with_plan.txt", "officer_report", ctx)
    assert [r.title for r in recs.reports] == [
        "CQC inspection of Northbrook Community Health NHS Trust"]
    got = [(a.recommendation_text, [o.name for o in a.owners], a.timescale_as_written,
            [(s.checkpoint, s.date, s.rag) for s in a.statuses]) for a in recs.actions]
    assert got == [
        ("The Trust must ensure that staff complete adult safeguarding level 3 training.",
         ["Head of Safeguarding"], "30 June 2019", [("RAG", "2019-03-14", "amber")]),
        ("The Trust must ensure that mental capacity assessments are recorded.",
         ["Angela Ford"], "31 May 2019", [("RAG", "2019-03-14", "green")])]
    assert recs.actions[0].key_actions.startswith("Training trajectory agreed")
    assert recs.actions[0].span.start == 98 - 63  # the row's own line
    assert not recs.warnings


def test_report_tabulating_an_inspection_s_grades_yields_the_inspection():
    _, recs = extract_excerpt("report_with_plan.txt", "officer_report", PackContext())
    [insp] = recs.inspections
    assert (insp.inspectorate, insp.subject_body, insp.published) == (
        "Care Quality Commission", "Northbrook Community Health NHS Trust", "2019-02-04")
    assert [(j.area, j.grade, j.grade_label) for j in insp.judgements] == [
        ("Are services safe?", 3, "Requires improvement"), ("Are services effective?", 2, "Good"),
        ("Are services caring?", 2, "Good"), ("Are services responsive?", 2, "Good"),
        ("Are services well-led?", 3, "Requires improvement"),
        ("Overall", 3, "Requires improvement")]


def test_a_report_without_a_graded_table_reports_no_inspection():
    _, recs = extract_excerpt("report_sample.txt", "officer_report")
    assert recs.inspections == []


def test_contact_officer_with_the_post_on_the_same_line():
    _, recs = extract_excerpt("report_contact_inline.txt", "officer_report")
    [r] = recs.reports
    assert (r.contact_name, r.contact_post) == ("Priya Shah", "Head of Commissioning")
    assert (r.author, r.author_role) == (None, "Director of Adult Social Care")
    assert r.decisions_requested == [
        "That Cabinet approves the Market Position Statement.",
        "That authority be delegated to the Director of Adult Social Care to agree minor "
        "amendments."]


def test_cabinet_response_table_gives_numbered_actions_with_their_leads():
    """A task group's recommendations with the Cabinet's response: the row's number is the
    recommendation's id; each row an action owned by its lead officer."""
    _, recs = extract_excerpt("report_cabinet_response.txt", "officer_report")
    got = [(a.recommendation_id, a.recommendation_text[:30], [o.name for o in a.owners],
            a.timescale_as_written) for a in recs.actions]
    assert got == [
        ("R1", "The Council should publish a s", ["Head of Education Access"], "September 2020"),
        ("R2", "Schools should notify the Coun", ["Head of Education Access"], "December 2020"),
        ("R3", "The Cabinet Member should rece", ["Director of Children's Services"],
         "Quarterly from October 2020")]


def test_cabinet_report_template_with_bulleted_recommendations():
    """'Cabinet Member:', 'Report author: Name, Post'; recommendations as bullets under
    'Cabinet is recommended to:'."""
    _, recs = extract_excerpt("report_cabinet_template.txt", "officer_report")
    [r] = recs.reports
    assert (r.title, r.to_body, r.meeting_date, r.portfolio_holder) == (
        "Adult Social Care Market Position Statement", "Cabinet", "2020-05-12", "L Price")
    assert (r.author, r.author_role) == ("Priya Shah", "Head of Commissioning")
    assert r.decisions_requested == [
        "Approve the Market Position Statement",
        "Delegate minor amendments to the Director of Adult Social Care."]


def test_lettered_recommendations_under_the_committee_is_asked_to() -> None:
    """'2. Recommendations' / 'The Committee is asked to:' / '(a) note ...;' / '(b) ask the
    Director ... to report ...': each lettered item is a decision asked for."""
    from tests.excerpt_helpers import extract_whole, records

    [report] = records(extract_whole("report_lettered_recommendations.txt"), "reports")
    assert report.decisions_requested == [
        "Note the annual complaints report",
        "Ask the Director of Adult Social Care to report on the timeliness of complaint "
        "responses in six months."]
    assert (report.contact_name, report.contact_post) == ("Maria Lopez", "Complaints Manager")
