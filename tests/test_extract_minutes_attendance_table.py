"""Minutes published as a web page with the attendance as a table under a 'Name | Role'
header: the header is not a member, and the chair marked in the role column is the chair."""

from __future__ import annotations

from ingest.loaders import load
from ingest.pipeline import extract_pack
from tests.conftest import DATA
from tests.excerpt_helpers import records


def test_attendance_table_with_a_header_row() -> None:
    px = extract_pack(load(DATA / "html" / "minutes_attendance_table.html"))
    [m] = [m for m in records(px, "meetings") if m.status == "held"]
    assert (m.body, m.date) == ("Cabinet", "2020-05-12")
    assert m.present == ["Paula Grant", "Sam Okoro", "Liam Price"]
    assert m.chair == "Paula Grant" and m.apologies == ["Mary Webb"]
    posts = {(p.name, p.role) for p in records(px, "people") if p.context.endswith(".post")}
    assert ("Paula Grant", "Leader of the Council") in posts  # a post, not a body
    assert "Leader of the Council" not in {b.name for b in px.bodies}
    assert [r.action_owner for r in records(px, "resolutions")] == [
        None, "Director of Children's Services"]
