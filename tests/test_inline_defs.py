"""Acronym definitions and body names found in prose (ingest/inline_defs.py)."""

from __future__ import annotations

from ingest.inline_defs import expansion_for, find_acronym_definitions, find_body_names


def names(text: str) -> list[str]:
    return [n for n, _ in find_body_names(text)]


def test_definition_needs_letters_that_fit_the_words_before_it() -> None:
    text = ("staff from the Northvale and Eastmoor Primary Care Trust (PCT) and the "
            "Multi-Agency Risk Assessment Conference (MARAC) met in June (2011) (see page 4)")
    assert [(a, e) for a, e, _ in find_acronym_definitions(text)] == [
        ("PCT", "Primary Care Trust"), ("MARAC", "Multi-Agency Risk Assessment Conference")]
    assert expansion_for("XYZ", "nothing that fits here") is None


def test_two_bodies_joined_by_and_are_two_but_a_name_with_and_is_one() -> None:
    assert names("the Northvale Hospitals Foundation Trust and Eastmoor General Hospital") == [
        "Northvale Hospitals Foundation Trust", "Eastmoor General Hospital"]
    assert names("services from the Avon and Wessex Partnership NHS Foundation Trust.") == [
        "Avon and Wessex Partnership NHS Foundation Trust"]


def test_posts_are_not_bodies_but_the_body_a_chair_chairs_is() -> None:
    assert names("met the Director of Children's Services on Monday") == []
    assert names("the Chair of the Westshire Safeguarding Children Partnership said") == [
        "Westshire Safeguarding Children Partnership"]


def test_lower_case_head_noun_after_capitalised_words() -> None:
    assert names("The Vulnerable Young People's panel meets monthly.") == [
        "Vulnerable Young People's panel"]
    assert names("A Joint Commissioning unit was set up.") == ["Joint Commissioning unit"]
    assert names("Substance misuse services work well.") == []
