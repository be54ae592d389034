"""The second factor: who must give it, enrolling with a real TOTP code, wrong and
replayed codes, the API with a half-signed-in session, each user's own device page and
the administrator's reset."""

import re
from base64 import b32decode
from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice
from tiep_cong_dan.api.models import ApiToken

from ..conftest import PASSWORD, current_code, totp_device
from .conftest import password_sign_in

DESK = reverse("admin:index")
PETITIONS = reverse("admin:tiep_cong_dan_petition_changelist")
API = "/api/v1/petitions/"
SESSIONS_API = "/api/v1/sessions/"
SETUP = reverse("tcd_two_factor:setup")
VERIFY = reverse("tcd_two_factor:verify")
DEVICE = reverse("tcd_two_factor:device")


def _code_from_page(page: str) -> str:
    """What the user's app shows after they typed in the key the setup page displays."""
    secret = re.search(r'id="tcd-totp-secret"[^>]*>([A-Z2-7 ]+)<', page).group(1)
    key = secret.replace(" ", "")
    key += "=" * (-len(key) % 8)
    return f"{totp(b32decode(key)):06d}"


def _fresh(device: TOTPDevice) -> TOTPDevice:
    """Let the device take another code in this 30 s step and forget earlier failures:
    tests sign in faster than people do."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        last_t=-1, throttling_failure_count=0, throttling_failure_timestamp=None
    )
    device.refresh_from_db()
    return device


def _shown(msgid: str, language: str = "vi") -> str:
    """A message as the desk (Vietnamese first) shows it."""
    with translation.override(language):
        return _(msgid)


@pytest.fixture
def superuser(role_users) -> User:
    return User.objects.create_superuser("root", "root@langson.gov.vn", PASSWORD)


@pytest.mark.parametrize("username", ["chutich", "truongban", "quantri", "root"])
def test_required_roles_enrol_before_the_desk_opens(role_users, superuser, username):
    client = Client()
    assert password_sign_in(client, username).status_code == 302
    # Every desk page sends them to enrol; the API does not take the session.
    response = client.get(PETITIONS)
    assert response.status_code == 302
    assert response["Location"] == f"{SETUP}?next={PETITIONS.replace('/', '%2F')}"
    assert client.get(DESK)["Location"].startswith(SETUP)
    assert client.get(DEVICE)["Location"].startswith(SETUP)
    api = client.get(API)
    assert api.status_code == 401 and api.json()["code"] == "not_authenticated"

    page = client.get(f"{SETUP}?next={PETITIONS}").content.decode()
    assert "<svg" in page and 'id="tcd-totp-qr"' in page
    response = client.post(SETUP, {"code": _code_from_page(page), "next": PETITIONS})
    assert response.status_code == 302 and response["Location"] == PETITIONS
    assert TOTPDevice.objects.get(user__username=username).confirmed
    assert client.get(PETITIONS).status_code == 200
    assert client.get(API).status_code == 200


@pytest.mark.parametrize(
    "username", ["canbo", "vanphong", "so_nnmt", "xa_dongkinh", "trunguong", "kythuat"]
)
def test_other_roles_go_straight_to_the_desk(role_users, username):
    client = Client()
    password_sign_in(client, username)
    assert client.get(DESK).status_code == 200
    assert client.get(SESSIONS_API).status_code == 200  # every role reads sessions


def test_an_enrolled_user_gives_the_code_after_the_password(role_users):
    device = totp_device(role_users["chutich"])
    client = Client()
    password_sign_in(client, "chutich")
    response = client.get(PETITIONS)
    assert response["Location"].startswith(VERIFY)
    assert client.get(SETUP)["Location"].startswith(VERIFY)  # no second app before the first
    response = client.post(VERIFY, {"code": current_code(device), "next": PETITIONS})
    assert response["Location"] == PETITIONS
    assert client.get(PETITIONS).status_code == 200
    assert TOTPDevice.objects.filter(user=role_users["chutich"]).count() == 1


def test_a_wrong_code_is_refused_and_guessing_is_slowed(role_users):
    device = totp_device(role_users["truongban"])
    client = Client()
    password_sign_in(client, "truongban")
    wrong = f"{(int(current_code(device)) + 1) % 1_000_000:06d}"
    response = client.post(VERIFY, {"code": wrong})
    assert response.status_code == 200
    assert _shown("This code is wrong or has expired.") in response.content.decode()
    assert client.get(DESK)["Location"].startswith(VERIFY)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1
    # After n wrong codes even the right one waits 2^(n-1) seconds: after 3, four.
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_count=3, throttling_failure_timestamp=timezone.now()
    )
    response = client.post(VERIFY, {"code": current_code(device)})
    assert response.status_code == 200
    waiting = _shown("Too many wrong codes. Wait %(seconds)s seconds and try again.")
    assert waiting % {"seconds": 4} in response.content.decode()
    assert client.get(DESK).status_code == 302
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=timezone.now() - timedelta(seconds=5)
    )
    assert client.post(VERIFY, {"code": current_code(device)}).status_code == 302
    assert client.get(DESK).status_code == 200


def test_malformed_codes_are_refused_by_the_form(role_users):
    totp_device(role_users["chutich"])
    client = Client()
    password_sign_in(client, "chutich")
    for code in ("", "12345", "abcdef", "123456789"):
        response = client.post(VERIFY, {"code": code})
        assert response.status_code == 200 and response.context["form"].errors
    assert client.get(DESK).status_code == 302


def test_a_code_is_used_once(role_users):
    device = totp_device(role_users["chutich"])
    first, second = Client(), Client()
    password_sign_in(first, "chutich")
    password_sign_in(second, "chutich")
    code = current_code(device)
    assert first.post(VERIFY, {"code": code}).status_code == 302
    assert second.post(VERIFY, {"code": code}).status_code == 200
    assert second.get(DESK).status_code == 302


def test_the_session_is_not_verified_by_another_users_device(role_users):
    client = Client()
    password_sign_in(client, "chutich")
    other = totp_device(role_users["truongban"])
    response = client.post(VERIFY, {"code": current_code(other)})
    assert response.status_code == 302 and response["Location"].startswith(SETUP)
    assert client.get(DESK)["Location"].startswith(SETUP)


def test_a_token_does_not_need_the_second_factor(role_users):
    _token, key = ApiToken.issue(role_users["chutich"], "test")
    response = Client().get(API, HTTP_AUTHORIZATION=f"Token {key}")
    assert response.status_code == 200


def test_without_the_requirement_the_chairman_signs_in_with_a_password(role_users, settings):
    settings.TCD_TOTP_REQUIRED = False
    client = Client()
    password_sign_in(client, "chutich")
    assert client.get(DESK).status_code == 200


def test_an_officer_may_enrol_and_is_then_asked_for_the_code(role_users):
    client = Client()
    password_sign_in(client, "canbo")
    page = client.get(DEVICE).content.decode()
    assert 'id="tcd-setup-link"' in page
    page = client.get(SETUP).content.decode()
    assert client.post(SETUP, {"code": _code_from_page(page)}).status_code == 302
    assert "tcd-setup-link" not in client.get(DEVICE).content.decode()

    client = Client()
    password_sign_in(client, "canbo")
    assert client.get(DESK)["Location"].startswith(VERIFY)


def test_a_user_removes_their_own_app_with_a_current_code(role_users):
    device = totp_device(role_users["canbo"])
    client = Client()
    password_sign_in(client, "canbo")
    client.post(VERIFY, {"code": current_code(device)})
    device = _fresh(device)
    assert client.post(DEVICE, {"code": "000000"}).status_code == 200
    assert TOTPDevice.objects.filter(user=role_users["canbo"]).exists()
    _fresh(device)
    assert client.post(DEVICE, {"code": current_code(device)}).status_code == 302
    assert not TOTPDevice.objects.filter(user=role_users["canbo"]).exists()
    assert client.get(DESK).status_code == 200  # optional for an officer


def test_the_administrator_resets_a_lost_phone(role_users, login):
    totp_device(role_users["chutich"])
    admin = login("quantri")
    response = admin.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [role_users["chutich"].pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=role_users["chutich"]).exists()
    client = Client()
    password_sign_in(client, "chutich")
    assert client.get(DESK)["Location"].startswith(SETUP)


def test_an_administrator_cannot_reset_a_superuser(role_users, superuser, login):
    totp_device(superuser)
    admin = login("quantri")
    admin.post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [superuser.pk]},
    )
    assert TOTPDevice.objects.filter(user=superuser).exists()


def test_the_device_list_never_shows_the_key(role_users, login):
    device = totp_device(role_users["chutich"])
    admin = login("quantri")
    page = admin.get(reverse("admin:otp_totp_totpdevice_change", args=[device.pk]))
    assert page.status_code == 200
    assert device.key not in page.content.decode()
