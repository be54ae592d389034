"""Roles: nobody changes their own, a cleared role waits for a second cleared person,
removals take effect at once, the group list cannot be renamed, and every change is
in the account log."""

import pytest
from django.contrib.auth.models import Group, User
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from tiep_cong_dan.access.grants.constants import AccountChangeKind, GrantState
from tiep_cong_dan.access.grants.models import AccountChange, RoleGrant
from tiep_cong_dan.access.grants.services import (
    GrantRefused,
    confirm_grant,
    refuse_grant,
    set_roles,
)
from tiep_cong_dan.access.roles import roles_of


def _user_form(user: User, **changes) -> dict:
    """The user's form as the desk posts it, with `changes` applied."""
    data = {
        "username": user.username,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "email": user.email,
        "is_active": "on",
        "is_staff": "on",
        "groups": [g.pk for g in user.groups.all()],
        "tcd_scopes-TOTAL_FORMS": 0,
        "tcd_scopes-INITIAL_FORMS": 0,
        "tcd_scopes-MIN_NUM_FORMS": 0,
        "tcd_scopes-MAX_NUM_FORMS": 1000,
    }
    scopes = list(user.tcd_scopes.all())
    data["tcd_scopes-TOTAL_FORMS"] = data["tcd_scopes-INITIAL_FORMS"] = len(scopes)
    for i, scope in enumerate(scopes):
        data.update(
            {
                f"tcd_scopes-{i}-id": scope.pk,
                f"tcd_scopes-{i}-user": user.pk,
                f"tcd_scopes-{i}-unit": scope.unit_id or "",
                f"tcd_scopes-{i}-agency": scope.agency_id or "",
            }
        )
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _group(role: str) -> int:
    return Group.objects.get(name=role).pk


def _fresh(user: User) -> User:
    return User.objects.get(pk=user.pk)


def _change_url(user: User) -> str:
    return reverse("admin:auth_user_change", args=[user.pk])


def _kinds(user: User) -> list[tuple[str, str, str]]:
    return list(
        AccountChange.objects.filter(user=user)
        .exclude(kind=AccountChangeKind.SYSTEM_SETUP)
        .order_by("id")
        .values_list("kind", "role", "actor_name")
    )


def test_an_administrator_cannot_clear_themselves(login, role_users, placed_petitions):
    quantri = role_users["quantri"]
    client = login("quantri")
    page = client.get(_change_url(quantri)).content.decode()
    assert 'name="groups"' not in page and 'name="is_staff"' not in page  # shown, not editable
    response = client.post(
        _change_url(quantri),
        _user_form(
            quantri,
            groups=[_group("administrator"), _group("board_officer")],
            is_staff=None,
            is_superuser="on",
        ),
    )
    assert response.status_code == 302
    quantri = _fresh(quantri)
    assert roles_of(quantri) == {"administrator"}
    assert (quantri.is_staff, quantri.is_superuser) == (True, False)
    assert not RoleGrant.objects.exists()
    with pytest.raises(GrantRefused) as exc:
        set_roles(quantri, ["administrator", "technician"], by=quantri)
    assert exc.value.code == "own_account"
    # Still not cleared: the denouncer stays masked in the list.
    listed = client.get(reverse("admin:tiep_cong_dan_petition_changelist")).content.decode()
    assert placed_petitions["dongkinh_tc"].citizen.full_name not in listed


def test_a_cleared_role_takes_effect_only_when_a_second_person_confirms(login, role_users):
    kythuat = role_users["kythuat"]
    response = login("quantri").post(
        _change_url(kythuat), _user_form(kythuat, groups=[_group("board_officer")]), follow=True
    )
    messages = " ".join(str(m) for m in response.context["messages"])
    assert "Cán bộ Ban Tiếp công dân" in messages and "xác nhận" in messages
    kythuat = _fresh(kythuat)
    # Removing technician took effect; board_officer waits.
    assert roles_of(kythuat) == frozenset()
    grant = RoleGrant.objects.get(user=kythuat)
    assert (grant.role, grant.state, grant.requested_by.username) == (
        "board_officer",
        GrantState.PENDING,
        "quantri",
    )
    client = login("chutich")
    page = client.get(reverse("admin:tiep_cong_dan_rolegrant_change", args=[grant.pk]))
    assert 'name="decision" value="confirm"' in page.content.decode()
    client.post(
        reverse("admin:tiep_cong_dan_rolegrant_decide", args=[grant.pk]), {"decision": "confirm"}
    )
    grant.refresh_from_db()
    assert (grant.state, grant.confirmed_by.username) == (GrantState.CONFIRMED, "chutich")
    assert roles_of(_fresh(kythuat)) == {"board_officer"}
    assert _kinds(kythuat) == [
        (AccountChangeKind.ROLE_REMOVED, "technician", "quantri"),
        (AccountChangeKind.ROLE_REQUESTED, "board_officer", "quantri"),
        (AccountChangeKind.ROLE_CONFIRMED, "board_officer", "chutich"),
    ]


def test_only_a_second_cleared_person_may_decide(login, role_users):
    users = role_users
    grant = set_roles(users["truongban"], ["board_head", "chairman"], by=users["quantri"])[0]
    # The requester, a Board officer and the grantee cannot; the Chairman can.
    for who, reason in (
        ("quantri", "Chỉ Chủ tịch hoặc Trưởng Ban xác nhận"),
        ("canbo", "Chỉ Chủ tịch hoặc Trưởng Ban xác nhận"),
        ("truongban", "Không ai tự xác nhận vai trò cho chính mình"),
    ):
        with pytest.raises(GrantRefused) as exc:
            confirm_grant(grant, by=users[who])
        assert reason in " ".join(exc.value.messages), who
        page = login(who).get(reverse("admin:tiep_cong_dan_rolegrant_change", args=[grant.pk]))
        if page.status_code == 200:
            assert 'value="confirm"' not in page.content.decode()
            assert reason in page.content.decode()
    assert "chairman" not in roles_of(_fresh(users["truongban"]))
    # A Chairman who also administers the system cannot confirm what they asked for.
    chutich = users["chutich"]
    chutich.groups.add(Group.objects.get(name="administrator"))
    chutich = _fresh(chutich)
    other = set_roles(users["vanphong"], ["board_officer"], by=chutich)[0]
    with pytest.raises(GrantRefused) as exc:
        confirm_grant(other, by=chutich)
    assert "Người đề nghị cấp vai trò không được tự quyết định" in " ".join(exc.value.messages)
    confirm_grant(grant, by=chutich)
    assert "chairman" in roles_of(_fresh(users["truongban"]))


def test_a_refusal_needs_its_reason_and_is_logged(login, role_users):
    canbo = role_users["so_nnmt"]
    grant = set_roles(canbo, ["department_officer", "board_officer"], by=role_users["quantri"])[0]
    client = login("truongban")
    url = reverse("admin:tiep_cong_dan_rolegrant_decide", args=[grant.pk])
    response = client.post(url, {"decision": "refuse", "reason": "  "}, follow=True)
    assert "Hãy ghi lý do từ chối.</li>" in response.content.decode()  # beside the reason
    grant.refresh_from_db()
    assert grant.state == GrantState.PENDING
    client.post(url, {"decision": "refuse", "reason": "Không thuộc biên chế Ban."})
    grant.refresh_from_db()
    assert (grant.state, grant.refused_by.username, grant.reason) == (
        GrantState.REFUSED,
        "truongban",
        "Không thuộc biên chế Ban.",
    )
    assert roles_of(_fresh(canbo)) == {"department_officer"}
    entry = AccountChange.objects.get(user=canbo, kind=AccountChangeKind.ROLE_REFUSED)
    assert (entry.actor_name, entry.detail) == ("truongban", "Không thuộc biên chế Ban.")
    with pytest.raises(GrantRefused):
        refuse_grant(grant, by=role_users["chutich"], reason="Hai lần")


def test_removing_clearance_takes_effect_at_once(login, role_users, placed_petitions):
    canbo = role_users["canbo"]
    login("quantri").post(_change_url(canbo), _user_form(canbo, groups=[_group("technician")]))
    assert roles_of(_fresh(canbo)) == {"technician"}
    assert not RoleGrant.objects.exists()
    assert _kinds(canbo) == [
        (AccountChangeKind.ROLE_REMOVED, "board_officer", "quantri"),
        (AccountChangeKind.ROLE_GRANTED, "technician", "quantri"),
    ]


def test_desk_access_and_email_changes_are_logged(login, role_users):
    kythuat = role_users["kythuat"]
    login("quantri").post(
        _change_url(kythuat), _user_form(kythuat, is_active=None, email="kt@example.vn")
    )
    entry = AccountChange.objects.get(user=kythuat, kind=AccountChangeKind.ACCOUNT_CHANGED)
    assert entry.detail == (
        "is_active: True → False; email: kythuat@langson.gov.vn → kt@example.vn"
    )


def test_the_database_refuses_a_grant_to_oneself_or_its_confirmation_by_the_requester(
    role_users,
):
    quantri, chutich = role_users["quantri"], role_users["chutich"]
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(user=quantri, role="board_officer", requested_by=quantri)
    with pytest.raises(IntegrityError), transaction.atomic():
        RoleGrant.objects.create(
            user=role_users["kythuat"],
            role="board_officer",
            requested_by=chutich,
            confirmed_by=chutich,
            state=GrantState.CONFIRMED,
        )


def test_roles_cannot_be_renamed_or_added(login):
    client = login("quantri")
    group = Group.objects.get(name="technician")
    url = reverse("admin:auth_group_change", args=[group.pk])
    assert client.get(url).status_code == 200  # read
    assert client.post(url, {"name": "board_officer_2"}).status_code == 403
    assert client.get(reverse("admin:auth_group_add")).status_code == 403
    assert Group.objects.get(pk=group.pk).name == "technician"


def test_the_account_log_is_append_only(role_users):
    entry = AccountChange.objects.filter(kind=AccountChangeKind.SYSTEM_SETUP).first()
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        AccountChange.objects.all().update(detail="")
    with pytest.raises(ValidationError):
        entry.delete()


def test_the_demo_users_command_says_it_sets_roles_without_confirmation(role_users):
    entry = AccountChange.objects.get(
        user=role_users["chutich"], kind=AccountChangeKind.SYSTEM_SETUP
    )
    assert (entry.role, entry.actor_name) == ("chairman", "")
    assert entry.detail.startswith("create_demo_users:")


def test_the_log_and_the_requests_are_read_by_those_who_answer_for_them(login, role_users):
    set_roles(role_users["kythuat"], ["chairman"], by=role_users["quantri"])
    lists = {
        "rolegrant": reverse("admin:tiep_cong_dan_rolegrant_changelist"),
        "accountchange": reverse("admin:tiep_cong_dan_accountchange_changelist"),
    }
    expected = {
        "quantri": (200, 200),
        "truongban": (200, 200),
        "chutich": (200, 403),
        "canbo": (403, 403),
        "xa_dongkinh": (403, 403),
    }
    for username, codes in expected.items():
        client = login(username)
        got = tuple(client.get(url).status_code for url in lists.values())
        assert got == codes, username


def test_the_first_chairman_is_set_up_by_a_command_only_while_nobody_can_confirm(role_users):
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="chutich, truongban"):
        call_command("grant_first_clearance", "kythuat", "chairman")
    User.objects.filter(username__in=["chutich", "truongban"]).update(is_active=False)
    call_command("grant_first_clearance", "kythuat", "chairman")
    kythuat = _fresh(role_users["kythuat"])
    assert "chairman" in roles_of(kythuat)
    entry = AccountChange.objects.filter(user=kythuat).latest("id")
    assert (entry.kind, entry.role, entry.actor_name) == (
        AccountChangeKind.SYSTEM_SETUP,
        "chairman",
        "",
    )
    assert entry.detail.startswith("grant_first_clearance:")


def test_a_cleared_accounts_address_and_dormancy_are_not_one_administrators_to_change(
    login, role_users
):
    canbo = role_users["canbo"]
    client = login("quantri")
    client.post(_change_url(canbo), _user_form(canbo, email="toi@example.vn", is_active=None))
    canbo = _fresh(canbo)
    # Switching the account off is safe and takes effect; the reset links' address stays.
    assert (canbo.email, canbo.is_active) == ("canbo@langson.gov.vn", False)
    client.post(_change_url(canbo), _user_form(canbo, is_active="on"))
    assert not _fresh(canbo).is_active  # reviving clearance needs a second person
    # Without the cleared role, the account is an ordinary one again.
    client.post(_change_url(canbo), _user_form(canbo, groups=[], is_active=None))
    client.post(_change_url(canbo), _user_form(_fresh(canbo), groups=[], is_active="on"))
    assert _fresh(canbo).is_active and roles_of(_fresh(canbo)) == frozenset()
