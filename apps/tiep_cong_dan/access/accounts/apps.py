"""The sign-in apps under the desk's own names: neither django-axes nor django-otp's
TOTP plugin names itself in a translatable way, and their names head the
administrators' pages (breadcrumbs, list titles)."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.apps import DefaultConfig as TotpAppConfig


class SignInLogConfig(AxesAppConfig):
    verbose_name = _("Signing in")


class TwoFactorConfig(TotpAppConfig):
    verbose_name = _("Two-step verification")

    def ready(self) -> None:
        super().ready()
        from django_otp.plugins.otp_totp.models import TOTPDevice

        # django-otp declares these as plain strings, out of reach of the catalogue.
        TOTPDevice._meta.verbose_name = _("authenticator app")
        TOTPDevice._meta.verbose_name_plural = _("authenticator apps")
