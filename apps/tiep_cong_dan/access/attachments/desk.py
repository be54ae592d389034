"""The attachments panel on a document's page: its files (each a link through
core/files.py), and, for whom the document's rule lets attach, an upload form that
posts to the document's own URL. Mixed into every document type's admin (RuleAdmin):
a type whose rule declares `attachments` shows it, with nothing else to write."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ...core.files import file_url
from ...core.typed import errors_by_field
from .services import attach_file, attachments_of, is_editor, remove_attachment


class UploadForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("title"), max_length=200)
    file = forms.FileField(label=gettext_lazy("file"))


def _where(obj) -> str:
    return f"attachments:{obj._meta.label_lower}:{obj.pk}"


# A refused upload's title and errors, for the page it goes back to. Kept apart from
# core/typed.py's key, which the workflow panel on the same page takes (and clears).
SESSION_KEY = "tcd_attachment_typed"


def _keep(request, where: str, title: str, errors: dict) -> None:
    request.session[SESSION_KEY] = {
        "where": where,
        "values": {"title": title},
        "errors": {name: [str(m) for m in msgs] for name, msgs in errors.items()},
    }


def _kept(request, where: str) -> tuple[dict, dict]:
    kept = request.session.get(SESSION_KEY)
    if not kept or kept.get("where") != where:
        return {}, {}
    del request.session[SESSION_KEY]
    return kept.get("values", {}), kept.get("errors", {})


class AttachmentsPanelMixin:
    def _attachment_url(self, name: str, *args) -> str:
        opts = self.model._meta
        return reverse(f"admin:{opts.app_label}_{opts.model_name}_{name}", args=args)

    def get_urls(self):
        if not self.rule.attachments:
            return super().get_urls()
        opts = self.model._meta
        wrap = self.admin_site.admin_view
        prefix = f"{opts.app_label}_{opts.model_name}"
        return [
            path(
                "<path:object_id>/attachments/",
                wrap(self.attach_view),
                name=f"{prefix}_attach",
            ),
            path(
                "<path:object_id>/attachments/<int:pk>/remove/",
                wrap(self.remove_attachment_view),
                name=f"{prefix}_remove_attachment",
            ),
        ] + super().get_urls()

    def attachments_panel(self, request, obj) -> dict | None:
        """What the panel shows `request.user` on `obj`'s page (None: no panel)."""
        rule = self.rule
        if not rule.attachments or not rule.may_read_attachments(request.user, obj):
            return None
        values, errors = _kept(request, _where(obj))
        may_attach = rule.may_attach(request.user, obj)
        editor = may_attach and is_editor(request.user, obj)
        me = request.user.pk
        rows = [
            {
                "attachment": a,
                "url": file_url(a.file.name),
                "remove_url": self._attachment_url("remove_attachment", obj.pk, a.pk)
                if may_attach and (editor or a.uploaded_by_id == me)
                else "",
            }
            for a in attachments_of(obj)
        ]
        return {
            "rows": rows,
            "upload_url": self._attachment_url("attach", obj.pk) if may_attach else "",
            "title": values.get("title", ""),
            "title_errors": errors.get("title", []),
            "file_errors": errors.get("file", []),
            # Errors of no field, and of a field the form does not show.
            "general_errors": [
                m for k, v in errors.items() if k not in ("title", "file") for m in v
            ],
        }

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id) if self.rule.attachments else None
        if obj is not None:
            extra_context = {**(extra_context or {})}
            extra_context["tcd_attachments"] = self.attachments_panel(request, obj)
        return super().change_view(request, object_id, form_url, extra_context)

    def _back(self, obj) -> HttpResponseRedirect:
        opts = self.model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_change", args=[obj.pk])
        return HttpResponseRedirect(url + "#attachments")

    def attach_view(self, request, object_id):
        obj = self.get_object(request, object_id)  # the rule's rows: 404 outside them
        if obj is None:
            raise Http404
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.rule.may_read_attachments(request.user, obj):
            raise Http404  # the files of this record are not for this reader at all
        if not self.rule.may_attach(request.user, obj):
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES)
        errors = {} if form.is_valid() else {k: list(v) for k, v in form.errors.items()}
        if not errors:
            try:
                attach_file(
                    obj,
                    title=form.cleaned_data["title"],
                    file=form.cleaned_data["file"],
                    by=request.user,
                )
            except ValidationError as exc:
                errors = errors_by_field(exc)
        if errors:
            _keep(request, _where(obj), request.POST.get("title", ""), errors)
            self.message_user(
                request, _("The file was not attached: see the reason below."), messages.ERROR
            )
        else:
            self.message_user(request, _("The file was attached."), messages.SUCCESS)
        return self._back(obj)

    def remove_attachment_view(self, request, object_id, pk):
        obj = self.get_object(request, object_id)
        if obj is None or not self.rule.may_read_attachments(request.user, obj):
            raise Http404
        attachment = attachments_of(obj).filter(pk=pk).first()
        if attachment is None:
            raise Http404
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        remove_attachment(attachment, by=request.user)  # PermissionDenied: 403
        self.message_user(request, _("The file was removed."), messages.SUCCESS)
        return self._back(obj)
