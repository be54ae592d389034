from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    REVIEWED = "reviewed", _("Reviewed by the Board head")
    SUBMITTED = "submitted", _("Submitted to the Chairman")
    ISSUED = "issued", _("Signed and issued")
    DISTRIBUTED = "distributed", _("Distributed")
    REPLACED = "replaced", _("Replaced by a later notice")


# In force: issued and not replaced. What binds the agencies and what a citizen is told.
IN_FORCE_STATES = frozenset({NoticeState.ISSUED, NoticeState.DISTRIBUTED})
# Ever issued: numbered, signed and frozen; a replaced notice stays as it was issued
# (an issued document is revoked only by the notice that replaces it, never edited).
ISSUED_STATES = IN_FORCE_STATES | {NoticeState.REPLACED}


class AssignmentState(models.TextChoices):
    OPEN = "open", _("Open")
    REPORTED = "reported", _("Reported by the agency")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned to the agency")
    CANCELLED = "cancelled", _("Cancelled")


# Assignments still being followed up.
OPEN_ASSIGNMENT_STATES = frozenset(
    {AssignmentState.OPEN, AssignmentState.REPORTED, AssignmentState.RETURNED}
)
# "Số: 05/TB-UBND": the yearly register of result notices.
NOTICE_SERIES = "TB-UBND"
