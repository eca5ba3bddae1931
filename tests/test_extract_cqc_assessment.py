"""CQC's assessment of a local authority's Care Act duties: 'Assessment published',
'Overall rating', quality statements scored 1-4 under four themes, 'Areas for
development' without bullet glyphs."""

from __future__ import annotations

import pytest

from ingest.judgements import grade_of, label_of
from tests.excerpt_helpers import extract_whole


@pytest.fixture(scope="module")
def px():  # type: ignore[no-untyped-def]
    return extract_whole("inspection_cqc_local_authority.txt")


def test_one_assessment_of_the_council(px) -> None:  # type: ignore[no-untyped-def]
    [insp] = [i for d in px.documents for i in d.inspections]
    assert insp.title == "Westfold County Council: local authority assessment"
    assert (insp.inspectorate, insp.subject_body, insp.published, insp.type) == (
        "Care Quality Commission", "Westfold County Council", "2024-10-18",
        "local authority assessment")


def test_scores_are_graded_the_other_way_round_under_their_themes(px) -> None:  # type: ignore[no-untyped-def]
    [insp] = [i for d in px.documents for i in d.inspections]
    by_area = {j.area: j for j in insp.judgements}
    assert by_area["Overall"].grade == 3
    assert len(by_area) == 10  # the overall rating and nine quality statements
    assert (by_area["Assessing needs"].grade, by_area["Assessing needs"].section) == (
        3, "Theme 1: Working with people")
    assert by_area["Partnerships and communities"].grade == 2  # score 3
    assert by_area["Safeguarding"].grade_label == "Evidence shows some shortfalls"
    assert not [w for d in px.documents for w in d.warnings if "graded heading" in w.message]


def test_areas_for_development_are_recommendations(px) -> None:  # type: ignore[no-untyped-def]
    recs = [r.text for d in px.documents for r in d.recommendations]
    assert len(recs) == 3 and recs[1] == ("The local authority should improve the timeliness "
                                         "of safeguarding enquiries")


@pytest.mark.parametrize(("text", "grade", "label"), [
    ("Score: 4", 1, "Evidence shows an exceptional standard"),
    ("Score: 1", 4, "Evidence shows significant shortfalls"),
    ("score 2 / 4", 3, "Evidence shows some shortfalls"),
    ("Grade 2", 2, "Good"),  # Ofsted's numbers are grades already
])
def test_scores_and_grades(text, grade, label) -> None:  # type: ignore[no-untyped-def]
    assert grade_of(text) == grade
    assert label_of(grade, text) == label
