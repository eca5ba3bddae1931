"""The mapping's tables: record codes to ontology classes and role concepts.

Part of the mapping (``ingest/mapping.py``), the only ingest code that names ontology terms.
"""

from __future__ import annotations

from ingest.mapping_terms import REM

BODY_CLASS = {
    "council": REM.Council, "committee": REM.Committee, "board": REM.Board,
    "trust": REM.Trust, "nhs_body": REM.NHSBody, "inspectorate": REM.Inspectorate,
    "government_department": REM.GovernmentDepartment, "voluntary_org": REM.VoluntaryOrganisation,
    "partnership_group": REM.Partnership, "team_or_service": REM.TeamOrService,
}
DOC_CLASS = {
    "agenda": REM.Agenda, "minutes": REM.Minutes, "officer_report": REM.OfficerReport,
    "inspection_report": REM.InspectionReport, "action_plan": REM.ActionPlan,
    "acronym_table": REM.AcronymTable, "appendix": REM.Appendix,
    "consultation": REM.ConsultationPaper, "strategy": REM.Strategy,
    "implementation_plan": REM.ImplementationPlan, "work_programme": REM.WorkProgramme,
    "forward_plan": REM.ForwardPlan, "generic": REM.GenericDocument,
}
#: Roles as written that are memberships of the body (role: concept), not posts.
MEMBERSHIP_ROLES = {
    "chair": "chair", "chairman": "chair", "chairperson": "chair", "chairwoman": "chair",
    "vice chair": "vice-chair", "vice chairman": "vice-chair", "vice chairperson": "vice-chair",
    "member": "member", "councillor": "member", "cllr": "member",
    "portfolio holder": "portfolio-holder",
}
#: Roles a record states in its own terms (attendance, owner, inspector): not posts.
CONTEXT_ROLES = {"responsible officer", "in attendance", "reporting inspector",
                 "contact officer", "officer", "present", "apologies", "lead", "owner"}
#: Of those, the roles of staff: the body resolution gives them is their employer.
STAFF_ROLES = {"responsible officer", "contact officer", "officer"}
