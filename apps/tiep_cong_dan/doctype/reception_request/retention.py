"""Erasing a decided online request's personal data once its retention period is over
(TCD_REQUEST_RETENTION_DAYS after the Board converted or declined it; Personal Data
Protection Law 91/2025, Decree 356/2025). The nightly job (jobs/retention.py) picks the
requests due; each is erased here in a transaction of its own, under a row lock.

Kept for the statistics: number, dates, kind, state, residence unit, place chosen, the
decline reason (the Board's own words) and the link to the petition, which is the
petition's own record and is not touched (its data follows the citizen's retention).
The workflow's events are an append-only log and keep their snapshots, which hold no
personal data (binding.py)."""

import datetime

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone

from .constants import RequestState
from .models import ReceptionRequest, RequestAttachment

# Stored data, not desk text: shown as is wherever the field was shown.
ERASED = "Đã xóa dữ liệu cá nhân: hết thời hạn lưu giữ"
FINAL_STATES = (RequestState.CONVERTED, RequestState.DECLINED)

# Cleared in the request and in every earlier version of it (django-simple-history).
CLEARED = {
    "full_name": ERASED,
    "id_number": "",
    "phone": "",
    "email": "",
    "address": ERASED,
    "content": ERASED,
    "representatives": "",
    "identity_check_note": "",
}
# Not in the history (models._NOT_IN_HISTORY), cleared in the request only.
SECRETS = {"phone_code_digest": "", "lookup_code_digest": ""}


def retention_days() -> int:
    days = settings.TCD_REQUEST_RETENTION_DAYS
    if days < 1:
        raise ImproperlyConfigured("TCD_REQUEST_RETENTION_DAYS must be a whole number >= 1")
    return days


def requests_due(cutoff: datetime.datetime) -> QuerySet:
    """Decided requests, not yet erased, whose decision came before `cutoff`."""
    return ReceptionRequest.objects.filter(
        state__in=FINAL_STATES, decided_at__lt=cutoff, anonymised_at__isnull=True
    )


def erase_if_still_due(pk: int, cutoff: datetime.datetime) -> bool:
    """Erase one request, checked again under its row lock (a run stopped half way
    leaves every request either whole or erased; the next run takes the rest). The
    files are deleted from storage once the transaction commits."""
    with transaction.atomic():
        request = requests_due(cutoff).select_for_update().filter(pk=pk).first()
        if request is None:
            return False
        attachments = RequestAttachment.objects.filter(request=request)
        names = [name for name in attachments.values_list("file", flat=True) if name]
        attachments.delete()
        for field, value in {**CLEARED, **SECRETS}.items():
            setattr(request, field, value)
        request.anonymised_at = timezone.now()
        request._change_reason = ERASED
        request.save()
        request.history.update(**CLEARED)
        storage = RequestAttachment._meta.get_field("file").storage
        transaction.on_commit(lambda: [storage.delete(name) for name in names])
    return True
