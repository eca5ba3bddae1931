"""Example responses for the OpenAPI document (shapes pinned by tests/test_api.py)."""

from __future__ import annotations

_REC = "https://remit.example/id/recommendation/improve-supervision-ggggggggggg1"
_PERSON = "https://remit.example/id/person/morgan-a-aaaaaaaaaaa1"
_BODY = "https://remit.example/id/body/scrutiny-committee-bbbbbbbbbbbb"

ERROR = {"error": {"status": 404, "code": "not_found",
                   "message": "no person with key 'nobody-000000000000'"}}

RECOMMENDATION = {
    "iri": _REC, "key": "improve-supervision-ggggggggggg1", "id": "SG-3M-1",
    "text": "improve the quality of supervision for social workers",
    "timescale": "within-3-months", "timescale_text": "Within three months",
    "due_date": "2011-11-19", "section": None,
    "inspection": {"iri": "https://remit.example/id/inspection/x", "key": "x",
                   "label": "Inspection of safeguarding services"},
    "owners": [{"iri": "https://remit.example/id/role-owner/relevant-managers-d",
                "key": "relevant-managers-d", "label": "Relevant managers",
                "type": "role-owner", "posts": [], "holders": [],
                "bodies": [{"iri": "https://remit.example/id/body/childrens-services-c",
                            "key": "childrens-services-c", "label": "Children's Services"}]}],
    "actions": [{"iri": "https://remit.example/id/action/improve-supervision-j",
                 "key": "improve-supervision-j", "key_actions": "Audit supervision monthly",
                 "reporting_schedule": None, "owner_as_written": None}],
    "status": {"status": "red", "as_of": "2011-09-30", "checkpoint": "End of September",
               "note": "Audit not yet started",
               "action": "https://remit.example/id/action/improve-supervision-j"},
    "reports_to": [{"iri": _BODY, "key": "scrutiny-committee-bbbbbbbbbbbb",
                    "label": "Children's Scrutiny Committee"}],
    "evidence": [{"excerpt": "https://remit.example/id/excerpt/pack-a-130-130-g",
                  "text": "Within three months: improve the quality of supervision",
                  "start_line": 130, "end_line": 130,
                  "document": {"iri": "https://remit.example/id/document/inspection-report-2",
                               "key": "inspection-report-2",
                               "label": "Inspection of safeguarding services"}}],
    "overdue": True}

PERSON = {"iri": _PERSON, "key": "morgan-a-aaaaaaaaaaa1", "label": "Alex Morgan",
          "names": ["A Morgan", "Alex Morgan"], "honorific": None,
          "posts": [{"iri": "https://remit.example/id/post/strategic-director-a",
                     "key": "strategic-director-a",
                     "label": "Strategic Director (Children's Services)",
                     "body": {"iri": "https://remit.example/id/body/northshire-council-a",
                              "key": "northshire-council-a", "label": "Northshire Council"}}],
          "bodies": [], "memberships": [],
          "responsible_for": [{"iri": _REC, "key": "ensure-assessments-f", "id": "SG-IMM-1",
                               "text": "ensure that all assessments are completed on time",
                               "due_date": "2011-08-01", "status": None, "overdue": False}]}

BODY = {"iri": _BODY, "key": "scrutiny-committee-bbbbbbbbbbbb",
        "label": "Children's Scrutiny Committee", "acronym": None, "body_type": "committee",
        "parent": {"iri": "https://remit.example/id/body/northshire-council-a",
                   "key": "northshire-council-a", "label": "Northshire Council"},
        "owns": [], "reports_to": [{"iri": "https://remit.example/id/body/northshire-council-a",
                                    "key": "northshire-council-a",
                                    "label": "Northshire Council"}],
        "overseen_by": [], "members": [{"iri": _PERSON, "key": "patel-s-b",
                                        "label": "Sam Patel", "roles": ["chair"]}],
        "meetings": [{"iri": "https://remit.example/id/meeting/scrutiny-2011-07-20-k",
                      "key": "scrutiny-2011-07-20-k", "label": None, "date": "2011-07-20"}]}

ANALYTICS = {"as_of": "2011-12-01", "recommendations": 3,
             "without_owner": {"count": 1, "items": [{"iri": _REC, "key": "review-h",
                                                      "text": "review foster placements"}]},
             "owners_by_open_load": [{"iri": _PERSON, "key": "relevant-managers-d",
                                      "label": "Relevant managers", "type": "role-owner",
                                      "open": 1}],
             "overdue": {"count": 2}}
