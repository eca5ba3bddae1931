"""End to end: file -> segments -> extractors -> linking -> resolution -> gold JSON.

On the sample pack (key facts it states, resolution of its hard cases) and on a small
invented pack in another council's style (tests/data/extract/northshire_pack.txt).
"""

from __future__ import annotations

import json
from collections import Counter

import pytest
from typer.testing import CliRunner

from ingest.jsonout import to_gold_json
from ingest.pipeline import extract_pack
from ingest.records import PackExtraction
from tests.conftest import DATA, SAMPLE

INVENTED = DATA / "extract" / "northshire_pack.txt"


@pytest.fixture(scope="module")
def sample() -> PackExtraction:
    return extract_pack(SAMPLE)


@pytest.fixture(scope="module")
def sample_json(sample: PackExtraction) -> dict:
    return to_gold_json(sample)


def body(px: PackExtraction, name: str):
    hit = px.lookup(name)
    assert hit is not None and hit[0] == "body", f"{name!r} is not resolved to a body"
    return next(b for b in px.bodies if b.key == hit[1])


def test_recommendations_and_their_timescales(sample_json: dict) -> None:
    recs = sample_json["recommendations"]
    assert len(recs) == 23
    scales = Counter(r["timescale"] for r in recs)
    assert scales == {"immediately": 7, "3 months": 11, "6 months": 5}


def test_action_owners(sample_json: dict) -> None:
    acts = sample_json["actions"]
    assert len(acts) == 23
    owners = [set(a["responsible_officers"]) for a in acts]
    assert {"Sheila Sadler", "J Oxley", "S Tatham"} in owners
    assert {"Relevant managers"} in owners
    assert sum(1 for o in owners if not o) >= 1  # 'TBD': unassigned
    assert all("TBD" not in o and "Initially" not in " ".join(o) for o in owners)


def test_judgements_counted(sample_json: dict) -> None:
    main = max(sample_json["inspections"], key=lambda i: len(i["judgements"]))
    assert len(main["judgements"]) >= 42
    assert all(j["grade"] in (1, 2, 3, 4) for j in main["judgements"])


def test_one_board_written_eight_ways(sample: PackExtraction) -> None:
    board = body(sample, "CESCB")
    for form in ("CESCIB", "CESC", "LSCB", "Local Safeguarding Children's Board"):
        assert body(sample, form).key == board.key, form
    assert board.type == "board" and board.acronym == "CESCB"
    rules = {m.as_written: m.rule for m in sample.merges if m.entity_key == board.key}
    assert rules["CESCIB"] == "acronym-variant" and rules["CESC"] == "acronym-variant"


def test_council_typos_are_the_council(sample: PackExtraction) -> None:
    council = body(sample, "Cheshire East Council")
    assert council.type == "council"
    assert body(sample, "East Cheshire Council").key == council.key
    assert body(sample, "Cheshire Esat Council").key == council.key


def test_people_and_posts(sample: PackExtraction) -> None:
    irene = sample.lookup("I Faseyi")
    assert irene == sample.lookup("Councillor Irene Faseyi")
    person = next(p for p in sample.people if p.key == irene[1])
    assert person.name == "Irene Faseyi" and person.title == "Councillor"
    assert sample.lookup("Relevant managers")[0] == "role"
    director = next(p for p in sample.posts
                    if p.title.startswith("Strategic Director of Children"))
    assert director.holder == sample.lookup("Lorraine Butcher")[1]


def test_every_item_has_a_line(sample_json: dict) -> None:
    for kind in ("bodies", "people", "recommendations", "actions", "reports", "meetings"):
        assert all(isinstance(i["line"], int) for i in sample_json[kind]), kind


def test_invented_pack_in_another_style() -> None:
    px = extract_pack(INVENTED)
    board = body(px, "NSCPB")
    assert board.name == "Northshire Safeguarding Children Partnership Board"
    assert body(px, "NSCPIB").key == board.key and body(px, "NSCP").key == board.key
    assert body(px, "Local Safeguarding Children Board").key == board.key
    council = body(px, "Northshire Borough Council")
    assert council.name == "Northshire Borough Council"
    people = {p.name for p in px.people}
    assert {"T Q Ramsbottom", "Odile Marchetti", "Bartholomew Quennell"} <= people
    post = next(p for p in px.posts if p.title.startswith("Director of People"))
    assert post.holder == px.lookup("Odile Marchetti")[1]
    data = to_gold_json(px)
    held = next(m for m in data["meetings"] if m["date"] == "2023-01-10")
    assert held["chair"] == "T Q Ramsbottom" and len(held["present"]) == 5


def test_extract_command_prints_json_and_summary() -> None:
    from remit.cli import app

    runner = CliRunner()
    res = runner.invoke(app, ["extract", str(INVENTED), "--json"])
    assert res.exit_code == 0, res.output
    data = json.loads(res.stdout)
    assert data["source"]["name"] == INVENTED.name and data["bodies"]
    res = runner.invoke(app, ["extract", str(INVENTED)])
    assert res.exit_code == 0 and "bodies" in res.stdout


def test_extract_command_on_missing_file_fails_clearly(tmp_path) -> None:
    from remit.cli import app

    res = CliRunner().invoke(app, ["extract", str(tmp_path / "nope.txt")])
    assert res.exit_code == 2 and "no such file" in res.output


def test_extract_command_on_empty_file_names_file_and_reason(tmp_path) -> None:
    from remit.cli import app

    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    res = CliRunner().invoke(app, ["extract", str(empty), "--json"])
    assert res.exit_code == 2
    assert "empty.txt" in res.output and "empty file" in res.output
