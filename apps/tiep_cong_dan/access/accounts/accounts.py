"""An administrator never sets another user's password: they issue a one-time password
the user must replace at their next sign-in, or send the user a link to set one
themselves. Either is logged. Administrators change their own password on the own
password page like everyone else.

A user who holds (or awaits) a role that shows denouncers' identities gets the link
only, sent to their own address: a one-time password is seen by the administrator.
"""

import secrets

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from ...core.site_url import absolute
from ..grants.constants import AccountChangeKind
from ..grants.services import holds_or_awaits_clearance, log_account_change
from ..roles import Role, has_any
from .models import OneTimePassword

# No look-alike characters (0/O, 1/l/I): the password is read out or copied by hand.
ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
LENGTH = 16


class PasswordResetRefused(ValidationError):
    """Why this administrator may not reset this user's password this way."""


def _check(user, by) -> None:
    if not has_any(by, {Role.ADMINISTRATOR}):
        raise PasswordResetRefused(
            _("Only administrators reset other users' passwords."), code="not_allowed"
        )
    if user.pk == by.pk:
        raise PasswordResetRefused(
            _("Change your own password on the own password page."), code="own_account"
        )


def one_time_password_allowed(user) -> bool:
    return not holds_or_awaits_clearance(user)


def draw_password(user) -> str:
    while True:
        candidate = "".join(secrets.choice(ALPHABET) for _i in range(LENGTH))
        if any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate):
            try:
                validate_password(candidate, user)
            except ValidationError:
                continue
            return candidate


def remember_one_time_password(user, *, by) -> None:
    """The account's current password was set by `by`: the user must replace it."""
    OneTimePassword.objects.update_or_create(
        user=user, defaults={"issued_by": by, "password_hash": user.password}
    )


def record_initial_password(user, *, by, request=None) -> None:
    """The password typed when an administrator created the account is a one-time
    password too: the user replaces it at the first sign-in."""
    if not user.has_usable_password():
        return
    remember_one_time_password(user, by=by)
    log_account_change(
        AccountChangeKind.ONE_TIME_PASSWORD,
        user,
        by=by,
        detail=_("initial password of a new account"),
        request=request,
    )


@transaction.atomic
def issue_one_time_password(user, *, by, request=None) -> str:
    """Set a drawn password, shown once to the administrator; the desk asks the user for
    their own at the next sign-in."""
    _check(user, by)
    if not one_time_password_allowed(user):
        raise PasswordResetRefused(
            _(
                "%(user)s holds or awaits a role that shows denouncers' identities: send "
                "them a reset link to their own e-mail address instead."
            )
            % {"user": user.get_username()},
            code="cleared_user",
        )
    password = draw_password(user)
    user.set_password(password)
    user.save(update_fields=["password"])
    remember_one_time_password(user, by=by)
    log_account_change(AccountChangeKind.ONE_TIME_PASSWORD, user, by=by, request=request)
    return password


def reset_link(user) -> str:
    """The address where `user` sets a password; it stops working once they have (or
    after PASSWORD_RESET_TIMEOUT, or once they sign in)."""
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    return absolute(reverse("tcd_password_reset:confirm", args=[uid, token]))


def send_reset_link(user, *, by, request=None) -> None:
    """E-mail the user a link to set their own password; the administrator never sees
    it. The current password keeps working until the user sets a new one."""
    _check(user, by)
    if not user.email:
        raise PasswordResetRefused(
            _("%(user)s has no e-mail address: enter it first.") % {"user": user.get_username()},
            code="no_email",
        )
    body = render_to_string(
        "tiep_cong_dan/security/reset_email.txt",
        {
            "user": user,
            "link": reset_link(user),
            "hours": settings.PASSWORD_RESET_TIMEOUT // 3600,
        },
    )
    send_mail(_("Set your password for the citizen reception desk"), body, None, [user.email])
    log_account_change(
        AccountChangeKind.RESET_LINK, user, by=by, detail=user.email, request=request
    )


def password_change_due(user) -> bool:
    """Whether `user` still signs in with a password an administrator set."""
    if not getattr(user, "is_authenticated", False):
        return False
    return OneTimePassword.objects.filter(user_id=user.pk, password_hash=user.password).exists()
