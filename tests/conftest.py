"""Shared fixtures: master data loaded once into the MariaDB test database, named role
users, and a few petitions placed so that scopes can be told apart."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from tiep_cong_dan.access.accounts.two_factor import pending_step
from tiep_cong_dan.access.roles import ensure_role_groups
from tiep_cong_dan.demo.users import create_demo_users
from tiep_cong_dan.doctype.admin_unit.constants import Era
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
from tiep_cong_dan.doctype.admin_unit.services import invalidate_scope_cache, load_admin_units
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.agency.services import load_agencies
from tiep_cong_dan.doctype.bridge_point.services import load_bridge_points
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.legal_basis.services import load_legal_bases
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.petition.services import register_petition
from tiep_cong_dan.print_format.loader import load_print_formats
from tiep_cong_dan.workflow.loader import load_workflows

PASSWORD = "Test-password-2026"


def ensure_master_data() -> None:
    """Idempotent; transactional tests flush the tables, so they call it again."""
    if not AdministrativeUnit.objects.exists():
        ensure_role_groups()
        load_admin_units()
        load_agencies()
        load_bridge_points()
    load_legal_bases()
    load_workflows()
    load_print_formats()
    invalidate_scope_cache()


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        ensure_master_data()


@pytest.fixture(autouse=True)
def _clear_cache():
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture
def master_data(db):
    ensure_master_data()


@pytest.fixture
def role_users(master_data) -> dict[str, User]:
    """One user per role, named as in the demo: canbo, truongban, chutich, vanphong,
    so_nnmt, huyen_locbinh, xa_dongkinh, trunguong, kythuat, quantri."""
    create_demo_users(PASSWORD)
    return {u.username: u for u in User.objects.all()}


def totp_device(user: User) -> TOTPDevice:
    """The user's confirmed authenticator app, enrolled here if they have none."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The code the app shows now (django-otp's own TOTP)."""
    code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
    return f"{code:0{device.digits}d}"


def sign_in(client, username: str, password: str = PASSWORD):
    """Sign `client` in as the desk would: the password through django-axes (which needs
    the request Django's test client leaves out) and, for a user who must use the second
    factor, a session verified by their authenticator app."""
    request = RequestFactory().post(reverse("admin:login"), {"username": username})
    assert client.login(request=request, username=username, password=password)
    user = User.objects.get(username=username)
    if pending_step(user) is not None:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
        session.save()
    return client


@pytest.fixture
def login(client, role_users):
    def as_(username):
        client.logout()
        return sign_in(client, username)

    return as_


def new_unit(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, era=Era.FROM_2025)


def old_unit(code: str) -> AdministrativeUnit:
    return AdministrativeUnit.objects.get(code=code, era=Era.BEFORE_2025)


def make_citizen(unit: AdministrativeUnit, name: str, id_number: str) -> Citizen:
    citizen = Citizen(
        full_name=name,
        id_number=id_number,
        address=f"thôn Nà Làng, {unit}",
        residence_unit=unit,
        phone="0912345678",
    )
    citizen.full_clean()
    citizen.save()
    return citizen


def make_petition(
    unit: AdministrativeUnit,
    citizen: Citizen,
    *,
    kind=PetitionKind.COMPLAINT,
    received: datetime.date = datetime.date(2026, 3, 2),
    agencies=(),
    summary="Khiếu nại quyết định thu hồi đất",
) -> Petition:
    return register_petition(
        Petition(
            received_date=received,
            channel="in_person",
            kind=kind,
            citizen=citizen,
            summary=summary,
            content="Nội dung đơn do công dân trình bày.",
            matter_unit=unit,
        ),
        agencies=agencies,
    )


@pytest.fixture
def placed_petitions(role_users) -> dict[str, Petition]:
    """Petitions whose scopes differ:
    - dongkinh: a complaint from Phường Đông Kinh (05977), SNNMT concerned
    - kylua: a complaint from Phường Kỳ Lừa (06187), another commune
    - dongkinh_tc: a denunciation from Đông Kinh
    - old_era: a 2024 complaint from an old ward merged into Đông Kinh
    - locbinh_old: a 2024 complaint from an old commune of Lộc Bình district
    """
    dk, kl = new_unit("05977"), new_unit("06187")
    predecessor = dk.predecessors.first()
    locbinh_commune = old_unit("188").children.order_by("code").first()
    snnmt = Agency.objects.get(code="SNNMT")
    return {
        "dongkinh": make_petition(
            dk, make_citizen(dk, "Hoàng Văn An", "020090000001"), agencies=[snnmt]
        ),
        "kylua": make_petition(kl, make_citizen(kl, "Nông Thị Bích", "020190000002")),
        "dongkinh_tc": make_petition(
            dk,
            make_citizen(dk, "Lương Văn Cường", "020080000003"),
            kind=PetitionKind.DENUNCIATION,
            summary="Tố cáo cán bộ địa chính",
        ),
        "old_era": make_petition(
            predecessor,
            make_citizen(predecessor, "Vi Thị Dung", "020170000004"),
            received=datetime.date(2024, 5, 6),
        ),
        "locbinh_old": make_petition(
            locbinh_commune,
            make_citizen(locbinh_commune, "Lăng Văn Em", "020070000005"),
            received=datetime.date(2024, 6, 3),
        ),
    }
