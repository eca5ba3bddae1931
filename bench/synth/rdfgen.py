"""Direct RDF generator for store-scale runs (1M, 10M, 100M triples) in the project's model.

Writes N-Quads, one named graph per synthetic pack, shaped like what ingest produces
(docs/model.md): inspections with judgements, recommendations with timescales and due
dates, actions with owners (people, posts, role owners, unassigned), dated status
snapshots, progress reporting to boards and committees, meetings with attendance, key
decisions, and an excerpt with line numbers for every fact. People and bodies are reused
across the packs of a council, as in life. Deterministic from the seed; streaming, so
memory stays flat whatever the size.

    python -m bench.synth.rdfgen OUT.nq --triples 1000000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from pathlib import Path

BASE = "https://remit.example/id/"
REM = "https://remit.example/ontology#"
V = "https://remit.example/vocab/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
TITLE = "http://purl.org/dc/terms/title"
DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
XSD = "http://www.w3.org/2001/XMLSchema#"
TIMESCALES = [("immediately", 0), ("within-3-months", 3), ("within-6-months", 6)]
STATUSES = ["red", "amber", "green", "completed"]
PEOPLE_PER_COUNCIL = 60


def _i(kind: str, key: str) -> str:
    return f"<{BASE}{kind}/{key}>"


def _lit(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _date(y: int, m: int, d: int) -> str:
    return f'"{y:04d}-{m:02d}-{d:02d}"^^<{XSD}date>'


def _int(n: int) -> str:
    return f'"{n}"^^<{XSD}integer>'


def pack_quads(seed: int, n: int, councils: int,
               seen: set[str] | None = None) -> Iterator[str]:
    """The quads of synthetic pack ``n`` (about 350 quads).

    With ``seen`` (a set shared across packs), the description of a person or body (its
    types, label, employer) is written only by the first pack that mentions it, as if the
    store kept one copy per entity. Without it every pack repeats the descriptions, as
    ingest writes them today; pyoxigraph 0.5's union default graph does not deduplicate
    (oxigraph issue 1919), so a join over labels then multiplies by the number of packs
    that mention each entity (BENCHMARKS.md measures both layouts).
    """
    rng = random.Random(seed * 1_000_003 + n)
    c = n % councils
    g = _i("pack", f"s{seed}-p{n}")
    doc = _i("document", f"s{seed}-p{n}-d1")
    council, committee = _i("body", f"c{c}"), _i("body", f"c{c}-committee")
    board, pct = _i("body", f"c{c}-board"), _i("body", f"c{c}-pct")
    ofsted = _i("body", "ofsted")
    year = 2010 + n % 12
    t = lambda s, p, o: f"{s} <{p}> {o} {g} .\n"  # noqa: E731

    def first(node: str) -> bool:
        if seen is None:
            return True
        if node in seen:
            return False
        seen.add(node)
        return True
    line = [1]

    def evidence(node: str, text: str) -> Iterator[str]:
        ex = _i("excerpt", f"s{seed}-p{n}-l{line[0]}")
        yield t(node, DERIVED, doc)
        yield t(node, REM + "evidence", ex)
        yield t(ex, RDF_TYPE, f"<{REM}Excerpt>")
        yield t(ex, REM + "excerptText", _lit(text))
        yield t(ex, REM + "startLine", _int(line[0]))
        yield t(ex, REM + "endLine", _int(line[0]))
        yield t(ex, REM + "inDocument", doc)
        line[0] += 3

    def describe_person(person: str) -> Iterator[str]:
        if not first(person):
            return
        p = int(person.rsplit("-", 1)[1].rstrip(">"))
        yield t(person, RDF_TYPE, f"<{REM}Person>")
        yield t(person, LABEL, _lit(f"Officer {p} of council {c}"))
        yield t(person, REM + "worksFor", pct if p % 7 == 0 else council)
        if p % 5 == 0:
            yield t(person, REM + "accountableTo", board)
        if p % 10 == 0:
            yield t(person, REM + "memberOf", committee)

    yield t(g, RDF_TYPE, f"<{REM}Pack>")
    yield t(g, REM + "fileName", _lit(f"synthetic-{seed}-{n}.txt"))
    yield t(doc, RDF_TYPE, f"<{REM}InspectionReport>")
    yield t(doc, REM + "inPack", g)
    yield t(doc, TITLE, _lit(f"Report of the inspection of council {c}, {year}"))
    for body, label, cls in ((council, f"Council {c}", "Council"),
                             (committee, f"Scrutiny Committee {c}", "Committee"),
                             (board, f"Safeguarding Children Board {c}", "Board"),
                             (pct, f"Primary Care Trust {c}", "NHSBody")):
        if not first(body):
            continue
        yield t(body, RDF_TYPE, f"<{REM}Body>")
        yield t(body, RDF_TYPE, f"<{REM}{cls}>")
        yield t(body, LABEL, _lit(label))
    if first(f"{council}-links"):
        yield t(committee, REM + "oversees", board)
        yield t(council, REM + "inspectedBy", ofsted)
    if first(ofsted):
        yield t(ofsted, LABEL, _lit("Ofsted"))
    insp = _i("inspection", f"s{seed}-p{n}")
    yield t(insp, RDF_TYPE, f"<{REM}Inspection>")
    yield t(insp, TITLE, _lit(f"Inspection of children's services, council {c}, {year}"))
    yield t(insp, REM + "inspectorate", ofsted)
    yield t(insp, REM + "subjectBody", council)
    yield t(insp, REM + "published", _date(year, 6, 15))
    yield from evidence(insp, "Inspection dates")
    for k in range(8):
        j = _i("judgement", f"s{seed}-p{n}-j{k}")
        grade = rng.choice([1, 2, 2, 3, 3, 3, 4])
        yield t(j, RDF_TYPE, f"<{REM}Judgement>")
        yield t(j, REM + "ofInspection", insp)
        yield t(j, REM + "area", _lit(f"Area {k}"))
        yield t(j, REM + "grade", f"<{V}grade/{grade}>")
        yield t(j, REM + "gradeValue", _int(grade))
        yield from evidence(j, f"Area {k} Grade {grade}")
    for k in range(6):
        rec = _i("recommendation", f"s{seed}-p{n}-r{k}")
        act = _i("action", f"s{seed}-p{n}-r{k}")
        ts, months = TIMESCALES[k % 3]
        due_m = 6 + months
        yield t(rec, RDF_TYPE, f"<{REM}Recommendation>")
        yield t(rec, REM + "recommendationId", _lit(f"S{seed}-P{n}-R{k + 1}"))
        yield t(rec, REM + "text", _lit(f"ensure that practice area {k} improves in council {c}"))
        yield t(rec, REM + "timescale", f"<{V}timescale/{ts}>")
        yield t(rec, REM + "dueDate", _date(year + (due_m - 1) // 12, (due_m - 1) % 12 + 1, 15))
        yield t(rec, REM + "fromInspection", insp)
        yield from evidence(rec, f"ensure that practice area {k} improves")
        yield t(act, RDF_TYPE, f"<{REM}Action>")
        yield t(act, REM + "implements", rec)
        yield t(act, REM + "keyActions", _lit("Audit and training"))
        roll = rng.random()
        if roll < 0.08:
            yield t(act, REM + "unassigned", '"true"^^<' + XSD + 'boolean>')
        elif roll < 0.15:
            role = _i("role-owner", f"c{c}-managers")
            if first(role):
                yield t(role, RDF_TYPE, f"<{REM}RoleOwner>")
                yield t(role, LABEL, _lit("Relevant managers"))
            yield t(act, REM + "responsibleParty", role)
        else:
            for _ in range(rng.choice([1, 1, 2])):
                p = rng.randrange(PEOPLE_PER_COUNCIL)
                person = _i("person", f"c{c}-{p}")
                yield from describe_person(person)
                yield t(act, REM + "responsibleParty", person)
        yield t(act, REM + "reportsProgressTo", board)
        yield t(act, REM + "reportsProgressTo", committee)
        yield from evidence(act, "Quarterly report to the board and the committee")
        for q, month in enumerate((9, 11)):
            s = _i("status", f"s{seed}-p{n}-r{k}-{q}")
            yield t(s, RDF_TYPE, f"<{REM}StatusSnapshot>")
            yield t(s, REM + "statusOf", act)
            yield t(s, REM + "asOf", _date(year, month, 30))
            yield t(s, REM + "status", f"<{V}status/{rng.choice(STATUSES)}>")
            yield from evidence(s, "Progress note")
    mtg = _i("meeting", f"c{c}-{year}-{n}")
    yield t(mtg, RDF_TYPE, f"<{REM}Meeting>")
    yield t(mtg, REM + "ofBody", committee)
    yield t(mtg, REM + "date", _date(year, 9, 1 + n % 28))
    for p in rng.sample(range(PEOPLE_PER_COUNCIL), 8):
        person = _i("person", f"c{c}-{p}")
        yield from describe_person(person)
        yield t(mtg, REM + "present", person)
        yield t(mtg, REM + "attendee", person)
    yield from evidence(mtg, "Minutes of a meeting")
    kd = _i("key-decision", f"s{seed}-p{n}")
    yield t(kd, RDF_TYPE, f"<{REM}KeyDecision>")
    yield t(kd, REM + "reference", _lit(f"KD{n}"))
    yield t(kd, TITLE, _lit(f"Commissioning of services, decision {n}"))
    yield t(kd, REM + "decisionMaker", _i("body", f"c{c}-cabinet"))
    if first(_i("body", f"c{c}-cabinet")):
        yield t(_i("body", f"c{c}-cabinet"), LABEL, _lit(f"Cabinet of council {c}"))
    yield t(kd, REM + "expectedDate", _date(year, 10, 3))
    yield from evidence(kd, "Key decision")


def generate(out: Path, triples: int, seed: int = 1, councils: int | None = None,
             repeat_descriptions: bool = False) -> int:
    """Write about ``triples`` quads to ``out``; returns the number written.

    ``repeat_descriptions`` makes every pack repeat the people and bodies it mentions (see
    :func:`pack_quads`); by default each is described once."""
    councils = councils or max(4, triples // 40_000)
    seen: set[str] | None = None if repeat_descriptions else set()
    written = n = 0
    with open(out, "w", encoding="utf-8") as fh:
        while written < triples:
            lines = list(pack_quads(seed, n, councils, seen))
            fh.writelines(lines)
            written += len(lines)
            n += 1
    return written


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--triples", type=int, default=1_000_000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--repeat-descriptions", action="store_true",
                    help="every pack repeats the people and bodies it names, as ingest does")
    args = ap.parse_args()
    n = generate(args.out, args.triples, args.seed,
                 repeat_descriptions=args.repeat_descriptions)
    print(f"wrote {n} quads to {args.out}")


if __name__ == "__main__":
    main()
