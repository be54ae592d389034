"""Removing a citizen's personal data once the retention period is over (the job that
decides who is due is jobs/retention.py). The row stays, under a pseudonym, so that
the citizen's cases keep their petitioner and every count, map and report built on
them stays the same."""

from django.db import transaction
from django.utils import timezone

from .models import Citizen

# Stored data, not desk text: it is printed in documents, which are always Vietnamese
# (as print_format/context/common.py's REDACTED), whatever the catalogue holds.
PSEUDONYM = "Công dân ẩn danh {number:06d}"
REASON = "Đã xóa dữ liệu cá nhân: hết thời hạn lưu giữ"

# Cleared in the record and in every earlier version of it (django-simple-history).
# Kept: gender, kind of identity paper and unit of residence, which identify no one
# alone; the unit is what the statistics by area count.
CLEARED = {
    "date_of_birth": None,
    "id_number": "",
    "id_issued_on": None,
    "id_issued_by": "",
    "phone": "",
    "email": "",
    "address": "",
}


def pseudonym_for(citizen: Citizen) -> str:
    """Tells anonymised citizens apart (in a register, a report) without naming them."""
    return PSEUDONYM.format(number=citizen.pk)


@transaction.atomic
def anonymise_citizen(citizen: Citizen) -> Citizen:
    """Replace the name with a pseudonym and clear the other personal data, in the
    record and in its change history, in one transaction. The change itself is kept
    in the history (when, and why) without the data."""
    pseudonym = pseudonym_for(citizen)
    for field, value in CLEARED.items():
        setattr(citizen, field, value)
    citizen.full_name = pseudonym
    citizen.contact_consent = False  # nothing left to contact them by
    citizen.anonymised_at = timezone.now()
    citizen._change_reason = REASON
    citizen.save()
    citizen.history.update(full_name=pseudonym, **CLEARED)
    return citizen
