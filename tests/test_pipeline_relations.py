"""The pipeline reads accountability relations from the prose of reports and minutes."""

from __future__ import annotations

from ingest.pipeline import extract_pack
from ingest.text import PackText

REPORT = """NORTHSHIRE COUNTY COUNCIL

REPORT TO: Children and Young People Scrutiny Committee

Date of Meeting: 12 March 2013
Report of: Director of Children's Services
Subject/Title: Ofsted Inspection Action Plan

1.0 Next Steps

1.1 Progress updates will be reported to the Northshire Safeguarding Children Board.
Within the Council the Corporate Parenting Committee will have oversight of the action plan.
"""


def test_officer_report_prose_gives_relations_and_no_document_body() -> None:
    px = extract_pack(PackText.from_string(REPORT, "northshire.txt"))
    rels = {(r.subject, r.relation, r.object) for d in px.documents for r in d.relations}
    assert any(r == "reportsTo" and "Safeguarding Children Board" in o for _, r, o in rels)
    assert any(r == "oversees" and "Corporate Parenting Committee" in s for s, r, _ in rels)
    names = {b.name for b in px.bodies}
    assert "Ofsted Inspection Action Plan" not in names  # the document is not an agent
