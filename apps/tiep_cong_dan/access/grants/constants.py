from django.db import models
from django.utils.translation import gettext_lazy as _

from ..roles import Role

# Who confirms a cleared role: those who already hold clearance and answer for it, the
# Chairman who resolves denunciations and the head of the Board that receives them.
CONFIRMERS = frozenset({Role.CHAIRMAN, Role.BOARD_HEAD})


class GrantState(models.TextChoices):
    PENDING = "pending", _("Awaiting confirmation")
    CONFIRMED = "confirmed", _("Confirmed")
    REFUSED = "refused", _("Refused")


class AccountChangeKind(models.TextChoices):
    ROLE_REQUESTED = "role_requested", _("Cleared role requested")
    ROLE_CONFIRMED = "role_confirmed", _("Cleared role confirmed")
    ROLE_REFUSED = "role_refused", _("Cleared role refused")
    ROLE_GRANTED = "role_granted", _("Role granted")
    ROLE_REMOVED = "role_removed", _("Role removed")
    ACCOUNT_CHANGED = "account_changed", _("Account changed")
    ONE_TIME_PASSWORD = "one_time_password", _("One-time password issued")
    RESET_LINK = "reset_link", _("Password reset link sent")
    PASSWORD_SET = "password_set", _("Password set through a reset link")
    TWO_FACTOR_RESET = "two_factor_reset", _("Two-step verification reset")
    SYSTEM_SETUP = "system_setup", _("Set up by a command, without confirmation")
