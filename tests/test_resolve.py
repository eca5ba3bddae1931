"""Entity resolution rules, each on invented names (no sample strings)."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.records import (
    Acronym,
    Action,
    BodyMention,
    DocumentRecords,
    Meeting,
    Owner,
    PackExtraction,
    PersonMention,
    Report,
    Resolution,
    Segment,
    Span,
)
from ingest.refdata import build
from ingest.resolve import resolve

REF = build(
    [{"name": "Office for Widget Standards", "acronym": "Ofwid", "type": "inspectorate"}],
    {"LSCB": {"expansion": "Local Safeguarding Children Board", "kind": "board"},
     "PCT": {"expansion": "Primary Care Trust", "kind": "nhs_body"},
     "CAF": {"expansion": "Common Assessment Framework", "kind": None}},
)


def span(n: int, text: str = "") -> Span:
    return Span(n, n, text or f"line {n}")


def doc(*bodies: str, number: int = 1) -> DocumentRecords:
    d = DocumentRecords(Segment("generic", "doc", 1, 999, number))
    d.bodies = [BodyMention(b, span(i + 1, b)) for i, b in enumerate(bodies)]
    return d


def run(*docs: DocumentRecords, **kw) -> PackExtraction:
    return resolve(PackExtraction("t.txt", "0" * 64, list(docs)), ref=REF, **kw)


def body_of(px: PackExtraction, name: str):
    hit = px.lookup(name)
    assert hit is not None and hit[0] == "body", f"{name!r} not resolved to a body"
    return next(b for b in px.bodies if b.key == hit[1])


def rule_of(px: PackExtraction, as_written: str) -> str:
    return next(m.rule for m in px.merges if m.as_written == as_written)


def test_defined_acronym_and_its_variants_are_one_board() -> None:
    px = run(doc("Northshire Safeguarding Children Board (NSCB)", "NSCB", "NSCIB", "NSC"))
    board = body_of(px, "NSCIB")
    assert board.name == "Northshire Safeguarding Children Board"
    assert board.type == "board" and board.acronym == "NSCB"
    assert {b.key for b in (body_of(px, "NSC"), body_of(px, "NSCB"))} == {board.key}
    assert rule_of(px, "NSCIB") == "acronym-variant"
    assert "one edit from NSCB" in next(m.evidence for m in px.merges if m.as_written == "NSCIB")
    assert "prefix of NSCB" in next(m.evidence for m in px.merges if m.as_written == "NSC")
    assert len(px.bodies) == 1


def test_acronym_table_defines_an_acronym() -> None:
    d = doc("Westmoor Youth Panel", "WYP")
    d.acronyms = [Acronym("WYP", "Westmoor Youth Panel", span(40))]
    px = run(d)
    assert body_of(px, "WYP").name == "Westmoor Youth Panel"
    assert rule_of(px, "WYP") == "acronym-defined"


def test_variant_used_as_another_kind_of_body_is_not_merged() -> None:
    d = doc("Northshire Safeguarding Children Board (NSCB)")
    d.bodies.append(BodyMention("NSCIB", span(9), type="team_or_service"))
    px = run(d)
    assert px.lookup("NSCIB") != px.lookup("NSCB")
    assert any(u.as_written == "NSCIB" for u in px.unresolved)


def test_generic_name_and_generic_acronym_resolve_to_the_one_local_board() -> None:
    px = run(doc("Northshire Safeguarding Children Board",
                 "the Local Safeguarding Children's Board", "LSCB",
                 "Local Safeguarding Adults Board"))
    board = body_of(px, "LSCB")
    assert body_of(px, "the Local Safeguarding Children's Board").key == board.key
    assert rule_of(px, "LSCB") == "generic-acronym"
    assert body_of(px, "Local Safeguarding Adults Board").key != board.key


def test_generic_name_fitting_two_bodies_is_reported_not_merged() -> None:
    px = run(doc("Upton Adults Scrutiny Committee", "Upton Children Scrutiny Committee",
                 "Scrutiny Committee"))
    assert px.lookup("Scrutiny Committee") is None
    assert any(u.rule == "ambiguous-generic-name" for u in px.unresolved)


def test_pack_acronym_inside_a_name_is_expanded() -> None:
    px = run(doc("Southdale Primary Care Trust", "Southdale PCT", "the Primary Care Trust",
                 "PCT"))
    assert len(px.bodies) == 1 and px.bodies[0].type == "nhs_body"
    assert rule_of(px, "Southdale PCT") == "acronym-expanded"


def test_typo_and_word_order_of_the_council() -> None:
    names = ["Northshire West Council"] * 3 + ["West Northshire Council",
                                               "Northshire Wset Council"]
    px = run(doc(*names))
    assert len(px.bodies) == 1
    assert rule_of(px, "West Northshire Council") == "word-order"
    assert rule_of(px, "Northshire Wset Council") == "typo"


def test_word_order_applies_to_councils_only() -> None:
    px = run(doc("Northshire West Hospital", "West Northshire Hospital"))
    assert len(px.bodies) == 2


def test_a_real_different_word_is_no_typo() -> None:
    names = ["Northshire East Council"] * 2 + ["Northshire West Council"] * 3
    px = run(doc(*names))
    assert len(px.bodies) == 2


def test_the_council_is_the_home_council() -> None:
    px = run(doc("Upton Borough Council", "the Council"), home_council="Upton Borough Council")
    assert body_of(px, "the Council").name == "Upton Borough Council"
    assert rule_of(px, "the Council") == "home-council"


def test_national_body_from_reference_data() -> None:
    px = run(doc("OFWID", "Office for Widget Standards"))
    assert len(px.bodies) == 1 and px.bodies[0].national
    assert px.bodies[0].type == "inspectorate"


def test_generic_acronym_that_is_no_body_makes_no_node() -> None:
    px = run(doc("CAF"))
    assert px.bodies == [] and px.unresolved[0].rule == "not-a-body"


def test_near_match_without_rule_is_unresolved() -> None:
    px = run(doc("Upton Carers Forum", "Upton Carer Forums Network"))
    assert len(px.bodies) == 2


def people_doc(*names: str) -> DocumentRecords:
    d = DocumentRecords(Segment("minutes", "m", 1, 99, 2))
    d.people = [PersonMention(n, span(i + 1, n)) for i, n in enumerate(names)]
    return d


def test_person_in_full_and_as_initials_is_one_person() -> None:
    px = run(people_doc("Councillor Jane Q Public", "J Q Public", "J Public", "P Public"))
    assert len(px.people) == 2
    jane = next(p for p in px.people if p.name == "Jane Q Public")
    assert jane.title == "Councillor"
    assert {"J Q Public", "J Public", "Councillor Jane Q Public"} <= set(jane.aliases)
    assert px.lookup("J Public") == ("person", jane.key)
    assert rule_of(px, "J Public") == "initials"


def test_surname_only_that_fits_two_people_is_unresolved() -> None:
    px = run(people_doc("Ann Quill", "Bob Quill", "Quill"))
    assert px.lookup("Quill") is None
    assert any(u.rule == "ambiguous-person" for u in px.unresolved)


def test_different_spelt_given_names_are_different_people() -> None:
    px = run(people_doc("Ian Trow", "Irene Trow"))
    assert len(px.people) == 2 and len({p.key for p in px.people}) == 2


def test_post_is_linked_to_the_person_the_pack_says_holds_it() -> None:
    d = people_doc()
    d.reports = [Report("R", span(5), author="Ann Other",
                        author_role="Strategic Director of People Services")]
    d.resolutions = [Resolution(3, "X", "a", "That the Strategic Director act", span(7),
                                action_owner="the Strategic Director (People)")]
    px = run(d)
    kind, key = px.lookup("the Strategic Director (People)") or ("", "")
    assert kind == "post"
    post = next(p for p in px.posts if p.key == key)
    ann = next(p for p in px.people if p.name == "Ann Other")
    assert post.holder == ann.key
    assert any(m.rule == "post-holder" and m.entity_key == key for m in px.merges)


def test_the_chairman_is_the_meeting_chair() -> None:
    d = people_doc()
    d.meetings = [Meeting("Upton Committee", "2020-01-01", span(1), chair="Councillor A Bee")]
    d.resolutions = [Resolution(3, "X", None, "That it be signed by the Chairman", span(7),
                                action_owner="the Chairman")]
    px = run(d)
    post = next(p for p in px.posts if p.title == "Chairman")
    assert post.holder == px.lookup("Councillor A Bee")[1]


def test_role_owner_stays_a_role() -> None:
    d = people_doc()
    d.actions = [Action(span(8), owners=[Owner("Relevant managers", "Relevant managers", "role"),
                                         Owner("Initially - Nia Vale", "Nia Vale", "person",
                                               "Initially")])]
    px = run(d)
    assert px.lookup("Relevant managers")[0] == "role"
    assert [p.name for p in px.people] == ["Nia Vale"]


def test_keys_do_not_depend_on_order_or_pack() -> None:
    a = run(doc("Upton Borough Council", "Upton Youth Panel"), people_doc("Nia Vale"))
    b = run(people_doc("N Vale"), doc("Upton Youth Panel", "UPTON BOROUGH COUNCIL",
                                       "Upton Borough Council"))
    assert {x.key for x in a.bodies} == {x.key for x in b.bodies}
    assert {x.key for x in a.people} == {x.key for x in b.people}


def test_person_roles_collected_with_their_body() -> None:
    d = people_doc()
    d.bodies = [BodyMention("Upton Borough Council", span(1))]
    d.people = [PersonMention("Nia Vale", span(2), role="Scrutiny Officer",
                              body="Upton Borough Council")]
    px = run(d)
    (nia,) = px.people
    assert nia.roles[0].role == "Scrutiny Officer"
    assert nia.roles[0].body == px.bodies[0].key


def test_initial_letters_abbreviate_a_committee() -> None:
    px = run(doc("Young People and Families Scrutiny Committee", "YP & F Scrutiny Committee"))
    assert len(px.bodies) == 1
    assert rule_of(px, "YP & F Scrutiny Committee") == "abbreviation"


def test_home_place_qualifier_and_added_unit_word() -> None:
    px = run(doc("Upton Borough Council", "Upton Borough Council",
                 "Upton Borough Council Grants Team",
                 "Grants Team", "Hedgehog Rescue Upton", "Hedgehog Rescue",
                 "Upton Borough Council Housing Advice", "housing advice teams"))
    assert body_of(px, "Grants Team").name == "Upton Borough Council Grants Team"
    assert body_of(px, "Hedgehog Rescue").key == body_of(px, "Hedgehog Rescue Upton").key
    assert body_of(px, "housing advice teams").key == body_of(
        px, "Upton Borough Council Housing Advice").key
    unit = body_of(px, "Grants Team")
    assert unit.parent == body_of(px, "Upton Borough Council").key


def test_unit_of_a_directorate_gets_the_directorate_as_parent() -> None:
    px = run(doc("Senior Leadership Team of Places Directorate"))
    unit = body_of(px, "Senior Leadership Team of Places Directorate")
    assert unit.name == "Senior Leadership Team"
    assert unit.parent == body_of(px, "Places Directorate").key


def test_plural_of_generic_acronym_and_collectives_are_no_bodies() -> None:
    px = run(doc("PCTs", "voluntary and community sector organisations"))
    assert px.bodies == []
    assert {u.rule for u in px.unresolved} == {"generic-plural", "collective"}


def test_merges_are_recorded_once_per_name_and_body() -> None:
    px = run(doc("Northshire Safeguarding Children Board (NSCB)", "NSCIB", "NSCIB", "NSCIB"))
    assert [m.as_written for m in px.merges].count("NSCIB") == 1


def test_body_key_ignores_plural_possessive_and_case_across_packs() -> None:
    a = run(doc("Upton Children's Youth Panel"))
    b = run(doc("UPTON CHILDRENS YOUTH PANELS"))
    assert a.bodies[0].key == b.bodies[0].key


_WORDS = ["Upton", "Northshire", "Board", "Council", "Team", "the", "of", "and", "NSCB", "NSC",
          "Jane", "Q", "Public", "Councillor", "(NSCB)", "Local", "Trust", "PCT", "&", "Esat"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=6).map(" ".join),
                min_size=1, max_size=12),
       st.lists(st.text(min_size=0, max_size=20), max_size=5))
def test_resolution_never_crashes_and_accounts_for_every_name(bodies: list[str],
                                                              people: list[str]) -> None:
    d = doc(*bodies)
    d.people = [PersonMention(p, span(40)) for p in people]
    px = run(d)
    keys = {b.key for b in px.bodies} | {p.key for p in px.people}
    for kind, key in px.names.values():
        assert kind in ("body", "person", "post", "role")
        if kind in ("body", "person"):
            assert key in keys
    assert all(m.entity_key in keys | {p.key for p in px.posts} for m in px.merges)


def test_modifier_before_a_slash_shares_the_noun() -> None:
    from ingest.resolve import distribute_slash

    assert distribute_slash("strategic / individual commissioning teams") == [
        "strategic commissioning teams", "individual commissioning teams"]
    assert distribute_slash("Nia Vale / Tom Quill") == ["Nia Vale / Tom Quill"]


def test_national_body_with_the_home_place_is_the_national_body() -> None:
    ref = build([{"name": "Friends of Hedgehogs", "type": "voluntary_org"}], {})
    px = resolve(PackExtraction("t.txt", "0" * 64, [doc(
        "Upton Borough Council", "Friends of Hedgehogs Upton", "Friends of Hedgehogs")]),
        ref=ref)
    charity = body_of(px, "Friends of Hedgehogs Upton")
    assert charity.key == body_of(px, "Friends of Hedgehogs").key
    assert charity.national and charity.type == "voluntary_org"
    assert rule_of(px, "Friends of Hedgehogs Upton") == "reference-data"


def test_unit_word_added_to_a_shorter_name_seen_later_is_one_unit() -> None:
    px = run(doc("kite flying school team", "kite flying school"))
    assert body_of(px, "kite flying school").key == body_of(px, "kite flying school team").key
    assert rule_of(px, "kite flying school") == "abbreviation"


def test_names_in_passing_are_read_from_the_whole_pack() -> None:
    lines = ["Agenda",
             "4. The night duty out of hours service covers the borough.",
             "Referrals from the NSPCC rose; members of the young carers council met twice."]
    d = DocumentRecords(Segment("generic", "doc", 1, 3, 1))
    px = resolve(PackExtraction("t.txt", "0" * 64, [d]), lines=lines,
                 ref=build([{"name": "National Society for the Prevention of Cruelty to "
                                     "Children", "acronym": "NSPCC", "type": "voluntary_org"}],
                           {}))
    duty = body_of(px, "night duty out of hours service")
    assert duty.type == "team_or_service" and duty.spans[0].start == 2
    assert body_of(px, "NSPCC").national
    assert body_of(px, "young carers council").spans[0].start == 3


def test_service_of_a_directorate_is_the_directorate() -> None:
    # the service is named more often, so it would anchor the node if taken first
    px = run(doc("Housing Services service", "Housing Services service",
                 "Housing Services Directorate", "Leisure service"))
    area = body_of(px, "Housing Services Directorate")
    assert body_of(px, "Housing Services service").key == area.key
    assert area.name == "Housing Services Directorate"
    assert rule_of(px, "Housing Services service") == "service-area"
    assert body_of(px, "Leisure service").key != area.key
    assert len(px.bodies) == 2


def test_service_fitting_two_areas_is_not_merged() -> None:
    px = run(doc("Waste Directorate", "Waste Department", "Waste service"))
    assert body_of(px, "Waste service").key not in {
        body_of(px, "Waste Directorate").key, body_of(px, "Waste Department").key}


def test_a_post_written_with_its_organisation_is_held_there() -> None:
    """'Director of Nursing, Upton Community NHS Trust' as a report's author role is the
    post at the Trust; a post whose own words hold commas stays whole."""
    d = people_doc()
    d.people = [PersonMention("Nia Vale", span(2),
                              role="Director of Nursing, Upton Community NHS Trust"),
                PersonMention("Cai Rees", span(3),
                              role="Director of Adults, Community, Health and Wellbeing")]
    px = run(d)
    roles = {p.name: [(r.role, r.body) for r in p.roles] for p in px.people}
    trust = body_of(px, "Upton Community NHS Trust").key
    assert roles["Nia Vale"] == [("Director of Nursing", trust)]
    assert [r for r, _ in roles["Cai Rees"]] == [
        "Director of Adults, Community, Health and Wellbeing"]


def test_bodies_named_after_the_place_are_not_all_the_council_s() -> None:
    """'Upton Borough Council Grants Team' is part of the council; the place's safeguarding
    board, partnership, hospital and police are bodies of their own."""
    px = run(doc("Upton Borough Council", "Upton Borough Council",
                 "Upton Borough Council Grants Team", "Upton Safeguarding Children Board",
                 "Upton Carers Partnership", "Upton Hospital", "Upton Police"))
    council = body_of(px, "Upton Borough Council").key
    parents = {b.name: b.parent for b in px.bodies}
    assert parents["Upton Borough Council Grants Team"] == council
    assert [parents[n] for n in ("Upton Safeguarding Children Board", "Upton Carers Partnership",
                                 "Upton Hospital", "Upton Police")] == [None] * 4
