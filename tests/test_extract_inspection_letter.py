"""An inspectorate's letter: Ofsted's focused and monitoring visits are reported as a letter
to the director, with no key block of dates and no grades."""

from __future__ import annotations

import pytest

from ingest.extractors._inspection_letter import read_letter, visit_kind
from ingest.referenced import referenced_inspection
from ingest.text import PackText
from tests.excerpt_helpers import extract_whole, records


@pytest.fixture(scope="module")
def px():  # type: ignore[no-untyped-def]
    return extract_whole("inspection_focused_visit_letter.txt")



def test_the_letter_is_one_inspection_report_from_its_letterhead(px) -> None:  # type: ignore[no-untyped-def]
    assert [(d.segment.kind, d.segment.title) for d in px.documents] == [
        ("inspection_report", "Focused visit to Westfold children's services")]
    assert px.documents[0].segment.start == 1  # the 'Ofsted' letterhead


def test_visit_facts_read_from_the_letter(px) -> None:  # type: ignore[no-untyped-def]
    visit = next(i for i in records(px, "inspections") if i.type != "referenced")
    assert visit.title == "Focused visit to Westfold children's services"
    assert visit.type == "focused visit"
    assert visit.dates == ["2022-09-13", "2022-09-14"]
    assert visit.published == "2022-10-12"  # the letter's date
    assert visit.subject_body == "Westfold County Council"
    assert visit.reporting_inspector == "Lisa Grant"
    assert visit.judgements == []


def test_addressee_and_team(px) -> None:  # type: ignore[no-untyped-def]
    people = {(p.name, p.role, p.body) for p in records(px, "people")}
    assert ("Rachel Dunmore", "Director of Children's Services",
            "Westfold County Council") in people
    assert any(name == "Omar Haddad" and role == "Inspector" for name, role, _ in people)


def test_what_needs_to_improve_without_bullet_glyphs(px) -> None:  # type: ignore[no-untyped-def]
    recs = [r.text for r in records(px, "recommendations")]
    assert recs == ["The quality and timeliness of assessments for children in need",
                    "Management oversight and supervision of social workers' practice",
                    "The timeliness of initial child protection conferences"]


def test_cited_grade_requires_improvement_to_be_good(px) -> None:  # type: ignore[no-untyped-def]
    [cited] = [i for i in records(px, "inspections") if i.type == "referenced"]
    assert [(j.area, j.grade) for j in cited.judgements] == [("Overall effectiveness", 3)]


def test_read_letter_needs_a_dear_line() -> None:
    assert read_letter([(1, "Ofsted"), (2, "Inspection of Westfold")]) is None


@pytest.mark.parametrize(("title", "kind"), [
    ("Monitoring visit of Northshire local authority children's services",
     "monitoring visit"),
    ("Joint targeted area inspection of the multi-agency response", "joint targeted area "
                                                                    "inspection"),
    ("Inspection of Northshire children's services", None),
])
def test_visit_kinds(title, kind) -> None:  # type: ignore[no-untyped-def]
    assert visit_kind(title) == kind


def test_a_cited_grade_written_with_to_require() -> None:
    pack = PackText.from_string("At the last inspection, services were judged to require "
                                "improvement.\n", "x.txt")
    cited = referenced_inspection(pack, 1, 1, "Ofsted", None)
    assert cited is not None
    assert [(j.area, j.grade) for j in cited.judgements] == [("Overall effectiveness", 3)]
