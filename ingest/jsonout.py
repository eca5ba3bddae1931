"""A resolved pack as one JSON object in the gold schema (``../shared/gold/README.md``).

One list per kind (bodies, people, meetings ... key_decisions); every item carries its
1-based source ``line``. Bodies and people are the resolved nodes (name, aliases, type,
roles); names inside other records are printed as the pack wrote them, except where the
schema wants a clean name (responsible officers: a person's name without qualifiers, a
role phrase as written, nothing when unassigned). Merges, unresolved near-matches and
warnings are added under their own keys so an analyst can audit the resolution.
"""

from __future__ import annotations

from typing import Any

from ingest.records import Action, Meeting, PackExtraction, Report, Span


def _line(span: Span | None) -> int | None:
    return span.start if span is not None else None


def _bodies(px: PackExtraction) -> list[dict[str, Any]]:
    return [{"name": b.name, "aliases": b.aliases, "type": b.type, "acronym": b.acronym,
             "key": b.key, "line": _line(b.spans[0] if b.spans else None)} for b in px.bodies]


def _people(px: PackExtraction) -> list[dict[str, Any]]:
    names = {b.key: b.name for b in px.bodies}
    out = []
    for p in px.people:
        roles = [{"role": r.role, "body": names.get(r.body or ""), "line": _line(r.span)}
                 for r in p.roles]
        out.append({"name": p.name, "aliases": p.aliases, "title": p.title, "email": p.email,
                    "roles": roles, "key": p.key,
                    "line": _line(p.spans[0] if p.spans else None)})
    return out


def _body_name(px: PackExtraction, name: str | None) -> str | None:
    """The resolved body's name for a name as written (as written if unresolved)."""
    hit = px.lookup(name)
    if hit and hit[0] == "body":
        return next((b.name for b in px.bodies if b.key == hit[1]), name)
    return name


def _owner_name(px: PackExtraction, name: str | None) -> str | None:
    """A post's holder where known ('the Chairman' -> the chair), else the name as written."""
    hit = px.lookup(name)
    if hit and hit[0] == "post":
        post = next((p for p in px.posts if p.key == hit[1]), None)
        if post and post.holder:
            return next((p.name for p in px.people if p.key == post.holder), name)
    return name


def _meetings(px: PackExtraction) -> list[dict[str, Any]]:
    merged: dict[tuple[str | None, str | None], dict[str, Any]] = {}
    for d in px.documents:
        for m in d.meetings:
            item = _meeting(px, m)
            key = (item["body"], m.date)
            if key not in merged:
                merged[key] = item
                continue
            have = merged[key]
            for k, v in item.items():
                if v and not have.get(k):
                    have[k] = v
    return list(merged.values())


def _meeting(px: PackExtraction, m: Meeting) -> dict[str, Any]:
    return {"body": _body_name(px, m.body), "date": m.date, "venue": m.venue,
            "start_time": m.start_time, "end_time": m.end_time, "present": list(m.present),
            "apologies": list(m.apologies), "in_attendance": list(m.in_attendance),
            "officers": list(m.officers), "chair": m.chair, "vice_chair": m.vice_chair,
            "status": m.status, "line": _line(m.span)}


#: Kinds of segment that are parts of another document, not reports of their own.
_NOT_REPORTS = frozenset({"acronym_table"})
_REPORT_FIELDS = ("title", "author", "author_role", "to_body", "meeting_date",
                  "portfolio_holder", "decisions_requested", "contact_name", "contact_post",
                  "kind")


def _reports(px: PackExtraction) -> list[dict[str, Any]]:
    """Every document of the pack as a report: the extractor's Report where it made one,
    else the document itself (agenda, minutes, inspection report, action plan ...)."""
    meeting = next(((m.body, m.date) for d in px.documents for m in d.meetings
                    if m.status != "held"), None) or next(
        ((m.body, m.date) for d in px.documents for m in d.meetings), (None, None))
    out = []
    for d in px.documents:
        if d.reports:
            out.extend(_report_item(px, r) for r in d.reports)
            continue
        seg = d.segment
        if seg.kind in _NOT_REPORTS:
            continue
        item: dict[str, Any] = dict.fromkeys(_REPORT_FIELDS)
        item.update(title=px.titles.get(seg.number, seg.title), kind=seg.kind,
                    to_body=_body_name(px, meeting[0]), meeting_date=meeting[1],
                    decisions_requested=[], line=seg.start)
        inspector = next((i.reporting_inspector for i in d.inspections if i.reporting_inspector),
                         None)
        if inspector:
            item.update(author=inspector, author_role="Reporting inspector")
        out.append(item)
    return out


def _report_item(px: PackExtraction, rep: Report) -> dict[str, Any]:
    """A Report as the gold's item. ``author`` is who the report is of as the document
    says it: the person, else the people who sign it, else the post its cover names
    ('Report of: Head of Legal Services', kept in ``author_role`` too). ``to_body`` is the
    body it is addressed to by its resolved name ('REPORT TO: CABINET' is the Cabinet)."""
    item = _simple([rep], _REPORT_FIELDS)[0]
    item["author"] = rep.author or "; ".join(rep.signatories) or rep.author_role
    item["to_body"] = _body_name(px, rep.to_body)
    return item


def responsible_officers(a: Action) -> list[str]:
    """Clean owner names or role phrases; empty when the plan names no one (TBD)."""
    if a.unassigned:
        return []
    return [o.name for o in a.owners if o.name]


def _action(a: Action) -> dict[str, Any]:
    rag = next((s.rag for s in reversed(a.statuses) if s.rag), None)
    notes = {s.checkpoint: s.note for s in a.statuses}
    return {"recommendation_id": a.recommendation_id,
            "recommendation_text": a.recommendation_text,
            "timescale_as_written": a.timescale_as_written, "key_actions": a.key_actions,
            "responsible_officers": responsible_officers(a),
            "owner_qualifiers": {o.name: o.qualifier for o in a.owners if o.qualifier},
            "rag": rag, "progress_notes": notes, "reporting_schedule": a.reporting_schedule,
            "reports_to": list(a.reports_to), "section": a.section, "line": _line(a.span)}


def _simple(records: list[Any], fields: tuple[str, ...], **renames: str) -> list[dict]:
    out = []
    for r in records:
        item = {f: getattr(r, f) for f in fields}
        for new, old in renames.items():
            item[new] = getattr(r, old)
        item["line"] = _line(r.span)
        out.append(item)
    return out


def to_gold_json(px: PackExtraction) -> dict[str, Any]:
    """The extraction as the gold schema's object (plus audit keys the scorer ignores)."""
    docs = px.documents

    def every(attr: str) -> list[Any]:
        return [r for d in docs for r in getattr(d, attr)]

    resolutions = _simple(every("resolutions"), (
        "minute_number", "minute_title", "clause", "text", "meeting_date", "body"))
    for item, r in zip(resolutions, every("resolutions"), strict=True):
        item["action_owner"] = _owner_name(px, r.action_owner)
    inspections = []
    for i in every("inspections"):
        item = _simple([i], ("inspectorate", "subject_body", "title", "type", "dates",
                             "published", "reporting_inspector", "team"))[0]
        item["judgements"] = [
            {"area": j.area, "section": j.section, "grade": j.grade,
             "grade_label": j.grade_label, "source": j.origin, "line": _line(j.span)}
            for j in i.judgements]
        inspections.append(item)
    return {
        "source": {"name": px.name, "sha256": px.sha256},
        "bodies": _bodies(px),
        "people": _people(px),
        "meetings": _meetings(px),
        "agenda_items": _simple(every("agenda_items"), ("number", "title", "pages", "purpose",
                                                        "part", "meeting_date")),
        "declarations": _simple(every("declarations"), ("person", "meeting_date",
                                                        "interest_type", "reason",
                                                        "minute_number")),
        "resolutions": resolutions,
        "reports": _reports(px),
        "inspections": inspections,
        "recommendations": _simple(every("recommendations"), (
            "id", "text", "source", "timescale", "due_date", "addressed_to", "section")),
        "actions": [_action(a) for a in every("actions")],
        "further_areas": _simple(every("further_areas"), ("number", "title", "details")),
        "implementation_plan": _simple(every("plan_lines"), (
            "ref", "outcome_number", "outcome_heading", "outcome", "action", "lead",
            "deadline", "deadline_date", "measure")),
        "work_programme": _simple(every("work_programme"), ("section", "topic", "due",
                                                            "status", "notes", "lead")),
        "task_groups": _simple(every("task_groups"), ("title", "status", "actions")),
        "key_decisions": _simple(every("key_decisions"), (
            "ref", "title", "decision", "decision_maker", "expected_date", "consultation",
            "scrutiny_committee", "contact")),
        "posts": [{"title": p.title, "key": p.key, "holder": p.holder, "body": p.body,
                   "aliases": p.aliases, "line": _line(p.spans[0] if p.spans else None)}
                  for p in px.posts],
        "role_owners": [{"phrase": r.phrase, "key": r.key,
                         "line": _line(r.spans[0] if r.spans else None)}
                        for r in px.role_owners],
        "merges": [_merge(m) for m in px.merges],
        "unresolved": [_merge(m) for m in px.unresolved],
        "warnings": [{"message": w.message, "kind": w.kind, "line": _line(w.span)}
                     for w in px.warnings + [w for d in docs for w in d.warnings]],
    }


def _merge(m: Any) -> dict[str, Any]:
    return {"as_written": m.as_written, "entity_key": m.entity_key, "rule": m.rule,
            "evidence": m.evidence, "line": _line(m.span)}
