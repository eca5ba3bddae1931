"""The gold-schema JSON export, on a small resolved pack built from records."""

from __future__ import annotations

import json

from ingest.jsonout import to_gold_json
from ingest.records import (
    Action,
    BodyMention,
    DocumentRecords,
    Inspection,
    Judgement,
    Meeting,
    Owner,
    PackExtraction,
    Recommendation,
    Report,
    Resolution,
    Segment,
    Span,
    StatusSnapshot,
)
from ingest.refdata import Reference
from ingest.resolve import resolve

GOLD_LISTS = ("bodies", "people", "meetings", "agenda_items", "declarations", "resolutions",
              "reports", "inspections", "recommendations", "actions", "further_areas",
              "implementation_plan", "work_programme", "task_groups", "key_decisions")


def sp(n: int) -> Span:
    return Span(n, n, f"line {n}")


def pack() -> PackExtraction:
    d = DocumentRecords(Segment("minutes", "Minutes", 1, 50, 1))
    d.bodies = [BodyMention("Upton Adults Committee", sp(2)),
                BodyMention("UPTON ADULTS COMMITTEE", sp(3))]
    d.meetings = [Meeting("Upton Adults Committee", "2020-03-04", sp(2), chair="Cllr A Bee",
                          present=["Cllr A Bee", "C Dee"]),
                  Meeting("UPTON ADULTS COMMITTEE", "2020-03-04", sp(9), venue="Town Hall")]
    d.resolutions = [Resolution(4, "MINUTES", None, "That the minutes be signed.", sp(12),
                                action_owner="the Chairman")]
    d.inspections = [Inspection("Inspection of widgets", sp(20), judgements=[
        Judgement("Overall effectiveness", 3, sp(21), grade_label="adequate")])]
    d.recommendations = [Recommendation("R1", "ensure widgets are counted", sp(22),
                                        timescale="within 3 months")]
    d.actions = [
        Action(sp(30), recommendation_id="R1", owners=[
            Owner("Initially - Nia Vale", "Nia Vale", "person", "Initially"),
            Owner("Relevant managers", "Relevant managers", "role")],
            statuses=[StatusSnapshot("End of May", sp(30), rag="green", note="begun")]),
        Action(sp(31), recommendation_id="R1", owners=[Owner("TBD", "TBD", "role")],
               unassigned=True),
    ]
    return resolve(PackExtraction("p.txt", "ab" * 32, [d]), ref=Reference())


def test_every_gold_list_is_present_and_json_serialisable() -> None:
    data = to_gold_json(pack())
    assert all(isinstance(data[k], list) for k in GOLD_LISTS)
    assert json.loads(json.dumps(data))["source"]["name"] == "p.txt"


def test_every_item_carries_its_line() -> None:
    data = to_gold_json(pack())
    for k in GOLD_LISTS:
        for item in data[k]:
            assert isinstance(item["line"], int), (k, item)
    assert data["inspections"][0]["judgements"][0]["line"] == 21


def test_one_body_with_its_variants_as_aliases() -> None:
    data = to_gold_json(pack())
    (body,) = data["bodies"]
    assert body["name"] == "Upton Adults Committee"
    assert body["aliases"] == ["UPTON ADULTS COMMITTEE"] and body["type"] == "committee"


def test_meetings_of_one_body_and_date_are_one_item() -> None:
    (m,) = to_gold_json(pack())["meetings"]
    assert m["body"] == "Upton Adults Committee" and m["venue"] == "Town Hall"
    assert m["present"] == ["Cllr A Bee", "C Dee"] and m["chair"] == "Cllr A Bee"


def test_action_owners_clean_roles_kept_unassigned_empty() -> None:
    a, b = to_gold_json(pack())["actions"]
    assert a["responsible_officers"] == ["Nia Vale", "Relevant managers"]
    assert a["owner_qualifiers"] == {"Nia Vale": "Initially"}
    assert a["rag"] == "green" and a["progress_notes"] == {"End of May": "begun"}
    assert b["responsible_officers"] == []


def test_post_owner_printed_as_its_holder() -> None:
    (r,) = to_gold_json(pack())["resolutions"]
    assert r["action_owner"] == "A Bee"


def test_people_roles_name_their_body() -> None:
    people = {p["name"]: p for p in to_gold_json(pack())["people"]}
    assert {"role": "Chairman", "body": "Upton Adults Committee", "line": 2} in \
        people["A Bee"]["roles"]


def test_report_author_is_the_person_else_the_signatories_else_the_post() -> None:
    d = DocumentRecords(Segment("officer_report", "Reports", 1, 50, 1))
    d.reports = [Report("Budget", sp(2), author="Nia Vale", author_role="Director"),
                 Report("Work Programme", sp(10), author_role="Borough Solicitor"),
                 Report("Carers Strategy", sp(20), kind="strategy",
                        signatories=["Nia Vale", "Cai Rees"]),
                 Report("Forward Plan", sp(30), kind="forward_plan")]
    px = resolve(PackExtraction("p.txt", "ab" * 32, [d]), ref=Reference())
    got = [(r["title"], r["author"], r["author_role"]) for r in to_gold_json(px)["reports"]]
    assert got == [("Budget", "Nia Vale", "Director"),
                   ("Work Programme", "Borough Solicitor", "Borough Solicitor"),
                   ("Carers Strategy", "Nia Vale; Cai Rees", None),
                   ("Forward Plan", None, None)]


def test_report_addressed_by_the_resolved_name_of_its_body() -> None:
    d = DocumentRecords(Segment("officer_report", "Budget", 1, 50, 1))
    d.bodies = [BodyMention("Upton Adults Committee", sp(2)),
                BodyMention("Upton Adults Committee", sp(3))]
    d.reports = [Report("Budget", sp(4), to_body="UPTON ADULTS COMMITTEE")]
    data = to_gold_json(resolve(PackExtraction("p.txt", "ab" * 32, [d]), ref=Reference()))
    assert [b["name"] for b in data["bodies"]] == ["Upton Adults Committee"]
    assert [r["to_body"] for r in data["reports"]] == ["Upton Adults Committee"]
