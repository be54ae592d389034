"""What the petition figures count, in one place: read by the direct counts
(figures.py) and by the monthly figures kept ready (cube.py), so the two cannot drift.
Tests compare them on a varied history (tests/reporting/test_cube.py)."""

from django.db.models import Q

from ..doctype.petition.constants import NOT_COUNTED_STATES

# Outcomes: workflow steps into these states taken in the period (distinct cases).
OUTCOMES = {
    "proposed": "Đề xuất tiếp trực tuyến",
    "not_proposed": "Không đề xuất",
    "replied": "Đã trả lời bằng văn bản",
    "rejected": "Chủ tịch không đồng ý tiếp",
    "approved": "Chủ tịch đồng ý tiếp",
    "heard": "Đã được tiếp",
    "concluded": "Đã có thông báo kết luận",
    "refused": "Từ chối tiếp",
    "transferred": "Chuyển cơ quan có thẩm quyền",
}
# Waiting for a hearing: the backlog at a moment is the cases in these states.
WAITING = ("approved", "scheduled")
# Rolled over: sent back from a session's agenda to the queue (scheduled, not reached).
ROLLED_FROM, ROLLED_TO = "scheduled", "approved"
# Petitions in these states count in no figure (a registration voided as a duplicate).
# Both the direct counts and the kept figures read it.
EXCLUDED_STATES: tuple[str, ...] = tuple(sorted(NOT_COUNTED_STATES))

# Registrations (lượt, đơn) and matters (vụ việc): a petition linked to the matter
# an earlier case opened (Petition.same_matter_as, doctype/petition/services.py
# link_same_matter) is one more registration but not one more matter. "received"
# counts every registration, "received_matters" only those opening a matter.
NEW_MATTER = Q(same_matter_as__isnull=True)


def opens_matter(same_matter_as_id: int | None) -> bool:
    return same_matter_as_id is None


ENTERING = Q(to_state__in=WAITING) & ~Q(from_state__in=WAITING)
LEAVING = Q(from_state__in=WAITING) & ~Q(to_state__in=WAITING)


def is_step(from_state: str, to_state: str) -> bool:
    """A step that changed the state (a recorded note keeps it: no outcome)."""
    return from_state != to_state


def entering(from_state: str, to_state: str) -> bool:
    return to_state in WAITING and from_state not in WAITING


def leaving(from_state: str, to_state: str) -> bool:
    return from_state in WAITING and to_state not in WAITING


def rolled(from_state: str, to_state: str) -> bool:
    return from_state == ROLLED_FROM and to_state == ROLLED_TO
