"""Linking action-plan rows to the recommendations they serve, despite drift."""

from __future__ import annotations

from pathlib import Path

from ingest.extractors import PackContext
from ingest.extractors.action_plan import extract_action_plan
from ingest.extractors.inspection import extract_inspection
from ingest.link import link_actions, similarity
from ingest.records import Action, Recommendation, Segment, Span
from ingest.text import PackText

EXCERPTS = Path(__file__).parent / "data" / "excerpts"
SPAN = Span(1, 1, "x")


def extract(inspection: str, plan: str):
    ctx = PackContext()
    packs = [PackText.from_string((EXCERPTS / n).read_text(encoding="utf-8"), n)
             for n in (inspection, plan)]
    insp = extract_inspection(packs[0], Segment("inspection_report", "i", 1, len(packs[0])), ctx)
    acts = extract_action_plan(packs[1], Segment("action_plan", "p", 1, len(packs[1])), ctx)
    return insp.recommendations, acts.actions


def test_every_sample_row_finds_its_recommendation_one_to_one() -> None:
    recs, acts = extract("inspection_sample.txt", "action_plan_sample.txt")
    warnings = link_actions(recs, acts)
    assert warnings == []
    assert [a.recommendation_id for a in acts] == [r.id for r in recs]  # same order, no twins
    typo = acts[3]  # 'assesment reports', 'CIN plan' for 'child in need plan'
    assert typo.recommendation_id == "SS-IMM-4" and 0.6 < typo.link_score < 1.0


def test_drifted_row_links_and_an_extra_area_stays_unlinked() -> None:
    recs, acts = extract("inspection_westshire.txt", "action_plan_westshire.txt")
    warnings = link_actions(recs, acts)
    assert [a.recommendation_id for a in acts] == ["SS-IMM-1", "SS-12M-2", "SS-12M-1", None]
    (warning,) = warnings
    assert "matches no recommendation" in warning.message and "line 9" in warning.message


def test_twin_recommendations_are_told_apart_by_timescale() -> None:
    recs = [Recommendation("A-3M-1", "review the complaints procedure", SPAN, timescale="3 months"),
            Recommendation("B-6M-1", "review the complaints procedure", SPAN, timescale="6 months")]
    acts = [Action(SPAN, recommendation_text="Review the complaints procedure",
                   timescale_as_written="WITHIN 6 MONTHS"),
            Action(SPAN, recommendation_text="Review the complaints procedure.",
                   timescale_as_written="Within three months")]
    assert link_actions(recs, acts) == []
    assert [a.recommendation_id for a in acts] == ["B-6M-1", "A-3M-1"]


def test_a_second_row_for_a_taken_recommendation_shares_it_with_a_warning() -> None:
    recs = [Recommendation("R-1", "ensure that staff receive supervision", SPAN)]
    acts = [Action(SPAN, recommendation_text="Ensure that staff receive supervision"),
            Action(SPAN, recommendation_text="Ensure that all staff receive supervision")]
    (warning,) = link_actions(recs, acts)
    assert [a.recommendation_id for a in acts] == ["R-1", "R-1"]
    assert "shares recommendation R-1" in warning.message


def test_similarity_is_symmetric_and_bounded() -> None:
    a, b = "ensure that visits are recorded", "Ensure visits to children are recorded."
    assert similarity(a, b) == similarity(b, a)
    assert 0.0 <= similarity(a, b) <= 1.0
    assert similarity("", b) == 0.0


def test_numbered_plan_rows_link_to_unnumbered_recommendations() -> None:
    recs, acts = extract("inspection_sif_northvale.txt", "action_plan_northvale.txt")
    assert link_actions(recs, acts) == []
    assert [a.recommendation_id for a in acts] == [r.id for r in recs]
    assert similarity("16 plus service review", "16 plus service review") == 1.0


def test_a_tie_goes_to_the_recommendation_with_a_due_date() -> None:
    quoted = Recommendation("Q-1", "ensure that plans are audited", SPAN)
    own = Recommendation("R-1", "ensure that plans are audited", SPAN, timescale="3 months",
                         due_date="2015-06-30")
    acts = [Action(SPAN, recommendation_text="Ensure that plans are audited")]
    assert link_actions([quoted, own], acts) == []
    assert acts[0].recommendation_id == "R-1"
