"""An administrator never sets another user's password: a one-time password the user
replaces at the next sign-in, or a reset link to the user's own address, both
logged; an administrator's own password is changed on the own password page."""

import re

from django.contrib.auth.models import User
from django.core import mail
from django.test import Client
from django.urls import reverse
from tiep_cong_dan.access.accounts.accounts import password_change_due
from tiep_cong_dan.access.accounts.models import OneTimePassword
from tiep_cong_dan.access.grants.constants import AccountChangeKind
from tiep_cong_dan.access.grants.models import AccountChange
from tiep_cong_dan.access.grants.services import set_roles

from ..conftest import PASSWORD, sign_in


def _password_url(user: User) -> str:
    return reverse("admin:auth_user_password_change", args=[user.pk])


def _log(user: User) -> list[tuple[str, str]]:
    return list(
        AccountChange.objects.filter(user=user)
        .exclude(kind=AccountChangeKind.SYSTEM_SETUP)
        .order_by("id")
        .values_list("kind", "actor_name")
    )


def test_an_administrator_can_no_longer_set_the_chairmans_password(login, role_users):
    chutich = role_users["chutich"]
    client = login("quantri")
    page = client.get(_password_url(chutich)).content.decode()
    assert 'name="password1"' not in page
    assert 'name="way" value="one_time"' not in page  # cleared: the link only
    assert 'name="way" value="link"' in page
    # Django's form, posted anyway, sets nothing.
    posted = client.post(
        _password_url(chutich), {"password1": "Chiem-quyen-2026", "password2": "Chiem-quyen-2026"}
    )
    assert posted.status_code == 400
    refused = client.post(_password_url(chutich), {"way": "one_time"}, follow=True)
    assert [str(m) for m in refused.context["messages"]] == [
        "chutich giữ hoặc đang chờ xác nhận vai trò được xem danh tính người tố cáo: hãy gửi "
        "liên kết đặt lại mật khẩu đến địa chỉ thư điện tử của chính người đó."
    ]
    chutich = User.objects.get(pk=chutich.pk)
    assert chutich.check_password(PASSWORD)
    assert not OneTimePassword.objects.filter(user=chutich).exists()
    assert _log(chutich) == []


def test_the_reset_link_goes_to_the_user_alone_and_works_once(login, role_users):
    chutich = role_users["chutich"]
    response = login("quantri").post(_password_url(chutich), {"way": "link"}, follow=True)
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["chutich@langson.gov.vn"]
    link = re.search(r"https?://\S+/desk/password-reset/\S+/", mail.outbox[0].body).group(0)
    path = link.split("127.0.0.1:8000", 1)[-1]
    assert path.split("/")[-2] not in response.content.decode()  # the token is not shown
    assert _log(chutich) == [(AccountChangeKind.RESET_LINK, "quantri")]
    visitor = Client()
    form = visitor.get(path, follow=True)
    assert 'name="new_password1"' in form.content.decode()
    done = visitor.post(
        form.redirect_chain[-1][0],
        {"new_password1": "Chu-tich-rieng-2026", "new_password2": "Chu-tich-rieng-2026"},
    )
    assert done.status_code == 302 and done.url == reverse("admin:login")
    assert User.objects.get(pk=chutich.pk).check_password("Chu-tich-rieng-2026")
    assert _log(chutich)[-1] == (AccountChangeKind.PASSWORD_SET, "chutich")
    again = Client().get(path, follow=True).content.decode()
    assert 'id="tcd-reset-invalid"' in again


def test_a_link_needs_an_address(login, role_users):
    kythuat = role_users["kythuat"]
    User.objects.filter(pk=kythuat.pk).update(email="")
    response = login("quantri").post(_password_url(kythuat), {"way": "link"}, follow=True)
    assert "chưa có địa chỉ thư điện tử" in " ".join(str(m) for m in response.context["messages"])
    assert mail.outbox == [] and _log(kythuat) == []


def test_a_one_time_password_must_be_replaced_at_the_next_sign_in(login, role_users):
    commune = role_users["xa_dongkinh"]
    response = login("quantri").post(_password_url(commune), {"way": "one_time"})
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    issued = re.search(r'id="tcd-one-time-password"[^>]*>([^<]+)<', response.content.decode())
    issued = issued.group(1)
    assert User.objects.get(pk=commune.pk).check_password(issued)
    assert _log(commune) == [(AccountChangeKind.ONE_TIME_PASSWORD, "quantri")]
    # Signed in with it, the user reaches only the own password page.
    client = sign_in(Client(), "xa_dongkinh", issued)
    desk = client.get(reverse("admin:tiep_cong_dan_petition_changelist"))
    assert desk.status_code == 302 and desk.url == reverse("admin:password_change")
    api = client.get("/api/v1/petitions/")
    assert api.status_code == 401 and api.json()["code"] == "not_authenticated"
    same = client.post(
        reverse("admin:password_change"),
        {"old_password": issued, "new_password1": issued, "new_password2": issued},
    )
    assert "không dùng lại mật khẩu được cấp" in same.content.decode()
    client.post(
        reverse("admin:password_change"),
        {
            "old_password": issued,
            "new_password1": "Bau-troi-xanh-8426",
            "new_password2": "Bau-troi-xanh-8426",
        },
    )
    commune = User.objects.get(pk=commune.pk)
    assert commune.check_password("Bau-troi-xanh-8426") and not password_change_due(commune)
    assert client.get(reverse("admin:tiep_cong_dan_petition_changelist")).status_code == 200


def test_a_user_awaiting_clearance_gets_the_link_only(login, role_users):
    kythuat = role_users["kythuat"]
    set_roles(kythuat, ["technician", "board_officer"], by=role_users["quantri"])
    page = login("quantri").get(_password_url(kythuat)).content.decode()
    assert 'name="way" value="one_time"' not in page


def test_an_administrator_changes_their_own_password_on_the_own_page(login, role_users):
    client = login("quantri")
    own = client.get(_password_url(role_users["quantri"]))
    assert own.status_code == 302 and own.url == reverse("admin:password_change")
    assert 'name="old_password"' in client.get(own.url).content.decode()


def test_a_new_accounts_typed_password_is_a_one_time_password(login):
    client = login("quantri")
    client.post(
        reverse("admin:auth_user_add"),
        {
            "username": "canbo2",
            "usable_password": "true",
            "password1": PASSWORD,
            "password2": PASSWORD,
            "tcd_scopes-TOTAL_FORMS": 0,
            "tcd_scopes-INITIAL_FORMS": 0,
        },
    )
    user = User.objects.get(username="canbo2")
    assert password_change_due(user)
    assert _log(user) == [(AccountChangeKind.ONE_TIME_PASSWORD, "quantri")]


def test_resetting_a_second_factor_is_logged(login, role_users):
    from ..conftest import totp_device

    truongban = role_users["truongban"]
    totp_device(truongban)
    login("quantri").post(
        reverse("admin:auth_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [truongban.pk]},
    )
    assert _log(truongban) == [(AccountChangeKind.TWO_FACTOR_RESET, "quantri")]


def test_the_api_offers_no_way_to_change_roles_or_passwords(role_users):
    from rest_framework.test import APIClient

    schema = APIClient().get("/api/v1/schema/?format=json").json()
    assert not [p for p in schema["paths"] if re.search(r"user|group|password|role", p)]
    written = set()
    for component in schema["components"]["schemas"].values():
        for name, prop in (component.get("properties") or {}).items():
            if not prop.get("readOnly"):
                written.add(name)
    assert not written & {"groups", "password", "is_superuser", "is_staff", "user_permissions"}
