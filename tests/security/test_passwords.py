"""The password policy: 12 characters, letters and digits, not like the user's own
details, not a common or all-digit password; messages in Vietnamese."""

import pytest
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from tiep_cong_dan.demo.users import create_demo_users, generate_password

from ..conftest import PASSWORD


def _refusals(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return [e.code for e in error.error_list]
    return []


@pytest.mark.parametrize(
    ("password", "codes"),
    [
        ("Ngan-2026", ["password_too_short"]),
        ("khongcochuso-nao", ["password_letters_and_digits"]),
        ("202620262026", ["password_entirely_numeric", "password_letters_and_digits"]),
        ("password1234", ["password_too_common"]),
        ("Tiep-cong-dan-2026", []),
        ("Lạng-Sơn-15-tháng", []),  # Vietnamese letters are letters
    ],
)
def test_the_policy(password, codes):
    assert sorted(_refusals(password)) == sorted(codes)


def test_a_password_like_the_users_own_name_is_refused(db):
    user = User(username="hoangvanhung2026", first_name="Hùng", last_name="Hoàng Văn")
    assert _refusals("hoangvanhung2026", user) == ["password_too_similar"]


def _messages(password: str) -> list[str]:
    try:
        validate_password(password)
    except ValidationError as error:
        return error.messages
    return []


def test_the_messages_come_from_the_vietnamese_catalogue():
    with translation.override("vi"):
        assert _messages("password1234") == ["Mật khẩu này quá phổ biến."]
        assert _messages("202620262026") == [
            "Mật khẩu này hoàn toàn là số.",
            _("The password must contain both letters and digits."),
        ]
        # Django's own message for this one has a msgid its Vietnamese catalogue lacks.
        assert _messages("Ngan-2026") == [
            _("This password is too short: it must have at least %(min_length)d characters.")
            % {"min_length": 12}
        ]


def test_demo_passwords_pass_the_policy(master_data):
    for _attempt in range(200):
        candidate = generate_password()
        assert _refusals(candidate) == []
    password, rows = create_demo_users()
    assert len(rows) == 10
    for user in User.objects.filter(username__in=[r[0] for r in rows]):
        assert _refusals(password, user) == []
        assert user.check_password(password)


def test_a_weak_demo_password_is_refused(master_data):
    with pytest.raises(ValidationError):
        create_demo_users("short1")


def test_the_desk_refuses_a_weak_new_password(login):
    client = login("quantri")

    def add(password: str):
        return client.post(
            reverse("admin:auth_user_add"),
            {
                "username": "canbo2",
                "usable_password": "true",
                "password1": password,
                "password2": password,
                "tcd_scopes-TOTAL_FORMS": 0,
                "tcd_scopes-INITIAL_FORMS": 0,
            },
        )

    response = add("abc12345")
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["password2"]
    assert not User.objects.filter(username="canbo2").exists()
    assert add(PASSWORD).status_code == 302
    assert User.objects.get(username="canbo2").check_password(PASSWORD)
