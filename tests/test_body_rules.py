"""The pure tests behind the body-resolution rules, on invented names."""

from __future__ import annotations

from collections import Counter

import pytest

from ingest.body_rules import (
    acronym_variant,
    home_places,
    initials_align,
    is_collective,
    is_garbled,
    leading_noise,
    split_defined,
    split_of,
    strip_place,
    typo_pair,
    without_added_head,
)


@pytest.mark.parametrize(("short", "long", "ok"), [
    ("c and f scrutiny committee", "children and family scrutiny committee", True),
    ("nw council", "northshire west council", True),
    ("c and f", "children and family", False),  # nothing shared but 'and' -> still needs a word
    ("x and f scrutiny committee", "children and family scrutiny committee", False),
    ("children and family scrutiny committee", "children and family scrutiny committee", False),
])
def test_initials_align(short: str, long: str, ok: bool) -> None:
    assert initials_align(short, long) is ok


def test_typo_pair_needs_a_rare_misspelling_of_a_common_word() -> None:
    counts = Counter({"west": 9, "wset": 1, "east": 4})
    assert typo_pair("northshire wset council", "northshire west council", counts) == (
        "wset", "west")
    assert typo_pair("northshire east council", "northshire west council", counts) is None
    assert typo_pair("northshire wset team", "northshire west council", counts) is None


def test_acronym_variant_one_edit_or_prefix_of_exactly_one() -> None:
    assert acronym_variant("NSCIB", ["NSCB", "UAB"]) == ("NSCB", "one edit from")
    assert acronym_variant("NSC", ["NSCB"]) == ("NSCB", "a prefix of")
    assert acronym_variant("NSCB", ["NSCB"]) is None  # the acronym itself is no variant
    assert acronym_variant("ABCD", ["ABCE", "ABCF"]) is None  # ambiguous


def test_home_place_forms_and_stripping() -> None:
    places = home_places("Northshire West Borough Council")
    assert "northshire west" in places and places[0] == "northshire west borough council"
    assert strip_place("northshire west carer team", places) == "carer team"
    assert strip_place("crossroad care northshire west", places) == "crossroad care"
    assert strip_place("upton carer team", places) == "upton carer team"


def test_garbled_and_collective_names() -> None:
    assert is_garbled("Carers Group Carers Group")
    assert is_garbled("Taken Decision Maker Expected Date Proposed Consultation Relevant "
                      "Scrutiny Committee Chair")
    assert not is_garbled("Northshire Safeguarding Children Partnership Board")
    assert is_collective("Voluntary, Community and Faith sector organisations")
    assert not is_collective("Northshire Partnership Board")


def test_leading_ordinary_word() -> None:
    known = {"ongoing upton borough council", "upton borough council", "carer reference group"}
    lower = Counter({"ongoing": 5, "carers": 7})
    assert leading_noise("ongoing upton borough council", known, lower) == "upton borough council"
    known |= {"carer upton borough council"}
    assert leading_noise("carer upton borough council", known, Counter({"carer": 9})) is None


def test_splits() -> None:
    assert split_of("Senior Team of Places Directorate") == ("Senior Team", "Places Directorate")
    assert split_of("Department of Widgets") is None
    assert split_defined("Upton Youth Panel (UYP)") == ("Upton Youth Panel", "UYP")
    assert split_defined("Upton Youth Panel (draft)") == ("Upton Youth Panel (draft)", None)
    assert without_added_head("individual commissioning team") == "individual commissioning"
