"""The crowded and complex cases in the desk: the Board head's rule and the flags the
scan raised (reporting/clusters.py), with a button that scans now."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from unfold.decorators import action

from ..access.attach import ListButton, attach_list_button
from ..access.desk import RuleAdmin
from ..access.roles import BOARD, has_any
from ..access.rules import rule_for
from ..doctype.case_cluster.models import CaseCluster, ClusterRule
from ..doctype.case_cluster.permissions import sees_denunciations
from ..doctype.case_cluster.services import (
    RULE_FIELDS,
    acknowledge_cluster,
    change_cluster_rule,
    current_rule,
)
from ..doctype.petition.constants import PetitionKind, PetitionState
from ..doctype.petition.models import Petition


@admin.register(ClusterRule)
class ClusterRuleAdmin(RuleAdmin):
    list_display = ["__str__", *RULE_FIELDS, "changed_by", "changed_at"]
    fields = [
        ("min_citizens", "min_petitions", "window_days"),
        "similarity",
        ("open_days", "max_hearings"),
        ("changed_by", "changed_at"),
    ]
    readonly_fields = ["changed_by", "changed_at"]

    def changelist_view(self, request, extra_context=None):
        # One rule, shown with its defaults before the Board head first sets it.
        if self.has_view_permission(request):
            current_rule()
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        change_cluster_rule(request.user, **{name: getattr(obj, name) for name in RULE_FIELDS})


def _shown(field: str):
    """A figure as the viewer may see it: with the denunciations only when cleared."""

    @admin.display(description=CaseCluster._meta.get_field(field).verbose_name, ordering=field)
    def shown(self, obj):
        return getattr(obj, f"shown_{field}")

    return shown


@admin.register(CaseCluster)
class CaseClusterAdmin(RuleAdmin):
    list_display = [
        "__str__",
        "reason",
        "unit",
        "petitions",
        "citizens",
        "first_seen",
        "last_seen",
        "state",
        "acknowledged_by",
    ]
    list_filter = ["state", "reason"]
    list_select_related = ["unit__parent", "acknowledged_by"]
    fields = [
        ("reason", "state"),
        "unit",
        ("petitions", "citizens"),
        ("first_seen", "last_seen"),
        ("flagged_at", "closed_on"),
        ("acknowledged_by", "acknowledged_at"),
        "cases",
    ]
    readonly_fields = [
        "reason",
        "state",
        "unit",
        "petitions",
        "citizens",
        "first_seen",
        "last_seen",
        "flagged_at",
        "closed_on",
        "acknowledged_by",
        "acknowledged_at",
        "cases",
    ]
    actions = ["acknowledge"]

    petitions = _shown("petitions_count")
    citizens = _shown("citizens_count")

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        cleared = sees_denunciations(request.user)
        return qs.annotate(
            shown_petitions_count=F("petitions_count" if cleared else "public_petitions"),
            shown_citizens_count=F("citizens_count" if cleared else "public_citizens"),
        )

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            obj._viewer = request.user
        return obj

    @admin.display(description=_("cases"))
    def cases(self, obj):
        """The cases the viewer may read: no denunciation for one not cleared."""
        viewer = getattr(obj, "_viewer", None)
        if viewer is None:
            return "—"
        rows = rule_for(Petition).queryset(viewer, obj.members.all())
        if not sees_denunciations(viewer):
            rows = rows.exclude(kind=PetitionKind.DENUNCIATION)
        rows = rows.order_by("received_date", "pk").values_list(
            "pk", "registration_number", "received_date", "summary", "state"
        )
        states = dict(PetitionState.choices)
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a class="text-primary-600" href="{}">{}</a> — {} — {} ({})</li>',
                (
                    (
                        reverse("admin:tiep_cong_dan_petition_change", args=[pk]),
                        number,
                        day.strftime("%d/%m/%Y"),
                        summary,
                        states.get(state, state),
                    )
                    for pk, number, day, summary, state in rows
                ),
            ),
        )

    @action(description=_("Acknowledge the selected flags"), permissions=["change"])
    def acknowledge(self, request, queryset):
        done = 0
        for cluster in queryset:
            try:
                acknowledge_cluster(cluster, request.user)
                done += 1
            except (PermissionDenied, ValidationError) as exc:
                self.message_user(request, str(exc), messages.WARNING)
        self.message_user(request, _("%(n)s flags acknowledged.") % {"n": done})


def _scan_now(model_admin, request):
    from .clusters import scan_clusters

    if not has_any(request.user, BOARD):
        raise PermissionDenied
    result = scan_clusters()
    model_admin.message_user(
        request,
        _("Scan done: %(new)s new flags, %(updated)s updated, %(closed)s closed.")
        % {"new": len(result.new), "updated": result.updated, "closed": result.closed},
    )
    return HttpResponseRedirect(reverse("admin:tiep_cong_dan_casecluster_changelist"))


attach_list_button(
    CaseCluster._meta.label,
    ListButton(
        name="scan_clusters",
        label=_("Scan now"),
        icon="radar",
        url_path="scan-button",
        view=_scan_now,
        allowed=lambda model_admin, request: has_any(request.user, BOARD),
    ),
)
