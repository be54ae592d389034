"""The page a reset link opens: the user sets their own password (the policy's
validators apply), and the account log records it."""

from django.contrib import admin, messages
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.views import PasswordResetConfirmView
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from unfold.widgets import UnfoldAdminPasswordWidget

from ..grants.constants import AccountChangeKind
from ..grants.services import log_account_change


class NewPasswordForm(SetPasswordForm):
    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name in ("new_password1", "new_password2"):
            self.fields[name].widget = UnfoldAdminPasswordWidget(
                attrs={"autocomplete": "new-password"}
            )


class ResetConfirmView(PasswordResetConfirmView):
    template_name = "tiep_cong_dan/security/reset_confirm.html"
    form_class = NewPasswordForm
    success_url = reverse_lazy("admin:login")
    post_reset_login = False

    def get_context_data(self, **kwargs) -> dict:
        return {
            **admin.site.each_context(self.request),
            **super().get_context_data(**kwargs),
            "title": _("Set your password"),
        }

    def form_valid(self, form):
        response = super().form_valid(form)
        log_account_change(
            AccountChangeKind.PASSWORD_SET, form.user, by=form.user, request=self.request
        )
        messages.success(self.request, _("Your password is set: sign in with it."))
        return response
