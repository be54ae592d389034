"""The password policy's own validators (AUTH_PASSWORD_VALIDATORS in settings)."""

from django.contrib.auth import password_validation
from django.contrib.auth.hashers import check_password
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


class MinimumLengthValidator(password_validation.MinimumLengthValidator):
    """Django's, with a message our catalogue translates: Django 5.2 changed the msgid
    of its own and the Vietnamese catalogue it ships still has the old one."""

    def get_error_message(self) -> str:
        return _("This password is too short: it must have at least %(min_length)d characters.") % {
            "min_length": self.min_length
        }


class LettersAndDigitsValidator:
    """At least one letter and one digit: a long password of one kind of character
    (a phrase without a digit, a run of digits) is what guessing lists try first."""

    def validate(self, password: str, user=None) -> None:
        if not any(c.isalpha() for c in password) or not any(c.isdigit() for c in password):
            raise ValidationError(self.get_error_message(), code="password_letters_and_digits")

    def get_error_message(self) -> str:
        return _("The password must contain both letters and digits.")

    def get_help_text(self) -> str:
        return _("Your password must contain both letters and digits.")


class NotTheIssuedPasswordValidator:
    """A user replacing a one-time password must choose another: the administrator who
    issued it knows it."""

    def validate(self, password: str, user=None) -> None:
        from .accounts import password_change_due

        # The hashers' own check: User.check_password may re-hash and save the password.
        issued = user is not None and password_change_due(user)
        if issued and check_password(password, user.password):
            raise ValidationError(self.get_error_message(), code="password_issued")

    def get_error_message(self) -> str:
        return _("Choose a password of your own, not the one you were given.")

    def get_help_text(self) -> str:
        return _("Your password cannot be the one-time password you were given.")
