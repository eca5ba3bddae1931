"""The rules of cross-pack recommendation resolution (ingest/crosspack.py), on hand-made
members: what joins, what is reported and left apart, and that the outcome is a function of
the set of members, never of their order."""

from __future__ import annotations

import itertools
from random import Random

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.crosspack import Member, resolve_members

BASE = "https://remit.example/id/recommendation/"
COUNCIL = frozenset({"https://remit.example/id/body/northshire"})
OTHER = frozenset({"https://remit.example/id/body/southshire"})
REPORT = "ensure that care leavers have a pathway plan that reflects their views"
PLAN = "Ensuer that care leavers have a pathway plan that reflects their views"
SECOND = "ensure that supervision records show management oversight of every open case"


def member(pack: str, local: str, text: str, *, inspection: str | None = None,
           councils: frozenset[str] = COUNCIL) -> Member:
    return Member(f"https://remit.example/id/pack/{pack}", f"{pack}.txt", BASE + local,
                  BASE + local, text, f"{pack} document", inspection, councils)


def test_a_plan_row_joins_the_inspection_recommendation_whatever_the_order() -> None:
    report = member("a", "insp-1", REPORT, inspection="insp")
    other = member("a", "insp-2", SECOND, inspection="insp")
    june = member("b", "plan-1", PLAN)
    sept = member("c", "plan-0", PLAN.replace("Ensuer", "Ensure"))
    outcomes = []
    for order in itertools.permutations([report, other, june, sept]):
        out = resolve_members(list(order))
        outcomes.append((out.iri, out.into, out.problems))
    assert all(o == outcomes[0] for o in outcomes)
    iri, into, problems = outcomes[0]
    # the inspection report's IRI wins over the smaller plan-minted one
    assert iri[june] == iri[sept] == iri[report] == BASE + "insp-1"
    assert iri[other] == BASE + "insp-2"
    assert into[june][0] == report and into[june][1] > 0.9
    assert report not in into and not problems


def test_without_the_report_the_smallest_plan_iri_is_shared() -> None:
    june, sept = member("b", "plan-1", PLAN), member("c", "plan-0", REPORT)
    out = resolve_members([june, sept])
    assert out.iri[june] == out.iri[sept] == BASE + "plan-0"


def test_packs_of_different_councils_never_join() -> None:
    report = member("a", "insp-1", REPORT, inspection="insp")
    elsewhere = member("b", "plan-1", REPORT, councils=OTHER)
    out = resolve_members([report, elsewhere])
    assert out.iri[elsewhere] == BASE + "plan-1" and not out.into


def test_wording_below_the_threshold_stays_apart() -> None:
    report = member("a", "insp-1", REPORT, inspection="insp")
    row = member("b", "plan-1", "Increase the number of foster carers recruited locally")
    out = resolve_members([report, row])
    assert out.iri[row] == BASE + "plan-1" and not out.into and not out.problems


def test_two_inspection_reports_are_never_joined_by_wording() -> None:
    first = member("a", "insp-1", REPORT, inspection="insp")
    again = member("b", "insp-9", REPORT, inspection="reinspection")
    out = resolve_members([first, again])
    assert out.iri[first] != out.iri[again] and not out.into


def test_a_row_that_would_join_two_inspections_is_reported_not_merged() -> None:
    first = member("a", "insp-1", REPORT, inspection="insp")
    again = member("b", "insp-9", REPORT, inspection="reinspection")
    row = member("c", "plan-1", PLAN)
    out = resolve_members([first, again, row])
    assert out.iri[row] == BASE + "plan-1" and out.iri[first] == BASE + "insp-1"
    assert not out.into
    assert len(out.problems) == 1
    packs, message = out.problems[0]
    assert packs == {first.pack, again.pack, row.pack} and "not merged" in message


def test_a_row_equally_close_to_two_recommendations_is_reported() -> None:
    one = member("a", "insp-1", REPORT, inspection="insp")
    twin = member("a", "insp-2", REPORT + ".", inspection="insp")
    row = member("b", "plan-1", PLAN)
    out = resolve_members([one, twin, row])
    assert out.iri[row] == BASE + "plan-1" and not out.into
    assert any("not uniquely" in msg for _p, msg in out.problems)


def test_a_pack_naming_no_council_is_reported_not_merged() -> None:
    report = member("a", "insp-1", REPORT, inspection="insp")
    row = member("b", "plan-1", PLAN, councils=frozenset())
    out = resolve_members([report, row], focus=row.pack)
    assert out.iri[row] == BASE + "plan-1" and not out.into
    assert [p for p, _msg in out.problems] == [{report.pack, row.pack}]
    assert "names no council" in out.problems[0][1]
    # reported when that pack is ingested; the outcome is the same either way
    quiet = resolve_members([report, row], focus=report.pack)
    assert quiet.iri == out.iri and not quiet.problems


TEXTS = [REPORT, PLAN, SECOND, SECOND.replace("every", "each"), REPORT.replace(" that", ""),
         "Increase the number of foster carers recruited locally"]


@st.composite
def _members(draw: st.DrawFn) -> list[Member]:
    found = {}
    elsewhere = draw(st.booleans())  # pack d of another council
    for _ in range(draw(st.integers(1, 8))):
        pack = draw(st.sampled_from("abcd"))
        text = draw(st.sampled_from(TEXTS))
        inspected = pack in "ab" and draw(st.booleans())
        local = f"{'insp' if inspected else 'plan'}-{pack}-{TEXTS.index(text)}"
        found[(pack, local)] = member(
            pack, local, text, councils=OTHER if pack == "d" and elsewhere else COUNCIL,
            inspection=f"insp-{pack}" if inspected else None)
    return list(found.values())


@settings(max_examples=150, deadline=None)
@given(_members(), st.randoms(use_true_random=False))
def test_the_outcome_is_a_function_of_the_set(members: list[Member], rnd: Random) -> None:
    out = resolve_members(members)
    shuffled = list(members)
    rnd.shuffle(shuffled)
    again = resolve_members(shuffled)
    assert (again.iri, again.into, again.problems) == (out.iri, out.into, out.problems)
    locals_ = {m.local for m in members}
    by_iri: dict[str, list[Member]] = {}
    for m in members:
        assert out.iri[m] in locals_
        if m.inspection is not None:  # a report's recommendation never moves
            assert out.iri[m] == m.local
        by_iri.setdefault(out.iri[m], []).append(m)
    for group in by_iri.values():  # one node: one per pack, one inspection recommendation,
        assert len({m.pack for m in group}) == len(group)  # and one council
        assert len({m.local for m in group if m.inspection is not None}) <= 1
        assert len({m.councils for m in group}) == 1
    assert set(out.into) == {m for m in members if out.iri[m] != m.local}


def test_a_near_miss_is_reported_when_its_pack_is_ingested() -> None:
    report = member("a", "insp-1", REPORT, inspection="insp")
    row = member("b", "plan-1", "Care leavers are given a pathway plan reflecting their wishes")
    out = resolve_members([report, row], focus=row.pack)
    assert out.iri[row] == BASE + "plan-1" and not out.into
    assert len(out.problems) == 1 and "below 0.7; not merged" in out.problems[0][1]
    assert not resolve_members([report, row]).problems
