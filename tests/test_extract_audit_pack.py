"""An audit committee's pack (ModernGov cover, follow-up report, tracker appendix): the
layouts of internal audit recommendation tracking, which other councils publish as often
as inspection action plans."""

from __future__ import annotations

import pytest

from ingest.owners import split_owners
from ingest.pipeline import extract_pack
from tests.conftest import DATA
from tests.excerpt_helpers import extract_whole, records


@pytest.fixture(scope="module")
def px():  # type: ignore[no-untyped-def]
    return extract_whole("audit_followup.txt")



def test_cover_names_body_date_time_and_venue_without_labels(px) -> None:  # type: ignore[no-untyped-def]
    """'Audit and Governance Committee' / 'Thursday, 28th March, 2019 at 2.00 pm' / a room,
    then 'Membership: ...' over 'AGENDA': the body is the committee, not the membership."""
    [m] = records(px, "meetings")
    assert (m.body, m.date, m.start_time, m.venue) == (
        "Audit and Governance Committee", "2019-03-28", "14:00",
        "Committee Room 1, Town Hall, Ashbridge")
    assert [i.number for i in records(px, "agenda_items")] == [1, 2, 3, 4, 5]


def test_lead_officer_is_the_author_when_report_of_names_a_post(px) -> None:  # type: ignore[no-untyped-def]
    [report] = [r for r in records(px, "reports") if r.kind == "officer_report"]
    assert (report.author, report.author_role) == ("Andrew Fenwick", "Head of Internal Audit")


def test_tracker_rows_are_owned_actions_due_at_the_revised_date(px) -> None:  # type: ignore[no-untyped-def]
    acts = {a.recommendation_id: a for a in records(px, "actions")}
    assert set(acts) == {"PAY/01", "PAY/03", "CRD/02", "ICT/05"}
    assert acts["PAY/01"].timescale_as_written == "30/06/2019"  # revised, not 31/03/2018
    assert acts["CRD/02"].timescale_as_written == "31/12/2018"  # no revision: the original
    assert [o.name for o in acts["PAY/01"].owners] == ["Head of HR and OD"]
    [owner] = acts["ICT/05"].owners
    assert (owner.name, owner.kind, owner.post) == ("James Allerton", "person", "ICT Manager")
    assert [s.rag for s in acts["PAY/03"].statuses] == ["not started"]


@pytest.mark.parametrize(("cell", "expected"), [
    ("Head of HR and OD", [("Head of HR and OD", "post", None)]),
    ("Director of Finance and Resources", [("Director of Finance and Resources", "post", None)]),
    ("Head of Policy & Performance", [("Head of Policy & Performance", "post", None)]),
    # an NHS body named by its acronym, a person, a team: separate owners still
    ("Head of Finance and CCG", [("Head of Finance", "post", None), ("CCG", "body", None)]),
    ("Director of Finance and A Smith", [("Director of Finance", "post", None),
                                         ("A Smith", "person", None)]),
    ("Head of Service and Carers Team", [("Head of Service", "post", None),
                                         ("Carers Team", "body", None)]),
    ("T Baines, Head of Service", [("T Baines", "person", "Head of Service")]),
    ("Ann Lee, Head of HR and OD", [("Ann Lee", "person", "Head of HR and OD")]),
    ("A Smith, B Jones", [("A Smith", "person", None), ("B Jones", "person", None)]),
    ("T Baines, Carers Team", [("T Baines", "person", None), ("Carers Team", "body", None)]),
])
def test_owner_cells_keep_posts_whole_and_attach_them_to_their_holder(cell, expected) -> None:  # type: ignore[no-untyped-def]
    owners, unassigned = split_owners(cell)
    assert not unassigned
    assert [(o.name, o.kind, o.post) for o in owners] == expected


def test_a_header_word_cut_by_a_narrow_pdf_column_still_names_its_column(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Printed to PDF, the eight-column tracker's 'Recommendation' header wraps inside its
    cell ('Recommend' / 'ation'); the table is still read as the plan it is."""
    from fpdf import FPDF

    from ingest.loaders import load

    text = (DATA / "excerpts" / "audit_followup.txt").read_text(encoding="utf-8")
    rows = [line.split("\t") for line in text.splitlines() if "\t" in line]
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=10)
    pdf.multi_cell(0, 6, "Appendix A - Overdue High Priority Recommendations",
                   new_x="LMARGIN", new_y="NEXT")
    with pdf.table() as table:
        for cells in rows:
            row = table.row()
            for cell in cells + [""] * (len(rows[0]) - len(cells)):
                row.cell(cell)
    path = tmp_path / "tracker.pdf"
    pdf.output(str(path))
    pack = load(path)
    assert any("Recommend ation" in line for line in pack.lines)  # the defect is there
    px = extract_pack(pack)
    acts = {a.recommendation_id: a for d in px.documents for a in d.actions}
    assert set(acts) == {"PAY/01", "PAY/03", "CRD/02", "ICT/05"}
    assert [o.name for o in acts["PAY/01"].owners] == ["Head of HR and OD"]
