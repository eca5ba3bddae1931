"""Action plans: one action per row, owners split as written, dated status, reporting."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extractors import PackContext, extractor_for
from ingest.extractors.action_plan import extract_action_plan
from ingest.owners import owner_kind, parse_schedule, split_owners
from ingest.records import DocumentRecords, Segment
from ingest.text import PackText

EXCERPTS = Path(__file__).parent / "data" / "excerpts"


def run(name: str, ctx: PackContext) -> DocumentRecords:
    pack = PackText.from_string((EXCERPTS / name).read_text(encoding="utf-8"), name)
    return extract_action_plan(pack, Segment("action_plan", name, 1, len(pack)), ctx)


@pytest.fixture(scope="module")
def sample() -> tuple[DocumentRecords, PackContext]:
    ctx = PackContext(meeting_date="2011-09-22")
    return run("action_plan_sample.txt", ctx), ctx


def owners(action) -> list[tuple[str, str, str | None]]:
    return [(o.name, o.kind, o.qualifier) for o in action.owners]


def test_registered_for_its_kind() -> None:
    assert extractor_for("action_plan") is extract_action_plan


def test_one_action_per_row_in_every_encoding(sample) -> None:
    acts = sample[0].actions
    assert len(acts) == 23  # TAB rows, <p> cells and plain rows alike
    assert acts[0].recommendation_text.startswith("Ensure that the outcomes of referrals")
    assert acts[0].timescale_as_written == "IMMEDIATE"
    assert acts[0].key_actions.startswith("A 'Response to Referral' form")
    assert acts[6].timescale_as_written == "WITHIN 3 MONTHS"
    assert [a.section for a in (acts[0], acts[12], acts[13], acts[22])] == [
        "Safeguarding Children & Young people", "Safeguarding Children & Young people",
        "Services for Cared for Children", "Services for Cared for Children"]


def test_owners_split_with_qualifiers_placeholders_and_roles(sample) -> None:
    acts = sample[0].actions
    assert owners(acts[0]) == [("Nancy Meehan", "person", None),
                               ("Shirley Jordan", "person", None)]
    assert owners(acts[5]) == [("Lucia Scally", "person", "Initially"),
                               ("Kate Rose", "person", "Initially")]
    assert owners(acts[8]) == [("Sheila Sadler", "person", None), ("J Oxley", "person", None),
                               ("S Tatham", "person", "tbc")]
    assert (owners(acts[10]), acts[10].unassigned) == ([], True)  # 'TBD'
    assert (owners(acts[11]), acts[11].unassigned) == ([], True)  # empty cell
    assert owners(acts[15]) == [("Relevant managers", "role", None)]
    assert not acts[15].unassigned
    people = {p.name for p in sample[0].people}
    assert "Relevant managers" not in people and "J Oxley" in people


def test_status_per_checkpoint_with_dates_and_empty_rag(sample) -> None:
    acts = sample[0].actions
    statuses = [(s.checkpoint, s.date, s.rag) for s in acts[1].statuses]
    assert statuses == [("End of September", "2011-09-30", None),
                        ("end of November", "2011-11-30", None),
                        ("end of January", "2012-01-31", None)]
    assert acts[1].statuses[2].note.startswith("Auditing by GM shows")
    assert acts[8].statuses == []  # no progress written yet
    # a ragged row of eight cells: its notes fall in the evidence columns, not the RAG ones
    assert [s.checkpoint for s in acts[14].statuses] == [
        "End of September", "end of November", "end of January"]
    assert acts[14].statuses[2].note == "membership increased. Hits on website increased."


def test_reporting_schedule_names_each_body_and_keeps_tentative_ones_out(sample) -> None:
    recs = sample[0]
    acts = recs.actions
    assert acts[0].reporting_schedule == "Quarterly report to:LSCB and C & F Scrutiny Committee"
    assert acts[0].reports_to == ["LSCB", "C & F Scrutiny Committee"]
    assert acts[0].reporting_frequency == "quarterly"
    assert acts[10].reports_to == ["LSCB", "C & F Scrutiny Committee"]
    assert acts[5].reports_to == ["LSCB", "LSAB", "C & F Scrutiny Committee",
                                  "Adults Scrutiny Committee"]
    tentative = [w for w in recs.warnings if "tentatively" in w.message]
    assert len(tentative) == 2 and "Shadow Health and Well Being Board" in tentative[0].message
    assert {b.name for b in recs.bodies if b.context == "action_plan.reporting"} >= {
        "LSCB", "C & F Scrutiny Committee"}


def test_acronym_table_at_the_foot_of_the_plan_is_read(sample) -> None:
    recs, ctx = sample
    assert len(recs.acronyms) == 15
    assert ctx.acronyms["PC"] == "Practice Consultants"


def test_markdown_plan_of_another_council() -> None:
    ctx = PackContext(inspection_published="2014-03-21")
    recs = run("action_plan_westshire.txt", ctx)
    acts = recs.actions
    assert len(acts) == 4
    assert acts[0].section == "Safeguarding services"
    assert [(o.as_written, o.name, o.kind, o.qualifier) for o in acts[0].owners] == [
        ("Interim - P. Okafor", "P. Okafor", "person", "Interim"),
        ("Head of Service", "Head of Service", "post", "Interim")]
    assert [(s.checkpoint, s.date, s.rag, s.note) for s in acts[0].statuses] == [
        ("30 June 2014", "2014-06-30", "green", "Audit started"),
        ("end of December", "2014-12-31", "completed", "Audit complete")]
    assert acts[0].reports_to == ["Westshire Safeguarding Children Partnership",
                                  "Children's Scrutiny Panel"]
    assert owners(acts[1]) == [("All Group Managers", "role", None)]
    assert (acts[1].reports_to, acts[1].reporting_frequency) == (["Cabinet"], "six-monthly")
    assert acts[2].unassigned and acts[2].owners == []  # 'TBC'
    assert [(s.rag, s.note) for s in acts[2].statuses] == [("amber", "Meeting held")]  # ragged
    assert owners(acts[3]) == [("Mark Ellery", "person", "tbc")]
    assert ctx.acronyms["WSCP"] == "Westshire Safeguarding Children Partnership"


@pytest.mark.parametrize(("name", "kind"), [
    ("J Oxley", "person"), ("Julie Lewis", "person"), ("Relevant managers", "role"),
    ("All Group Managers", "role"), ("Head of Service", "post"), ("Practice Consultants", "role"),
    ("Carers Team", "body"), ("Business Support", "post"),
])
def test_owner_kinds(name: str, kind: str) -> None:
    assert owner_kind(name) == kind


@pytest.mark.parametrize("cell", ["TBD", "tbc", "N/A", "-", "", None])
def test_placeholders_mean_unassigned(cell: str | None) -> None:
    assert split_owners(cell) == ([], True)


def test_schedule_keeps_a_body_name_with_and_in_it() -> None:
    assert parse_schedule("Monthly to Health and Wellbeing Board and Cabinet") == (
        ["Health and Wellbeing Board", "Cabinet"], [], "monthly")


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from([
    "Recommendation\tTimescale\tKey actions\tLead officer\tProgress (end of May)\tRAG",
    "x\t\t\t", "<p>a</p>\t<p>b</p>", "| a | b |", "|---|", "Section", "", "Acronyms", "AB\tcd",
    "\t\t\t\t\t\t\t\t\t\t\t\t", "Ensure x\tIMMEDIATE\tdo\tTBD\t\tG",
]) | st.text(), max_size=30))
def test_never_raises_on_arbitrary_text(lines) -> None:
    text = "\n".join(lines) if isinstance(lines, list) else lines
    pack = PackText.from_string(text or " ")
    recs = extract_action_plan(pack, Segment("action_plan", "t", 1, max(1, len(pack))),
                               PackContext(meeting_date="2011-09-22"))
    assert isinstance(recs, DocumentRecords)


def test_tentative_bodies_and_people_named_in_passing_are_mentioned(sample) -> None:
    recs = sample[0]
    tentative = {b.name for b in recs.bodies if b.context == "action_plan.reporting_tentative"}
    assert tentative == {"Shadow Health and Well Being Board"}
    assert "Shadow Health and Well Being Board" not in {
        b for a in recs.actions for b in a.reports_to}
    passing = [(p.name, p.span.start) for p in recs.people
               if p.context == "action_plan.key_actions"]
    assert passing == [("Rachel Elliot", 15)]
    table = {(b.name, b.acronym) for b in recs.bodies if b.context == "acronym_table"}
    assert {("Pupil Protection Unit", "PPU"), ("Childrens Assessment team", "CAT")} <= table
    assert not any(b.acronym == "PC" for b in recs.bodies)  # 'Practice Consultants': people


def test_recommendation_row_with_its_action_rows_below_is_one_action() -> None:
    recs = run("action_plan_northvale.txt", PackContext())
    acts = recs.actions
    assert [(a.recommendation_text, a.section, a.span.start, a.span.end) for a in acts] == [
        ("1. Ensure that all children subject to a child protection plan are seen alone",
         "Help and protection", 5, 7),
        ("2. Improve the quality of return home interviews for children who go missing",
         "Help and protection", 8, 8),
        ("Strengthen the oversight of the Northvale Safeguarding Children Board", "Leadership",
         10, 10)]
    first = acts[0]
    assert first.key_actions == "Revise the visit recording form Audit visits monthly"
    assert owners(first) == [("Head of Safeguarding", "post", None),
                             ("T. Baines", "person", None), ("Practice Managers", "role", None)]
    assert [(s.checkpoint, s.date, s.rag, s.note) for s in first.statuses] == [
        ("March 2015", "2015-03-31", "amber", "Form revised; First audit done")]
    assert acts[1].unassigned and acts[2].statuses[0].rag == "amber"
    assert owners(acts[2]) == [("Director of Children's Services", "post", None)]


def test_header_wordings_of_other_plans() -> None:
    from ingest.tables import classify

    cols = classify(["Ref", "What needs to improve", "How we will do it", "Responsible",
                     "Target date", "Update (Q2)", "Status"])
    assert cols is not None
    assert cols.roles == ["ref", "recommendation", "key_actions", "owner", "timescale",
                          "evidence", "rag"]  # 'Ref': the recommendation's own id
    assert (cols.checkpoints, cols.rag_of) == ({5: "Q2"}, {5: 6})
    assert classify(["Name", "Address", "Telephone"]) is None


def test_html_rows_written_over_several_lines() -> None:
    recs = run("action_plan_html.txt", PackContext(meeting_date="2015-01-20"))
    (act,) = recs.actions
    assert (act.span.start, act.span.end) == (7, 15)
    assert act.recommendation_text.startswith("Ensure that return home interviews")
    assert act.timescale_as_written == "Within 3 months"
    assert owners(act) == [("Priya Desai", "person", None),
                           ("Commissioning Manager", "post", "interim")]
    assert [(s.date, s.rag, s.note) for s in act.statuses] == [
        ("2015-03-31", "green", "Service specification agreed")]
    assert (act.reports_to, act.reporting_frequency) == (["Corporate Parenting Board"],
                                                          "quarterly")
    assert recs.warnings == []
