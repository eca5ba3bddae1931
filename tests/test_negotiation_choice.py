"""Content negotiation remembers its choice per Accept header: the same answers, errors
never remembered, and long headers not kept."""

from __future__ import annotations

import pytest

from queryapi import negotiation as neg
from queryapi.errors import ApiError

HEADERS = [None, "", "*/*", "application/sparql-results+json",
           "text/csv;q=0.9, application/sparql-results+xml",
           "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
           "application/json;q=0.1, text/tab-separated-values;q=0.5", "text/*",
           "application/n-triples, text/turtle;q=0.5", "application/ld+json"]


@pytest.mark.parametrize("offered", [neg.RESULT_TYPES, neg.GRAPH_TYPES])
def test_remembered_choices_equal_fresh_ones(offered: tuple[str, ...]) -> None:
    for accept in HEADERS * 2:  # the second round is answered from memory
        try:
            fresh = neg._best(accept, offered)
        except ApiError as exc:
            with pytest.raises(ApiError) as again:
                neg.choose(accept, offered)
            assert again.value.status == exc.status == 406
            continue
        assert neg.choose(accept, offered) == fresh


def test_unacceptable_is_406_every_time_and_long_headers_are_not_kept() -> None:
    for _ in range(3):
        with pytest.raises(ApiError) as exc:
            neg.choose("image/png", neg.RESULT_TYPES)
        assert exc.value.status == 406
    neg._best_cached.cache_clear()
    long = "text/csv;q=0.9, " + ", ".join(f"x/y{i};q=0.1" for i in range(60))
    assert len(long) > neg._CACHED_ACCEPT
    assert neg.choose(long, neg.RESULT_TYPES) == neg.CSV
    assert neg._best_cached.cache_info().currsize == 0
