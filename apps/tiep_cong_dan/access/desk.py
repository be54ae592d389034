"""Desk plumbing shared by every document type's admin: the permission rule in
every admin path, capped counting on large lists, the sidebar callbacks."""

from django.conf import settings
from django.contrib.admin.utils import unquote
from django.core.paginator import Paginator
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from simple_history.admin import SimpleHistoryAdmin
from unfold.admin import ModelAdmin

from ..core.params import BadParameter
from .rules import rule_for


class CappedCountPaginator(Paginator):
    """Counts at most TCD_LIST_COUNT_CAP + 1 rows: a bounded COUNT over a LIMITed
    subquery, so a page of a million-row table costs the same as a small one."""

    @cached_property
    def count(self) -> int:
        cap = settings.TCD_LIST_COUNT_CAP
        try:
            return self.object_list.order_by()[: cap + 1].count()
        except (AttributeError, TypeError):
            return len(self.object_list)


class BoundedDatesMixin:
    """A list filtered on a date the database cannot hold in UTC (year 1, from the
    address or a filter's form) answers 400 with the reason, not a server error: the
    province's time is UTC+7, so 0001-01-01 00:00 falls before the first year."""

    def get_changelist_instance(self, request):
        try:
            return super().get_changelist_instance(request)
        except OverflowError as exc:
            raise BadParameter(_("Choose dates between 2000 and 2100.")) from exc


class RuleMixin(BoundedDatesMixin):
    """Every admin path asks the document type's rule, never Django's model perms."""

    paginator = CappedCountPaginator
    show_full_result_count = False
    list_per_page = 50
    compressed_fields = True
    warn_unsaved_form = True

    @property
    def rule(self):
        return rule_for(self.model)

    def get_queryset(self, request):
        return self.rule.queryset(request.user, super().get_queryset(request))

    def has_module_permission(self, request) -> bool:
        return self.rule.can_view(request.user)

    def has_view_permission(self, request, obj=None) -> bool:
        return self.rule.can_view(request.user, obj)

    def has_add_permission(self, request, *args) -> bool:
        return self.rule.can_add(request.user)

    def has_change_permission(self, request, obj=None) -> bool:
        return self.rule.can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.rule.can_delete(request.user, obj)

    # -- one answer for "no such record" and "not yours" -------------------------------
    # Every page of one record (form, history, an earlier version, delete, and the
    # custom pages that look the record up through get_object) answers 404 for a record
    # outside the user's rule exactly as for one that does not exist, as the API does: a
    # different answer would tell that the record exists.
    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None and not self.has_view_or_change_permission(request, obj):
            return None
        return obj

    def _get_obj_does_not_exist_redirect(self, request, opts, object_id):
        raise Http404

    def history_view(self, request, object_id, extra_context=None):
        # django-simple-history would look a record outside the rule up in its history
        # and refuse it (403), where a missing one is 404.
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if self.get_object(request, unquote(object_id)) is None:
            raise Http404
        return super().history_form_view(request, object_id, version_id, extra_context)


class RuleAdmin(RuleMixin, SimpleHistoryAdmin, ModelAdmin):
    """A document type's desk pages, with its change history (django-simple-history)."""


class RuleLogAdmin(RuleMixin, ModelAdmin):
    """Desk pages of a record that is itself a log and has no history of its own."""


class RuleInlineMixin:
    """Inline rows follow the parent form: editable only when the parent is."""

    def _parent_allows(self, request, obj) -> bool:
        return rule_for(self.parent_model).can_change(request.user, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return self._parent_allows(request, obj)

    def has_change_permission(self, request, obj=None) -> bool:
        return self._parent_allows(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self._parent_allows(request, obj)

    def has_view_permission(self, request, obj=None) -> bool:
        return rule_for(self.parent_model).can_view(request.user, obj)


def _may_open(model_path: str):
    def check(request) -> bool:
        from django.apps import apps

        return rule_for(apps.get_model(model_path)).can_view(request.user)

    return check


def _may_manage_users(request) -> bool:
    from .roles import Role, has_any

    return has_any(request.user, {Role.ADMINISTRATOR})


may_open_petition = _may_open("tiep_cong_dan.Petition")
may_open_citizen = _may_open("tiep_cong_dan.Citizen")
may_open_receptionsession = _may_open("tiep_cong_dan.ReceptionSession")
may_open_resultnotice = _may_open("tiep_cong_dan.ResultNotice")
may_open_bridgepoint = _may_open("tiep_cong_dan.BridgePoint")
may_open_connectiontest = _may_open("tiep_cong_dan.ConnectionTest")
may_open_agency = _may_open("tiep_cong_dan.Agency")
may_open_administrativeunit = _may_open("tiep_cong_dan.AdministrativeUnit")
may_open_calendarday = _may_open("tiep_cong_dan.CalendarDay")
may_open_confidentialaccess = _may_open("tiep_cong_dan.ConfidentialAccess")
may_open_assignment = _may_open("tiep_cong_dan.Assignment")
may_open_notification = _may_open("tiep_cong_dan.Notification")
may_open_workflow = _may_open("tiep_cong_dan.Workflow")
may_open_workflowevent = _may_open("tiep_cong_dan.WorkflowEvent")
may_open_user = _may_manage_users
may_open_printformat = _may_open("tiep_cong_dan.PrintFormat")
may_open_monthlyreport = _may_open("tiep_cong_dan.MonthlyReport")
may_open_notificationpreference = _may_open("tiep_cong_dan.NotificationPreference")
may_open_delivery = _may_open("tiep_cong_dan.Delivery")
may_open_agencymail = _may_open("tiep_cong_dan.AgencyMail")
may_open_apitoken = _may_open("tiep_cong_dan.ApiToken")
may_open_periodictask = _may_open("django_celery_beat.PeriodicTask")
may_open_taskresult = _may_open("django_celery_results.TaskResult")
# Sign-ins: lockouts, the sign-in log and second-factor devices are the administrators'.
may_open_accessattempt = _may_manage_users
may_open_accesslog = _may_manage_users
may_open_accessfailurelog = _may_manage_users
may_open_totpdevice = _may_manage_users


def may_open_petition_import(request) -> bool:
    """Registering is the Board's: so is importing its registers."""
    from django.apps import apps

    return rule_for(apps.get_model("tiep_cong_dan.Petition")).can_add(request.user)
