"""Typed text within the limits the forms are made for, normalised the same way on
every path: a petition's content of 2 MB, a name written right-to-left or with
zero-width characters, in model validation, the desk form, the API and the import."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from tiep_cong_dan.core.validators import LONG_TEXT
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.petition.models import Petition

from ...api.test_api import client_for
from ...conftest import make_citizen, make_petition, new_unit, sign_in
from .test_petition_desk import URL, _form

TWO_MB = "Nội dung đơn. " * 150_000  # about 2 MB of UTF-8
TOO_LONG = f"Nhập tối đa {LONG_TEXT} ký tự"


def test_model_validation_refuses_two_megabytes_of_content(role_users):
    petition = make_petition(new_unit("05977"), make_citizen(new_unit("05977"), "An", ""))
    petition.content = TWO_MB
    with pytest.raises(ValidationError) as exc:
        petition.full_clean()
    assert list(exc.value.error_dict) == ["content"]
    assert exc.value.messages[0].startswith(TOO_LONG)


def test_a_name_is_stored_without_bidi_or_zero_width_characters(master_data):
    citizen = make_citizen(new_unit("05977"), "Hoa\u0300ng \u202eVăn\u202c\u200b  An", "")
    assert Citizen.objects.get(pk=citizen.pk).full_name == "Hoàng Văn An"
    blank = Citizen(full_name="\u200b\u202e", address="x", residence_unit=new_unit("05977"))
    with pytest.raises(ValidationError) as exc:
        blank.full_clean()
    assert "full_name" in exc.value.error_dict  # nothing visible is no name


def test_the_desk_form_shows_the_limit_and_registers_nothing(client, role_users):
    unit = new_unit("05977")
    citizen = make_citizen(unit, "Hoàng Văn An", "020090000801")
    sign_in(client, "canbo")
    page = client.post(reverse(URL), _form(citizen, unit, content="x" * (LONG_TEXT + 1)))
    assert page.status_code == 200 and TOO_LONG in page.content.decode()
    assert not Petition.objects.exists()
    saved = client.post(reverse(URL), _form(citizen, unit, summary="Khiếu\u202e nại\u200b"))
    assert saved.status_code == 302
    assert Petition.objects.get().summary == "Khiếu nại"


def test_the_api_holds_text_to_the_same_limits(role_users):
    board = client_for(role_users["canbo"])
    unit = new_unit("05977")
    citizen = {
        "full_name": "\u2067Nông\u2069 Thị\u200b Hoa",
        "id_kind": "cccd",
        "id_number": "",
        "address": "thôn\u00a0Bản Nầng",
        "residence_unit": unit.pk,
    }
    created = board.post("/api/v1/citizens/", citizen, format="json")
    assert created.status_code == 201, created.json()
    assert (created.json()["full_name"], created.json()["address"]) == (
        "Nông Thị Hoa",
        "thôn Bản Nầng",
    )
    petition = {
        "received_date": "2026-03-02",
        "channel": "written",
        "kind": "complaint",
        "citizen": created.json()["id"],
        "summary": "Khiếu nại",
        "content": "x" * (LONG_TEXT + 1),
        "matter_unit": unit.pk,
    }
    refused = board.post("/api/v1/petitions/", petition, format="json")
    assert refused.status_code == 400
    assert refused.json()["errors"] == {"content": [f"Nhập tối đa {LONG_TEXT} ký tự."]}
    long_name = board.post("/api/v1/citizens/", {**citizen, "full_name": "A" * 121}, format="json")
    assert long_name.json()["errors"] == {"full_name": ["Nhập tối đa 120 ký tự."]}
    # a body larger than Django reads at all is refused before any field is looked at
    huge = board.post("/api/v1/petitions/", {**petition, "content": TWO_MB * 2}, format="json")
    assert huge.status_code == 400
    assert huge.json() == {"code": "parse_error", "message": "Nội dung yêu cầu quá lớn để xử lý."}
    assert not Petition.objects.exists()
