"""Acronym tables: several (ACRONYM, expansion) pairs per row."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extractors import PackContext, extractor_for
from ingest.extractors.acronyms import extract_acronyms, is_acronym_heading
from ingest.records import DocumentRecords, Segment
from ingest.text import PackText

EXCERPTS = Path(__file__).parent / "data" / "excerpts"


def run(text: str, ctx: PackContext) -> DocumentRecords:
    pack = PackText.from_string(text)
    return extract_acronyms(pack, Segment("acronym_table", "Acronyms", 1, len(pack)), ctx)


def test_registered_for_its_kind() -> None:
    assert extractor_for("acronym_table") is extract_acronyms


def test_sample_table_three_pairs_a_row() -> None:
    ctx = PackContext()
    recs = run((EXCERPTS / "acronyms_sample.txt").read_text(encoding="utf-8"), ctx)
    pairs = [(a.short, a.expansion) for a in recs.acronyms]
    assert len(pairs) == 15
    assert pairs[:3] == [("C&R", "Contract and Referrals into Social Care"),
                         ("PC", "Practice Consultants"),
                         ("LSCB", "Local Safeguarding Childrens Board")]
    assert ("E&D", "Equality & Diversity") in pairs
    assert ("CiCC", "Children in care Council") in pairs
    assert all(a.span.start == a.span.end and a.short in a.span.text for a in recs.acronyms)
    assert ctx.acronyms == dict(pairs)


def test_markdown_and_inline_definitions() -> None:
    text = ("Glossary\n\n| Term | Meaning | Term | Meaning |\n|---|---|---|---|\n"
            "| YOT | Youth Offending Team | HWB | Health and Wellbeing Board |\n"
            "DfE - Department for Education\nThis page is intentionally left blank\n")
    recs = run(text, PackContext())
    assert [(a.short, a.expansion) for a in recs.acronyms] == [
        ("YOT", "Youth Offending Team"), ("HWB", "Health and Wellbeing Board"),
        ("DfE", "Department for Education")]


def test_heading_and_its_misspellings() -> None:
    assert is_acronym_heading("Acroynms") and is_acronym_heading("Glossary of terms")
    assert not is_acronym_heading("Services for Cared for Children")


@settings(max_examples=50, deadline=None)
@given(st.text())
def test_never_raises_on_arbitrary_text(text: str) -> None:
    recs = run(text or " ", PackContext())
    assert all(a.short and a.expansion for a in recs.acronyms)


def test_expansions_that_name_bodies_become_body_mentions() -> None:
    text = "| LSCB | Local Safeguarding Children Board | GM | Group Manager |\n"
    recs = run(text, PackContext())
    assert [(b.name, b.type, b.acronym) for b in recs.bodies] == [
        ("Local Safeguarding Children Board", "board", "LSCB")]
