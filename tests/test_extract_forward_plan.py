"""Golden tests of the forward-plan extractor: the sample's extract and two other layouts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extractors import PackContext, registered
from ingest.extractors.forward_plan import extract_forward_plan, plan_period, split_reference
from ingest.records import DocumentRecords, Segment
from ingest.segment import segment
from ingest.text import PackText
from tests.conftest import DATA


def run(name: str) -> tuple[PackText, Segment, DocumentRecords]:
    pack = PackText.from_string((DATA / "excerpts" / name).read_text())
    segment = Segment("forward_plan", "Forward Plan", 1, len(pack))
    return pack, segment, extract_forward_plan(pack, segment, PackContext())


def test_registered() -> None:
    assert registered()["forward_plan"] is extract_forward_plan


def test_key_decision_of_the_sample() -> None:
    pack, segment, rec = run("forward_plan_extract.txt")
    kd, second = rec.key_decisions
    assert (second.ref, second.decision_maker, second.expected_date) == (
        "CE11/12-4", "Cabinet, Council", "2012-02-06")
    assert second.title == "Business Planning Process 2012/2015 - Business Plan"
    assert kd.ref == "CE11/12-17"
    assert kd.title == "Carers Strategy and Implementation Plan"
    assert kd.decision == ("To endorse the strategy and implementation plan for resident carers "
                           "and their families.")
    assert kd.decision_maker == "Cabinet"
    assert kd.expected_date == "2011-10-03"
    assert kd.consultation == "Already carried out with carers and the Carers Reference Group."
    assert kd.scrutiny_committee == "Adult Social Care; Children and Families"
    assert kd.contact == "Lorraine Butcher"
    person = rec.people[0]
    assert (person.name, person.role) == ("Lorraine Butcher",
                                          "Strategic Director (Children, Families and Adults)")
    assert pack.line(kd.span.start).startswith("CE11/12-17")
    assert plan_period(pack, segment) == ("2011-09-01", "2011-12-31", 3)


def test_markdown_forward_plan_with_ref_column_and_wrapped_row() -> None:
    pack, segment, rec = run("forward_plan_markdown.txt")
    got = [(k.ref, k.title, k.decision, k.decision_maker, k.expected_date, k.contact)
           for k in rec.key_decisions]
    assert got == [
        ("KD/2012/05", "Leisure Centre Contract", "To award the leisure contract", "Cabinet",
         "2013-02-06", "Tom Reed"),
        ("KD/2012/06", "Waste Strategy", "To adopt the strategy and the waste contract plan",
         "Cabinet, Council", "2013-03-12", "Ann Lee"),
    ]
    assert (rec.key_decisions[1].span.start, rec.key_decisions[1].span.end) == (6, 7)
    assert {p.name: p.role for p in rec.people} == {"Tom Reed": "Head of Leisure",
                                                    "Ann Lee": "Director of Places"}
    assert plan_period(pack, segment) == ("2013-03-01", "2013-06-30", 1)


def test_tab_forward_plan_with_spaced_ref_and_email() -> None:
    pack, segment, rec = run("forward_plan_tabs.txt")
    (kd,) = rec.key_decisions
    assert (kd.ref, kd.title) == ("FP 12/13-4", "Home Care Framework")
    assert kd.decision_maker == "Executive Member for Adults"
    assert kd.expected_date == "2013-04-04"
    assert rec.people[0].role == "Assistant Director (Adult Care)"
    assert plan_period(pack, segment) is None


@pytest.mark.parametrize(("cell", "ref"), [
    ("CE11/12-17 Carers Strategy", "CE11/12-17"), ("KD/2012/05 Title", "KD/2012/05"),
    ("FP 12/13-4 Title", "FP 12/13-4"), ("ED-2014-07", "ED-2014-07"),
    ("Carers Strategy", None), ("A plan", None), ("A 12 month review", None),
])
def test_reference_token(cell: str, ref: str | None) -> None:
    found = split_reference(cell)
    assert (found[0] if found else None) == ref


def test_html_table_with_separate_reference_column() -> None:
    _, _, rec = run("forward_plan_html.txt")
    (kd,) = rec.key_decisions
    assert (kd.ref, kd.title, kd.decision_maker) == ("ED-2014-07", "Car Parking Charges",
                                                     "Executive")
    assert (kd.expected_date, kd.scrutiny_committee) == ("2014-07-14", "Resources Scrutiny")
    assert (kd.contact, rec.people[0].role) == ("Peter Wade", "Head of Environment")


def test_no_table_warns() -> None:
    pack = PackText.from_string("Forward plan\nNo decisions this month.")
    rec = extract_forward_plan(pack, Segment("forward_plan", "F", 1, 2), PackContext())
    assert rec.key_decisions == [] and "no key decisions" in rec.warnings[0].message


_CELLS = st.sampled_from(["Key Decision", "Decision Maker", "Expected Date", "Consultation",
                          "Scrutiny", "Contact", "CE11/12-17 Title", "KD/1", "3 Oct 2011",
                          "Jane Roe, Director", "", "|", "---", "<p>x</p>", ",", "Cabinet"])


@settings(max_examples=50, deadline=None)
@given(st.lists(st.lists(_CELLS, max_size=8), max_size=10), st.sampled_from(["\t", " | "]))
def test_never_raises(rows: list[list[str]], sep: str) -> None:
    pack = PackText.from_string("\n".join(sep.join(r) for r in rows) or " ")
    rec = extract_forward_plan(pack, Segment("forward_plan", "F", 1, len(pack) or 1),
                               PackContext())
    assert all(k.ref for k in rec.key_decisions)


def test_decisions_as_blocks_of_labelled_lines() -> None:
    """'Reference: ...' / 'Decision title: ...' / 'Decision maker: ...' blocks, no table."""
    pack, _segment, rec = run("forward_plan_stacked.txt")
    got = [(k.ref, k.title, k.decision_maker, k.expected_date, k.contact, k.span.start,
            k.span.end) for k in rec.key_decisions]
    assert got == [
        ("KD/2020/014", "Children's Homes Sufficiency Strategy", "Cabinet", "2020-07-14",
         "Sarah Mills", 7, 13),
        ("KD/2020/015", "Home to School Transport Policy 2021/22",
         "Cabinet Member for Education", "2020-09", "Tom Reid", 15, 21)]
    assert [(p.name, p.role) for p in rec.people] == [
        ("Sarah Mills", "Director of Children's Services"),
        ("Tom Reid", "Head of Education Access")]
    assert not rec.warnings
    segs, _ = segment(pack)
    assert [s.kind for s in segs] == ["forward_plan"]
