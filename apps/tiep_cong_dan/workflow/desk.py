"""The workflow in the desk: the action panel and timeline on every form of a
document with a workflow, the POST endpoint behind it, and bulk list actions.
All of them call the engine; none changes a state itself."""

from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db.models import Model
from django.http import (
    Http404,
    HttpRequest,
    HttpResponseNotAllowed,
    HttpResponseRedirect,
)
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.debug import sensitive_post_parameters

from ..access.confidential import MASK
from ..access.roles import roles_of
from ..access.rules import rule_for
from ..core import background, typed
from . import comments, engine
from .bindings import doctype_of
from .comments_desk import comment_links, panel_key
from .loader import definition

BULK_REPORT_LIMIT = 10
# Refusals about the comment itself, shown beside it rather than above the form.
COMMENT_CODES = ("comment_required", "comment_too_long")


# The key under which a refused step's comment waits for its document's form (the
# comments' box, the same panel, keeps its own there too).
_panel = panel_key


def refusal_text(exc: engine.TransitionRefused) -> str:
    return " ".join([exc.message, *exc.reasons])


@contextmanager
def refusals_on(form) -> Iterator[None]:
    """A step's refusal (the workflow's or its service's validation) shown at the top
    of the form that asked for it; the caller goes on only when the form has no errors."""
    try:
        yield
    except engine.TransitionRefused as exc:
        form.add_error(None, refusal_text(exc))
    except ValidationError as exc:
        for message in exc.messages:
            form.add_error(None, message)


# The documents printed from a record, for its action panel: the printing feature,
# above this layer, provides them (print_format/admin.py).
_documents_of: Callable[[HttpRequest, Model], list] | None = None


def show_documents_with(documents_of: Callable[[HttpRequest, Model], list]) -> None:
    global _documents_of
    _documents_of = documents_of


# The actions of a document that sign it with a device asking for the user's PIN: the
# signing feature, above this layer, answers (print_format/signing/desk.py).
_pin_actions: Callable[[object, Model], set[str]] | None = None


def ask_pin_with(pin_actions: Callable[[object, Model], set[str]]) -> None:
    global _pin_actions
    _pin_actions = pin_actions


def timeline_context(request: HttpRequest, obj: Model) -> dict:
    """What tiep_cong_dan/workflow/timeline.html shows: a document's steps and its
    comments in one time order, masked as its rule says for this viewer. Every form
    with a workflow shows it; a type with a page of its own adds it to that page."""
    wf = definition(doctype_of(obj))
    steps = [
        (event, wf.label_of(event.from_state), wf.label_of(event.to_state))
        for event in engine.timeline(obj)
    ]
    return {
        "wf_timeline": steps,
        "wf_entries": comments.timeline_entries(obj, steps, request.user),
        # Comments on a denunciation may name the denouncer (the rule decides).
        "wf_comments_masked": rule_for(type(obj)).free_text_masked(request.user, obj),
        "wf_mask": MASK,
    }


class WorkflowAdminMixin:
    """Mix into a RuleAdmin whose model has a workflow."""

    # The actions above the form (what to do next), the timeline below it.
    change_form_outer_before_template = "tiep_cong_dan/workflow/actions.html"
    change_form_outer_after_template = "tiep_cong_dan/workflow/after_form.html"
    # Actions offered on the list, applied one document at a time.
    workflow_bulk_actions: tuple[str, ...] = ()

    def get_urls(self):
        opts = self.model._meta
        own = [
            path(
                "<path:object_id>/workflow/",
                self.admin_site.admin_view(self.workflow_action_view),
                name=f"{opts.app_label}_{opts.model_name}_workflow",
            ),
        ]
        return own + super().get_urls()

    # -- the form ------------------------------------------------------------
    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = extra_context or {}
        obj = self.get_object(request, object_id)
        if obj is not None:
            wf = definition(doctype_of(obj))
            opts = self.model._meta
            options = engine.options(request.user, obj)
            kept = typed.take(request, _panel(obj))
            extra_context.update(timeline_context(request, obj))
            extra_context.update(
                wf_comment=kept.value("comment"),
                wf_comment_errors=kept.errors_of("comment"),
                wf_links=self.workflow_links(request, obj),
                wf_documents=self.workflow_documents(request, obj),
                wf_state=obj.state,
                wf_state_label=wf.label_of(obj.state),
                wf_options=options,
                wf_can_act=any(o.allowed or o.may_override for o in options),
                wf_others=[o for o in options if o.blocked_by in ("role", "scope")],
                wf_pin_actions=_pin_actions(request.user, obj) if _pin_actions else set(),
                wf_note=kept.value("note"),
                wf_note_errors=kept.errors_of("note"),
                wf_action_url=reverse(
                    f"admin:{opts.app_label}_{opts.model_name}_workflow", args=[obj.pk]
                ),
            )
            # The comment box (and its suggestions) where the rule lets comment; its
            # addresses are the shared base's (workflow/comments_desk.py).
            extra_context.update(comment_links(self, request, obj))
        return super().change_view(request, object_id, form_url, extra_context)

    def workflow_links(self, request, obj) -> list[tuple[str, str]]:
        """Pages about this document shown in its panel, as (label, url)."""
        return []

    def workflow_documents(self, request, obj) -> list[tuple[str, list[tuple[str, str]]]]:
        """The documents printed from this record, as (label, [(format, url)...])."""
        return _documents_of(request, obj) if _documents_of is not None else []

    @method_decorator(sensitive_post_parameters("signing_pin"))
    def workflow_action_view(self, request, object_id):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        obj = self.get_object(request, object_id)  # the rule's queryset: scope applies
        if obj is None:
            raise Http404  # as for a record that does not exist
        action = request.POST.get("action", "")
        try:
            event = engine.apply(
                obj,
                action,
                by=request.user,
                comment=request.POST.get("comment", ""),
                override=request.POST.get("override") == "1",
                expected_state=request.POST.get("state") or None,
                data={"pin": request.POST.get("signing_pin") or None},
            )
        except engine.TransitionRefused as exc:
            # The comment comes back as typed; a refusal about it shows beside it.
            about_comment = exc.code in COMMENT_CODES
            errors = {"comment": [refusal_text(exc)]} if about_comment else {}
            typed.keep(request, _panel(obj), request.POST, ("comment",), errors)
            if not about_comment:
                self.message_user(request, refusal_text(exc), messages.ERROR)
            else:
                self.message_user(
                    request, _("Not saved: correct the marked fields below."), messages.ERROR
                )
        else:
            wf = definition(doctype_of(obj))
            self.message_user(
                request,
                _("Done: %(action)s. The document is now “%(state)s”.")
                % {"action": event.action_label, "state": wf.label_of(event.to_state)},
                messages.SUCCESS,
            )
        opts = self.model._meta
        return HttpResponseRedirect(
            reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        )

    # -- the list --------------------------------------------------------------
    def get_actions(self, request):
        actions = super().get_actions(request)
        wf = definition(doctype_of(self.model))
        roles = roles_of(request.user)
        for action in self.workflow_bulk_actions:
            # Offered only to those the workflow lets take the step at all.
            allowed = [t for t in wf.transitions if t.action == action and t.roles & roles]
            if allowed:
                name = f"workflow_{action}"
                actions[name] = (_bulk(action), name, allowed[0].label)
        return actions

    def get_list_display(self, request):
        # The state as the workflow names it, read once per page.
        wf = definition(doctype_of(self.model))

        @admin.display(description=gettext_lazy("state"), ordering="state")
        def state_label(obj):
            return wf.label_of(obj.state)

        shown = super().get_list_display(request)
        return [state_label if f == "state" else f for f in shown]

    def get_list_filter(self, request):
        shown = super().get_list_filter(request)
        return [WorkflowStateFilter if f == "state" else f for f in shown]


class WorkflowStateFilter(admin.SimpleListFilter):
    title = gettext_lazy("state")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        wf = definition(doctype_of(model_admin.model))
        return [(name, state.label) for name, state in wf.states.items()]

    def queryset(self, request, queryset):
        return queryset.filter(state=self.value()) if self.value() else queryset


# More documents than this are stepped in the background, with the progress shown.
BULK_INLINE_LIMIT = 20


def _in_background(modeladmin, request, queryset, action: str):
    opts = modeladmin.model._meta
    back = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
    ids = list(queryset.values_list("pk", flat=True))
    job = background.submit(
        "bulk_step", doctype_of(modeladmin.model), action, ids, request.user.pk, back
    )
    if job is None:  # nothing started: the list is shown again with why
        modeladmin.message_user(
            request,
            _(
                "The job queue cannot be reached just now, so nothing was done. Try again "
                "in a few minutes, or select at most %(limit)s documents to do them at once."
            )
            % {"limit": BULK_INLINE_LIMIT},
            messages.ERROR,
        )
        return None
    return HttpResponseRedirect(reverse("admin:tiep_cong_dan_export", args=[job]))


def _bulk(action: str):
    def run(modeladmin, request, queryset):
        if queryset.count() > BULK_INLINE_LIMIT:
            return _in_background(modeladmin, request, queryset, action)
        done, refused = 0, []
        for obj in queryset:
            try:
                engine.apply(obj, action, by=request.user)
                done += 1
            except engine.TransitionRefused as exc:
                refused.append((str(obj), refusal_text(exc)))
        if done:
            modeladmin.message_user(
                request, _("%(count)s document(s) done.") % {"count": done}, messages.SUCCESS
            )
        if refused:
            more = len(refused) - BULK_REPORT_LIMIT
            modeladmin.message_user(
                request,
                format_html(
                    "{}<ul>{}</ul>{}",
                    _("%(count)s document(s) refused:") % {"count": len(refused)},
                    format_html_join("", "<li>{}: {}</li>", refused[:BULK_REPORT_LIMIT]),
                    _("… and %(more)s more.") % {"more": more} if more > 0 else "",
                ),
                messages.WARNING,
            )

    run.__name__ = f"workflow_{action}"
    return run
