"""Lockout after repeated failed sign-ins (django-axes), per login name and address."""

from axes.models import AccessAttempt, AccessFailureLog
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from .conftest import password_sign_in

WRONG = "Wrong-password-2026"


def _lockout_message() -> str:
    with translation.override("vi"):
        return _(
            "Too many failed sign-in attempts for this account from your address. "
            "Try again in %(minutes)s minutes, or ask an administrator to unlock it."
        ) % {"minutes": 15}


def _fail(client: Client, username: str, times: int, **extra):
    response = None
    for _attempt in range(times):
        response = password_sign_in(client, username, WRONG, **extra)
    return response


def test_a_lock_is_per_login_name_and_address():
    # The defaults (5 failures, 15 minutes) are checked on the production settings.
    assert settings.AXES_LOCKOUT_PARAMETERS == [["username", "ip_address"]]


def test_the_fifth_failure_locks_even_the_right_password_out(role_users):
    client = Client()
    response = _fail(client, "canbo", 4)
    assert response.status_code == 200  # the form again, with its error
    response = _fail(client, "canbo", 1)
    assert response.status_code == 429
    page = response.content.decode()
    assert _lockout_message() in page
    assert 'id="tcd-locked-out"' in page
    assert response["Retry-After"] == str(15 * 60)
    response = password_sign_in(client, "canbo")
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session
    assert AccessFailureLog.objects.filter(username="canbo", locked_out=True).exists()


def test_a_success_clears_the_failures(role_users):
    client = Client()
    _fail(client, "canbo", 4)
    assert password_sign_in(client, "canbo").status_code == 302
    assert not AccessAttempt.objects.filter(username="canbo").exists()
    client.logout()
    assert _fail(client, "canbo", 4).status_code == 200
    assert password_sign_in(client, "canbo").status_code == 302


def test_the_lock_holds_one_name_at_one_address(role_users):
    _fail(Client(), "canbo", 5, REMOTE_ADDR="198.51.100.7")
    assert password_sign_in(Client(), "canbo", REMOTE_ADDR="198.51.100.7").status_code == 429
    # The same official elsewhere, and another official at that address, still sign in.
    assert password_sign_in(Client(), "canbo", REMOTE_ADDR="198.51.100.8").status_code == 302
    assert password_sign_in(Client(), "vanphong", REMOTE_ADDR="198.51.100.7").status_code == 302


def test_spelling_the_name_differently_does_not_buy_more_guesses(role_users):
    client = Client()
    for spelling in ("canbo", "CanBo", "CANBO", " canbo", "cánbo"):
        password_sign_in(client, spelling, WRONG)
    assert password_sign_in(client, "canbo").status_code == 429
    assert set(AccessAttempt.objects.values_list("username", flat=True)) == {"canbo"}


def test_a_forwarded_address_is_ignored_unless_the_proxy_is_ours(role_users, settings):
    settings.TCD_TRUST_X_FORWARDED_FOR = False
    for n in range(5):
        password_sign_in(Client(), "canbo", WRONG, HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert password_sign_in(Client(), "canbo").status_code == 429
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


def test_behind_our_proxy_the_address_it_saw_counts(role_users, settings):
    settings.TCD_TRUST_X_FORWARDED_FOR = True
    # Whatever the client puts on the left, our proxy appends the address it saw.
    for n in range(5):
        forged = f"10.9.9.{n}, 203.0.113.5"
        password_sign_in(Client(), "canbo", WRONG, HTTP_X_FORWARDED_FOR=forged)
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.5"}
    locked = password_sign_in(Client(), "canbo", HTTP_X_FORWARDED_FOR="203.0.113.5")
    assert locked.status_code == 429
    other = password_sign_in(Client(), "canbo", HTTP_X_FORWARDED_FOR="203.0.113.6")
    assert other.status_code == 302


def test_the_administrator_sees_and_lifts_a_lockout(role_users, login):
    _fail(Client(), "canbo", 5)
    admin = login("quantri")
    changelist = reverse("admin:axes_accessattempt_changelist")
    page = admin.get(changelist).content.decode()
    assert "canbo" in page
    attempt = AccessAttempt.objects.get(username="canbo")
    response = admin.post(
        changelist, {"action": "unlock", "_selected_action": [attempt.pk]}, follow=True
    )
    assert response.status_code == 200
    assert not AccessAttempt.objects.exists()
    assert password_sign_in(Client(), "canbo").status_code == 302


def test_other_roles_cannot_see_lockouts(role_users, login):
    _fail(Client(), "vanphong", 5)
    for username in ("canbo", "truongban", "chutich"):
        client = login(username)
        assert client.get(reverse("admin:axes_accessattempt_changelist")).status_code == 403
