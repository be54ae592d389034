from django.contrib import admin
from django.forms.models import BaseInlineFormSet
from django.utils.translation import gettext_lazy as _
from unfold.admin import StackedInline, TabularInline

from ...access.desk import RuleAdmin, RuleInlineMixin
from ...access.roles import AGENCY_SCOPED, roles_of
from ...access.rules import rule_for
from ...access.scope import agency_scope_ids
from ..petition.models import Petition
from .models import Assignment, Conclusion, ResultNotice


class ScopedFormSet(BaseInlineFormSet):
    def get_queryset(self):
        qs = super().get_queryset()
        user = self.request_user
        visible = rule_for(Petition).queryset(user).values("pk")
        if self.model is Assignment and roles_of(user) & AGENCY_SCOPED:
            from django.db.models import Q

            return qs.filter(Q(petition__in=visible) | Q(agency__in=agency_scope_ids(user)))
        return qs.filter(petition__in=visible)


class _ScopedInline(RuleInlineMixin):
    formset = ScopedFormSet
    extra = 0

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.request_user = request.user
        return formset


class ConclusionInline(_ScopedInline, StackedInline):
    model = Conclusion
    autocomplete_fields = ["petition"]


class AssignmentInline(_ScopedInline, TabularInline):
    model = Assignment
    autocomplete_fields = ["petition", "agency"]
    fields = ["petition", "agency", "task", "deadline", "status", "done_on", "report"]


@admin.register(ResultNotice)
class ResultNoticeAdmin(RuleAdmin):
    list_display = ["number", "issued_date", "session", "signer_name", "state"]
    list_filter = ["state", "session__kind"]
    search_fields = ["number", "signer_name"]
    list_select_related = ["session"]
    autocomplete_fields = ["session"]
    readonly_fields = ["state"]
    date_hierarchy = "issued_date"
    inlines = [ConclusionInline, AssignmentInline]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    ("number", "issued_date", "state"),
                    "session",
                    ("signer_name", "signer_title"),
                ]
            },
        ),
        (_("Recipients"), {"fields": ["recipients"]}),
    ]
