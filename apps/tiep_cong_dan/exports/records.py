"""The records of the national export, read as the exporting user may see them.

A record is a petition: every petition registered in the period (the registration
receptions of the register 03/TCD, in its order; `register_no` numbers them among
themselves, the printed register also has a row per hearing) and every petition heard
at a session held in the period, with the period's hearings of it and the assignments of
the issued Result Notices of those sessions. Rows come from the petition rule; the
identity of a denouncer is left out exactly where the desk masks it.
"""

import datetime
from dataclasses import dataclass, field

from ..access.rules import rule_for
from ..core.period import Period
from ..doctype.petition.models import Petition
from ..doctype.result_notice.constants import ISSUED_STATES, NoticeState
from ..doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from ..print_format.context.register import KIND_SHORT, register_petitions
from ..reporting.figures import heard_items, visible_petitions

# The petition rule's identity fields that the export carries (representatives and
# scans are not exported at all).
EXPORTED_IDENTITY_FIELDS = frozenset({"citizen", "content"})
# What a record carries of its petitioner, for the access log.
EXPORTED_PERSON_FIELDS = frozenset(
    {"full_name", "id_kind", "id_number", "address", "residence_unit"}
)
RELATED = ("citizen__residence_unit", "residence_unit", "matter_unit", "transferred_to")


@dataclass
class Collected:
    records: list[dict] = field(default_factory=list)
    # (citizen id, petition) of every petitioner in the file, for the access log.
    people: list[tuple[int, Petition]] = field(default_factory=list)
    masked: int = 0
    register: int = 0
    hearings: int = 0
    assignments: int = 0


def iso(day: datetime.date | None) -> str | None:
    return day.isoformat() if day else None


def code(value: str) -> str | None:
    """Our choices store "not recorded" as an empty string; the file says null."""
    return value or None


def unit(value) -> dict | None:
    # A code alone is ambiguous: some new communes took a predecessor's code in 2025.
    return {"code": value.code, "era": value.era} if value else None


def _citizen(petition: Petition) -> dict:
    citizen = petition.citizen
    return {
        "full_name": citizen.full_name,
        "id_kind": citizen.id_kind,
        "id_number": citizen.id_number or None,
        "address": citizen.address,
        "residence_unit": unit(citizen.residence_unit),
    }


def _handling(petition: Petition) -> dict:
    return {
        "acceptance_deadline": iso(petition.acceptance_deadline),
        "acceptance_outcome": code(petition.acceptance_outcome),
        "acceptance_notified_on": iso(petition.acceptance_notified_on),
        "transferred_to": petition.transferred_to.code if petition.transferred_to else None,
        "transfer_letter": petition.transfer_letter,
        "reply_letter_number": petition.reply_letter_number,
        "reply_letter_date": iso(petition.reply_letter_date),
        "refusal_ground": code(petition.refusal_ground),
        "refusal_notice_number": petition.refusal_notice_number,
        "refusal_notice_date": iso(petition.refusal_notice_date),
    }


def petition_record(petition: Petition, register_no: int | None, masked: frozenset) -> dict:
    return {
        "registration_number": petition.registration_number,
        "register_no": register_no,
        "received_date": iso(petition.received_date),
        "channel": petition.channel,
        "kind": petition.kind,
        "kind_short": KIND_SHORT.get(petition.kind),
        "state": petition.state,
        "identity_masked": bool(masked),
        "citizen": None if "citizen" in masked else _citizen(petition),
        "group_size": petition.group_size,
        "summary": petition.summary,
        "content": None if "content" in masked else petition.content,
        "people_concerned": petition.people_concerned,
        "residence_unit": unit(petition.residence_unit),
        "matter_unit": unit(petition.matter_unit),
        "agencies_concerned": sorted(a.code for a in petition.agencies_concerned.all()),
        "earlier_handling": petition.earlier_handling,
        "jurisdiction": petition.jurisdiction,
        "eligibility_basis": code(petition.eligibility_basis),
        "citizen_consent": petition.citizen_consent,
        "identity_protection_requested": petition.identity_protection_requested,
        "handling": _handling(petition),
        "hearings": [],
        "assignments": [],
    }


def _notice_fields(notice: ResultNotice | None) -> dict:
    return {
        "result_notice_number": notice.number if notice else None,
        "result_notice_date": iso(notice.issued_date) if notice else None,
    }


def hearing_record(item, notice: ResultNotice | None) -> dict:
    session = item.session
    return {
        "session_date": iso(session.date),
        "session_kind": session.kind,
        "ad_hoc_ground": code(session.ad_hoc_ground),
        "hearing_mode": item.mode,
        "bridge_point": item.bridge_point.code if item.bridge_point else None,
        "attendance": item.attendance_count,
        **_notice_fields(notice),
    }


def assignment_record(assignment: Assignment) -> dict:
    return {
        **_notice_fields(assignment.notice),
        "agency": assignment.agency.code,
        "task": assignment.task,
        "deadline": iso(assignment.deadline),
        "working_days": assignment.working_days,
        "state": assignment.state,
        "done_on": iso(assignment.done_on),
    }


def _petitions(user, start: datetime.date, end: datetime.date, heard_ids: set[int]):
    """(petition, register number or None) in the register's order, then the petitions
    heard in the period but received before it, by registration number."""
    register = register_petitions(user, start, end).select_related(*RELATED)
    numbered = list(enumerate(register, start=1))
    earlier = heard_ids - {p.pk for _n, p in numbered}
    others = (
        visible_petitions(user)
        .filter(pk__in=earlier)
        .select_related(*RELATED)
        .prefetch_related("agencies_concerned")
        .order_by("registration_year", "registration_seq")
    )
    return [(p, n) for n, p in numbered] + [(p, None) for p in others]


def _issued_notices(session_ids: set[int]) -> tuple[list[ResultNotice], dict]:
    """The issued notices of the sessions and (session, petition) -> the notice that
    concluded that hearing (drafts have no number yet: they are not exported). A notice
    replaced by a correction is exported with its tasks, but the hearing is concluded by
    the notice in force."""
    notices = list(ResultNotice.objects.filter(session_id__in=session_ids, state__in=ISSUED_STATES))
    by_pk = {n.pk: n for n in notices}
    concluded = {}
    for notice_id, petition_id in Conclusion.objects.filter(notice_id__in=by_pk).values_list(
        "notice_id", "petition_id"
    ):
        notice, key = by_pk[notice_id], (by_pk[notice_id].session_id, petition_id)
        if key not in concluded or concluded[key].state == NoticeState.REPLACED:
            concluded[key] = notice
    return notices, concluded


def collect(user, start: datetime.date, end: datetime.date) -> Collected:
    rule = rule_for(Petition)
    items = list(
        heard_items(Period(start, end), user)
        .select_related("session", "bridge_point")
        .order_by("session__date", "session__start_time", "position")
    )
    notices, concluded = _issued_notices({i.session_id for i in items})
    result = Collected()
    records = {}
    for petition, register_no in _petitions(user, start, end, {i.petition_id for i in items}):
        masked = rule.masked_fields(user, petition) & EXPORTED_IDENTITY_FIELDS
        if masked:
            result.masked += 1
        else:
            result.people.append((petition.citizen_id, petition))
        records[petition.pk] = petition_record(petition, register_no, masked)
        result.register += register_no is not None
    for item in items:
        if item.petition_id in records:
            notice = concluded.get((item.session_id, item.petition_id))
            records[item.petition_id]["hearings"].append(hearing_record(item, notice))
            result.hearings += 1
    assignments = rule_for(Assignment).queryset(
        user, Assignment.objects.filter(notice__in=notices, petition_id__in=list(records))
    )
    for assignment in assignments.select_related("notice", "agency").order_by(
        "notice__issued_date", "notice_id", "id"
    ):
        records[assignment.petition_id]["assignments"].append(assignment_record(assignment))
        result.assignments += 1
    result.records = list(records.values())
    return result
