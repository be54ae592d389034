from django.db import models
from django.utils.translation import gettext_lazy as _

# "Số: 03/BC-BTCD": the Board's yearly register of reports.
REPORT_SERIES = "BC-BTCD"


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Draft")
    ISSUED = "issued", _("Signed and issued")
    SENT = "sent", _("Sent")


ISSUED_REPORT_STATES = frozenset({ReportState.ISSUED, ReportState.SENT})


class UnitsMode(models.TextChoices):
    """How areas are named: as the period's era names them (the scheme's shares by
    district until 2025-07-01, by the new communes after), or on today's units."""

    PERIOD = "period", _("As the period's era names them (districts before 2025-07-01)")
    TODAY = "today", _("On today's communes")
