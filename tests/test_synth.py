"""The synthetic corpus (bench/synth): deterministic from its seed, shaped like real packs,
and scored by the same scorer and floors as the sample pack."""

from __future__ import annotations

import contextlib
import importlib.util
import io
import json
import re
from collections import Counter
from pathlib import Path

import pyoxigraph as ox
import pytest

from bench.synth import generate_corpus, generate_pack, rdfgen
from ingest.jsonout import to_gold_json
from ingest.pipeline import extract_pack, load_pack
from ingest.segment import segment
from ontology.namespaces import ONTOLOGY_IRI, REM

SCORER = Path(__file__).parent / "data" / "gold" / "score_extraction.py"
#: The ingest issue's floors, as in tests/test_score_sample.py.
STRICT = {"bodies", "recommendations", "actions", "action_owners", "judgements",
          "key_decisions"}
FLOOR, STRICT_FLOOR = 0.95, 0.98
KINDS = ["agenda", "minutes", "officer_report", "inspection_report", "action_plan",
         "acronym_table", "forward_plan"]


def test_pack_is_deterministic_from_its_seed() -> None:
    a, gold_a = generate_pack(5, 1, 2)
    b, gold_b = generate_pack(5, 1, 2)
    assert a == b and gold_a == gold_b
    assert generate_pack(6, 1, 2)[0] != a


def test_corpus_reuses_people_across_a_councils_packs() -> None:
    corpus = generate_corpus(3, 1, 2)
    names = [{p["name"] for p in gold["people"]} for _n, _t, gold in corpus]
    assert len(corpus) == 2 and names[0] & names[1]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_packs_segment_into_the_expected_documents(tmp_path: Path, seed: int) -> None:
    text, _gold = generate_pack(seed, seed, seed)
    path = tmp_path / "pack.txt"
    path.write_text(text, encoding="utf-8")
    segments, _warnings = segment(load_pack(path))
    assert [s.kind for s in segments] == KINDS


def test_rdf_generator_is_deterministic_and_in_the_ontology(tmp_path: Path) -> None:
    a, b, c = tmp_path / "a.nq", tmp_path / "b.nq", tmp_path / "c.nq"
    n = rdfgen.generate(a, 3000, seed=4)
    rdfgen.generate(b, 3000, seed=4)
    rdfgen.generate(c, 3000, seed=5)
    assert n >= 3000 and a.read_bytes() == b.read_bytes() != c.read_bytes()
    quads = list(ox.parse(path=str(a), format=ox.RdfFormat.N_QUADS))
    assert len(quads) == n
    for q in quads:  # every rem: term is one the ontology declares (REM raises otherwise)
        for t in (q.predicate, q.object):
            if isinstance(t, ox.NamedNode) and t.value.startswith(ONTOLOGY_IRI + "#"):
                getattr(REM, t.value.split("#", 1)[1])


def test_rdf_generator_describes_each_person_once_unless_asked(tmp_path: Path) -> None:
    once, repeated = tmp_path / "once.nq", tmp_path / "rep.nq"
    rdfgen.generate(once, 20_000, seed=1)
    rdfgen.generate(repeated, 20_000, seed=1, repeat_descriptions=True)

    def labels(path: Path) -> Counter[str]:
        return Counter(ln.split(" ", 1)[0] for ln in path.read_text().splitlines()
                       if "/person/" in ln.split(" ", 1)[0] and "rdf-schema#label" in ln)

    assert labels(once) and max(labels(once).values()) == 1
    assert max(labels(repeated).values()) > 1


def _score(out: Path, gold: Path) -> dict[str, float]:
    spec = importlib.util.spec_from_file_location("score_extraction", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        assert mod.main([str(out), str(gold)]) == 0
    return {k: float(v) for k, v in re.findall(r"^(\w+)\s+gold.*F1 ([0-9.]+)", buf.getvalue(),
                                               re.M)}


@pytest.mark.parametrize("seed,council,meeting", [(1, 0, 0), (2, 1, 1), (3, 2, 2)])
def test_extraction_on_generated_packs_meets_the_sample_floors(
        tmp_path: Path, seed: int, council: int, meeting: int) -> None:
    text, gold = generate_pack(seed, council, meeting)
    pack = tmp_path / "pack.txt"
    pack.write_text(text, encoding="utf-8")
    (tmp_path / "gold.json").write_text(json.dumps(gold), encoding="utf-8")
    (tmp_path / "out.json").write_text(json.dumps(to_gold_json(extract_pack(pack)),
                                                  default=str), encoding="utf-8")
    scores = _score(tmp_path / "out.json", tmp_path / "gold.json")
    assert {"bodies", "people", "recommendations", "actions", "judgements"} <= set(scores)
    low = {m: f for m, f in scores.items()
           if f < (STRICT_FLOOR if m in STRICT else FLOOR)}
    assert not low, f"below the floors: {low}"
