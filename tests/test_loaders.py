"""Loading text, PDF and HTML into the line model, and refusing bad input clearly."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from fpdf import FPDF

from ingest import loaders
from ingest.extractors import PackContext
from ingest.extractors.minutes import extract as extract_minutes
from ingest.loaders import LoadError, iter_sources, load, load_folder
from ingest.segment import segment
from tests.conftest import DATA, SAMPLE

BAD = DATA / "bad"
HTML = DATA / "html"


def _pdf(path: Path, paragraphs: list[str], table: list[list[str]] | None = None) -> Path:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    for text in paragraphs:
        pdf.multi_cell(0, 7, text)
        pdf.ln(3)
    if table:
        with pdf.table() as t:
            for cells in table:
                row = t.row()
                for c in cells:
                    row.cell(c)
    pdf.add_page()
    pdf.multi_cell(0, 7, "The meeting commenced at 10.00 am and concluded at 11.30 am")
    pdf.output(str(path))
    return path


def test_text_file_with_bom(tmp_path):
    f = tmp_path / "pack.txt"
    f.write_bytes("\ufeffAgenda line\nsecond".encode())
    pack = load(f)
    assert pack.lines == ["Agenda line", "second"]
    assert (pack.name, pack.media_type, pack.byte_size) == ("pack.txt", "text/plain", 21)
    assert len(pack.sha256) == 64


def test_sample_pack_loads_every_line():
    pack = load(SAMPLE)
    assert len(pack.lines) == len(SAMPLE.read_text(encoding="utf-8").splitlines())


def test_pdf_becomes_lines_with_table_rows(tmp_path):
    f = _pdf(tmp_path / "minutes.pdf", [
        "Minutes of a meeting of the Audit Committee held on 3 May 2012 at the Town Hall",
        "Present: Councillor A Jones (Chair), Councillors B Smith and C Brown"],
        table=[["Name", "Post"], ["Dee Rao", "Head of Audit"]])
    pack = load(f)
    assert pack.media_type == "application/pdf" and pack.notes == ["PDF text read with pdfplumber"]
    assert any(x.startswith("Minutes of a meeting of the Audit Committee") for x in pack.lines)
    assert "Dee Rao\tHead of Audit" in pack.lines
    assert "" in pack.lines  # pages are set off by a blank line
    segs, _ = segment(pack)
    assert [s.kind for s in segs] == ["minutes"]
    meeting = extract_minutes(pack, segs[0], PackContext()).meetings[0]
    assert (meeting.body, meeting.date, meeting.chair) == ("Audit Committee", "2012-05-03",
                                                           "A Jones")
    assert (meeting.start_time, meeting.end_time) == ("10:00", "11:30")


def test_moderngov_minutes_page():
    pack = load(HTML / "minutes_moderngov.html")
    assert pack.media_type == "text/html"
    text = "\n".join(pack.lines)
    assert "mgPage" not in text and "Sign in" not in text and "Accessibility" not in text
    assert "Hidden print-only text" not in text
    assert "Alan Price\tChief Executive" in pack.lines
    segs, warnings = segment(pack)
    assert [s.kind for s in segs] == ["minutes"] and warnings == []
    recs = extract_minutes(pack, segs[0], PackContext())
    m = recs.meetings[0]
    assert (m.body, m.date, m.chair, m.vice_chair) == ("Cabinet", "2012-01-10", "Helen Marsh",
                                                       "P Osei")
    assert m.officer_posts == {"Alan Price": "Chief Executive",
                               "Nadia Khan": "Head of Legal Services"}
    assert [(r.minute_number, r.clause) for r in recs.resolutions] == [
        ("2", None), ("3", "a"), ("3", "b")]
    assert [(d.person, d.interest_type) for d in recs.declarations] == [("K Doyle", "pecuniary")]


def test_decision_notice_page_in_windows_1252():
    pack = load(HTML / "decision_notice.html")
    assert "Decision Maker:\tCabinet Member for Communities" in pack.lines
    assert "Date of decision:\t14/02/2012" in pack.lines
    assert "Mary O'Neill, Libraries Manager. Email: mary.oneill@riverton.example.gov.uk" in \
        pack.lines
    assert not any(line == "Home" for line in pack.lines)


@pytest.mark.parametrize(("name", "reason"), [
    ("empty.txt", "empty file"),
    ("binary.txt", "binary data"),
    ("latin1.txt", "not valid UTF-8 at byte 31"),
    ("truncated.pdf", "truncated PDF"),
    ("no_content.html", "no text content"),
])
def test_bad_input_is_refused_with_file_and_reason(name, reason):
    with pytest.raises(LoadError) as err:
        load(BAD / name)
    assert str(err.value).startswith(str(BAD / name) + ": ")
    assert reason in str(err.value)


def test_corrupt_pdf_body(tmp_path):
    f = tmp_path / "corrupt.pdf"
    f.write_bytes(b"%PDF-1.4\n" + b"\x8f garbage " * 200 + b"\n%%EOF\n")
    with pytest.raises(LoadError, match=r"corrupt\.pdf: (corrupt PDF|PDF has no text)"):
        load(f)


def test_ragged_table_loads_and_segments():
    pack = load(BAD / "ragged_table.txt")
    segs, _ = segment(pack)
    assert segs[0].start == 1 and segs[-1].end == len(pack)


def test_file_over_the_size_cap(tmp_path, monkeypatch):
    f = tmp_path / "huge.txt"
    with f.open("wb") as out:  # sparse: 50 MB + 1 byte without writing them
        out.seek(loaders.MAX_BYTES)
        out.write(b"x")
    with pytest.raises(LoadError, match=r"huge\.txt: file is 52 MB, over the 50 MB limit"):
        load(f)


def test_unsupported_and_missing_files(tmp_path):
    doc = tmp_path / "notes.docx"
    doc.write_bytes(b"PK")
    with pytest.raises(LoadError, match=r"unsupported file type '\.docx'"):
        load(doc)
    with pytest.raises(LoadError, match="unsupported file type"):
        list(iter_sources([doc]))
    with pytest.raises(LoadError, match="no such file"):
        list(iter_sources([tmp_path / "missing.txt"]))


def test_folders_hold_only_supported_files(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "b.txt").write_text("Second pack\n", encoding="utf-8")
    (tmp_path / "sub" / "a.html").write_text("<p>First page</p>", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "notes.docx").write_bytes(b"PK")
    assert [p.name for p in iter_sources([tmp_path])] == ["b.txt", "a.html"]
    packs = load_folder(tmp_path)
    assert [p.lines for p in packs] == [["Second pack"], ["First page"]]
    with pytest.raises(LoadError, match="not a folder"):
        load_folder(tmp_path / "b.txt")


def test_html_lists_keep_their_numbers_and_a_minuted_plan_table_gives_actions():
    """<ol> items are the clauses of a resolution ('(1) ...', '(b) ...', '(iii) ...'), <ul>
    items bullets; a plan table inside the minutes is read as a plan."""
    from ingest.html_text import html_lines

    assert html_lines('<ol><li>a</li><li>b</li></ol><ol type="a" start="3"><li>c</li></ol>'
                      '<ul><li>x</li></ul><ol type="i"><li>p</li><li value="4">q</li></ol>'
                      ) == ["(1) a", "", "(2) b", "", "(c) c", "", "- x", "", "(i) p", "",
                            "(iv) q"]
    pack = load(HTML / "minutes_lists_and_plan.html")
    segs, _ = segment(pack)
    assert [s.kind for s in segs] == ["minutes"]
    recs = extract_minutes(pack, segs[0], PackContext())
    assert [(r.clause, r.text[:22]) for r in recs.resolutions] == [
        ("1", "the report be noted;"), ("2", "the Director of Childr")]
    [act] = recs.actions
    assert ([o.name for o in act.owners], act.timescale_as_written) == (["Tom Reid"],
                                                                        "April 2020")
    assert [(s.checkpoint, s.rag) for s in act.statuses] == [("February 2020", "green")]


def test_pdf_lines_wrapped_by_the_page_are_one_paragraph(tmp_path):
    """A PDF prints a paragraph over several lines; the text model has one line a
    paragraph and a blank line between paragraphs (as the converted packs have), so a
    name wrapped at the edge of the page is one name again. List items stay apart."""
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    first = ("1.1 The report of the inspection was published on 19 August 2011 and the "
             "Central and Eastern Cheshire Primary Care Trust was found to be good in its "
             "work with the Local Safeguarding Children Board.")
    for text in (first, "Areas for improvement",
                 "- ensure that every child is seen alone at each visit and that this is "
                 "recorded in the case file by the social worker",
                 "- improve supervision"):
        pdf.multi_cell(0, 7, text, new_x="LMARGIN", new_y="NEXT")
        pdf.ln(4)
    path = tmp_path / "wrapped.pdf"
    pdf.output(str(path))
    lines = load(path).lines
    assert lines == [first, "", "Areas for improvement", "",
                     "- ensure that every child is seen alone at each visit and that this is "
                     "recorded in the case file by the social worker", "",
                     "- improve supervision"]


def test_typography_made_plain_keeps_every_line_number(tmp_path):
    f = tmp_path / "pack.txt"
    f.write_text("Responsible Ofﬁcer\nImple\u00admentation\u00a0plan\n\nplain\n", encoding="utf-8")
    pack = load(f)
    assert pack.lines == ["Responsible Officer", "Implementation plan", "", "plain"]
    assert pack.notes == ["ligatures, invisible characters or non-breaking spaces made plain "
                          "on 2 line(s)"]
    assert pack.sha256 == hashlib.sha256(f.read_bytes()).hexdigest()  # of the file as given


def test_a_pdf_table_row_keeps_its_empty_cells(tmp_path):
    """A section row of a plan ('Help and protection' over empty cells) stays a row of the
    table, so the plan reads it as a section, not as text between rows."""
    from ingest.textutil import split_row

    f = _pdf(tmp_path / "plan.pdf", ["Improvement plan"],
             table=[["Recommendation", "Action", "Lead officer"],
                    ["Help and protection", "", ""],
                    ["Ensure children are seen alone", "Revise the form", "Head of Safeguarding"]])
    pack = load(f)
    row = next(line for line in pack.lines if line.startswith("Help and protection"))
    assert split_row(row) == ["Help and protection", "", ""]


def test_short_header_lines_of_a_pdf_page_are_not_one_wrapped_paragraph():
    """On a page whose text lines are all short, the longest reaches no edge of the page:
    'Date of inspection visit: ...' over 'Date of publication: ...' stays two lines."""
    from ingest.pdf_text import paragraphs

    def line(top: float, text: str, x1: float) -> dict:
        return {"x0": 72.0, "x1": x1, "top": top, "bottom": top + 10.0, "text": text}

    lines = [line(100, "Date of inspection visit: 3 March 2020 to 5 March 2020", 330),
             line(112, "Date of publication: 12 June 2020", 250)]
    assert [t for _, t, _ in paragraphs(lines, width=595)] == [
        "Date of inspection visit: 3 March 2020 to 5 March 2020",
        "Date of publication: 12 June 2020"]
    wrapped = [line(100, "The Board asked the Director of Nursing to report on the", 523),
               line(112, "waiting times in June.", 200)]
    assert [t for _, t, _ in paragraphs(wrapped, width=595)] == [
        "The Board asked the Director of Nursing to report on the waiting times in June."]
