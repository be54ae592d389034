"""Signature and seal images in the desk: a signer uploads their own, the Board head
and administrators anyone's and the seals (permissions.py). The image is checked as
uploaded (images.py) and kept in the database; the form shows it back."""

import base64

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from ...access.desk import RuleAdmin
from ...access.roles import roles_of
from . import desk  # noqa: F401 - the action panel's PIN box
from .images import checked_png
from .models import SealImage, SignatureImage
from .permissions import MANAGERS


class _ImageForm(forms.ModelForm):
    upload = forms.FileField(
        label=_("image (PNG, transparent background)"),
        required=False,
        help_text=_("A PNG with a transparent background, at most 512 KB."),
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if upload is None:
            if not self.instance.pk:
                raise forms.ValidationError(_("Choose the image to upload."))
            return None
        return checked_png(upload.read())

    def save(self, commit=True):
        if self.cleaned_data.get("upload"):
            self.instance.png = self.cleaned_data["upload"]
        return super().save(commit)


class SignatureImageForm(_ImageForm):
    class Meta:
        model = SignatureImage
        fields = ["user"]


class SealImageForm(_ImageForm):
    class Meta:
        model = SealImage
        fields = ["body"]


@admin.display(description=_("image"))
def _preview(obj) -> str:
    if not obj or not obj.png:
        return "—"
    encoded = base64.b64encode(bytes(obj.png)).decode()
    return format_html(
        '<img src="data:image/png;base64,{}" alt="" style="max-height:90px;background:#fff">',
        encoded,
    )


class _ImageAdmin(RuleAdmin):
    readonly_fields = [_preview, "uploaded_by", "uploaded_at"]
    list_display_links = None

    def save_model(self, request, obj, form, change):
        obj.uploaded_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(SignatureImage)
class SignatureImageAdmin(_ImageAdmin):
    form = SignatureImageForm
    list_display = ["user", _preview, "uploaded_at"]
    list_display_links = ["user"]
    list_select_related = ["user"]
    search_fields = ["^user__username"]
    word_search_exempt = "a signer's image, found by the signer's login name as written"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user" and not roles_of(request.user) & MANAGERS:
            # A signer uploads their own image only.
            kwargs["queryset"] = get_user_model()._default_manager.filter(pk=request.user.pk)
            kwargs["initial"] = request.user.pk
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(SealImage)
class SealImageAdmin(_ImageAdmin):
    form = SealImageForm
    list_display = ["body", _preview, "uploaded_at"]
    list_display_links = ["body"]
