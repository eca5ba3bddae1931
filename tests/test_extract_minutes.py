"""Golden tests of the minutes extractor on excerpts of the sample and of another council."""

from __future__ import annotations

from ingest.extractors import PackContext
from ingest.segment import segment
from tests.excerpt_helpers import extract_excerpt


def test_sample_meeting_held():
    _, recs = extract_excerpt("minutes_sample.txt", "minutes")
    held = [m for m in recs.meetings if m.status == "held"]
    [m] = held
    assert (m.body, m.date, m.start_time, m.end_time) == (
        "Adult Social Care Scrutiny Committee", "2011-07-20", "10:30", "12:05")
    assert m.venue == "Committee Suite 2/3 - Westfields, Middlewich Road, Sandbach, CW11 1HZ"
    assert (m.chair, m.vice_chair) == ("M J Simon", "B Silvester")
    assert m.present == ["M J Simon", "B Silvester", "P Groves", "J Jackson", "F Keegan",
                         "P Raynes", "J Saunders", "L Jeuda", "I Faseyi"]
    assert m.apologies == ["C Andrew", "S Jones", "B Murphy", "R Domleo"]
    assert m.in_attendance == ["O Hunter"]
    assert m.officers == ["Phil Lloyd", "Lucia Scally", "Karen Carsberg", "Mike O'Regan",
                          "Mark Grimshaw"]
    assert m.officer_posts["Karen Carsberg"] == "Strategic Housing Manager"
    assert m.officer_posts["Mark Grimshaw"] == "Scrutiny Officer"


def test_sample_referenced_meeting():
    _, recs = extract_excerpt("minutes_sample.txt", "minutes")
    ref = [(m.date, m.status) for m in recs.meetings if m.status == "referenced"]
    assert ref == [("2011-06-16", "referenced")]


def test_sample_declaration():
    _, recs = extract_excerpt("minutes_sample.txt", "minutes")
    [d] = recs.declarations
    assert (d.person, d.interest_type, d.minute_number) == ("Irene Faseyi", "personal", "9")
    assert d.reason == "she was an employee of Southern Cross Healthcare Group PLC"


def test_sample_resolutions_each_clause():
    _, recs = extract_excerpt("minutes_sample.txt", "minutes")
    got = [(r.minute_number, r.clause) for r in recs.resolutions]
    assert got == [("11", None), ("12", "a"), ("12", "b"), ("13", "a"), ("13", "b"),
                   ("13", "c"), ("13", "d"), ("14", "a"), ("14", "b"), ("15", "a"),
                   ("16", None)]
    # 'RESOLVED – That the work programme be ... amended as follows:' introduces clause a)
    assert all(not r.text.endswith(":") for r in recs.resolutions)
    by = {(r.minute_number, r.clause): r for r in recs.resolutions}
    assert by[("11", None)].action_owner == "M J Simon"  # 'signed by the Chairman'
    assert by[("13", "b")].action_owner == ("Director of Adults, Community, Health and "
                                            "Wellbeing")
    assert by[("13", "a")].text == "That the report be noted."
    assert by[("13", "a")].minute_title == ("THINK LOCAL ACT PERSONAL - A NATIONAL STRATEGY "
                                            "FOR LOCAL IMPLEMENTATION")
    assert by[("16", None)].text == "That the forward plan be noted."


def test_sample_people_with_roles():
    _, recs = extract_excerpt("minutes_sample.txt", "minutes")
    roles = {(p.name, p.role) for p in recs.people}
    assert ("M J Simon", "Chairman") in roles
    assert ("B Silvester", "Vice-Chairman") in roles
    assert ("Phil Lloyd", "Director of Adults, Community, Health and Wellbeing") in roles
    titles = {p.name: p.title for p in recs.people if p.context == "minutes.present"}
    assert titles["J Jackson"] == "Councillor"  # 'Councillors A, B ...' titles the whole list


def test_other_council_minutes():
    _, recs = extract_excerpt("minutes_other.txt", "minutes")
    m = next(m for m in recs.meetings if m.status == "held")
    assert (m.body, m.date, m.start_time, m.end_time) == (
        "Children's Services Overview and Scrutiny Panel", "2012-04-02", "18:30", "20:15")
    assert (m.chair, m.vice_chair) == ("Jane Okoro", "T Brennan")
    assert m.present == ["Jane Okoro", "T Brennan", "A Hughes", "K Malik", "P Novak"]
    assert m.apologies == ["D Evans"]
    assert m.officer_posts == {"Sam Whitfield": "Head of Early Help",
                               "Ruth Adeyemi": "Designated Doctor for Safeguarding"}
    [d] = recs.declarations
    assert (d.person, d.interest_type, d.minute_number) == ("K Malik", "prejudicial", "31")
    assert [(r.minute_number, r.clause, r.action_owner) for r in recs.resolutions] == [
        ("32", None, "Jane Okoro"), ("33", "a", None), ("33", "b", "Head of Early Help")]


def test_stacked_web_page_heading_and_chair_without_brackets():
    _, recs = extract_excerpt("minutes_stacked.txt", "minutes")
    m = recs.meetings[0]
    assert (m.body, m.date, m.chair) == ("Licensing Committee", "2012-03-08", "Jo Baxter")
    assert m.present == ["Jo Baxter", "M Reid", "N Shah"]
    # the decision after the attendance is read; 'Recommended reading ...' is not a decision
    assert [(r.clause, r.text) for r in recs.resolutions] == [
        (None, "that the application be granted.")]


def test_body_on_the_line_above_and_clause_on_the_resolved_line():
    from ingest.text import PackText
    from tests.excerpt_helpers import extractor

    pack = PackText.from_string("\n".join([
        "WESTBY DISTRICT COUNCIL", "HOUSING SCRUTINY PANEL",
        "Minutes of a meeting held on Monday, 3rd October 2011 at the Town Hall",
        "PRESENT: Councillor A Lee (Chairman); Councillors B Ray and C Diaz",
        "4 HOMELESSNESS INSPECTION", "RESOLVED: (a) That the report be noted.",
        "(b) That the Head of Housing be asked to report back in March.",
    ]))
    segs, _ = segment(pack)
    recs = extractor("minutes")(pack, segs[0], PackContext())
    m = recs.meetings[0]
    assert (m.body, m.date, m.venue, m.chair) == ("Housing Scrutiny Panel", "2011-10-03",
                                                  "Town Hall", "A Lee")
    assert m.present == ["A Lee", "B Ray", "C Diaz"]
    assert [(r.minute_number, r.clause, r.action_owner) for r in recs.resolutions] == [
        ("4", "a", None), ("4", "b", "Head of Housing")]


def test_officers_on_one_line_in_every_style():
    from ingest.minutes_attendance import read_attendance

    att = read_attendance(["Officers: Dan Hood (Head of Law), B Jones (Clerk) and "
                           "C Ng (Democratic Services Officer)"], 1)
    assert att.officer_posts == {"Dan Hood": "Head of Law", "B Jones": "Clerk",
                                 "C Ng": "Democratic Services Officer"}
    assert read_attendance(["Officers: Jane Smith, Head of Legal"], 1).officer_posts == {
        "Jane Smith": "Head of Legal"}
    assert read_attendance(["Officers: Amy Smith, Bob Jones and Cal Brown"], 1).officers == [
        "Amy Smith", "Bob Jones", "Cal Brown"]
    present = read_attendance(["Present: Councillors: A Lee, B Ray"], 1)
    assert present.present == ["A Lee", "B Ray"] and present.titles["B Ray"] == "Councillor"


def test_board_members_one_a_line_with_posts_and_organisations():
    """A partnership board lists one member a line, 'Name, Post, Organisation' or
    'Name (Independent Chair)': each line is one member, with the post held at the body."""
    _, recs = extract_excerpt("minutes_board_members.txt", "minutes")
    [m] = [m for m in recs.meetings if m.status == "held"]
    assert m.present == ["Helen Whitfield", "Sam Okoro", "Mark Ellis", "Claire Dunn",
                         "Angela Ford"]
    assert (m.apologies, m.in_attendance) == (["Tom Price"], ["Priya Natarajan"])
    assert m.chair == "Helen Whitfield"
    posts = {(p.name, p.role, p.body) for p in recs.people if p.context.endswith(".post")}
    assert posts == {
        ("Sam Okoro", "Cabinet Member for Adult Social Care", "Northbrook Borough Council"),
        ("Mark Ellis", "Director of Adult Social Services", "Northbrook Borough Council"),
        ("Claire Dunn", None, "Northbrook Police"),
        ("Angela Ford", "Director of Nursing", "Northbrook Community Health NHS Trust"),
        ("Tom Price", None, "Northbrook Clinical Commissioning Group"),
        ("Priya Natarajan", "Board Business Manager", None)}
    people = {p.name: p for p in recs.people}
    assert people["Claire Dunn"].title == "Detective Superintendent"
    assert people["Helen Whitfield"].title == "Dr"
    bodies = {b.name for b in recs.bodies}
    assert {"Northbrook Police", "Northbrook Borough Council"} <= bodies


def test_a_list_wrapped_over_lines_is_still_one_list():
    from ingest.minutes_attendance import read_attendance

    att = read_attendance(["Present:", "Councillors A Lee, B Ray and", "C Dee"], 1)
    assert att.present == ["A Lee", "B Ray", "C Dee"] and att.member_posts == {}
    att = read_attendance(["Present: Amy Smith, Bob Jones and Cal Brown"], 1)
    assert att.present == ["Amy Smith", "Bob Jones", "Cal Brown"]
    att = read_attendance(["Apologies: Tom Price (Westshire Police)"], 1)
    assert att.apologies == ["Tom Price"]
    assert att.member_posts == {"Tom Price": (None, "Westshire Police")}
    att = read_attendance(["Present:", "Jane Okafor", "Peter Lang"], 1)
    assert att.present == ["Jane Okafor", "Peter Lang"]


def test_county_minutes_attendance_apologies_minute_and_clauses_under_a_stem():
    _, recs = extract_excerpt("minutes_county.txt", "minutes")
    [m] = [m for m in recs.meetings if m.status == "held"]
    assert (m.chair, m.present) == ("Jane Smith", ["Jane Smith", "A Brown", "C Davis",
                                                   "E Fox", "G Hall"])
    assert m.apologies == ["P Quinn", "R Shaw"]  # from the 'Apologies for absence' minute
    assert m.in_attendance == ["K Lee"]
    got = [(r.minute_number, r.clause, r.text[:30], r.action_owner) for r in recs.resolutions]
    assert got == [
        ("25", None, "That the minutes of the meetin", "Jane Smith"),
        ("26", "1", "the report be noted;", None),
        ("26", "2", "the Director of Children's Ser", "Director of Children's Services"),
        ("26", "3", "the Committee's thanks be conv", None),
        ("27", None, "That the work programme be agr", None)]


def test_who_a_resolution_asks_to_act():
    from ingest.minutes_decisions import action_owner

    body = "Adult Social Care Scrutiny Committee"
    cases = {
        "That the Committee review the efficacy of the policy": body,
        "That the Committee receive regular updates": None,  # receiving is not acting
        "That the report be noted.": None,
        "That the Director's report be noted.": None,
        "That Councillor Smith write to the Minister": "Councillor Smith",
        "That the Board consider the findings": "Board",  # not this committee's own name
        "That the minutes be signed by the Chairman": "A Chair",
    }
    assert {t: action_owner(t, "A Chair", body) for t in cases} == cases


def test_board_minutes_agreed_recommended_to_and_decision_lines():
    """'Minutes of the X Board held on ...'; 'AGREED:', 'RECOMMENDED to Council:' (the
    Council is asked to act) and 'DECISION: The Director ... to publish ...'."""
    _, recs = extract_excerpt("minutes_hwb.txt", "minutes")
    [m] = recs.meetings
    assert (m.body, m.date, m.chair, m.vice_chair) == (
        "Northbrook Health and Wellbeing Board", "2020-04-02", "Sam Okoro", "Amir Khan")
    assert [(r.minute_number, r.text[:22], r.action_owner) for r in recs.resolutions] == [
        ("1", "That the Better Care F", None),
        ("2", "That the Pharmaceutica", "Council"),
        ("3", "The Director of Public", "Director of Public Health")]
