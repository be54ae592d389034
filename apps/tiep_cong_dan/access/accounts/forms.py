import re

from django import forms
from django.utils.translation import gettext_lazy as _
from unfold.widgets import UnfoldAdminTextInputWidget


class CodeForm(forms.Form):
    """The six digits an authenticator app shows."""

    code = forms.CharField(
        label=_("Code from the authenticator app"),
        max_length=12,
        widget=UnfoldAdminTextInputWidget(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )

    def clean_code(self) -> str:
        # Apps show "123 456"; people type it as they read it.
        code = self.cleaned_data["code"].replace(" ", "")
        if not re.fullmatch(r"\d{6,8}", code):
            raise forms.ValidationError(_("Enter the 6 digits the app shows."))
        return code
