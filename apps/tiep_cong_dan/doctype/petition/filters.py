import datetime

from django.contrib import admin
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .constants import FINAL_STATES


class AcceptanceDeadlineFilter(admin.SimpleListFilter):
    """Law Art. 28: who is still owed an answer, and who is late."""

    title = _("Art. 28 notice")
    parameter_name = "art28"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("due_soon", _("Due within 3 days")),
            ("waiting", _("Not yet told")),
            ("told", _("Told")),
            ("late", _("Told late")),
        ]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        waiting = queryset.filter(acceptance_notified_on__isnull=True).exclude(
            state__in=FINAL_STATES
        )
        match self.value():
            case "overdue":
                return waiting.filter(acceptance_deadline__lt=today)
            case "due_soon":
                return waiting.filter(
                    acceptance_deadline__gte=today,
                    acceptance_deadline__lte=today + datetime.timedelta(days=3),
                )
            case "waiting":
                return waiting
            case "told":
                return queryset.filter(acceptance_notified_on__isnull=False)
            case "late":
                return queryset.filter(acceptance_notified_on__gt=F("acceptance_deadline"))
        return queryset


class RefusalNoticeFilter(admin.SimpleListFilter):
    """Decree 154 Art. 4(3): the refusal notice (form 01/TCD) within 3 working days."""

    title = _("Refusal notice (form 01/TCD)")
    parameter_name = "form01"

    def lookups(self, request, model_admin):
        return [
            ("overdue", _("Overdue")),
            ("waiting", _("Not yet issued")),
            ("late", _("Issued late")),
        ]

    def queryset(self, request, queryset):
        waiting = queryset.filter(refusal_notice_due__isnull=False, refusal_notice_date=None)
        match self.value():
            case "overdue":
                return waiting.filter(refusal_notice_due__lt=timezone.localdate())
            case "waiting":
                return waiting
            case "late":
                return queryset.filter(refusal_notice_date__gt=F("refusal_notice_due"))
        return queryset
