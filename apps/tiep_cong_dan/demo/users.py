"""One demo user per role, each with the scope a real user of that role would have."""

import os
import secrets

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group, User
from django.contrib.auth.password_validation import validate_password
from django.db import transaction

from ..access.grants.services import log_system_setup
from ..access.models import UserScope
from ..access.roles import Role, ensure_role_groups
from ..doctype.admin_unit.constants import Era, UnitLevel
from ..doctype.admin_unit.models import AdministrativeUnit
from ..doctype.agency.models import Agency

# username, role, first name, last name, (unit code, era) scope, agency code scope
DEMO_USERS = [
    ("canbo", Role.BOARD_OFFICER, "Lan", "Nông Thị", None, "BTCD"),
    ("truongban", Role.BOARD_HEAD, "Hùng", "Hoàng Văn", None, "BTCD"),
    ("chutich", Role.CHAIRMAN, "Thiệu", "Hồ Tiến", None, "UBND-TINH"),
    ("vanphong", Role.CHAIRMAN_OFFICE, "Hương", "Lương Thị", None, "VP-UBND"),
    ("so_nnmt", Role.DEPARTMENT_OFFICER, "Dũng", "Vi Văn", None, "SNNMT"),
    ("huyen_locbinh", Role.DISTRICT_OFFICER, "Tuấn", "Lăng Văn", ("188", Era.BEFORE_2025), None),
    ("xa_dongkinh", Role.COMMUNE_OFFICER, "Mai", "Hà Thị", ("05977", Era.FROM_2025), None),
    ("trunguong", Role.CENTRAL_OBSERVER, "Sơn", "Nguyễn Văn", None, "BTCD-TW"),
    ("kythuat", Role.TECHNICIAN, "Long", "Triệu Văn", None, None),
    ("quantri", Role.ADMINISTRATOR, "Nam", "Chu Văn", None, None),
]


def generate_password() -> str:
    """16 random URL-safe characters with at least one letter and one digit, which the
    password policy asks for (a random draw lacks a digit about one time in fifteen)."""
    while True:
        candidate = secrets.token_urlsafe(12)
        if any(c.isdigit() for c in candidate) and any(c.isalpha() for c in candidate):
            return candidate


@transaction.atomic
def create_demo_users(password: str | None = None) -> tuple[str, list[tuple[str, str]]]:
    """Create or refresh the demo users; returns the password and (login, role) rows."""
    password = password or os.environ.get("TCD_DEMO_PASSWORD") or generate_password()
    ensure_role_groups()
    rows = []
    # One hash for the ten users (the password hasher costs about half a second a
    # call, on purpose): they share the password, so a shared salt tells nothing more.
    encoded = None
    for username, role, first, last, unit_key, agency_code in DEMO_USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.first_name, user.last_name = first, last
        user.email = f"{username}@langson.gov.vn"
        user.is_staff, user.is_active, user.is_superuser = True, True, False
        # The same policy as the desk's forms: a demo must not teach weak passwords.
        validate_password(password, user)
        encoded = encoded or make_password(password)
        user.password = encoded
        user.save()
        # System set-up: the roles are written here without the desk's second-person
        # confirmation of cleared roles, and the account log says so.
        before = set(user.groups.values_list("name", flat=True))
        user.groups.set([Group.objects.get(name=role.value)])
        if before != {role.value}:
            log_system_setup(user, [role.value], command="create_demo_users")
        user.tcd_scopes.all().delete()
        unit = None
        if unit_key:
            code, era = unit_key
            unit = AdministrativeUnit.objects.get(
                code=code, era=era, level__in=[UnitLevel.DISTRICT, UnitLevel.COMMUNE]
            )
        agency = Agency.objects.get(code=agency_code) if agency_code else None
        if unit or agency:
            UserScope.objects.create(user=user, unit=unit, agency=agency)
        rows.append((username, str(role.label)))
    return password, rows
