"""Golden tests of the strategy and implementation-plan extractors on excerpts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extractors import PackContext, registered
from ingest.extractors._columns import deadline_date
from ingest.extractors._plan_table import split_leads
from ingest.extractors.strategy import extract_implementation_plan, extract_strategy
from ingest.records import DocumentRecords, Segment
from ingest.text import PackText
from tests.conftest import DATA

EXTRACTORS = {"strategy": extract_strategy, "implementation_plan": extract_implementation_plan}


def test_both_kinds_are_registered() -> None:
    kinds = registered()
    assert kinds["strategy"] is extract_strategy
    assert kinds["implementation_plan"] is extract_implementation_plan


def run(kind: str, name: str, title: str = "The Strategy") -> tuple[PackText, DocumentRecords]:
    pack = PackText.from_string((DATA / "excerpts" / name).read_text())
    segment = Segment(kind, title, 1, len(pack))  # type: ignore[arg-type]
    return pack, EXTRACTORS[kind](pack, segment, PackContext())


def test_strategy_partners_and_signatories_from_the_sample() -> None:
    pack, rec = run("strategy", "strategy_carers.txt")
    partners = [b.name for b in rec.bodies if b.context == "strategy.partners"]
    assert partners == ["Cheshire East Council", "Central and Eastern Cheshire Primary Care Trust"]
    people = {p.name: p for p in rec.people}
    assert set(people) == {"Lorraine Butcher", "Mike Pyrah"}
    assert people["Lorraine Butcher"].role == "Strategic Director – Children's, Families and Adults"
    assert people["Lorraine Butcher"].body is None
    assert people["Mike Pyrah"].role == "Managing Director"
    assert people["Mike Pyrah"].body == "Central and Eastern Cheshire PCT"
    span = people["Mike Pyrah"].span
    assert pack.line(span.start) == "Mike Pyrah" and pack.line(span.end).endswith("PCT**")


def test_strategy_prose_relations_and_bodies_from_the_sample() -> None:
    _, rec = run("strategy", "strategy_carers.txt")
    rels = {(r.subject, r.relation, r.object) for r in rec.relations}
    assert ("Cheshire East Council", "commissions",
            "Voluntary, Community and Faith sector organisations") in rels
    assert ("Carers Interagency Group", "oversees", "The Strategy") in rels
    assert ("PCT", "memberOf", "Carers Interagency Group") in rels
    named = {b.name for b in rec.bodies}
    assert {"Carers Interagency Group", "Central and Eastern Cheshire PCT", "PCT",
            "the Council"} <= named
    assert "The Strategy" not in named


def test_strategy_invented_council() -> None:
    _, rec = run("strategy", "strategy_westshire.txt")
    assert [b.name for b in rec.bodies if b.context == "strategy.partners"] == [
        "Westshire County Council", "Westshire Community NHS Trust", "Westshire Police"]
    people = {p.name: p for p in rec.people}
    assert people["Peter Lang"].title == "Dr"
    assert people["Peter Lang"].body == "Westshire Community NHS Trust"
    assert people["Jane Okafor"].role == "Director of Adult Services"
    rels = {(r.subject, r.relation, r.object) for r in rec.relations}
    assert ("Councillor Hugh Marsh", "chairs", "Dementia Partnership Board") in rels
    assert ("Dementia Partnership Board", "oversees", "The Strategy") in rels
    assert ("The Strategy", "reportsTo", "Health and Wellbeing Board") in rels
    assert ("Westshire County Council", "commissions", "Northgate Alzheimer Society") in rels


def test_strategy_with_plain_post_lines_and_joint_authors() -> None:
    _, rec = run("strategy", "strategy_eastmoor.txt", "Early Help Strategy")
    assert [b.name for b in rec.bodies if b.context == "strategy.partners"] == [
        "Eastmoor District Council", "Eastmoor Clinical Commissioning Group"]
    assert [(p.name, p.title, p.role, p.body) for p in rec.people] == [
        ("Mary Hughes", "Councillor", "Leader of the Council", "Eastmoor District Council"),
        ("Tom Baker", None, "Chief Officer", None)]
    assert {(r.subject, r.relation, r.object) for r in rec.relations} == {
        ("Early Help Board", "oversees", "Early Help Strategy"),
        ("Early Help Board", "accountableTo", "Eastmoor Safeguarding Children Partnership")}


def test_implementation_plan_lines_from_the_sample() -> None:
    _, rec = run("implementation_plan", "implementation_plan_carers.txt", "Implementation Plan")
    lines = {pl.ref: pl for pl in rec.plan_lines}
    assert len(rec.plan_lines) == 29
    assert list(lines)[:3] == ["1.1", "1.2", "2.1"] and list(lines)[-1] == "6.9"
    first = lines["1.1"]
    assert first.outcome_number == 1
    assert first.outcome_heading.startswith("Carers will be helped to identify themselves")
    assert first.outcome == ("There will be improved access to information for carers at "
                             "GP surgeries")
    assert first.lead == ["PCT", "Cheshire Carers Centre", "GPs"]
    assert (first.deadline, first.deadline_date) == ("End 2011", "2011-12-31")
    assert first.action.endswith("up-to-date.") and "■" not in first.action
    assert first.measure.startswith("100% of surgeries")
    assert lines["1.2"].lead == ["Cheshire East Council", "Making Space"]
    assert (lines["1.2"].deadline, lines["1.2"].deadline_date) == ("Apr-12", "2012-04-30")
    assert lines["5.2"].lead == ["Cheshire East Council", "all"]
    assert (lines["2.2"].deadline, lines["2.2"].deadline_date) == ("Ongoing", None)
    assert lines["6.6"].deadline_date == "2012-04-30"
    assert lines["3.1"].deadline_date == "2012-03-31"  # 'To end 2011/12 financial year'
    # a row whose first cell is only the ref, under a header with an empty first cell
    assert lines["6.4"].outcome is None and lines["6.4"].outcome_number == 6
    assert lines["6.4"].lead == ["Making Space"] and lines["6.4"].deadline is None
    # a stray 'n ' left by a Wingdings bullet, and HTML <p>/<ul> cells
    assert lines["6.8"].action.endswith("within Cheshire East Council.")
    assert lines["6.9"].lead == ["All"] and lines["6.9"].deadline == "End March 2012"
    assert lines["6.9"].action.endswith("supporting them.")
    assert lines["6.9"].outcome.startswith("Stronger links")
    assert lines["6.5"].lead == ["Cheshire East Council Carers Team",
                                 "Equality & Participation Teams", "All"]


def test_implementation_plan_markdown_from_another_council() -> None:
    _, rec = run("implementation_plan", "implementation_plan_markdown.txt")
    lines = {pl.ref: pl for pl in rec.plan_lines}
    assert list(lines) == ["1.1", "1.2", "2.1", "2.2"]
    assert lines["1.1"].outcome_heading == "Early diagnosis and support"
    assert lines["1.1"].outcome == "More people receive a timely diagnosis"
    assert lines["1.1"].action == "Run memory clinics in every locality"
    assert lines["1.1"].lead == ["Northgate CCG", "Memory Service"]
    assert lines["1.1"].deadline_date == "2013-06-30"
    assert lines["1.2"].lead == ["Adult Social Care", "Northgate Carers Trust"]
    assert lines["1.2"].deadline_date == "2013-12-31"  # Q3 of 2013/14
    assert lines["2.1"].outcome_heading == "Living well"  # a '## Priority 2:' heading
    wrapped = lines["2.1"]
    assert wrapped.action == "Set up dementia cafes and train café volunteers"
    assert wrapped.measure == "10 cafes open 40 volunteers trained"
    assert (wrapped.span.start, wrapped.span.end) == (14, 15)
    assert wrapped.lead == ["Age UK Northgate", "Leisure Trust"]


@pytest.mark.parametrize(("text", "iso"), [
    ("End 2011", "2011-12-31"), ("April 2012", "2012-04-30"), ("Apr-12", "2012-04-30"),
    ("Feb-12", "2012-02-29"), ("3 Oct 2011", "2011-10-03"), ("Ongoing", None),
    ("Carers Week annually", None), ("To end 2011/12 financial year", "2012-03-31"),
])
def test_deadline_date_convention(text: str, iso: str | None) -> None:
    assert deadline_date(text) == iso


def test_split_leads_on_separators() -> None:
    assert split_leads("Carers Team, Policy, Human Resources") == [
        "Carers Team", "Policy", "Human Resources"]
    assert split_leads("Individual organisations e.g. Crossroads Care") == [
        "Individual organisations e.g. Crossroads Care"]
    # a lone modifier before '/' shares the noun after it
    assert split_leads("Commissioners, strategic / individual commissioning teams. Job "
                       "centre plus/ Making Space") == [
        "Commissioners", "strategic / individual commissioning teams", "Job centre plus",
        "Making Space"]
    assert split_leads("Westshire Council / all") == ["Westshire Council", "all"]


def test_plan_without_a_table_warns() -> None:
    pack = PackText.from_string("A plan with no table.\nJust words.")
    rec = extract_implementation_plan(
        pack, Segment("implementation_plan", "P", 1, 2), PackContext())
    assert rec.plan_lines == [] and "no numbered plan lines" in rec.warnings[0].message


_CELLS = st.sampled_from(["1.1 Outcome", "Action", "Responsibility", "Timescales", "Outputs",
                          "Outcome 2. Heading", "PCT, GPs / all", "End 2011", "■ x", "<p>",
                          "</p>", "<ul>", "n Label", "", "|", "---", "Apr-12", "6.4"])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(_CELLS, max_size=7), max_size=12),
       st.sampled_from(["\t", " | "]))
def test_extractors_never_raise(rows: list[list[str]], sep: str) -> None:
    text = "\n".join(sep.join(r) for r in rows) or " "
    pack = PackText.from_string(text)
    segment = Segment("implementation_plan", "P", 1, len(pack) or 1)
    for kind in ("implementation_plan", "strategy"):
        rec = EXTRACTORS[kind](pack, segment, PackContext())
        assert all(pl.ref for pl in rec.plan_lines)


def test_unheaded_partner_column_gives_bodies_as_written() -> None:
    _, rec = run("implementation_plan", "implementation_plan_carers.txt", "Implementation Plan")
    partners = [(b.name, b.span.start) for b in rec.bodies
                if b.context == "implementation_plan.partners"]
    assert partners[:2] == [("Cheshire Esat Council", 9), ("Making Space", 9)]  # typo kept
    assert ("Care4CE", 25) in partners
    assert all(name not in ("All", "all") for name, _ in partners)


def test_each_document_is_a_report_titled_as_itself() -> None:
    _, rec = run("strategy", "strategy_carers.txt", "**STRATEGY FOR CARERS**")
    assert [(r.title, r.kind) for r in rec.reports] == [("STRATEGY FOR CARERS", "strategy")]
    _, rec = run("implementation_plan", "implementation_plan_markdown.txt", "Delivery Plan")
    assert [(r.title, r.kind) for r in rec.reports] == [("Delivery Plan", "implementation_plan")]


def test_prose_bodies_come_from_sentences_not_table_rows() -> None:
    _, rec = run("implementation_plan", "implementation_plan_carers.txt", "Implementation Plan")
    prose = {b.name for b in rec.bodies if b.context == "implementation_plan"}
    assert "Carers Interagency Group" in prose
    assert all("\t" not in b.span.text for b in rec.bodies if b.context == "implementation_plan")


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.sampled_from("1.2 \tA|aOutcome:■•n<p>/,-\n*"), max_size=300))
def test_every_kind_of_mine_never_raises_on_arbitrary_text(text: str) -> None:
    from ingest.extractors.forward_plan import extract_forward_plan
    from ingest.extractors.work_programme import extract_work_programme

    pack = PackText.from_string(text or " ")
    segment = Segment("strategy", "T", 1, max(len(pack), 1))
    for fn in (extract_strategy, extract_implementation_plan, extract_work_programme,
               extract_forward_plan):
        assert isinstance(fn(pack, segment, PackContext()), DocumentRecords)


@pytest.mark.parametrize(("name", "title", "authors"), [
    ("strategy_carers.txt", "The Strategy", ["Lorraine Butcher", "Mike Pyrah"]),
    ("strategy_westshire.txt", "The Strategy", ["Jane Okafor", "Peter Lang"]),
    ("strategy_eastmoor.txt", "Early Help Strategy", ["Mary Hughes", "Tom Baker"]),
])
def test_foreword_signatories_are_the_strategy_s_authors(name: str, title: str,
                                                         authors: list[str]) -> None:
    _, rec = run("strategy", name, title)
    assert [r.signatories for r in rec.reports] == [authors]


def test_a_name_over_a_post_outside_the_foreword_is_not_an_author() -> None:
    text = ("# Westshire Carers Strategy\n\n## Foreword\n\nWe are proud of this.\n\n"
            "Jane Okafor\n**Director of Adult Services,\nWestshire County Council**\n\n"
            "## Contacts\n\nPeter Lang\n**Carers Lead,\nWestshire County Council**\n")
    pack = PackText.from_string(text)
    rec = extract_strategy(pack, Segment("strategy", "Carers Strategy", 1, len(pack)),
                           PackContext())
    assert {p.name for p in rec.people} == {"Jane Okafor", "Peter Lang"}
    assert rec.reports[0].signatories == ["Jane Okafor"]


def test_no_foreword_no_authors() -> None:
    text = ("# Westshire Carers Strategy\n\n1. Introduction\n\nJane Okafor\n"
            "**Director of Adult Services,\nWestshire County Council**\n")
    pack = PackText.from_string(text)
    rec = extract_strategy(pack, Segment("strategy", "Carers Strategy", 1, len(pack)),
                           PackContext())
    assert [p.name for p in rec.people] == ["Jane Okafor"]
    assert rec.reports[0].signatories == []
