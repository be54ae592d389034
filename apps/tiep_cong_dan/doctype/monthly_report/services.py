import datetime

from django.db import transaction

from ...workflow import engine
from .models import MonthlyReport


@transaction.atomic
def draft_monthly_report(
    report: MonthlyReport, *, by, at: datetime.datetime | None = None
) -> MonthlyReport:
    """Open a report for its period; its figures are read from the records."""
    report.full_clean()
    report.created_by = by
    report.save()
    engine.record_start(report, by=by, at=at)
    return report
