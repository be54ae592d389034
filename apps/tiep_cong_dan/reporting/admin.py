"""The monthly (or any period's) report in the desk: the report type's pages live with
the figures they show, above the document type in the layers."""

import datetime

from django import forms
from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from ..access.desk import RuleAdmin
from ..core.period import Period
from ..doctype.monthly_report.models import MonthlyReport
from ..doctype.monthly_report.services import draft_monthly_report
from ..workflow.desk import WorkflowAdminMixin
from . import cluster_admin  # noqa: F401  (the crowded and complex cases' pages)
from .forms import chosen_period, period_choices


def _value(period: Period) -> str:
    return f"{period.start.isoformat()}:{period.end.isoformat()}"


class ReportForm(forms.ModelForm):
    """One report type for any period: the period is picked from the usual ones (a
    month, a quarter, a half, a year such as "Năm 2023", several years) or typed as two
    dates."""

    period_choice = forms.ChoiceField(
        label=_("report period"),
        required=False,
        help_text=_(
            "Pick a month, a quarter, a year or several years, or leave it empty and type "
            "the two dates."
        ),
    )

    add_lists = forms.BooleanField(
        label=_("add the returning citizens and long-running cases to section IV"),
        required=False,
        help_text=_(
            "The lists shown below are added at the end of the assessment, where the Board "
            "edits or keeps them."
        ),
    )

    class Meta:
        model = MonthlyReport
        fields = ["period_start", "period_end", "units_mode", "remarks"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A read-only page (a signed report, a reader without the right to edit) has
        # none of these fields.
        if "period_choice" in self.fields:
            self.fields["period_choice"].choices = period_choices(datetime.date.today())
        for name in ("period_start", "period_end"):
            if name in self.fields:
                self.fields[name].required = False

    def clean(self):
        data = super().clean()
        if "period_start" not in self.fields:
            return data
        dates = chosen_period(data.get("period_choice") or "")
        if dates:
            data["period_start"], data["period_end"] = dates
        elif not (data.get("period_start") and data.get("period_end")):
            raise forms.ValidationError(_("Pick a period from the list or type both dates."))
        return data


@admin.register(MonthlyReport)
class MonthlyReportAdmin(WorkflowAdminMixin, RuleAdmin):
    form = ReportForm
    list_display = ["__str__", "period_start", "period_end", "state", "issued_date"]
    list_filter = ["state"]
    group_by_fields = ("state",)
    calendar_date_field = "issued_date"
    search_fields = ["number"]
    date_hierarchy = "period_start"
    readonly_fields = ["number", "issued_date", "figures", "assessment_lists"]
    # Below the form: every rule overridden in the period, as the reader may see it.
    change_form_after_template = "tiep_cong_dan/reporting/overrides.html"

    def change_view(self, request, object_id, form_url="", extra_context=None):
        from .overrides import overrides_of

        report = self.get_object(request, object_id)  # the report's rule
        extra = dict(extra_context or {})
        if report is not None:
            extra["report_overrides"] = overrides_of(report.period, request.user)
        return super().change_view(request, object_id, form_url, extra_context=extra)

    def get_fields(self, request, obj=None):
        period = ["period_choice"] if obj is None else []
        after = ["figures", ("number", "issued_date")] if obj is not None else []
        lists = []
        if obj is not None:
            editable = self.has_change_permission(request, obj)
            lists = ["assessment_lists", "add_lists"] if editable else ["assessment_lists"]
        return [*period, ("period_start", "period_end"), "units_mode", "remarks", *lists, *after]

    def get_changeform_initial_data(self, request):
        # The default period: the calendar month just ended (or the one asked for).
        return {"period_choice": request.GET.get("period") or _value(Period.last_month())}

    @admin.display(description=_("figures"))
    def figures(self, obj):
        """The report's own sentences, counted now for a draft (the signed files keep
        what was signed)."""
        from .figures import compute
        from .wording import summary

        lines = summary(compute(obj.period, None, obj.units_mode))
        return format_html_join("", "<p>{}</p>", ((line,) for line in lines))

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._viewer = request.user  # the lists are the viewer's cases
        return obj

    @admin.display(description=_("returning citizens and long-running cases"))
    def assessment_lists(self, obj):
        from .assessment import assessment_lines

        lines = assessment_lines(obj.period, getattr(obj, "_viewer", None))
        if not lines:
            return _("None in the period.")
        return format_html_join("", "<p>{}</p>", ((line,) for line in lines))

    def save_model(self, request, obj, form, change):
        if change and form.cleaned_data.get("add_lists"):
            from .assessment import assessment_lines

            # The Board's text first, the lists after it: the Board edits or keeps them.
            lines = assessment_lines(obj.period, request.user)
            obj.remarks = "\n".join(filter(None, [obj.remarks.rstrip(), *lines]))
        if change:
            return super().save_model(request, obj, form, change)
        draft_monthly_report(obj, by=request.user)
