"""Hand-built extractions of the invented packs in tests/data/packs/ (riverton_a, _b).

The mapping and loading tests build on these instead of the extractors, so they pin the
graph model whatever the extractors do. The status column of the action plan is read from
the file, so riverton_b (the same plan, a later checkpoint) gives its own snapshots.
"""

from __future__ import annotations

from pathlib import Path

from ingest.records import (
    Action,
    Body,
    DocumentRecords,
    Inspection,
    Judgement,
    Meeting,
    Merge,
    Owner,
    PackExtraction,
    Person,
    Recommendation,
    RelationMention,
    Resolution,
    RoleHeld,
    Segment,
    StatusSnapshot,
    Warning_,
)
from ingest.records import Declaration as Decl
from ingest.text import PackText
from ontology.namespaces import key_for, normalise

PACKS = Path(__file__).parent / "data" / "packs"
CHECKPOINT_DATES = {"End of June": "2011-06-30", "End of September": "2011-09-30"}

COUNCIL = key_for("Riverton Borough Council")
COMMITTEE = key_for("Children and Young People Scrutiny Committee")
OFSTED = key_for("Ofsted")
BOARD = key_for("Riverton Safeguarding Children Board")


def person_key(name: str) -> str:
    parts = name.split()
    return key_for(parts[-1], parts[0][0])


def read_pack(name: str) -> PackText:
    path = PACKS / name
    data = path.read_bytes()
    pack = PackText.from_string(data.decode("utf-8"), name=name)
    pack.path = path
    return pack


def riverton(pack: PackText, *, chair: str = "Maeve O'Connor",
             meeting_date: str = "2011-06-14") -> PackExtraction:
    """The records an extractor and resolver would give for a riverton_* pack."""
    sp = pack.span
    header = pack.line(20).split("\t")
    checkpoint = header[-1]
    rows = [pack.line(21).split("\t"), pack.line(22).split("\t")]
    people = [
        Person(person_key(chair), chair, aliases=[f"Councillor {chair}"], title="Councillor",
               roles=[RoleHeld("Chairman", COMMITTEE, sp(4))], spans=[sp(4)]),
        Person(person_key("J Pérez"), "J Pérez", spans=[sp(4)]),
        Person(person_key("T Brook"), "T Brook", title="Councillor", spans=[sp(4), sp(7)]),
        Person(person_key("A Singh"), "A Singh", spans=[sp(5)]),
        Person(person_key("Noor Haddad"), "Noor Haddad",
               roles=[RoleHeld("Head of Safeguarding", COUNCIL, sp(21))], spans=[sp(21)]),
    ]
    bodies = [
        Body(COUNCIL, "Riverton Borough Council", "council", aliases=["the Council"],
             spans=[sp(1)]),
        Body(COMMITTEE, "Children and Young People Scrutiny Committee", "committee",
             aliases=["the Scrutiny Committee", "the Committee"], parent=COUNCIL,
             spans=[sp(2)]),
        Body(OFSTED, "Ofsted", "inspectorate", national=True, spans=[sp(11)]),
        Body(BOARD, "Riverton Safeguarding Children Board", "board", acronym="RSCB",
             spans=[sp(23)]),
    ]
    names: dict[str, tuple[str, str]] = {}
    for b in bodies:
        for n in [b.name, *b.aliases]:
            names[normalise(n)] = ("body", b.key)
    for p in people:
        for n in [p.name, *p.aliases]:
            names[normalise(n)] = ("person", p.key)
    names[normalise("Relevant managers")] = ("role", key_for("Relevant managers", COUNCIL))

    minutes = DocumentRecords(Segment("minutes", "Minutes", 1, 10, 0))
    minutes.meetings.append(Meeting(
        "Children and Young People Scrutiny Committee", meeting_date, sp(1, 5),
        venue="the Guildhall, Riverton", present=[chair, "J Pérez", "T Brook"],
        apologies=["A Singh"], chair=chair))
    minutes.declarations.append(Decl("T Brook", sp(7), "personal", "a school governor",
                                     meeting_date, 12))
    minutes.resolutions += [
        Resolution(13, "Inspection of safeguarding services", "a",
                   "That the report be noted.", sp(9), meeting_date=meeting_date),
        Resolution(13, "Inspection of safeguarding services", "b",
                   "That the Director of Children's Services report progress to the "
                   "Committee.", sp(10), action_owner="the Director of Children's Services",
                   meeting_date=meeting_date),
    ]
    title = "Ofsted: Inspection of safeguarding services, Riverton"
    report = DocumentRecords(Segment("inspection_report", title, 11, 18, 1))
    report.inspections.append(Inspection(
        title, sp(11, 18), "Ofsted", "Riverton Borough Council", "announced inspection",
        ["2011-05-09", "2011-05-20"], "2011-06-01",
        judgements=[Judgement("Overall effectiveness", 2, sp(12)),
                    Judgement("Leadership and management", 3, sp(13), origin="table")]))
    report.recommendations += [
        Recommendation("SG-IMM-1", pack.line(16), sp(16), title, "immediately",
                       addressed_to=["the Council"]),
        Recommendation("SG-3M-1", pack.line(18), sp(18), title, "Within three months",
                       due_date="2011-09-01"),
    ]
    plan = DocumentRecords(Segment("action_plan", "Action plan: safeguarding inspection",
                                   19, 24, 2))
    schedule = pack.line(23).removeprefix("Reporting: ")
    for rid, row, line, owners in (
            ("SG-IMM-1", rows[0], 21, [Owner("Initially - Noor Haddad", "Noor Haddad",
                                             "person", "Initially")]),
            ("SG-3M-1", rows[1], 22, [Owner("Relevant managers", "Relevant managers",
                                            "role")])):
        rag, _, note = row[3].partition(":")
        plan.actions.append(Action(
            sp(line), rid, row[0], key_actions=row[1], owners=owners,
            statuses=[StatusSnapshot(checkpoint, sp(line), CHECKPOINT_DATES.get(checkpoint),
                                     rag.strip(), note.strip() or None)],
            reporting_schedule=schedule, reporting_frequency="quarterly",
            reports_to=["Riverton Safeguarding Children Board", "the Scrutiny Committee"]))
    plan.relations.append(RelationMention("Riverton Safeguarding Children Board", "oversees",
                                          "the Council", sp(24)))
    plan.warnings.append(Warning_("RAG column empty for some rows", sp(20)))
    return PackExtraction(
        pack.name, pack.sha256, [minutes, report, plan], bodies, people,
        merges=[Merge("the Scrutiny Committee", COMMITTEE, "generic-name",
                      "named in full at line 2", sp(23))],
        names=names)


def fake_extract(path: Path) -> tuple[PackText, PackExtraction]:
    """Stands in for loaders + pipeline in load tests: riverton packs, or a clear error."""
    data = path.read_bytes()
    if not data.strip():
        raise ValueError(f"{path.name}: the file is empty")
    pack = PackText.from_string(data.decode("utf-8"), name=path.name)
    pack.path = path
    return pack, riverton(pack)


def store_checksum(store: object) -> str:
    """A checksum of every quad in the store, independent of dump order."""
    import hashlib
    import io

    buf = io.BytesIO()
    store.dump(buf)  # type: ignore[attr-defined]
    lines = sorted(buf.getvalue().decode("utf-8").splitlines())
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()
