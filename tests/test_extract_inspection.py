"""Inspection reports: header facts, judgements as found, areas for improvement."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extractors import PackContext, extractor_for
from ingest.extractors.inspection import extract_inspection
from ingest.records import DocumentRecords, Segment
from ingest.text import PackText

EXCERPTS = Path(__file__).parent / "data" / "excerpts"
OFSTED = "Office for Standards in Education, Children's Services and Skills"
SS, LAC = "Safeguarding services", "Services for looked after children"


def run(name: str, ctx: PackContext | None = None) -> tuple[DocumentRecords, PackContext]:
    pack = PackText.from_string((EXCERPTS / name).read_text(encoding="utf-8"), name)
    ctx = ctx or PackContext()
    return extract_inspection(pack, Segment("inspection_report", name, 1, len(pack)), ctx), ctx


@pytest.fixture(scope="module")
def sample() -> tuple[DocumentRecords, PackContext]:
    return run("inspection_sample.txt")


def test_registered_for_its_kind() -> None:
    assert extractor_for("inspection_report") is extract_inspection


def test_header_facts(sample: tuple[DocumentRecords, PackContext]) -> None:
    recs, ctx = sample
    (insp,) = recs.inspections
    assert insp.title == ("Inspection of safeguarding and looked after children services "
                          "Cheshire East")
    assert insp.inspectorate == OFSTED
    assert insp.subject_body == "Cheshire East Council"  # place in the title, no council named
    assert insp.dates == ["2011-06-27", "2011-07-08"]
    assert insp.published == "2011-08-19"
    assert insp.reporting_inspector == "Pietro Battista"
    assert insp.team == ("five of Her Majesty's Inspectors (HMI) and one inspector from the "
                         "Care Quality Commission")
    assert ctx.inspection_published == "2011-08-19"
    assert ctx.acronyms["HMI"] == "Her Majesty's Inspectors"


def test_council_named_by_the_pack_wins_over_the_guess() -> None:
    recs, _ = run("inspection_sample.txt", PackContext(council="Cheshire East Council"))
    assert recs.inspections[0].subject_body == "Cheshire East Council"
    recs, _ = run("inspection_westshire.txt")
    assert recs.inspections[0].subject_body == "Westshire County Council"


HEADINGS = [
    ("Overall effectiveness", 3, SS), ("Capacity for improvement", 3, SS),
    ("Children and young people are safe and feel safe", 3, SS), ("Quality of provision", 3, SS),
    ("The contribution of health agencies to keeping children and young people safe", 3, SS),
    ("Ambition and prioritisation", 2, SS), ("Leadership and management", 2, SS),
    ("Performance management and quality assurance", 3, SS), ("Partnership working", 2, SS),
    ("Overall effectiveness", 3, LAC), ("Capacity for improvement", 3, LAC),
    ("Being healthy", 3, LAC), ("Staying safe", 3, LAC), ("Enjoying and achieving", 2, LAC),
    ("Making a positive contribution, including user engagement", 3, LAC),
    ("Economic well-being", 3, LAC), ("Quality of provision", 3, LAC),
    ("Ambition and prioritisation", 3, LAC), ("Leadership and management", 2, LAC),
    ("Performance management and quality assurance", 2, LAC),
]


def test_one_judgement_per_graded_heading_with_its_major_section(sample) -> None:
    judgements = sample[0].inspections[0].judgements
    heads = [(j.area, j.grade, j.section) for j in judgements if j.origin == "heading"]
    assert heads == HEADINGS
    labels = {j.grade: j.grade_label for j in judgements}
    assert labels == {2: "Good", 3: "Adequate"}


def test_one_judgement_per_table_row_with_the_tables_own_sections(sample) -> None:
    table = [j for j in sample[0].inspections[0].judgements if j.origin == "table"]
    assert len(table) == 22
    assert [(j.area, j.grade, j.section) for j in table[5:10]] == [
        ("Ambition and prioritisation", 2, LAC), ("Leadership and management", 2, LAC),
        ("Performance management and quality assurance", 3, LAC),
        ("Partnership working", 2, LAC), ("Equality and diversity", 3, LAC)]


def test_same_judgements_linked_both_ways_misplaced_rows_too(sample) -> None:
    js = sample[0].inspections[0].judgements
    crossed = []
    for i, j in enumerate(js):
        if j.same_as is not None:
            other = js[j.same_as]
            assert other.same_as == i and other.origin != j.origin
            assert (other.area, other.grade) == (j.area, j.grade)
            if other.section != j.section and j.origin == "heading":
                crossed.append(j.area)
    # the rows under the misplaced table heading are the same judgements as the report's
    # safeguarding headings: linked, their sections left as each place states them
    assert crossed == ["Ambition and prioritisation", "Leadership and management",
                       "Performance management and quality assurance", "Partnership working"]
    unlinked = [j.area for j in js if j.origin in ("heading", "table") and j.same_as is None]
    assert unlinked == ["Equality and diversity", "Equality and diversity"]


def test_misplaced_table_headings_are_reported_not_settled(sample) -> None:
    messages = [w.message for w in sample[0].warnings]
    wrong = [m for m in messages if "sits on the wrong block" in m]
    assert len(wrong) == 2
    assert "'Services for looked after children'" in wrong[0]
    assert "'Ambition and prioritisation'" in wrong[0] and f"under '{SS}'" in wrong[0]
    assert "'How good are outcomes for looked after children and care leavers?'" in wrong[1]
    assert sum("'Equality and diversity'" in m and "no graded heading" in m
               for m in messages) == 2


def test_areas_for_improvement(sample) -> None:
    recs = sample[0].recommendations
    assert [r.id for r in recs][:13] == [
        "SS-IMM-1", "SS-IMM-2", "SS-IMM-3", "SS-IMM-4", "SS-IMM-5", "SS-IMM-6", "SS-3M-1",
        "SS-3M-2", "SS-3M-3", "SS-3M-4", "SS-3M-5", "SS-6M-1", "SS-6M-2"]
    assert len(recs) == 23 and recs[-1].id == "SLAC-6M-3"
    assert {(r.timescale, r.due_date) for r in recs} == {
        ("immediately", "2011-08-19"), ("3 months", "2011-11-19"), ("6 months", "2012-02-19")}
    wrapped = recs[5]
    assert wrapped.span.end - wrapped.span.start == 2  # joined across the page break
    assert wrapped.text.endswith("with people who use services and that these issues are "
                                 "routinely addressed in supervision and performance "
                                 "management arrangements")
    assert recs[13].text == ("ensure that pathways plans are of a good quality and are "
                             "routinely audited")  # no trailing full stop
    assert recs[10].addressed_to == ["the Primary Care Trust and health providers"]
    assert recs[0].addressed_to == ["the local authority and its partners"]
    assert recs[0].section == SS and recs[-1].section == LAC
    assert recs[0].source == ("Ofsted: Inspection of safeguarding and looked after children "
                              "services Cheshire East (published 19 August 2011)")


def test_inspectorate_and_inspector_mentions(sample) -> None:
    recs = sample[0]
    inspectorate = next(b for b in recs.bodies if b.context == "inspection.inspectorate")
    assert (inspectorate.name, inspectorate.type, inspectorate.acronym) == \
        (OFSTED, "inspectorate", "Ofsted")
    (person,) = recs.people
    assert (person.name, person.role, person.body) == ("Pietro Battista", "Reporting inspector",
                                                        OFSTED)


def test_other_council_markdown_table_and_grade_disagreement() -> None:
    recs, _ = run("inspection_westshire.txt")
    insp = recs.inspections[0]
    assert insp.type == "unannounced"
    assert insp.reporting_inspector == "Amara Okonjo"  # 'Dr' dropped
    assert insp.dates == ["2014-02-03", "2014-02-14"]
    assert [(j.area, j.grade, j.section, j.origin, j.same_as) for j in insp.judgements] == [
        ("Overall effectiveness", 2, SS, "heading", 4),
        ("Partnership working", 1, SS, "heading", 5),
        ("Overall effectiveness", 3, LAC, "heading", 6),
        ("Staying safe", 2, LAC, "heading", 7),
        ("Overall effectiveness", 2, SS, "table", 0),
        ("Partnership working", 2, SS, "table", 1),
        ("Overall effectiveness", 3, LAC, "table", 2),
        ("Staying safe", 2, LAC, "table", 3),
    ]
    (warning,) = recs.warnings
    assert "grade of 'Partnership working' differs" in warning.message
    assert [(r.id, r.timescale, r.due_date, r.addressed_to) for r in recs.recommendations] == [
        ("SS-IMM-1", "immediately", "2014-03-21", ["the council and its partners"]),
        ("SS-12M-1", "12 months", "2015-03-21", ["the Westshire Clinical Commissioning Group"]),
        ("SS-12M-2", "12 months", "2015-03-21", ["the council and its partners"]),
    ]
    assert recs.recommendations[1].text.endswith("or send reports to them")
    assert {(a.short, a.expansion) for a in recs.acronyms} == {
        ("WCCG", "Westshire Clinical Commissioning Group"),
        ("WSCP", "Westshire Safeguarding Children Partnership")}
    wccg = next(b for b in recs.bodies if b.acronym == "WCCG")
    assert wccg.type == "nhs_body"


def test_cqc_style_review() -> None:
    recs, _ = run("inspection_cqc.txt")
    insp = recs.inspections[0]
    assert insp.inspectorate == "Care Quality Commission"
    assert (insp.dates, insp.published, insp.reporting_inspector) == (
        ["2014-06-09", "2014-06-13"], "2014-08-05", "Helen Marsh")
    assert insp.subject_body == "Northmoor Borough Council"
    assert [(j.area, j.grade, j.grade_label) for j in insp.judgements] == [
        ("Safeguarding", 2, "Good"), ("Looked after children", 3, "Requires improvement")]
    assert [(r.timescale, r.text) for r in recs.recommendations] == [
        ("3 months", "ensure that initial health assessments are completed within 20 working "
                     "days"),
        ("3 months", "improve the quality of health care plans"),
        ("6 months", "ensure that the voice of the child is recorded in every review health "
                     "assessment")]
    assert recs.recommendations[0].addressed_to == [
        "NHS Northmoor Clinical Commissioning Group and its providers"]
    assert recs.recommendations[0].source.startswith("CQC: Review of health services")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from([
    "", "Grade 3 (adequate)", "Areas for improvement", "Immediately:", "- ensure that x",
    "Record of main findings:", "Overall effectiveness\tGood", "Published: 1 May 2012",
    "Safeguarding services", "Quality**Grade 9 (odd)**", "| a | Good |", "continued text",
]) | st.text(), max_size=30))
def test_never_raises_on_arbitrary_text(lines) -> None:
    text = "\n".join(lines) if isinstance(lines, list) else lines
    pack = PackText.from_string(text or " ")
    recs = extract_inspection(pack, Segment("inspection_report", "t", 1, max(1, len(pack))),
                              PackContext())
    assert isinstance(recs, DocumentRecords)


def test_earlier_inspections_cited_in_prose_are_a_referenced_inspection() -> None:
    text = (EXCERPTS / "inspection_westshire.txt").read_text(encoding="utf-8").replace(
        "4. Partnership working is outstanding.",
        "4. The last Ofsted inspection of the council's residential short-break service judged "
        "care planning to be outstanding and the leaving care service to be inadequate. "
        "Its children's homes were rated as good.\n\n5. Homes are assessed as being at least "
        "adequate in their most recent inspection.")
    pack = PackText.from_string(text)
    recs = extract_inspection(pack, Segment("inspection_report", "w", 1, len(pack)),
                              PackContext())
    main, cited = recs.inspections
    assert len(main.judgements) == 8
    assert cited.title == ("Most recent inspection of the council's residential short-break "
                           "service")
    assert cited.type == "referenced" and cited.inspectorate == OFSTED
    assert [(j.area, j.grade, j.origin) for j in cited.judgements] == [
        ("Residential short-break service: care planning", 1, "prose"),
        ("Leaving care service", 4, "prose"),
        ("Children's homes", 2, "prose")]
    assert len({j.span.start for j in cited.judgements}) == 1  # the paragraph that says so


def test_later_framework_graded_in_an_untitled_table_with_numbered_recommendations() -> None:
    recs, _ = run("inspection_sif_northvale.txt")
    (insp,) = recs.inspections
    assert insp.title.startswith("Inspection of services for children in need of help")
    assert (insp.inspectorate, insp.subject_body) == (OFSTED,
                                                      "Northvale Metropolitan Borough Council")
    assert (insp.dates, insp.published, insp.reporting_inspector) == (
        ["2015-01-14", "2015-02-05"], "2015-03-19", "Sarah Quinn")
    assert [(j.area, j.grade, j.grade_label, j.origin) for j in insp.judgements] == [
        ("The overall effectiveness of children's services", 3, "Requires improvement", "table"),
        ("Children who need help and protection", 3, "Requires improvement", "table"),
        ("Children looked after and achieving permanence", 2, "Good", "table"),
        ("Leadership, management and governance", 3, "Requires improvement", "table")]
    assert [r.text for r in recs.recommendations] == [
        "Ensure that all children subject to a child protection plan are seen alone",
        "Improve the quality of return home interviews for children who go missing, so that "
        "information is used to reduce risk",
        "Strengthen the oversight of the Northvale Safeguarding Children Board"]
    assert all(r.timescale is None and r.due_date is None for r in recs.recommendations)
    (warning,) = recs.warnings  # one for the list, not one per recommendation
    assert "no timescale" in warning.message


def test_heading_with_its_grade_word_after_a_colon() -> None:
    text = ("Inspection of children's services Eastmoor\n\nPublished: 2 May 2012\n\n"
            "Safeguarding services\n\nOverall effectiveness: Adequate\n\nSome findings.\n\n"
            "Capacity for improvement – Good\n\nRating: Good\n")
    pack = PackText.from_string(text)
    recs = extract_inspection(pack, Segment("inspection_report", "t", 1, len(pack)),
                              PackContext())
    assert [(j.area, j.grade, j.section) for j in recs.inspections[0].judgements] == [
        ("Overall effectiveness", 3, SS), ("Capacity for improvement", 2, SS)]


def test_ilacs_grades_inspector_and_the_last_inspection_s_overall_grade() -> None:
    """Ofsted's ILACS framework grades 'Requires improvement to be good' (grade 3, label
    kept); the lead inspector's name drops 'Her Majesty's Inspector'; 'the last
    inspection ..., when services were judged to be inadequate' grades the services as a
    whole, its overall effectiveness."""
    recs, _ = run("inspection_ilacs.txt")
    insp, last = recs.inspections
    assert (insp.reporting_inspector, insp.dates) == ("Rachel Holden",
                                                      ["2020-02-03", "2020-02-14"])
    table = [(j.area, j.grade, j.grade_label) for j in insp.judgements if j.origin == "table"]
    assert table == [
        ("The impact of leaders on social work practice with children and families", 3,
         "Requires improvement to be good"),
        ("The experiences and progress of children who need help and protection", 3,
         "Requires improvement to be good"),
        ("The experiences and progress of children in care and care leavers", 2, "Good"),
        ("Overall effectiveness", 3, "Requires improvement to be good")]
    assert [(j.area, j.grade) for j in last.judgements] == [("Overall effectiveness", 4)]
    assert [r.text for r in recs.recommendations] == [
        "The quality and timeliness of assessments for children in need",
        "Management oversight and supervision of social workers",
        "The response to children who go missing from home or care"]


def test_send_inspection_areas_of_significant_weakness_are_its_recommendations() -> None:
    recs, _ = run("inspection_send.txt")
    [insp] = recs.inspections
    assert (insp.reporting_inspector, insp.subject_body) == ("Anna Price",
                                                             "Westmere County Council")
    assert [r.text for r in recs.recommendations] == [
        "the lack of strategic leadership of the SEND reforms across education, health and "
        "care", "the poor quality of education, health and care plans",
        "the long waiting times for the neurodevelopmental pathway"]


@pytest.mark.parametrize("heading", [
    "Areas for improvement", "What needs to improve?", "Action the trust MUST take to improve",
    "Actions the provider SHOULD take to improve", "The areas of significant weakness are:",
    "Priority actions", "Recommendations"])
def test_headings_over_what_a_report_asks_to_improve(heading: str) -> None:
    from ingest.improvements import _HEADING

    assert _HEADING.match(heading)


def test_cqc_trust_report_key_questions_and_must_and_should_actions() -> None:
    """A CQC provider report: titled by the provider's name over 'Inspection report',
    'Date of inspection visit:', the key questions graded inline ('Are services safe?
    Requires improvement'), 'Action the trust MUST / SHOULD take to improve'."""
    recs, _ = run("inspection_cqc_trust.txt")
    [insp] = recs.inspections
    assert (insp.title, insp.subject_body, insp.dates, insp.published) == (
        "Westmere Community Health NHS Trust Inspection report",
        "Westmere Community Health NHS Trust", ["2020-03-03", "2020-03-05"], "2020-06-12")
    assert [(j.area, j.grade) for j in insp.judgements] == [
        ("Overall rating for this trust", 3), ("Are services safe?", 3),
        ("Are services effective?", 2), ("Are services caring?", 2),
        ("Are services responsive?", 2), ("Are services well-led?", 3)]
    assert [r.text for r in recs.recommendations] == [
        "The trust must ensure that staff complete mandatory safeguarding training",
        "The trust must ensure that medicines are stored safely",
        "The trust should review its complaints response times"]


def test_probation_inspection_standards_table_and_overall_rating() -> None:
    """HM Inspectorate of Probation: its name between title and header block; 'Overall,
    X was rated as: Requires improvement'; a 'Domain | Standard | Rating' table graded by
    standard, the domain its section; header fields are no section headings."""
    recs, _ = run("inspection_hmip.txt")
    [insp] = recs.inspections
    assert (insp.title, insp.inspectorate, insp.reporting_inspector, insp.published) == (
        "An inspection of youth offending services in Westmere",
        "HM Inspectorate of Probation", "Jo Martin", "2020-04-21")
    assert [(j.area, j.section, j.grade) for j in insp.judgements] == [
        ("Overall", None, 3),
        ("1.1 Governance and leadership", "1. Organisational delivery", 2),
        ("1.2 Staff", "1. Organisational delivery", 3),
        ("2.1 Assessment", "2. Court disposals", 3),
        ("2.2 Planning", "2. Court disposals", 4)]
    assert [(r.text[:30], r.section) for r in recs.recommendations] == [
        ("improve the quality of assessm", None), ("ensure that staff have the tra", None)]


def test_cqc_grid_of_ratings_gives_a_judgement_per_service_and_key_question() -> None:
    recs, _ = run("inspection_cqc_grid.txt")
    [insp] = recs.inspections
    got = {(j.section, j.area): j.grade for j in insp.judgements}
    assert len(got) == 18
    assert got[("Maternity", "Caring")] == 1
    assert got[("Urgent and emergency care", "Responsive")] == 3
    assert got[("Overall", "Overall")] == 3
    assert {j.origin for j in insp.judgements} == {"table"}
