"""Resolutions quoted outside minutes (a work programme's task-group table, a report).

The excerpts are invented in the layouts packs use: an HTML fragment inside a tab-separated
row with the list it opens on the next row, and a plain paragraph."""

from __future__ import annotations

from ingest.pipeline import extract_pack
from ingest.quoted_resolutions import quoted_resolutions
from ingest.records import Segment
from ingest.text import PackText

ROW = ("Review of Library Opening Hours\t<p>At the meeting of the Cabinet on 3 March 2014 a "
       "petition had been presented by residents of Ashby.</p> <p>RESOLVED</p> <p>That the "
       "matter be referred to the Communities Scrutiny Committee with a view to it reporting "
       "back on:</p>\tScoping on 12/6")
CONTINUATION = ("\t<ul> • The usage of each branch library • The cost of Saturday opening. "
                "\t")


def segment_of(pack: PackText, kind: str = "work_programme") -> Segment:
    return Segment(kind, "Work Programme", 1, len(pack), 1)


def test_resolution_in_a_table_row_with_its_list_on_the_next_row() -> None:
    pack = PackText.from_string("\n".join(["Title\tNotes\tActions", ROW, "", CONTINUATION]))
    [res] = quoted_resolutions(pack, segment_of(pack))
    assert res.text == ("That the matter be referred to the Communities Scrutiny Committee "
                        "with a view to it reporting back on: the usage of each branch "
                        "library; the cost of Saturday opening.")
    assert res.minute_title == "Review of Library Opening Hours"
    assert (res.body, res.meeting_date) == ("Cabinet", "2014-03-03")
    assert res.action_owner == "Communities Scrutiny Committee"
    assert (res.span.start, res.span.end) == (2, 4)


def test_resolution_in_a_paragraph_with_two_clauses() -> None:
    text = ("By its meeting of the Health Board held on 14 May 2013 it was noted that waits "
            "had grown. RESOLVED: That the Director of Public Health be asked to report in "
            "July. <p>That the Board write to the Trust.</p>")
    pack = PackText.from_string(text)
    found = quoted_resolutions(pack, segment_of(pack, "officer_report"))
    assert [r.text for r in found] == [
        "That the Director of Public Health be asked to report in July.",
        "That the Board write to the Trust."]
    assert found[0].action_owner == "Director of Public Health"
    assert all(r.meeting_date == "2013-05-14" for r in found)


def test_text_without_a_resolved_marker_gives_nothing() -> None:
    pack = PackText.from_string("The Committee resolved to meet again.\nThat is all.")
    assert quoted_resolutions(pack, segment_of(pack)) == []


def test_minutes_are_left_to_the_minutes_extractor(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A work programme's quoted resolution comes out of the pipeline once."""
    pack = tmp_path / "wp.txt"
    pack.write_text("WORK PROGRAMME 2014/15\n\nTask Groups\n\nTitle\tNotes\tActions\n"
                    f"{ROW}\n\n{CONTINUATION}\n", encoding="utf-8")
    px = extract_pack(pack)
    texts = [r.text for d in px.documents for r in d.resolutions]
    assert sum(t.startswith("That the matter be referred") for t in texts) == 1, texts
