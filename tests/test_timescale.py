"""Timescales, due dates and checkpoint dates (ingest/timescale.py)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.timescale import due_date, normalise_timescale, resolve_checkpoint, timescale_code


@pytest.mark.parametrize(("text", "expected"), [
    ("Immediately:", "immediately"),
    ("IMMEDIATE", "immediately"),
    ("Within three months:", "3 months"),
    ("WITHIN 3 MONTHS", "3 months"),
    ("Within six months", "6 months"),
    ("Within 12 months", "12 months"),
    ("within twelve months", "12 months"),
    ("within one year", "12 months"),
    ("within 6 weeks", "6 weeks"),
    ("as soon as practicable", None),
    ("", None),
])
def test_timescales_are_normalised(text: str, expected: str | None) -> None:
    assert normalise_timescale(text) == expected


def test_codes_for_recommendation_ids() -> None:
    assert [timescale_code(t) for t in ("immediately", "3 months", "12 months", None)] == \
        ["IMM", "3M", "12M", "OTHER"]


@pytest.mark.parametrize(("published", "timescale", "expected"), [
    ("2011-08-19", "immediately", "2011-08-19"),
    ("2011-08-19", "3 months", "2011-11-19"),
    ("2011-08-19", "6 months", "2012-02-19"),
    ("2014-03-21", "12 months", "2015-03-21"),
    ("2011-08-31", "6 months", "2012-02-29"),  # clamped to the month's end
    ("2011-08-19", "2 weeks", "2011-09-02"),
    (None, "3 months", None),
    ("2011-08-19", None, None),
])
def test_due_date_counts_from_publication(published: str | None, timescale: str | None,
                                          expected: str | None) -> None:
    assert due_date(published, timescale) == expected


def test_checkpoints_resolve_in_the_plans_year_and_roll_over() -> None:
    sept = resolve_checkpoint("End of September", "2011-09-22")
    nov = resolve_checkpoint("end of November", "2011-09-22", after=sept)
    jan = resolve_checkpoint("end of January", "2011-09-22", after=nov)
    assert (sept, nov, jan) == ("2011-09-30", "2011-11-30", "2012-01-31")


def test_checkpoint_with_its_own_date_or_without_a_month() -> None:
    assert resolve_checkpoint("30 June 2014", None) == "2014-06-30"
    assert resolve_checkpoint("end of December", "2014-03-21", after="2014-06-30") == "2014-12-31"
    assert resolve_checkpoint("Q2 update", "2011-09-22") is None
    assert resolve_checkpoint("End of September", None) is None


@settings(max_examples=50, deadline=None)
@given(st.text(), st.one_of(st.none(), st.text()))
def test_never_raises_on_odd_text(text: str, anchor: str | None) -> None:
    t = normalise_timescale(text)
    assert t is None or isinstance(t, str)
    resolve_checkpoint(text, anchor, after=anchor)
    assert due_date(anchor, t) is None or anchor
