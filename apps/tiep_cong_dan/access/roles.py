"""Roles are Django groups with fixed names; the labels are what the desk shows."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BOARD_OFFICER = "board_officer", _("Board officer")
    BOARD_HEAD = "board_head", _("Board head")
    CHAIRMAN = "chairman", _("Chairman")
    CHAIRMAN_OFFICE = "chairman_office", _("Chairman's office")
    DEPARTMENT_OFFICER = "department_officer", _("Department officer")
    DISTRICT_OFFICER = "district_officer", _("District officer")
    COMMUNE_OFFICER = "commune_officer", _("Commune officer")
    CENTRAL_OBSERVER = "central_observer", _("Central observer")
    TECHNICIAN = "technician", _("Technician")
    ADMINISTRATOR = "administrator", _("Administrator")


# Roles that work on every case in the province.
PROVINCE_WIDE = frozenset(
    {Role.BOARD_OFFICER, Role.BOARD_HEAD, Role.CHAIRMAN, Role.CHAIRMAN_OFFICE}
)
# Roles that register and edit petitions and prepare sessions.
BOARD = frozenset({Role.BOARD_OFFICER, Role.BOARD_HEAD})
# Roles cleared to see a denouncer's identity (Law on Denunciation 2018 Art. 47):
# the Board that receives the denunciation and the Chairman who resolves it. The
# administrator runs the system but is deliberately not cleared.
IDENTITY_CLEARED = frozenset({Role.BOARD_OFFICER, Role.BOARD_HEAD, Role.CHAIRMAN})
# Roles whose view is limited to their own units or agencies.
UNIT_SCOPED = frozenset({Role.DISTRICT_OFFICER, Role.COMMUNE_OFFICER})
AGENCY_SCOPED = frozenset({Role.DEPARTMENT_OFFICER})
# Roles that sign in with a second factor (TOTP) when TCD_TOTP_REQUIRED is on: those
# who approve and sign for the province, and those who manage users and the system.
TWO_FACTOR_REQUIRED = frozenset({Role.CHAIRMAN, Role.BOARD_HEAD, Role.ADMINISTRATOR})


def roles_of(user) -> frozenset[str]:
    """The user's roles, cached on the user object for the request."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    cached = getattr(user, "_tcd_roles", None)
    if cached is None:
        cached = remember_roles(user, user.groups.values_list("name", flat=True))
    return cached


def remember_roles(user, group_names) -> frozenset[str]:
    """The user's roles from the names of their groups, kept on the user object for the
    request: read by roles_of, or with another query (the API token's)."""
    roles = frozenset(group_names) & set(Role.values)
    if user.is_superuser:
        # A superuser is a technical administrator: all administration, but no
        # clearance for confidential identities.
        roles = roles | {Role.ADMINISTRATOR}
    user._tcd_roles = roles
    return roles


def has_any(user, roles) -> bool:
    return bool(roles_of(user) & frozenset(roles))


def ensure_role_groups() -> None:
    from django.contrib.auth.models import Group

    for role in Role:
        Group.objects.get_or_create(name=role.value)
