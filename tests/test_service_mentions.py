"""Bodies named in passing: reference gazetteer, lower-case services, '<name> service'.

Every sentence here is invented (other councils, other services); each test asserts the
exact names found, so a finder that grows too eager or too shy fails.
"""

from __future__ import annotations

import doctest

import pytest

from ingest import service_mentions
from ingest.service_mentions import (
    lower_case_services,
    pack_body_mentions,
    pieces,
    proper_services,
    reference_names,
)


def names(found: list[tuple[str, str]]) -> list[str]:
    return [name for name, _ in found]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Referrals from Action for Children and the NSPCC rose by a third.",
     [("Action for Children", "voluntary_org"), ("NSPCC", "voluntary_org")]),
    ("Young people in hostels are supported by the YMCA and by Barnardo’s workers.",
     [("YMCA", "voluntary_org"), ("Barnardo’s", "voluntary_org")]),
    ("Schools work with the Police and the Probation Service on exclusions.",
     [("Police", "other"), ("Probation Service", "other")]),
    ("Careers advice is commissioned from Connexions and Jobcentre Plus.",
     [("Connexions", "other"), ("Jobcentre Plus", "government_department")]),
    ("Age UK Wealdshire runs the lunch clubs.", [("Age UK", "voluntary_org")]),
])
def test_reference_names_found_as_written(sentence: str, expected: list) -> None:
    assert reference_names(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "Relate the targets to the outcomes framework.",  # a verb opening a sentence
    "Mind the gap between the two budgets.",
    "The scope of the review was agreed; police checks are done.",  # lower case: no body
    "Mindful of cost, Policemen and Connexionsplus staff met.",  # inside longer words
])
def test_ordinary_words_are_not_bodies(sentence: str) -> None:
    assert reference_names(sentence) == []


def test_national_charity_mid_sentence_is_found_even_if_an_ordinary_word() -> None:
    assert names(reference_names("Counselling is offered by Relate and Mind.")) == [
        "Relate", "Mind"]


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The night duty out of hours team answers calls from the public.",
     [("night duty out of hours team", "team_or_service")]),
    ("Members of the young carers council sit on the board.",
     [("young carers council", "other")]),
    ("The head of the hospital education service reports to governors.",
     [("hospital education service", "team_or_service")]),
    ("A new leaving care service has been established for care leavers.",
     [("leaving care service", "team_or_service")]),
    ("Oversight improved with the establishment of a case review steering group.",
     [("case review steering group", "partnership_group")]),
    ("The family placements panel meets monthly.",
     [("family placements panel", "partnership_group")]),
])
def test_lower_case_services_used_as_bodies(sentence: str, expected: list) -> None:
    assert lower_case_services(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The service has improved and social care services are stable.",  # generic
    "Each district should have a young carers council.",  # a kind, nothing set up
    "Work continues with the leaving care service on housing.",  # object, not subject
    "The hospital school roll is checked weekly.",  # the head noun is a modifier
    "Families use a range of services and the county council helps.",
    "The effective service and the inspection team praised staff.",  # no naming words
    "The mental health services are busy.",  # plurals name kinds of service
    "This is a new strategy and service configuration.",  # a document and a modifier
])
def test_generic_or_unnamed_services_are_not_bodies(sentence: str) -> None:
    assert lower_case_services(sentence) == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Victims were referred to the ISVA service and the Lighthouse service.",
     ["ISVA service", "Lighthouse service"]),
    ("Work with the WBC Finance department on the budget.", ["WBC Finance department"]),
])
def test_proper_word_before_a_lower_case_head(sentence: str, expected: list[str]) -> None:
    assert names(proper_services(sentence)) == expected


@pytest.mark.parametrize("sentence", [
    "Placement service numbers rose.",  # an ordinary word opening a sentence
    "The Youth Justice service is led by the Youth Justice Board.",  # a longer name
    "The ABC team met twice.",  # a team's acronym with 'team' run on
    "Our Health service partners agreed.",
])
def test_proper_service_rejections(sentence: str) -> None:
    assert proper_services(sentence) == []


def test_pieces_split_cells_and_sentences() -> None:
    line = "<p>Use the Lighthouse service.</p>\t<p>WITHIN 3 MONTHS</p>\tThe X. The Y."
    assert pieces(line) == ["Use the Lighthouse service.", "WITHIN 3 MONTHS", "The X.",
                            "The Y."]


def test_pack_mentions_first_use_only_and_skip_known_names() -> None:
    lines = ["The Police and the NSPCC attended.", "",
             "12. The rapid response team visits homes. The Police agreed.",
             "Support from the Lighthouse service continued."]
    assert pack_body_mentions(lines, skip={"nspcc"}) == [
        (1, "Police", "other"), (3, "rapid response team", "team_or_service"),
        (4, "Lighthouse service", "team_or_service")]


def test_docstring_examples_run() -> None:
    assert doctest.testmod(service_mentions).failed == 0


@pytest.mark.parametrize(("sentence", "expected"), [
    ("Reports go to the Police and Crime Commissioner each year.",
     ["Police and Crime Commissioner"]),
    ("Officers from Wessex Police and the Police Federation attended.", []),
    ("Both Barnardo's and Mencap bid for the contract.", ["Barnardo's", "Mencap"]),
])
def test_reference_names_inside_longer_names_are_left_to_the_name_finders(
        sentence: str, expected: list[str]) -> None:
    assert names(reference_names(sentence)) == expected


@pytest.mark.parametrize("sentence", [
    "Establish a carers information service by March.",  # proposes one, names none
    "The working group and the management team agreed the plan.",  # every council has them
    "The primary school and the full council were consulted.",
])
def test_proposed_and_generic_groups_are_not_bodies(sentence: str) -> None:
    assert lower_case_services(sentence) == []


def test_acronym_of_a_kind_of_body_before_service_is_no_new_body() -> None:
    assert proper_services("Waiting times in the CAMHS service fell.") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    ("The council's housing options service has seen demand rise.",
     [("housing options service", "team_or_service")]),
    ("The multi-agency safeguarding hub triages every referral.",
     [("multi-agency safeguarding hub", "team_or_service")]),
])
def test_possessive_owner_and_hub(sentence: str, expected: list) -> None:
    assert lower_case_services(sentence) == expected


def test_ordinary_word_in_a_title_is_no_charity() -> None:
    assert reference_names("The Peace of Mind scheme and Back to Relate week ran.") == []


@pytest.mark.parametrize(("sentence", "expected"), [
    # the set-up act is the phrase's own: its passive verb, or right before its determiner
    ("A new family group conferencing service has been established in the north.",
     ["family group conferencing service"]),
    ("The Trust announced the establishment of a falls prevention team.",
     ["falls prevention team"]),
    # 'well established' is how long a kind of service has existed
    ("A school nurse drop-in service is well established in both towns.", []),
    # the set-up word belongs to another conjunct
    ("Plans are tackled through a newly developed review format and a cross-agency "
     "audit monitoring group.", []),
    # a plural service is one service only as the subject of a reorganisation
    ("Waiting times fell after out of hours duty services were restructured last year.",
     ["out of hours duty services"]),
    ("Fostering services were praised by inspectors.", []),
    ("Children's services were restructured in the spring.", []),
])
def test_indefinite_and_plural_services_need_their_own_set_up(sentence: str,
                                                              expected: list[str]) -> None:
    assert names(lower_case_services(sentence)) == expected


def test_elided_head_names_the_first_conjunct() -> None:
    assert names(service_mentions.elided_services(
        "Training for staff in older people's day care and the Home Support service.")) == [
        "older people's day care service"]
    assert service_mentions.elided_services(
        "Staff in health and the Home Support service.") == []


def test_partner_acronym_is_a_body_only_after_a_joint_work_cue() -> None:
    assert names(service_mentions.partner_acronyms(
        "Explore respite places, in partnership with NwDC and the hospice.")) == ["NwDC"]
    assert service_mentions.partner_acronyms("Work with NwDC on respite places.") == []
    assert service_mentions.partner_acronyms("Joint work with Carers on the plan.") == []


def test_licence_notice_names_no_body() -> None:
    from ingest.body_mentions import body_mentions
    from ingest.text import PackText

    notice = ("You may reuse this information free of charge under the terms of the Open "
              "Government Licence; write to the Licensing Liaison Team, Archive Office.")
    plain = "Queries go to the Licensing Liaison Team, Archive Office."
    for lines, expected in (([notice], False), ([plain], True)):
        pack = PackText.from_string("\n".join(lines))
        found = [m.name for m in body_mentions(pack, 1, 1, "generic")]
        assert ("Licensing Liaison Team" in found) is expected, (lines, found)
