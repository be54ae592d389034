"""Changing who holds which role, and the account log every such change writes.

Every desk path that changes a user's roles calls `set_roles`: removals take effect at
once (taking clearance away is always safe), other roles too, but a cleared role
(IDENTITY_CLEARED) becomes a `RoleGrant` request that only a second cleared person
confirms. Nobody changes their own roles. A command that sets up the system (the demo
users) writes the groups itself and says so in the log (`log_system_setup`).
"""

from collections.abc import Iterable

from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ...core.client_ip import client_ip
from ..roles import IDENTITY_CLEARED, Role, has_any
from .constants import CONFIRMERS, AccountChangeKind, GrantState
from .models import AccountChange, RoleGrant


class GrantRefused(ValidationError):
    """A role change or a decision the rules do not allow; the message says why."""


def log_account_change(
    kind: str, user, *, by=None, role: str = "", detail: str = "", request=None
) -> AccountChange:
    """One entry of the account log (by=None: a command or the system)."""
    actor = by if getattr(by, "is_authenticated", False) else None
    return AccountChange.objects.create(
        kind=kind,
        user=user,
        username=user.get_username(),
        actor=actor,
        actor_name=actor.get_username() if actor else "",
        role=role,
        detail=detail[:255],
        ip_address=client_ip(request) if request is not None else None,
    )


def _forget_roles(user) -> None:
    # roles_of caches on the object for the request; the next read must see the change.
    user.__dict__.pop("_tcd_roles", None)


def _require_administrator(by) -> None:
    if not has_any(by, {Role.ADMINISTRATOR}):
        raise GrantRefused(_("Only administrators change users' roles."), code="not_allowed")


def _refuse_own_account(user, by) -> None:
    if user.pk == by.pk:
        raise GrantRefused(
            _("Nobody changes the roles of their own account: ask another administrator."),
            code="own_account",
        )


@transaction.atomic
def set_roles(user, roles: Iterable[str], *, by, request=None) -> list[RoleGrant]:
    """Make `user`'s roles `roles` as far as `by` may: returns the cleared roles that now
    wait for confirmation (the user does not hold them yet)."""
    _require_administrator(by)
    wanted = set(roles)
    unknown = wanted - set(Role.values)
    if unknown:
        raise GrantRefused(
            _("Unknown role(s): %(names)s.") % {"names": ", ".join(sorted(unknown))},
            code="unknown_role",
        )
    type(user).objects.select_for_update().filter(pk=user.pk).first()  # one change at a time
    current = set(user.groups.filter(name__in=Role.values).values_list("name", flat=True))
    if wanted == current:
        return []
    _refuse_own_account(user, by)
    for role in sorted(current - wanted):
        user.groups.remove(Group.objects.get(name=role))
        log_account_change(AccountChangeKind.ROLE_REMOVED, user, by=by, role=role, request=request)
    pending = []
    for role in sorted(wanted - current):
        if role in IDENTITY_CLEARED:
            pending.append(_request(user, role, by=by, request=request))
            continue
        user.groups.add(Group.objects.get(name=role))
        log_account_change(AccountChangeKind.ROLE_GRANTED, user, by=by, role=role, request=request)
    _forget_roles(user)
    return pending


def _request(user, role: str, *, by, request) -> RoleGrant:
    waiting = RoleGrant.objects.filter(user=user, role=role, state=GrantState.PENDING).first()
    if waiting is not None:
        return waiting
    grant = RoleGrant.objects.create(user=user, role=role, requested_by=by)
    log_account_change(AccountChangeKind.ROLE_REQUESTED, user, by=by, role=role, request=request)
    return grant


def decision_refusal(user, grant: RoleGrant) -> str | None:
    """Why `user` may not decide `grant` (None: they may)."""
    if grant.state != GrantState.PENDING:
        return _("This request has already been decided.")
    if not has_any(user, CONFIRMERS):
        return _("Only the Chairman or the Board head confirms a cleared role.")
    if user.pk == grant.user_id:
        return _("Nobody confirms a role for themselves.")
    if user.pk == grant.requested_by_id:
        return _("Whoever asked for the role cannot also decide on it.")
    return None


def _lock_for_decision(grant: RoleGrant, by) -> RoleGrant:
    locked = RoleGrant.objects.select_for_update().select_related("user").get(pk=grant.pk)
    refusal = decision_refusal(by, locked)
    if refusal:
        raise GrantRefused(refusal, code="not_allowed")
    return locked


@transaction.atomic
def confirm_grant(grant: RoleGrant, *, by, request=None) -> RoleGrant:
    """The second person's confirmation: only now does the user hold the role."""
    locked = _lock_for_decision(grant, by)
    locked.user.groups.add(Group.objects.get(name=locked.role))
    locked.state, locked.confirmed_by, locked.confirmed_at = (
        GrantState.CONFIRMED,
        by,
        timezone.now(),
    )
    locked.save()
    _forget_roles(locked.user)
    log_account_change(
        AccountChangeKind.ROLE_CONFIRMED,
        locked.user,
        by=by,
        role=locked.role,
        detail=_("requested by %(name)s") % {"name": locked.requested_by.get_username()},
        request=request,
    )
    return locked


@transaction.atomic
def refuse_grant(grant: RoleGrant, *, by, reason: str, request=None) -> RoleGrant:
    reason = (reason or "").strip()
    locked = _lock_for_decision(grant, by)
    if not reason:
        raise GrantRefused(_("Give the reason for refusing."), code="reason_required")
    locked.state, locked.refused_by, locked.refused_at, locked.reason = (
        GrantState.REFUSED,
        by,
        timezone.now(),
        reason,
    )
    locked.save()
    log_account_change(
        AccountChangeKind.ROLE_REFUSED,
        locked.user,
        by=by,
        role=locked.role,
        detail=reason,
        request=request,
    )
    return locked


# What an administrator's edit of a user's form changes besides roles and password.
WATCHED_FIELDS = ("is_active", "is_staff", "is_superuser", "email")


def log_account_edit(before, after, *, by, request=None) -> None:
    """Log desk access switched on or off and a changed e-mail address (where a reset
    link would go) as the user's form saved them."""
    changes = [
        f"{name}: {getattr(before, name)!s} → {getattr(after, name)!s}"
        for name in WATCHED_FIELDS
        if getattr(before, name) != getattr(after, name)
    ]
    if changes:
        log_account_change(
            AccountChangeKind.ACCOUNT_CHANGED,
            after,
            by=by,
            detail="; ".join(changes),
            request=request,
        )


def log_system_setup(user, roles: Iterable[str], command: str) -> None:
    """A set-up command wrote these roles without the desk's confirmation: say so."""
    for role in sorted(roles):
        log_account_change(
            AccountChangeKind.SYSTEM_SETUP,
            user,
            role=role,
            detail=_("%(command)s: system set-up, not confirmed in the desk")
            % {"command": command},
        )


def holds_or_awaits_clearance(user) -> bool:
    """Whether `user` holds a cleared role, or one waits for confirmation for them
    (deactivated accounts included: they may be activated again)."""
    return (
        user.groups.filter(name__in=IDENTITY_CLEARED).exists()
        or RoleGrant.objects.filter(user=user, state=GrantState.PENDING).exists()
    )
