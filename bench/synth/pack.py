"""Synthetic agenda packs with ground truth in the gold schema.

``generate_pack(seed, council, meeting)`` writes a pack in the text formats real packs come
in after PDF conversion (agenda, minutes with attendance and resolutions, an officer report,
an inspection report with graded judgements and areas for improvement, an action plan with
owners, an acronym table, a forward plan) and returns its ground truth as a dict in the
schema of ``remit extract --json``, so the same scorer measures extraction on it. The
layout varies with the seed (tab-separated, HTML-fragment or markdown tables; bold or plain
headings) and so does the noise real packs have: acronym variants, typos of a body's name,
people written with initials, ragged table rows.
"""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from bench.synth.people import Council, Person, make_council

GRADES = {1: "Outstanding", 2: "Good", 3: "Adequate", 4: "Inadequate"}
AREAS = {
    "Safeguarding services": ["Overall effectiveness", "Capacity for improvement",
                              "Quality of provision", "Partnership working"],
    "Services for looked after children": ["Overall effectiveness",
                                           "Capacity for improvement", "Being healthy",
                                           "Staying safe", "Leadership and management"],
}
RECS = [
    "ensure that all referrals receive a written acknowledgement within two working days",
    "ensure that case records show clearly whether the child was seen alone",
    "ensure that supervision records show management oversight of every open case",
    "ensure that care leavers have a pathway plan that reflects their views",
    "ensure that the number of placement moves for children in care is reduced",
    "ensure that return interviews are offered to every child who goes missing",
    "ensure that performance reports to the board include the views of families",
    "ensure that the electronic record system produces accurate chronologies",
    "ensure that health assessments of children in care are completed on time",
]
TIMESCALES = [("Immediately:", "immediately", "IMMEDIATE", 0),
              ("Within three months:", "3 months", "WITHIN 3 MONTHS", 3),
              ("Within six months:", "6 months", "WITHIN 6 MONTHS", 6)]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def _long_date(d: dt.date, weekday: bool = True) -> str:
    suffix = {1: "st", 2: "nd", 3: "rd", 21: "st", 22: "nd", 23: "rd", 31: "st"}.get(d.day, "th")
    core = f"{d.day}{suffix} {MONTHS[d.month - 1]}, {d.year}"
    return f"{d.strftime('%A')}, {core}" if weekday else core


def _plain_date(d: dt.date) -> str:
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def _add_months(d: dt.date, months: int) -> dt.date:
    m = d.month - 1 + months
    y, m = d.year + m // 12, m % 12 + 1
    day = min(d.day, [31, 29 if y % 4 == 0 else 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1])
    return dt.date(y, m, day)


def _weekday(d: dt.date) -> dt.date:
    """The next Tuesday to Thursday on or after ``d``: committees meet midweek."""
    while d.weekday() not in (1, 2, 3):
        d += dt.timedelta(days=1)
    return d


class _Writer:
    def __init__(self) -> None:
        self.lines: list[str] = []

    def add(self, *lines: str) -> int:
        """Append lines; return the 1-based number of the first."""
        first = len(self.lines) + 1
        self.lines.extend(lines)
        return first

    def row(self, cells: list[str], style: str) -> int:
        if style == "html":
            return self.add("\t".join(f"<p>{c}</p>" for c in cells))
        if style == "markdown":
            return self.add("| " + " | ".join(cells) + " |")
        return self.add("\t".join(cells))


def generate_pack(seed: int, council_index: int = 0, meeting_index: int = 0,
                  n_recommendations: int | None = None) -> tuple[str, dict[str, Any]]:
    rng = random.Random(f"{seed}-{council_index}-{meeting_index}")
    c = make_council(seed, council_index)
    style = ["tab", "html", "markdown"][(seed + meeting_index) % 3]
    bold = rng.random() < 0.6
    w = _Writer()
    gold: dict[str, Any] = {k: [] for k in (
        "bodies", "people", "meetings", "agenda_items", "declarations", "resolutions",
        "reports", "inspections", "recommendations", "actions", "key_decisions")}
    meeting = _weekday(dt.date(2012 + meeting_index // 6, 1 + (meeting_index * 2) % 12,
                               1 + council_index % 20))
    previous = _weekday(meeting - dt.timedelta(days=56))
    h = (lambda s: f"**{s}**") if bold else (lambda s: s)

    # --- agenda ----------------------------------------------------------------------
    line = w.add(f"{c.committee.name} Agenda", "")
    gold["reports"].append({"title": f"{c.committee.name} Agenda", "author": None,
                            "to_body": c.committee.name, "meeting_date": meeting.isoformat(),
                            "line": line, "in_pack": True})
    w.add(f"Date: {_long_date(meeting)}", "Time: 10.00 am", f"Venue: {c.venue}", "")
    gold["meetings"].append({"body": c.committee.name, "date": meeting.isoformat(),
                             "venue": c.venue, "start_time": "10.00 am", "present": [],
                             "line": line, "status": "scheduled (agenda in pack)"})
    items = [("Apologies for Absence", None, "To receive apologies for absence."),
             ("Minutes of Previous Meeting", "1 - 4",
              f"To approve the minutes of the meeting held on {_plain_date(previous)}."),
             ("Declarations of Interest", None, "To declare any interests."),
             ("Ofsted Inspection of Safeguarding and Looked After Children Services",
              "5 - 40", f"To consider a report of the {c.director.role}."),
             ("Forward Plan", "41 - 42", "To note the current Forward Plan.")]
    for i, (title, pages, purpose) in enumerate(items, 1):
        pg = f" (Pages {pages})" if pages else ""
        ln = w.add(f"{i}. {h(title)}{pg}", "", purpose, "")
        gold["agenda_items"].append({"number": i, "title": title, "pages": pages,
                                     "purpose": purpose, "line": ln})
    scrutiny_officer = next((o for o in c.officers if o.role == "Scrutiny Officer"), c.officers[1])
    w.add(f"Please contact {scrutiny_officer.full} on 01234 567890", "")

    # --- minutes -----------------------------------------------------------------------
    chair, vice, *members = c.councillors[:8]
    absent = c.councillors[8:10]
    w.add(c.council.name.upper(), "")
    line = w.add(f"Minutes of a meeting of the {h(c.committee.name)}",
                 f"held on {_long_date(previous)} at {c.venue}", "")
    gold["reports"].append({"title": f"Minutes of a meeting of the {c.committee.name} held on "
                                     f"{_long_date(previous)}", "author": None,
                            "line": line, "in_pack": True})
    w.add("PRESENT", "", f"Councillor {chair.initial_form} (Chairman)",
          f"Councillor {vice.initial_form} (Vice-Chairman)", "")
    names = [m.initial_form for m in members]
    w.add(f"Councillors {', '.join(names[:-1])} and {names[-1]}.", "")
    w.add("Apologies", "",
          f"Councillors {absent[0].initial_form} and {absent[1].initial_form}.", "")
    w.add("Officers", "")
    officers = c.officers[:3]
    for o in officers:
        w.add(f"{o.full}\t{o.role}")
    w.add("")
    gold["meetings"].append({
        "body": c.committee.name, "date": previous.isoformat(), "venue": c.venue,
        "start_time": "10.00 am", "end_time": "12.15 pm",
        "present": [chair.initial_form, vice.initial_form, *names],
        "apologies": [a.initial_form for a in absent], "in_attendance": [],
        "officers": [o.full for o in officers], "chair": chair.initial_form,
        "vice_chair": vice.initial_form, "line": line})
    decl = members[0]
    w.add("21 DECLARATIONS OF INTEREST", "")
    ln = w.add(f"Councillor {decl.full} declared a personal interest on the grounds that "
               f"a relative was a foster carer for {c.council.name}.", "")
    gold["declarations"].append({"person": decl.full, "meeting_date": previous.isoformat(),
                                 "interest_type": "personal", "line": ln})
    w.add("22 MINUTES OF PREVIOUS MEETING", "")
    text = "That the minutes of the previous meeting be approved as a correct record."
    ln = w.add(f"RESOLVED – {text}", "")
    gold["resolutions"].append({"minute_number": 22, "clause": None, "text": text, "line": ln})
    w.add("23 CHILDREN IN CARE PERFORMANCE", "",
          f"{officers[1].full}, {officers[1].role}, presented the report.", "", "RESOLVED –", "")
    for clause, text in (("a", "That the report be noted."),
                         ("b", f"That the {c.director.role} report progress on placement "
                               "stability to the Committee in six months.")):
        ln = w.add(f"- {clause}) {text}")
        gold["resolutions"].append({"minute_number": 23, "clause": clause, "text": text,
                                    "line": ln})
    w.add("", "The meeting commenced at 10.00 am and concluded at 12.15 pm", "",
          f"Councillor {chair.initial_form} (Chairman)", "")

    # --- officer report --------------------------------------------------------------------
    w.add(c.council.name.upper(), "")
    line = w.add(f"REPORT TO: {c.committee.name}", "", f"Date of Meeting: {_plain_date(meeting)}",
                 f"Report of: {c.director.full}, {c.director.role}",
                 "Subject/Title: Ofsted Inspection of Safeguarding and Looked After "
                 "Children Services", f"Portfolio Holder: Councillor {c.portfolio_holder.full}", "")
    gold["reports"].append({"title": "Ofsted Inspection of Safeguarding and Looked After "
                                     "Children Services", "author": c.director.full,
                            "author_role": c.director.role, "to_body": c.committee.name,
                            "meeting_date": meeting.isoformat(),
                            "portfolio_holder": c.portfolio_holder.full, "line": line})
    w.add("1.0 Report Summary", "",
          f"1.1 Ofsted inspected services in {c.place}. Progress on the action plan will be "
          f"reported to the {c.board.name} ({c.board.acronym}) and the "
          f"{c.committee.name} will have oversight of the plan.", "",
          "This page is intentionally left blank", "")

    # --- inspection report -------------------------------------------------------------
    start = meeting - dt.timedelta(days=90)
    end = start + dt.timedelta(days=11)
    published = end + dt.timedelta(days=40)
    inspector = Person(rng.choice(["Hannah", "Joseph", "Miriam"]),
                       rng.choice(["Calloway", "Pemberton", "Rushworth"]), "HMI", "Ofsted")
    title = f"Inspection of safeguarding and looked after children services {c.place}"
    line = w.add(title, "", f"Inspection dates: {start.day} {MONTHS[start.month - 1]} to "
                 f"{_plain_date(end)}", "", f"Reporting inspector: {inspector.full}", "",
                 f"Published: {_plain_date(published)}", "", "Website: www.ofsted.gov.uk", "")
    insp = {"inspectorate": "Office for Standards in Education, Children's Services and Skills",
            "subject_body": c.council.name, "title": title,
            "dates": [start.isoformat(), end.isoformat()], "published": published.isoformat(),
            "reporting_inspector": inspector.full, "judgements": [], "line": line}
    gold["reports"].append({"title": title, "author": inspector.full,
                            "author_role": "Reporting inspector (Ofsted)", "line": line,
                            "published": published.isoformat(), "in_pack": True,
                            "issuer": insp["inspectorate"]})
    gold["inspections"].append(insp)
    recs: list[dict[str, Any]] = []
    n_recs = n_recommendations or rng.randint(4, 7)
    pool = rng.sample(RECS, min(n_recs, len(RECS)))
    for section, areas in AREAS.items():
        w.add(section, "")
        for area in areas:
            grade = rng.choice([2, 3, 3, 2, 1])
            sep = "**" if bold else " "
            label = f"Grade {grade} ({GRADES[grade].lower()})"
            w.add(f"{area}{sep}{label}{sep if bold else ''}".rstrip(), "",
                  f"1. The {area.lower()} is {GRADES[grade].lower()}.", "")
            insp["judgements"].append({"area": area, "section": section, "grade": grade,
                                       "grade_label": GRADES[grade]})
        half = len(pool) // 2
        mine = pool[:half] if section.startswith("Safeguarding") else pool[half:]
        w.add("Areas for improvement", "",
              f"2. In order to improve services in {c.place}, the local authority and its "
              "partners should take the following action.", "")
        for k, rec in enumerate(mine):
            lead, ts, _, months = TIMESCALES[k % 3]
            w.add(lead, "", f"- {rec}", "")
            due = _add_months(published, months)
            recs.append({"id": f"{section[:2].upper()}-{k}", "text": rec, "timescale": ts,
                         "due_date": due.isoformat(), "section": section,
                         "addressed_to": ["the local authority and its partners"]})
    w.add("Record of main findings", "")
    headings = list(insp["judgements"])
    for section in AREAS:
        w.add(f"{section}\t")
        for j in headings:
            if j["section"] == section:
                ln = w.add(f"{j['area']}\t{j['grade_label']}")
                # the gold counts each statement of a grade: heading and table row
                insp["judgements"].append({**j, "origin": "table", "line": ln})
    w.add("", "This page is intentionally left blank", "")
    gold["recommendations"] = recs

    # --- action plan ------------------------------------------------------------------
    line = w.add("Inspection Action Plan (Draft)", "")
    gold["reports"].append({"title": "Inspection Action Plan (Draft)", "author": None,
                            "line": line, "in_pack": True})
    w.row(["Area for Improvement", "TIMESCALE", "Key Actions", "Resp. Officer",
           "Evidence/Progress (End of March)", "RAG", "Reporting Schedule"], style)
    variant = c.board.acronym[:-1] + "C" + c.board.acronym[-1] if c.board.acronym else "LSCB"
    named_owners: list[Person] = []
    for k, rec in enumerate(recs):
        owners = rng.choice([[c.officers[2]], [c.officers[3], c.officers[4]], [], ["role"]])
        if owners == ["role"]:
            owner_cell, gold_owners = "Relevant managers", ["Relevant managers"]
        elif not owners:
            owner_cell, gold_owners = "TBD", []
        else:
            owner_cell = " / ".join(o.full if i == 0 else o.initial_form
                                    for i, o in enumerate(owners))
            gold_owners = [o.full for o in owners]
            named_owners += owners  # officers named only in the plan are people of the pack
        body = variant if k % 2 else c.board.acronym
        schedule = f"Quarterly report to: {body} and {c.committee.name}"
        wording = rec["text"][0].upper() + rec["text"][1:]
        if k == 1:  # drift: a word dropped
            wording = wording.replace(" that ", " ", 1)
        cells = [wording, TIMESCALES[k % 3][2], "Audit of case files; training for staff.",
                 owner_cell, "Audit completed." if k % 2 else "", "", schedule]
        if k == 2:  # a ragged row: the RAG and progress cells missing
            cells = [*cells[:4], schedule]
        w.row(cells, style)
        gold["actions"].append({"recommendation_id": rec["id"], "recommendation_text": wording,
                                "responsible_officers": gold_owners,
                                "reporting_schedule": schedule})
    w.add("", "Acronyms", "")
    w.add(f"{c.board.acronym}\t{c.board.name}\tCAF\tCommon Assessment Framework", "")

    # --- forward plan --------------------------------------------------------------------
    line = w.add("FORWARD PLAN", "")
    gold["reports"].append({"title": "FORWARD PLAN", "author": None, "line": line,
                            "in_pack": True})
    w.add("Key Decision\tDecisions to be Taken\tDecision Maker\tExpected Date of Decision\t"
          "Proposed Consultation\tRelevant Scrutiny Committee\tContact")
    for k in range(2):
        ref = f"{c.place[:2].upper()}{meeting.year % 100}/{k + 3}"
        when = meeting + dt.timedelta(days=30 * (k + 1))
        title = ["Children's Services Improvement Plan", "Fostering Fees Review"][k]
        ln = w.add(f"{ref} {title}\tTo approve the {title.lower()}.\tCabinet\t"
                   f"{when.day} {MONTHS[when.month - 1][:3]} {when.year}\tWith partners.\t"
                   f"{c.committee.name}\t{c.director.full}, {c.director.role}")
        gold["key_decisions"].append({"ref": ref, "title": title, "decision_maker": "Cabinet",
                                      "expected_date": when.isoformat(), "line": ln})

    gold["bodies"] = [{"name": b.name, "aliases": [*b.aliases, *([b.acronym] if b.acronym and
                                                                  b.acronym != "PCT" else [])],
                       "type": b.type} for b in (c.council, c.committee, c.board)]
    # Every pack names the inspectorate and the forward plan's decision maker as bodies,
    # and the gold of real packs lists them (as the seed pack's does).
    gold["bodies"] += [
        {"name": "Office for Standards in Education, Children's Services and Skills",
         "aliases": ["Ofsted"], "type": "inspectorate"},
        {"name": "Cabinet", "aliases": [], "type": "committee"}]
    gold["people"] = _people_gold(c, [chair, vice, *members, *absent],
                                  [*officers, *named_owners], inspector)
    return "\n".join(w.lines) + "\n", gold


def _people_gold(c: Council, councillors: list[Person], officers: list[Person],
                 inspector: Person) -> list[dict[str, Any]]:
    seen: dict[str, dict[str, Any]] = {}
    for p in [*councillors, *officers, c.director, c.portfolio_holder, inspector]:
        seen.setdefault(p.full, {"name": p.full, "aliases": [p.initial_form],
                                 "roles": [{"role": p.role, "body": p.body}]})
    return list(seen.values())


def generate_corpus(seed: int, councils: int, meetings: int) -> list[tuple[str, str, dict]]:
    """(file name, text, gold) for councils x meetings packs."""
    out = []
    for ci in range(councils):
        for mi in range(meetings):
            text, gold = generate_pack(seed, ci, mi)
            out.append((f"synth_{seed}_{ci:03d}_{mi:03d}.txt", text, gold))
    return out
