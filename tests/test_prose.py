"""Golden tests of prose relations: sentences from the sample pack and invented ones."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.names_in_prose import is_agent, split_list
from ingest.prose import relations, relations_in_text
from ingest.records import Segment
from ingest.text import PackText
from tests.conftest import DATA

TITLE = "The Plan"


def triples(text: str, own_title: str | None = TITLE) -> set[tuple[str, str, str]]:
    return {(r.subject, r.relation, r.object)
            for r in relations_in_text(text, 1, None, own_title=own_title)}


@pytest.mark.parametrize(("sentence", "expected"), [
    # from the sample pack
    ("Westshire Primary Care Trust is accountable for ensuring that carers are supported.",
     {("Westshire Primary Care Trust", "responsibleFor", TITLE)}),
    ("Central and Eastern Cheshire PCT and Cheshire East Council have responsibility for "
     "commissioning services for Carers in Cheshire East.",
     {("Central and Eastern Cheshire PCT", "commissions", TITLE),
      ("Cheshire East Council", "commissions", TITLE)}),
    ("Cheshire East Council commissions a range of services from Voluntary, Community and "
     "Faith sector organisations.",
     {("Cheshire East Council", "commissions",
       "Voluntary, Community and Faith sector organisations")}),
    ("The Carers Interagency Group will monitor and review the action plan with Carers.",
     {("Carers Interagency Group", "oversees", TITLE)}),
    ("It has been agreed that the strategy will be reviewed on an annual basis by the Carers "
     "Interagency Group.", {("Carers Interagency Group", "oversees", TITLE)}),
    ("Central and Eastern Cheshire PCT is statutorily accountable for ensuring that the key "
     "requirements set out in the 'Operating Framework for the NHS in England' are met.",
     set()),  # it answers for the quoted framework, which is neither an agent nor this plan
    ("A partnership between Cheshire East Council and Central and Eastern Cheshire Primary "
     "Care Trust, Carers and Voluntary, Community and Faith sectors.",
     {("Cheshire East Council", "partnerOf",
       "Central and Eastern Cheshire Primary Care Trust")}),
    # invented: other bodies, other wordings, passive forms
    ("The Safeguarding Adults Board is chaired by Councillor Jane Smith.",
     {("Councillor Jane Smith", "chairs", "Safeguarding Adults Board")}),
    ("Councillor Ann Brown, the Chair of the Scrutiny Committee, introduced the report.",
     {("Councillor Ann Brown", "chairs", "Scrutiny Committee")}),
    ("Riverside Children's Home was inspected by Ofsted in March.",
     {("Ofsted", "inspects", "Riverside Children's Home")}),
    ("Westshire County Council is a member of the Regional Improvement Partnership.",
     {("Westshire County Council", "memberOf", "Regional Improvement Partnership")}),
    ("Progress against the plan will be reported to the Overview and Scrutiny Committee.",
     {(TITLE, "reportsTo", "Overview and Scrutiny Committee")}),
    ("The Audit Committee will have oversight of the plan.",
     {("Audit Committee", "oversees", TITLE)}),
    ("Northshire NHS Trust is accountable to the Northshire Clinical Commissioning Group.",
     {("Northshire NHS Trust", "accountableTo", "Northshire Clinical Commissioning Group")}),
    ("The new service will be commissioned jointly by Westshire County Council.",
     set()),  # the thing commissioned is not an agent and not this document
    ("The Dementia Partnership Board, which is chaired by Councillor Hugh Marsh, meets monthly.",
     {("Councillor Hugh Marsh", "chairs", "Dementia Partnership Board")}),
    ("The Westshire Carers Forum was led by Westshire County Council until 2012.",
     {("Westshire County Council", "leads", "Westshire Carers Forum")}),
    ("This strategy was developed in partnership with Westshire Police and Age UK Westshire.",
     {(TITLE, "partnerOf", "Westshire Police"), (TITLE, "partnerOf", "Age UK Westshire")}),
    ("Ofsted inspected the Westshire Fostering Service in May 2011.",
     {("Ofsted", "inspects", "Westshire Fostering Service")}),
    ("The Fostering Panel was inspected by Ofsted.",  # not also 'the Panel inspects Ofsted'
     {("Ofsted", "inspects", "Fostering Panel")}),
    ("The Adults Board, chaired by Councillor Amy Shaw, meets quarterly.",
     {("Councillor Amy Shaw", "chairs", "Adults Board")}),
    ("The plan will be monitored by the Children's Trust Board and reported to Cabinet.",
     {("Children's Trust Board", "oversees", TITLE), (TITLE, "reportsTo", "Cabinet")}),
    ("The Youth Offending Service reports to the Community Safety Partnership.",
     {("Youth Offending Service", "reportsTo", "Community Safety Partnership")}),
    ("The Youth Offending Team is answerable to the Management Board.",
     {("Youth Offending Team", "accountableTo", "Management Board")}),
    ("The service includes home care and meals.", set()),
    ("It is supported by the Integrated Youth Board, who are responsible for the delivery of "
     "the Children's Plan objectives.",
     set()),  # another plan than this one
    ("They are given advice on how to register with a GP and dentist.", set()),
    ("The Westshire Board effectively monitors allegations considered by the LADO.", set()),
    ("Updates will be provided to both Boards and within the Council the Children and "
     "Families Scrutiny Committee will have oversight of the composite Action Plan.",
     {("Children and Families Scrutiny Committee", "oversees", TITLE)}),
])
def test_relation_golden(sentence: str, expected: set[tuple[str, str, str]]) -> None:
    assert triples(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "The background papers relating to this report can be inspected by contacting the writer.",
    "The Care Quality Commission published its annual report.",
    "Carers save society an estimated £500 million each year.",
    "The Commission will meet in June.",
])
def test_no_relation_stated(sentence: str) -> None:
    assert triples(sentence) == set()


def test_document_object_needs_a_title() -> None:
    """Without the document's title, 'the plan' cannot be an object: nothing is invented."""
    assert triples("The Audit Committee will have oversight of the plan.", own_title=None) == set()


def test_sample_excerpt_resolves_the_group_to_the_named_group() -> None:
    pack = PackText.from_string((DATA / "excerpts" / "prose_carers.txt").read_text())
    found = relations(pack, Segment("strategy", TITLE, 1, len(pack)))
    members = {r.subject for r in found if r.relation == "memberOf"}
    assert members == {"PCT", "the Council",
                       "Voluntary, Community and Faith sector organisations"}
    assert {r.object for r in found if r.relation == "memberOf"} == {"Carers Interagency Group"}
    oversees = [r for r in found if r.relation == "oversees"]
    assert {r.span.start for r in oversees} == {3, 5, 7}
    assert all(r.span.text == pack.line(r.span.start) for r in found)


def test_invented_excerpt_plural_and_single_back_references() -> None:
    pack = PackText.from_string((DATA / "excerpts" / "prose_invented.txt").read_text())
    found = {(r.subject, r.relation, r.object)
             for r in relations(pack, Segment("strategy", TITLE, 1, len(pack)))}
    assert ("Health Overview and Scrutiny Committee", "oversees",
            "Northshire Safeguarding Adults Board") in found
    assert (TITLE, "reportsTo", "Corporate Parenting Board") in found
    assert (TITLE, "reportsTo", "Children's Trust Board") in found
    assert ("Northshire Police", "memberOf", "Children's Trust Board") in found
    assert ("Northshire Clinical Commissioning Group", "memberOf", "Children's Trust Board") \
        in found


def test_membership_and_leadership_of_a_group_named_before() -> None:
    text = ("The Westshire Reducing Reoffending Group meets monthly.\n"
            "Membership of the group includes Northshire Police, the Probation Service and "
            "Healthwatch Northshire.\nThe group is led by Westshire County Council.")
    found = {(r.subject, r.relation, r.object) for r in relations_in_text(text, 1, None)}
    group = "Westshire Reducing Reoffending Group"
    assert found == {("Northshire Police", "memberOf", group),
                     ("Probation Service", "memberOf", group),
                     ("Healthwatch Northshire", "memberOf", group),
                     ("Westshire County Council", "leads", group)}


def test_relations_start_line_offsets_spans() -> None:
    text = "Intro line.\nThe Audit Committee will have oversight of the plan."
    (found,) = relations_in_text(text, 40, None, own_title=TITLE)
    assert (found.span.start, found.span.end) == (41, 41)


def test_table_rows_are_not_sentences() -> None:
    assert triples("Audit Committee\twill have oversight of the plan\tX") == set()


@pytest.mark.parametrize(("text", "names"), [
    ("Central and Eastern Cheshire PCT and Cheshire East Council",
     ["Central and Eastern Cheshire PCT", "Cheshire East Council"]),
    ("Health Overview and Scrutiny Committee", ["Health Overview and Scrutiny Committee"]),
    ("local Voluntary, Community and Faith sector organisations and Carers",
     ["Voluntary, Community and Faith sector organisations", "Carers"]),
    ("Councillor A Smith and Councillor B Jones", ["Councillor A Smith", "Councillor B Jones"]),
])
def test_split_list(text: str, names: list[str]) -> None:
    assert split_list(text) == names


@pytest.mark.parametrize(("name", "agent"), [
    ("the Council", True), ("PCT", True), ("Ofsted", True), ("Phil Lloyd", True),
    ("Corporate Plan", False), ("Carers", False), ("Government organisations", False),
])
def test_is_agent(name: str, agent: bool) -> None:
    assert is_agent(name) is agent


@settings(max_examples=50, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_never_raises_on_arbitrary_text(text: str) -> None:
    found = relations_in_text(text, 1, None, own_title="T")
    assert all(r.subject and r.object for r in found)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.sampled_from(["The", "Board", "Council", "is", "chaired", "by", "and", ",",
                                 "of", "the", "PCT", "Members", "come", "from", "both",
                                 "Boards", "monitored", "(ABC)", "'", ".", "which", "\t"]),
                max_size=40))
def test_never_raises_on_relation_words(words: list[str]) -> None:
    text = " ".join(words)
    pack = PackText.from_string(text or " ")
    found = relations(pack, Segment("strategy", "T", 1, max(len(pack), 1)))
    assert all(r.subject != r.object for r in found)
