"""Appendices: numbered further areas with their details; other appendices by title."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extractors import PackContext, extractor_for
from ingest.extractors.appendix import extract_appendix
from ingest.records import DocumentRecords, Segment
from ingest.text import PackText

EXCERPTS = Path(__file__).parent / "data" / "excerpts"


def run(name: str) -> DocumentRecords:
    pack = PackText.from_string((EXCERPTS / name).read_text(encoding="utf-8"), name)
    return extract_appendix(pack, Segment("appendix", name, 1, len(pack)), PackContext())


def test_registered_for_its_kind() -> None:
    assert extractor_for("appendix") is extract_appendix


def test_sample_further_areas() -> None:
    areas = run("appendix_sample.txt").further_areas
    assert [(a.number, a.title) for a in areas] == [
        (1, "Sexual Health Services"), (2, "CAMHS"), (3, "Missing from Care/Home/Education"),
        (4, "Private Fostering"), (5, "Performance Management – Systems/Reporting/Access to Data"),
        (6, "C&YP Voice - Stakeholder Engagement"), (7, "Early Intervention"),
        (8, "Greater Understanding from ALL Partners in terms of their role and impact on "
            "Announced Inspection outcomes")]
    assert areas[0].details.splitlines()[0] == "Not fit for purpose – too fragmented"
    assert "Emotional abuse/neglect etc." in areas[6].details.splitlines()  # a bullet: a detail
    assert areas[0].span.text.startswith("1. Sexual Health Services")


def test_bold_titles_and_numbered_notes_inside_an_area() -> None:
    areas = run("appendix_westshire.txt").further_areas
    assert [(a.number, a.title) for a in areas] == [
        (1, "Domestic abuse"), (2, "Children missing education"), (3, "Workforce")]
    assert areas[1].details == ("Tracking of children who leave school rolls.\n"
                                "1) Link with admissions.")
    assert areas[2].details is None


def test_generic_appendix_gives_no_areas_and_no_warnings() -> None:
    recs = run("appendix_generic.txt")
    assert recs.further_areas == [] and recs.warnings == []
    assert recs.segment.title == "appendix_generic.txt"


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["1. A", "2. B", "- x", "", "3. C.", "APPENDIX"]) | st.text(),
                max_size=20))
def test_never_raises_on_arbitrary_text(lines) -> None:
    text = "\n".join(lines) if isinstance(lines, list) else lines
    pack = PackText.from_string(text or " ")
    recs = extract_appendix(pack, Segment("appendix", "t", 1, max(1, len(pack))), PackContext())
    assert [a.number for a in recs.further_areas] == list(range(1, len(recs.further_areas) + 1))
