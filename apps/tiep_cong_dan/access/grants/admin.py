"""The desk pages of role grants (the Chairman and the Board head confirm or refuse
them) and of the account log (administrators and the Board head read it)."""

from django.contrib import admin, messages
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from unfold.contrib.filters.admin import ChoicesDropdownFilter, RangeDateTimeFilter

from ...core import typed
from ..desk import ReadOnlyMixin, RuleLogAdmin
from .models import AccountChange, RoleGrant
from .services import GrantRefused, confirm_grant, decision_refusal, refuse_grant


@admin.register(RoleGrant)
class RoleGrantAdmin(ReadOnlyMixin, RuleLogAdmin):
    word_search_exempt = "the account log: login names as written"
    # A request comes from the user's page and is decided through the services only.
    list_display = ["requested_at", "user", "role", "state", "requested_by", "decided"]
    list_filter = [("state", ChoicesDropdownFilter), ("role", ChoicesDropdownFilter)]
    list_select_related = ["user", "requested_by", "confirmed_by", "refused_by"]
    search_fields = ["user__username", "user__last_name"]
    fields = [
        ("user", "role"),
        "state",
        ("requested_by", "requested_at"),
        ("confirmed_by", "confirmed_at"),
        ("refused_by", "refused_at"),
        "reason",
    ]
    readonly_fields = [
        name for row in fields for name in (row if isinstance(row, tuple) else [row])
    ]
    # The decision, full width under the request.
    change_form_outer_after_template = "tiep_cong_dan/access/grant_decision.html"

    @admin.display(description=gettext_lazy("decided"))
    def decided(self, obj: RoleGrant) -> str:
        who = obj.confirmed_by or obj.refused_by
        return who.get_username() if who else "—"

    def get_urls(self):
        own = [
            path(
                "<int:pk>/decide/",
                self.admin_site.admin_view(self.decide_view),
                name="tiep_cong_dan_rolegrant_decide",
            )
        ]
        return own + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        if obj is not None:
            refusal = decision_refusal(request.user, obj)
            kept = typed.take(request, f"grant:{obj.pk}")
            extra_context = {
                **(extra_context or {}),
                "reason": kept.value("reason"),
                "reason_errors": kept.errors_of("reason"),
                "grant": obj,
                "may_decide": refusal is None,
                "why_not": refusal if obj.state == "pending" else "",
                "decide_url": reverse("admin:tiep_cong_dan_rolegrant_decide", args=[obj.pk]),
            }
        return super().change_view(request, object_id, form_url, extra_context)

    def decide_view(self, request, pk: int):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        grant = self.get_queryset(request).filter(pk=pk).first()
        if grant is None:
            return HttpResponseRedirect(reverse("admin:tiep_cong_dan_rolegrant_changelist"))
        try:
            if request.POST.get("decision") == "confirm":
                confirm_grant(grant, by=request.user, request=request)
                messages.success(
                    request,
                    _("%(user)s now holds the role %(role)s.")
                    % {"user": grant.user, "role": grant.get_role_display()},
                )
            else:
                refuse_grant(
                    grant, by=request.user, reason=request.POST.get("reason", ""), request=request
                )
                messages.success(request, _("The request was refused."))
        except GrantRefused as exc:
            # The reason comes back as typed; a refusal about it shows beside it.
            about_reason = str(getattr(exc, "code", "")).startswith("reason")
            errors = {"reason": list(exc.messages)} if about_reason else {}
            typed.keep(request, f"grant:{grant.pk}", request.POST, ("reason",), errors)
            messages.error(
                request,
                _("Not saved: correct the marked fields below.")
                if about_reason
                else " ".join(exc.messages),
            )
        return HttpResponseRedirect(
            reverse("admin:tiep_cong_dan_rolegrant_change", args=[grant.pk])
        )


@admin.register(AccountChange)
class AccountChangeAdmin(ReadOnlyMixin, RuleLogAdmin):
    """Nobody edits an entry; the names are those of the day."""

    word_search_exempt = "the account log: login names as written"

    list_display = ["at", "kind", "username", "role", "actor_label", "detail", "ip_address"]
    list_filter = [("kind", ChoicesDropdownFilter), ("at", RangeDateTimeFilter)]
    list_filter_submit = True
    search_fields = ["username", "actor_name", "detail"]
    fields = ["at", "kind", "username", "role", "actor_label", "detail", "ip_address"]
    readonly_fields = fields

    @admin.display(description=gettext_lazy("by"), ordering="actor_name")
    def actor_label(self, obj: AccountChange) -> str:
        return obj.actor_name or _("System (a command)")
