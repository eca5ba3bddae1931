"""The ingest speed-ups give the same answers as the slow forms they replace.

Each fast path (upper bounds before ``SequenceMatcher.ratio``, a word index before pairing
plan rows with recommendations, a line index of documents, a per-pack cache of inspection
wording, cached key functions) is checked against the direct computation it stands for.
"""

from __future__ import annotations

import difflib

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.extractors.inspection import _type
from ingest.link import link_actions, similarity
from ingest.mapping import Mapper
from ingest.records import Action, DocumentRecords, PackExtraction, Recommendation, Segment, Span
from ingest.segment_rules import _ACRONYM_WORDS, _acronym_heading, acronym_table
from ingest.text import PackText
from ontology import namespaces

SPAN = Span(1, 1, "x")


# --- acronym headings ---------------------------------------------------------------------


def _full_ratio(c: str) -> bool:
    return max(difflib.SequenceMatcher(None, c, w).ratio() for w in _ACRONYM_WORDS) >= 0.8


@given(st.one_of(
    st.text(alphabet="acronymsglibvtdeu :f", max_size=40),
    st.sampled_from(_ACRONYM_WORDS).flatmap(
        lambda w: st.tuples(st.just(w), st.integers(0, len(w) - 1), st.sampled_from("xse "))
    ).map(lambda t: t[0][:t[1]] + t[2] + t[0][t[1] + 1:]),  # one letter changed
))
@settings(max_examples=300, deadline=None)
def test_acronym_heading_is_the_full_ratio_test(c: str) -> None:
    assert _acronym_heading(c) == _full_ratio(c)


def test_acronym_table_still_found_with_a_typo() -> None:
    lines = ["Glosary of terms", "", "ABC - A Body Council", "DEF - Def Services"]
    found = acronym_table(lines, 0)
    assert found is not None and found.kind == "acronym_table"
    assert acronym_table(["Meeting of the board", "", "ABC - A Body Council"], 0) is None


# --- linking ------------------------------------------------------------------------------


def _naive_links(recs: list[Recommendation], acts: list[Action], threshold: float
                 ) -> list[tuple[str | None, float | None]]:
    """The pairing as first written: every pair scored, best first."""
    from ingest.timescale import normalise_timescale

    scores = []
    for ai, act in enumerate(acts):
        for ri, rec in enumerate(recs):
            s = similarity(act.recommendation_text, rec.text)
            if rec.timescale and normalise_timescale(act.timescale_as_written) == rec.timescale:
                s += 0.02
            if rec.due_date:
                s += 0.001
            scores.append((s, ai, ri))
    scores.sort(key=lambda t: (-t[0], t[1], t[2]))
    out: dict[int, tuple[str, float]] = {}
    used_r: set[int] = set()
    for s, ai, ri in scores:
        if s >= threshold and ai not in out and ri not in used_r:
            out[ai] = (recs[ri].id, round(min(s, 1.0), 3))
            used_r.add(ri)
    for ai in range(len(acts)):
        if ai not in out:
            best = next(((s, ri) for s, a, ri in scores if a == ai), None)
            if best and best[0] >= threshold:
                out[ai] = (recs[best[1]].id, round(min(best[0], 1.0), 3))
    return [out.get(ai, (None, None)) for ai in range(len(acts))]


_WORDS = st.lists(st.sampled_from([
    "ensure", "that", "the", "assessment", "assessmnet", "reports", "plans", "are", "shared",
    "with", "children", "families", "carers", "in", "need", "quality", "of", "practice",
    "improves", "timely"]), max_size=9)
_TIMES = st.sampled_from([None, "immediately", "3 months", "6 months"])


@given(recs=st.lists(st.tuples(_WORDS, _TIMES, st.booleans()), max_size=6),
       acts=st.lists(st.tuples(_WORDS, st.sampled_from([None, "Immediately", "3 months"])),
                     max_size=6),
       threshold=st.sampled_from([0.7, 0.5, 0.02, 0.0]))
@settings(max_examples=200, deadline=None)
def test_link_actions_same_as_scoring_every_pair(recs, acts, threshold) -> None:  # type: ignore[no-untyped-def]
    def build():  # type: ignore[no-untyped-def]
        rs = [Recommendation(f"R{i}", " ".join(w), SPAN, timescale=t,
                             due_date="2024-01-01" if d else None)
              for i, (w, t, d) in enumerate(recs)]
        as_ = [Action(SPAN, recommendation_text=" ".join(w), timescale_as_written=t)
               for w, t in acts]
        return rs, as_

    rs, as_ = build()
    expected = _naive_links(rs, as_, threshold)
    link_actions(rs, as_, threshold=threshold)
    assert [(a.recommendation_id, a.link_score) for a in as_] == expected


# --- documents by line ------------------------------------------------------------------


def test_doc_at_is_the_innermost_document_and_follows_new_documents() -> None:
    pack = PackText.from_string("\n".join(f"line {i}" for i in range(200)), "p.txt")
    m = Mapper(PackExtraction("p.txt", pack.sha256), pack, "https://example.org/")
    outer = DocumentRecords(Segment("generic", "outer", 1, 100, 1))
    inner = DocumentRecords(Segment("appendix", "inner", 10, 20, 2))
    m.docs += [(outer, m.node("document", "outer")), (inner, m.node("document", "inner"))]
    assert m.doc_at(15) == m.node("document", "inner")
    assert m.doc_at(5) == m.doc_at(100) == m.node("document", "outer")
    assert m.doc_at(150) is None
    m.docs.append((DocumentRecords(Segment("minutes", "late", 101, 160, 3)),
                   m.node("document", "late")))
    assert m.doc_at(150) == m.node("document", "late")


# --- inspection type from elsewhere in the pack -------------------------------------------


def _pack(other: str) -> tuple[PackText, Segment]:
    text = ("Inspection of Northtown children's services\nFindings follow.\n\n"
            f"Covering report\n{other}\n")
    return PackText.from_string(text, "x.txt"), Segment("inspection_report", "i", 1, 2)


def test_inspection_type_from_another_document_is_read_per_pack() -> None:
    title = "Inspection of Northtown children's services"
    a, seg = _pack("The unannounced inspection of Northtown children's services took place.")
    b, _ = _pack("The announced inspection of Northtown children's services took place.")
    c, _ = _pack("Nothing about how the visit was arranged.")
    assert _type(a, seg, title) == "unannounced"
    assert _type(b, seg, title) == "announced"
    assert _type(c, seg, title) is None
    assert _type(a, seg, title) == "unannounced"
    d, _ = _pack("The previous unannounced inspection of Northtown children's services.")
    assert _type(d, seg, title) is None


# --- keys ----------------------------------------------------------------------------------


def _slow_normalise(text: str) -> str:
    """The normal form as first written: every text decomposed, no cache."""
    import re
    import unicodedata

    s = unicodedata.normalize("NFKD", text)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    s = s.replace("&", " and ")
    s = re.sub(r"[^a-z0-9]+", " ", s)
    return re.sub(r"\s+", " ", s).strip()


def test_the_fast_normal_form_is_the_first_one() -> None:
    assert namespaces.normalise("Café & Co.") == "cafe and co"
    assert namespaces.normalise("  Ünïcode – dash ") == _slow_normalise("  Ünïcode – dash ")


@given(st.text() | st.text(alphabet="aZ &-'’\t\né́ﬁİ½1"))
@settings(max_examples=400, deadline=None)
def test_the_fast_normal_form_equals_the_first_on_any_text(text: str) -> None:
    assert namespaces.normalise(text) == _slow_normalise(text)


# --- word counts of a pack ----------------------------------------------------------------


@given(st.lists(st.text(alphabet="aBcs's&’ \tİ1\u00e9-", max_size=30), max_size=8))
@settings(max_examples=200, deadline=None)
def test_loose_word_counts_equal_counting_line_by_line(lines: list[str]) -> None:
    from collections import Counter

    from ingest.names import loose_word_counts, loose_words

    expected = Counter(w for line in lines for w in loose_words(line))
    assert loose_word_counts("\n".join(lines)) == expected


# --- cached namespace terms ---------------------------------------------------------------


def test_cached_terms_are_the_namespace_terms() -> None:
    from ingest import mapping_terms as t

    assert t.REM.Recommendation == namespaces.REM.Recommendation
    assert t.REM.Recommendation is t.REM.Recommendation  # cached after the first use
    assert t.REM["evidence"] == namespaces.REM.evidence
    assert t.GRADE["3"] == namespaces.GRADE["3"]
    assert t.XSD.integer == namespaces.XSD.integer
    g = t.MappingGraph(store="SimpleMemory")
    g.add((t.REM.Recommendation, t.RDF.type, t.REM.Recommendation))
    assert len(g) == 1 and (namespaces.REM.Recommendation, None, None) in g


# --- gazetteer prefilter ----------------------------------------------------------------


def test_reference_names_prefilter_misses_no_name(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from pathlib import Path

    from ingest import reference_mentions as rm
    from ingest import service_mentions as sm

    excerpts = Path(__file__).parent / "data" / "excerpts"
    sentences = [p for f in sorted(excerpts.glob("*.txt"))
                 for line in f.read_text(encoding="utf-8").splitlines() for p in sm.pieces(line)]
    sentences += ["Support from the NSPCC and the Police helped.", "Barnardo’s and Ofsted-led"]
    fast = [rm.reference_names(s) for s in sentences]
    assert any(fast)
    monkeypatch.setattr(rm, "_opening_words", lambda: None)  # the full pattern on every one
    assert [rm.reference_names(s) for s in sentences] == fast
