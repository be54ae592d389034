"""The access log is read by administrators only, filtered by kind, user and date, and
nobody changes it: not in the desk, not through the ORM."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess

LIST = reverse("admin:tiep_cong_dan_confidentialaccess_changelist")


@pytest.fixture
def logged(login, placed_petitions):
    """canbo opened a complaint's citizen (personal) and the denouncer (confidential);
    chutich opened the complaint's citizen."""
    citizen = placed_petitions["dongkinh"].citizen
    denouncer = placed_petitions["dongkinh_tc"].citizen
    for user, pk in (("canbo", citizen.pk), ("canbo", denouncer.pk), ("chutich", citizen.pk)):
        login(user).get(reverse("admin:tiep_cong_dan_citizen_change", args=[pk]))
    assert ConfidentialAccess.objects.count() == 3


def _shown(response) -> list[ConfidentialAccess]:
    assert response.status_code == 200
    return list(response.context_data["cl"].result_list)


def test_only_administrators_read_the_log(login, logged):
    for user in ("canbo", "truongban", "chutich", "vanphong", "xa_dongkinh", "kythuat"):
        assert login(user).get(LIST).status_code == 403, user
    entry = ConfidentialAccess.objects.first()
    change = reverse("admin:tiep_cong_dan_confidentialaccess_change", args=[entry.pk])
    assert login("canbo").get(change).status_code == 403
    admin = login("quantri")
    assert len(_shown(admin.get(LIST))) == 3
    assert admin.get(change).status_code == 200


def test_the_administrator_filters_by_kind_user_and_date(login, role_users, logged):
    admin = login("quantri")
    personal = _shown(admin.get(LIST, {"kind__exact": AccessKind.PERSONAL}))
    assert len(personal) == 2 and {e.kind for e in personal} == {AccessKind.PERSONAL}
    mine = _shown(admin.get(LIST, {"user__id__exact": role_users["canbo"].pk}))
    assert {e.user.username for e in mine} == {"canbo"} and len(mine) == 2
    both = _shown(
        admin.get(
            LIST,
            {"kind__exact": AccessKind.CONFIDENTIAL, "user__id__exact": role_users["canbo"].pk},
        )
    )
    assert len(both) == 1
    entry = ConfidentialAccess.objects.first()
    day = entry.at.astimezone().strftime("%d/%m/%Y")
    assert admin.get(LIST, {"at_from_0": day, "at_to_0": day}).status_code == 200
    # The user filter finds people by login as one types.
    found = admin.get(
        reverse("admin:autocomplete"),
        {
            "term": "canbo",
            "app_label": "tiep_cong_dan",
            "model_name": "confidentialaccess",
            "field_name": "user",
        },
    )
    assert [r["text"] for r in found.json()["results"]] == ["canbo"]


def test_nobody_changes_or_deletes_an_entry(login, logged):
    entry = ConfidentialAccess.objects.first()
    change = reverse("admin:tiep_cong_dan_confidentialaccess_change", args=[entry.pk])
    admin = login("quantri")
    assert admin.post(change, {"fields": "nothing"}).status_code == 403
    delete = reverse("admin:tiep_cong_dan_confidentialaccess_delete", args=[entry.pk])
    assert admin.post(delete, {"post": "yes"}).status_code == 403
    entry.fields = "nothing"
    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        ConfidentialAccess.objects.update(fields="nothing")
    with pytest.raises(ValidationError):
        ConfidentialAccess.objects.all().delete()
    assert ConfidentialAccess.objects.count() == 3


def test_the_log_names_types_and_fields_in_vietnamese(login, logged):
    page = login("quantri").get(LIST, {"object_type": "citizen"})
    assert len(_shown(page)) == 3
    text = page.content.decode()
    assert "Công dân" in text and "số giấy tờ" in text and "id_number" not in text
