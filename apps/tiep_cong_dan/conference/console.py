"""The Board's console during a session: each hearing started and ended, who attended
at the point, the minutes and the Chairman's conclusion as said; the recording's
reference (Decree 154 Art. 24). Every write is one transaction on one hearing."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from ..core.typed import errors_by_field
from ..doctype.reception_session.models import AgendaItem, ReceptionSession

LIVE_STATES = ("connected", "in_progress", "in_person", "held")


# The console's fields by the model's names, so that an error shows at its field.
PAGE_FIELDS = {
    "attendance_count": "attendance",
    "conclusion_draft": "conclusion",
    "recording_reference": "recording",
}


class ConsoleRefused(Exception):
    def __init__(self, message: str, errors: dict[str, list[str]] | None = None):
        super().__init__(message)
        self.errors = errors or {}  # {console field: messages}, when it concerns fields


def _checked(obj, fields: list[str]) -> None:
    """The typed fields normalised and held to their limits, as a form would."""
    others = [f.name for f in obj._meta.fields if f.name not in fields]
    try:
        obj.clean_fields(exclude=others)
    except ValidationError as exc:
        raise ConsoleRefused(" ".join(exc.messages), errors_by_field(exc, PAGE_FIELDS)) from exc


def _locked(item: AgendaItem) -> AgendaItem:
    item = AgendaItem.objects.select_for_update().select_related("session").get(pk=item.pk)
    if item.session.state not in LIVE_STATES:
        raise ConsoleRefused("Kỳ tiếp chưa bắt đầu hoặc đã kết thúc.")
    return item


@transaction.atomic
def start_hearing(item: AgendaItem, *, by) -> AgendaItem:
    item = _locked(item)
    if (
        item.session.agenda_items.filter(started_at__isnull=False, ended_at__isnull=True)
        .exclude(pk=item.pk)
        .exists()
    ):
        raise ConsoleRefused("Đang có vụ việc khác được tiếp: kết thúc vụ việc đó trước.")
    if item.started_at is None:
        item.started_at = timezone.now()
        item._history_user = by
        item.save(update_fields=["started_at"])
    return item


@transaction.atomic
def end_hearing(item: AgendaItem, *, by) -> AgendaItem:
    item = _locked(item)
    if item.started_at is None:
        raise ConsoleRefused("Vụ việc chưa được bắt đầu tiếp.")
    if item.ended_at is None:
        item.ended_at, item.heard = timezone.now(), True
        item._history_user = by
        item.save(update_fields=["ended_at", "heard"])
    return item


@transaction.atomic
def record_hearing(
    item: AgendaItem, *, by, attendance: int | None, minutes: str, conclusion: str
) -> AgendaItem:
    item = _locked(item)
    item.attendance_count, item.minutes, item.conclusion_draft = attendance, minutes, conclusion
    fields = ["attendance_count", "minutes", "conclusion_draft"]
    _checked(item, fields)
    item._history_user = by
    item.save(update_fields=fields)
    return item


@transaction.atomic
def record_recording(session: ReceptionSession, reference: str, *, by) -> None:
    session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    session.recording_reference = reference
    _checked(session, ["recording_reference"])
    session._history_user = by
    session.save(update_fields=["recording_reference"])
