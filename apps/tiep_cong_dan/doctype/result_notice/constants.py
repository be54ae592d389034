from django.db import models
from django.utils.translation import gettext_lazy as _


class NoticeState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Issued")


class AssignmentStatus(models.TextChoices):
    OPEN = "open", _("Open")
    REPORTED_DONE = "done", _("Reported done")
    CANCELLED = "cancelled", _("Cancelled")
