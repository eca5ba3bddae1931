"""A pack of many kinds of papers, one after another with the page furniture between them,
is read as each paper is read alone: nothing is lost or merged at the joins (a letter's
letterhead after a blank page included)."""

from __future__ import annotations

from collections import Counter

from ingest.pipeline import extract_pack
from ingest.text import PackText
from tests.conftest import DATA
from tests.excerpt_helpers import extract_whole, records

PAPERS = ["agenda_notice_of_meeting.txt", "minutes_inline_clauses.txt",
          "report_lettered_recommendations.txt", "inspection_focused_visit_letter.txt",
          "inspection_cqc_local_authority.txt", "action_plan_practice_review.txt",
          "minutes_partnership_actions.txt", "scrutiny_recommendations_tracker.txt",
          "minutes_record_of_decisions.txt", "minutes_trust_board.txt", "audit_followup.txt"]
KINDS = ["meetings", "resolutions", "actions", "inspections", "recommendations",
         "agenda_items", "reports"]


def test_a_pack_of_papers_reads_as_its_papers_alone() -> None:
    blank_page = "\n\nThis page is intentionally left blank\n\n"
    text = blank_page.join((DATA / "excerpts" / p).read_text(encoding="utf-8") for p in PAPERS)
    pack = extract_pack(PackText.from_string(text, "combined.txt"))
    alone: Counter[str] = Counter()
    kinds: Counter[str] = Counter()
    for paper in PAPERS:
        px = extract_whole(paper)
        alone.update({k: len(records(px, k)) for k in KINDS})
        kinds.update(d.segment.kind for d in px.documents)
    assert {k: len(records(pack, k)) for k in KINDS} == {k: alone[k] for k in KINDS}
    assert Counter(d.segment.kind for d in pack.documents) == kinds
    assert "generic" not in kinds
