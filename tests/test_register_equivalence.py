"""The register's flat queries give the rows of its first version (one query of nested
OPTIONALs, kept in tests/reference_register.py), on the fixture graph plus synthetic
packs. Where the first version's answer depended on the engine's row order (several
bodies, excerpts or same-day snapshots for one row), the new one must agree wherever the
old had one choice."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bench.synth import rdfgen
from graph.embedded import EmbeddedStore
from graph.register import register
from tests.fixture_store import fixture_store
from tests.reference_register import reference_register

EXACT = ("recommendation", "recommendation_iri", "timescale", "due_date", "owner",
         "owner_iri", "owner_kind", "status_date")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[EmbeddedStore]:
    tmp = Path(tmp_path_factory.mktemp("register"))
    st = fixture_store(tmp / "store")
    rdfgen.generate(tmp / "synth.nq", 12_000, seed=9)
    st.load_file(tmp / "synth.nq")
    yield st
    st.close()


def test_same_rows_as_the_first_version(store: EmbeddedStore) -> None:
    new, old = register(store), reference_register(store)
    assert len(new) == len(old) > 100
    key = {(r.recommendation_iri, r.owner_iri): r for r in old}
    assert {(r.recommendation_iri, r.owner_iri) for r in new} == set(key)
    diffs = []
    for row in new:
        ref = key[(row.recommendation_iri, row.owner_iri)]
        if [getattr(row, f) for f in EXACT] != [getattr(ref, f) for f in EXACT] \
                or sorted(row.reports_to) != sorted(ref.reports_to) \
                or (row.owner_body, row.owner_body_iri) != (ref.owner_body, ref.owner_body_iri) \
                or (row.status, row.progress) != (ref.status, ref.progress) \
                or (row.evidence, row.evidence_iri) != (ref.evidence, ref.evidence_iri):
            diffs.append((row, ref))
    assert not diffs, diffs[:3]


def test_filters_match_the_first_version(store: EmbeddedStore) -> None:
    rows = register(store)
    owner = next(r.owner_iri for r in rows if r.owner_iri)
    body = next(r.owner_body_iri for r in rows if r.owner_body_iri)
    for kw in ({"owner": owner}, {"body": body}, {"status": "completed"}):
        new = {(r.recommendation_iri, r.owner_iri) for r in register(store, **kw)}
        old = {(r.recommendation_iri, r.owner_iri) for r in reference_register(store, **kw)}
        assert new == old and new, kw
