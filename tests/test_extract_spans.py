"""Segments whose span runs past the pack, starts at 0 or is empty never make the
inspection, plan, acronym or appendix readers fail."""

from __future__ import annotations

import pytest

from ingest.extractors import PackContext, extractor_for
from ingest.records import Segment
from ingest.text import PackText

KINDS = ["inspection_report", "action_plan", "acronym_table", "appendix"]
PACK = PackText.from_string("Acronyms\nAB\tAlpha Board\n1. First\n2. Second\n")


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("start", "end"), [(0, 3), (1, 99), (9, 12), (3, 2)])
def test_odd_spans(kind: str, start: int, end: int) -> None:
    recs = extractor_for(kind)(PACK, Segment(kind, "t", start, end), PackContext())  # type: ignore[arg-type]
    spans = [r.span for r in (*recs.acronyms, *recs.further_areas, *recs.actions)]
    assert all(1 <= s.start <= s.end <= len(PACK) for s in spans)
    if kind == "appendix" and (start, end) == (1, 99):
        assert [a.title for a in recs.further_areas] == ["First", "Second"]
