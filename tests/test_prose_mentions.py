"""Bodies and councillors named in passing: sentences, table cells, and what is not a body."""

from __future__ import annotations

from ingest.prose_mentions import prose_body_mentions, titled_people
from ingest.records import Segment
from ingest.text import PackText

TEXT = """The Department of Work and Pensions also provides services to help people into work.
Funding includes an Emergency Response Service and day care.
Dates of Future Cabinet Meetings
Item\tLead Body\tNotes\tStatus
Transport\tWestshire Highways Team ■ Smart Travel Service\tTo go to H&WB Committee\tOn track
| Topic | Lead | Notes |
|---|---|---|
| Parking | Northgate Scrutiny Committee | none |
Proposed by Cllr Jane Smith, seconded by Councillors M J Brown and A Patel."""


def _pack() -> tuple[PackText, Segment]:
    pack = PackText.from_string(TEXT)
    return pack, Segment("work_programme", "W", 1, len(pack))


def test_bodies_in_sentences_and_cells() -> None:
    pack, segment = _pack()
    found = {(b.name, b.span.start) for b in prose_body_mentions(pack, segment, "wp")}
    assert ("Department of Work and Pensions", 1) in found
    assert ("Westshire Highways Team", 5) in found
    assert ("H&WB Committee", 5) in found
    assert ("Northgate Scrutiny Committee", 8) in found  # short cells, but under a rule


def test_what_is_not_a_body() -> None:
    pack, segment = _pack()
    names = {b.name for b in prose_body_mentions(pack, segment, "wp")}
    assert "Emergency Response Service" not in names  # 'an ...': a kind of service
    assert "Smart Travel Service" not in names  # a project label after a bullet
    assert not any(n.startswith("Dates") for n in names)
    assert "Lead Body" not in names  # a header row


def test_skip_lines_and_known_names() -> None:
    pack, segment = _pack()
    found = prose_body_mentions(pack, segment, "wp", skip={"h&wb committee"}, skip_lines={1})
    names = {b.name for b in found}
    assert "H&WB Committee" not in names and "Department of Work and Pensions" not in names


def test_councillors_named_in_passing() -> None:
    pack, segment = _pack()
    assert [(p.name, p.title, p.span.start) for p in titled_people(pack, segment, "wp")] == [
        ("Jane Smith", "Councillor", 9), ("M J Brown", "Councillor", 9),
        ("A Patel", "Councillor", 9)]


def test_phrase_bodies_beyond_the_shared_head_nouns() -> None:
    from ingest.prose_mentions import phrase_bodies
    from ingest.records import Span

    span = Span(1, 1, "x")
    names = [b.name for b in phrase_bodies(
        "Eastmoor Carers Network (ECN) – transition to Local Healthwatch", span, "t")]
    assert names == ["Eastmoor Carers Network", "Local Healthwatch"]
