"""Property tests (Hypothesis, bounded): every registered extractor and the segmenter take
arbitrary text without raising, and the record-to-RDF mapping keeps text with quotes,
backslashes, apostrophes, accents and line breaks exactly, through a real store.

(Names of people with apostrophes and accents, and dates, are round-tripped by
tests/test_ingest_load.py::test_names_and_dates_survive_mapping_and_store.)
"""

from __future__ import annotations

import itertools
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import Literal

from graph.settings import Settings
from graph.store import Rows, open_store
from ingest.extractors import PackContext, registered
from ingest.mapping import to_graph
from ingest.records import DocumentRecords, Segment
from ingest.segment import segment
from ingest.text import PackText
from ontology.namespaces import REM
from tests.mapping_fixtures import read_pack, riverton

BASE = "https://remit.example/"
BOUNDED = settings(max_examples=30, deadline=None,
                   suppress_health_check=[HealthCheck.too_slow,
                                          HealthCheck.function_scoped_fixture])
#: Lines that look like the structure extractors key on, mixed with arbitrary text.
SHAPES = ["Recommendation 1", "RECOMMENDATIONS", "Action\tLead\tTimescale\tRAG",
          "1.\tImprove x\tDirector\t3 months\tAmber", "Present: Councillor A Smith (Chair)",
          "RESOLVED: that the report be noted", "Date: 1 May 2012", "Contents", "| A | B |",
          "Within six months", "Ofsted", "Appendix A", "Work Programme 2012/13", "",
          "Key decision\tYes", "Acronyms", "LSCB\tLocal Safeguarding Children Board"]
LINES = st.lists(st.one_of(st.text(max_size=80), st.sampled_from(SHAPES)), min_size=1,
                 max_size=30)


def tidy(text: str) -> str:
    """Text as mapping keeps it: NFC, whitespace runs as one space, no outer spaces."""
    return " ".join(unicodedata.normalize("NFC", text).split())


ODD = st.text(st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]), min_size=1,
              max_size=40).map(lambda s: tidy(s + " \"'\\ <x> } é Ł d'Arcy"))


@pytest.mark.parametrize("kind", sorted(registered()))
@BOUNDED
@given(lines=LINES)
def test_every_registered_extractor_takes_arbitrary_text(kind: str, lines: list[str]) -> None:
    extract = registered()[kind]
    pack = PackText(name="arbitrary.txt", lines=lines, sha256="0" * 64)
    seg = Segment(kind, lines[0][:60], 1, len(lines))  # type: ignore[arg-type]
    out = extract(pack, seg, PackContext())
    assert isinstance(out, DocumentRecords)
    for rec in out.recommendations:  # whatever it found lies inside the segment
        assert 1 <= rec.span.start <= rec.span.end <= len(lines)


@BOUNDED
@given(lines=st.lists(st.one_of(st.text(max_size=80), st.sampled_from(SHAPES)), max_size=40))
def test_segmenter_takes_arbitrary_text_and_covers_it(lines: list[str]) -> None:
    segs, _ = segment(PackText(name="arbitrary.txt", lines=lines, sha256="0" * 64))
    if lines:
        assert segs[0].start == 1 and segs[-1].end == len(lines)
        assert all(a.end + 1 == b.start for a, b in itertools.pairwise(segs))


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    with open_store(Settings(store=tmp_path_factory.mktemp("prop") / "s",
                             base_iri=BASE)) as st_:
        yield st_


@BOUNDED
@given(text=ODD, body=ODD)
def test_recommendation_text_and_body_names_survive_mapping_and_store(store, text: str,
                                                                      body: str) -> None:
    pack = read_pack("riverton_a.txt")
    ex = riverton(pack)
    rec = next(r for d in ex.documents for r in d.recommendations)
    rec.text = text
    ex.bodies[0].name = body
    iri, g = to_graph(ex, pack, BASE)
    assert (None, REM.text, Literal(text)) in g
    store.replace_graphs({iri: g})
    rows = store.query(f"SELECT ?t WHERE {{ GRAPH {iri.n3()} {{ ?r a {REM.Recommendation.n3()} ;"
                       f" {REM.text.n3()} ?t }} }}")
    assert isinstance(rows, Rows)
    assert text in {str(t) for t in rows.values("t")}
    labels = store.query(f"SELECT ?l WHERE {{ GRAPH {iri.n3()} {{ ?b "
                         "<http://www.w3.org/2000/01/rdf-schema#label> ?l } }")
    assert isinstance(labels, Rows)
    assert body in {str(t) for t in labels.values("l")}

