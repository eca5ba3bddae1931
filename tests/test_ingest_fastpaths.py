"""More ingest speed-ups, each checked against the plain computation it replaces.

The mapping's own graph add against ``SimpleMemory.add``; the meetings a document's records
look through against the sort they replace. (``tests/test_ingest_speed.py`` holds the
earlier ones.)
"""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib.plugins.stores.memory import SimpleMemory

from ingest.mapping import Mapper
from ingest.mapping_records import _Ctx
from ingest.mapping_terms import XSD, MappingGraph
from ingest.records import Meeting, PackExtraction, Span
from ingest.text import PackText

# --- the graph's add -------------------------------------------------------------------

_TERMS = [URIRef(f"https://example.org/{c}") for c in "abcd"]
_OBJECTS = [*_TERMS, Literal("a"), Literal("https://example.org/a"), Literal(1),
            Literal("1", datatype=XSD.integer), Literal("x", lang="en")]


def _indexes(store: SimpleMemory) -> list[Any]:
    """The store's three indexes as nested item lists: contents and insertion order."""
    def items(d: Any) -> Any:
        return [(k, items(v)) for k, v in d.items()] if isinstance(d, dict) else d
    return [items(getattr(store, f"_SimpleMemory__{n}")) for n in ("spo", "pos", "osp")]


@given(st.lists(st.tuples(st.sampled_from(_TERMS), st.sampled_from(_TERMS),
                          st.sampled_from(_OBJECTS)), max_size=40))
@settings(max_examples=200, deadline=None)
def test_mapping_graph_add_fills_the_store_as_its_own_add_does(triples: list[Any]) -> None:
    fast = MappingGraph(store="SimpleMemory")
    plain = SimpleMemory()
    for t in triples:
        fast.add(t)
        plain.add(t, None)
    assert _indexes(fast.store) == _indexes(plain)  # type: ignore[arg-type]
    assert set(fast) == set(triples) and len(fast) == len(set(triples))


def test_mapping_graph_on_another_store_uses_its_add() -> None:
    g = MappingGraph(store="Memory")
    g.add((_TERMS[0], _TERMS[1], Literal("x")))
    assert list(g) == [(_TERMS[0], _TERMS[1], Literal("x"))]


# --- meetings a document's records belong to -------------------------------------------


@given(st.lists(st.integers(0, 3), max_size=12), st.integers(0, 3))
@settings(max_examples=100, deadline=None)
def test_meetings_split_as_the_sort_did(owners: list[int], here_doc: int) -> None:
    pack = PackText.from_string("x\n", "p.txt")
    m = Mapper(PackExtraction("p.txt", pack.sha256), pack, "https://example.org/")
    docs = [m.node("document", f"d{i}") for i in range(4)]
    ctx = _Ctx(m, URIRef(str(docs[here_doc])))  # equal, not the same object
    for k, owner in enumerate(owners):
        rec = Meeting(body="B", date=f"2024-01-{k + 1:02d}", span=Span(1, 1, "x"))
        m.meetings.append((rec, m.node("meeting", f"m{k}"), docs[owner]))
        here, ordered = ctx._meetings()
        assert here == [(r, n) for r, n, d in m.meetings if d == ctx.doc]
        assert ordered == [(r, n) for r, n, _ in sorted(m.meetings, key=lambda x: x[2] != ctx.doc)]


# --- literal word search ------------------------------------------------------------------

_LITERAL_WORDS = [("copyright", "licen", "rights reserved", "©", "free of charge"),
                  ("voluntary", "third sector", "charit"), ("ſs", "k"), ("İi", "a.b")]


@given(st.sampled_from(_LITERAL_WORDS),
       st.text(alphabet="abcdefghiklnorstuvyACEIKLNORSTVY ©.\u017f\u212a\u0130\u0131é\n’",
               max_size=60)
       | st.sampled_from(["Crown Copyright 2011", "LICENCE", "Third  Sector", "CHARITY",
                          "\u212a", "\u017fs", "ss", "İi", "ıi", "a.b", "axb"]))
@settings(max_examples=400, deadline=None)
def test_literal_search_answers_as_the_case_insensitive_regex(words: tuple[str, ...],
                                                              text: str) -> None:
    import re

    from ingest.literal_search import LiteralSearch

    rx = re.compile("|".join(re.escape(w) for w in words), re.I)
    assert LiteralSearch(*words)(text) == bool(rx.search(text))


def test_rights_notice_cues_are_the_regex_it_replaced() -> None:
    import re

    from ingest import boilerplate

    old = re.compile(r"copyright|licen|rights reserved|©|free of charge|permission", re.I)
    for line in ["© Riverton Council", "Re-use under the Open Government LICENSE.",
                 "Permission to reproduce", "Nothing here", "ALL RIGHTS RESERVED", "licén"]:
        assert boilerplate._CUES(line) == bool(old.search(line))


# --- inspection signals -------------------------------------------------------------------

_REPORT_BITS = st.lists(st.sampled_from([
    "Ofsted", "ofsted.gov.uk", "HMI", "Her Majesty’s Inspectors", "Her Majesty's Inspector of",
    "CQC", "cqc.org.uk", "Care Quality Commission", "HMICFRS", "HMIC", "Inspectorate of "
    "Constabulary", "Inspectorate of Probation", "Estyn", "estyn.gov.wales", "Care "
    "Inspectorate Wales", "careinspectorate.wales", "the council", ".", "\n", " ",
    "unannounced inspection of the fostering service", "announced Inspection of x",
    "the previous announced inspection of adoption services", "UNANNOUNCED INSPECTION",
    "Announced inspection", "ann\u0131ounced inspection"]), max_size=12).map("".join)


@given(_REPORT_BITS)
@settings(max_examples=300, deadline=None)
def test_inspectorate_signals_count_as_every_regex_run(text: str) -> None:
    from collections import Counter

    from ingest.extractors import inspection as ins

    def plain(text: str) -> tuple[str, str] | None:
        scores: Counter[str] = Counter()
        for short, rx, weight in ins._SIGNALS:
            scores[short] += weight * len(rx.findall(text.lower()))
        if not scores or scores.most_common(1)[0][1] == 0:
            return None
        return scores.most_common(1)[0][0], ""

    found = ins.inspectorate_of(text)
    expected = plain(text)
    assert (found[0] if found else None) == (expected[0] if expected else None)


@given(_REPORT_BITS)
@settings(max_examples=300, deadline=None)
def test_inspection_type_mentions_as_the_regex_finds_them(text: str) -> None:
    from ingest.extractors import inspection as ins

    expected = [(bool(m[1]), m[2]) for m in ins._TYPE.finditer(text)
                if not ins._EARLIER.search(text[max(0, m.start() - 40):m.start()].lower())]
    assert ins._type_mentions(text) == expected
