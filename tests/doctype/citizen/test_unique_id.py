"""One record per identity paper, enforced by the database on MariaDB as well (a
conditional unique constraint is not created there): the form, the service, the API and
parallel registrations all end with one row and the form's own message."""

import re
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.citizen.services import record_citizen

from ...conftest import ensure_master_data, new_unit

MESSAGE = "Đã có công dân được ghi nhận với loại giấy tờ và số giấy tờ này."


def _person(number: str, name: str = "Hà Thị Lan", kind: str = "cccd") -> Citizen:
    return Citizen(
        full_name=name,
        id_kind=kind,
        id_number=number,
        address="thôn Nà Làng",
        residence_unit=new_unit("05977"),
    )


def test_the_database_refuses_a_second_record_of_one_paper(master_data):
    # given a recorded citizen
    Citizen.objects.create(**_fields(_person("020090000011")))
    # when a second row with the same paper is written past every check
    with pytest.raises(IntegrityError), transaction.atomic():
        Citizen.objects.create(**_fields(_person("020090000011", "Người khác")))
    # then only blank numbers, and the same number on another kind of paper, may repeat
    Citizen.objects.create(**_fields(_person("")))
    Citizen.objects.create(**_fields(_person("")))
    Citizen.objects.create(**_fields(_person("020090000011", kind="other")))
    assert Citizen.objects.filter(id_number="020090000011").count() == 2
    assert Citizen.objects.filter(id_number="").count() == 2


def _fields(citizen: Citizen) -> dict:
    return {
        f.name: getattr(citizen, f.name)
        for f in Citizen._meta.concrete_fields
        if not f.primary_key and not f.generated and f.name != "created_at"
    }


def test_the_form_check_names_the_id_number_field(master_data):
    record_citizen(_person("020090000012"))
    with pytest.raises(ValidationError) as exc:
        _person("020090000012", "Người khác").full_clean()
    errors = exc.value.error_dict
    assert list(errors) == ["id_number"]
    assert errors["id_number"][0].code == "id_number_taken"
    with pytest.raises(ValidationError) as again:
        record_citizen(_person("020090000012", "Người khác"))
    assert again.value.message_dict == {"id_number": [MESSAGE]}


def test_the_desk_form_names_the_holder_beside_the_number(login):
    holder = record_citizen(_person("020090000013"))
    page = login("canbo").post(
        reverse("admin:tiep_cong_dan_citizen_add"),
        {
            "full_name": "Người khác",
            "id_kind": "cccd",
            "id_number": "020090000013",
            "address": "khối 3",
            "residence_unit": new_unit("05977").pk,
            "petitions-TOTAL_FORMS": 0,
            "petitions-INITIAL_FORMS": 0,
        },
    )
    html = page.content.decode()
    assert page.status_code == 200 and "Constraint" not in html
    url = reverse("admin:tiep_cong_dan_citizen_change", args=[holder.pk])
    errors = re.findall(r'<ul class="errorlist[^"]*"[^>]*>(.*?)</ul>', html, re.S)
    assert any(
        "Số giấy tờ này đã được ghi cho công dân" in e and f'<a href="{url}">Hà Thị Lan</a>' in e
        for e in errors
    ), errors
    # beside the number: the error list sits in the ID number's field
    assert re.search(r"id_number.{0,3000}Số giấy tờ này đã được ghi cho công dân", html, re.S)
    assert Citizen.objects.filter(id_number="020090000013").count() == 1


def test_a_holder_the_user_may_not_see_is_not_named(login, role_users):
    """Given a denouncer recorded with a paper, when an officer not cleared for
    denouncers... a commune officer may not add citizens; the rule is asked through
    the message builder with a user who cannot see the holder."""
    from django.test import RequestFactory
    from tiep_cong_dan.doctype.citizen.duplicates import taken_message

    holder = record_citizen(_person("020090000016", "Lục Văn Tố"))
    request = RequestFactory().get("/")
    request.user = role_users["so_nnmt"]  # a department: the holder is none of its cases
    text = taken_message(request, _person("020090000016", "Người khác"))
    assert "Lục Văn Tố" not in text and "<a" not in text
    assert "không có quyền xem" in text
    request.user = role_users["canbo"]
    assert "Lục Văn Tố" in taken_message(request, _person("020090000016", "Người khác"))
    assert holder.pk


def test_the_api_names_the_field_and_the_code(role_users):
    from ...api.test_api import client_for

    record_citizen(_person("020090000017"))
    board = client_for(role_users["canbo"])
    payload = {
        "full_name": "Người khác",
        "id_kind": "cccd",
        "id_number": "020090000017",
        "address": "khối 3",
        "residence_unit": new_unit("05977").pk,
    }
    response = board.post("/api/v1/citizens/", payload, format="json")
    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["field"]) == ("id_number_taken", "id_number")
    assert body["message"] == MESSAGE and body["errors"] == {"id_number": [MESSAGE]}


def test_every_unique_constraint_refuses_in_words_at_a_field(role_users):
    """Given two hearings of a session, when the second is given the first's place,
    the refusal names the place in Vietnamese beside it, not Django's English."""
    from tiep_cong_dan.doctype.reception_session.models import AgendaItem

    from ...workflow.conftest import approved_petitions

    first, second = approved_petitions(role_users)
    import datetime

    from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

    session = ReceptionSession.objects.create(
        kind="periodic",
        date=datetime.date(2026, 3, 16),
        presiding_official="Chủ tịch UBND tỉnh",
        host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
    )
    AgendaItem.objects.create(session=session, position=1, petition=first, mode="online")
    again = AgendaItem(session=session, position=1, petition=second, mode="online")
    with pytest.raises(ValidationError) as exc:
        again.validate_constraints()
    assert list(exc.value.message_dict) == ["position"]
    (message,) = exc.value.message_dict["position"]
    assert message.startswith("Đã có") and "Constraint" not in message and "already" not in message


def test_the_service_turns_a_lost_race_into_the_forms_message(master_data, monkeypatch):
    # given a registration whose check passed before another one saved the same paper
    record_citizen(_person("020090000014"))
    monkeypatch.setattr(Citizen, "validate_constraints", lambda self, exclude=None: None)
    # when it saves, the database refuses it and the service says why
    with pytest.raises(ValidationError) as exc:
        record_citizen(_person("020090000014", "Người khác"))
    assert exc.value.message_dict == {"id_number": [MESSAGE]}
    assert Citizen.objects.filter(id_number="020090000014").count() == 1


@pytest.mark.django_db(transaction=True)
def test_six_parallel_registrations_of_one_paper_leave_one_row():
    ensure_master_data()
    refused: list[ValidationError] = []
    other: list[BaseException] = []
    barrier = threading.Barrier(6)

    def register(i: int) -> None:
        try:
            barrier.wait()
            record_citizen(_person("020090000015", f"Công dân {i}"))
        except ValidationError as exc:
            refused.append(exc)
        except BaseException as exc:  # reported below
            other.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=register, args=(i,)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert other == []
    assert Citizen.objects.filter(id_number="020090000015").count() == 1
    assert len(refused) == 5
    assert all(e.message_dict == {"id_number": [MESSAGE]} for e in refused)
