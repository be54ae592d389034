"""Duplicate registrations (issue 19): the warning at registration (desk and API) with
the likely duplicates the user may see, the step voiding a petition as a duplicate of
another (Board only), and its absence from every figure."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from tiep_cong_dan.access.models import ConfidentialAccess
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.duplicates import (
    SAME_ID_NUMBER,
    SAME_NAME_ADDRESS,
    SIMILAR_CONTENT,
    likely_duplicates,
    similarity,
)
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.petition.services import void_as_duplicate
from tiep_cong_dan.exports.records import collect
from tiep_cong_dan.print_format.context.register import register_petitions
from tiep_cong_dan.reporting.figures import compute
from tiep_cong_dan.workflow import TransitionRefused, timeline

from ...api.test_api import client_for
from ...conftest import make_citizen, make_petition, new_unit, sign_in

TODAY = timezone.localdate()
CONTENT = (
    "Gia đình tôi có thửa đất số 125 tờ bản đồ số 7 tại thôn Nà Làng bị Ủy ban nhân dân "
    "xã thu hồi để làm đường nhưng mức bồi thường thấp hơn giá thị trường, đề nghị xem "
    "xét lại quyết định thu hồi đất và phương án bồi thường."
)


def _petition(citizen, unit, *, kind=PetitionKind.COMPLAINT, received=TODAY, content=CONTENT):
    p = make_petition(unit, citizen, kind=kind, received=received)
    Petition.objects.filter(pk=p.pk).update(content=content)
    p.refresh_from_db()
    return p


def _draft(citizen, unit, **extra):
    fields = {
        "citizen": citizen,
        "received_date": TODAY,
        "matter_unit": unit,
        "kind": PetitionKind.COMPLAINT,
        "summary": "Khiếu nại quyết định thu hồi đất",
        "content": CONTENT,
        **extra,
    }
    return Petition(**fields)


@pytest.fixture
def dk():
    return new_unit("05977")


def test_similarity_folds_accents_and_tells_matters_apart():
    assert similarity(CONTENT, CONTENT.upper()) == 1.0
    unaccented = "gia dinh toi co thua dat so 125 to ban do so 7 tai thon na lang bi uy ban"
    assert similarity(CONTENT, unaccented) > 0.5
    other = "Tố cáo cán bộ địa chính xã nhận tiền của người dân khi làm sổ đỏ năm 2025."
    assert similarity(CONTENT, other) < 0.2


def test_same_id_number_is_a_likely_duplicate(role_users, dk):
    """000345 and 000346: the same citizen, content and day."""
    citizen = make_citizen(dk, "Hoàng Văn An", "020090000001")
    first = _petition(citizen, dk)
    # The same person recorded again as a second citizen with the same number is
    # impossible (unique), so a second record of another paper kind stands for it.
    matches = likely_duplicates(_draft(citizen, dk), role_users["canbo"])
    assert [m.petition for m in matches] == [first]
    assert SAME_ID_NUMBER in matches[0].reasons and SIMILAR_CONTENT in matches[0].reasons


def test_same_name_and_address_without_a_paper_is_a_likely_duplicate(role_users, dk):
    known = make_citizen(dk, "Hoàng Văn An", "020090000001")
    first = _petition(known, dk, content="Đề nghị cấp giấy chứng nhận quyền sử dụng đất.")
    again = Citizen(
        full_name="HOANG VAN AN",  # typed without accents, in capitals, no paper
        address=known.address.replace(",", " ,"),
        residence_unit=dk,
    )
    again.full_clean()
    again.save()
    matches = likely_duplicates(_draft(again, dk), role_users["canbo"])
    assert [(m.petition, m.reasons) for m in matches] == [(first, (SAME_NAME_ADDRESS,))]


def test_similar_content_within_ninety_days_only(role_users, dk):
    other = make_citizen(dk, "Nông Thị Bích", "020190000002")
    near = _petition(other, dk, received=TODAY - datetime.timedelta(days=80))
    _petition(other, dk, received=TODAY - datetime.timedelta(days=200))  # too old
    newcomer = make_citizen(dk, "Vi Văn Cường", "020080000003")
    matches = likely_duplicates(_draft(newcomer, dk), role_users["canbo"])
    assert [(m.petition, m.reasons) for m in matches] == [(near, (SIMILAR_CONTENT,))]
    unrelated = _draft(newcomer, dk, summary="Kiến nghị", content="Đề nghị sửa đường liên thôn.")
    assert likely_duplicates(unrelated, role_users["canbo"]) == []


def test_a_voided_duplicate_is_not_offered_again(role_users, dk):
    citizen = make_citizen(dk, "Hoàng Văn An", "020090000001")
    first, second = _petition(citizen, dk), _petition(citizen, dk)
    void_as_duplicate(second, original=first, reason="Nhập trùng", by=role_users["canbo"])
    assert [m.petition for m in likely_duplicates(_draft(citizen, dk), None)] == [first]


def test_the_warning_lists_only_what_the_user_may_see(role_users, dk):
    """A commune officer (not cleared) is never shown a denunciation, by its denouncer's
    number or by its content: even masked, it would say who denounced. Another
    commune's case is outside their rule."""
    denouncer = make_citizen(dk, "Lương Văn Cường", "020080000003")
    denunciation = _petition(denouncer, dk, kind=PetitionKind.DENUNCIATION)
    kl = new_unit("06187")
    elsewhere = _petition(make_citizen(kl, "Nông Thị Bích", "020190000002"), kl)
    draft = _draft(denouncer, dk, kind=PetitionKind.DENUNCIATION)
    assert [m.petition for m in likely_duplicates(draft, role_users["canbo"])] == [denunciation]
    assert likely_duplicates(draft, role_users["xa_dongkinh"]) == []
    by_content = _draft(make_citizen(kl, "Hà Văn D", "020190000009"), kl)
    assert [m.petition for m in likely_duplicates(by_content, role_users["canbo"])] == [elsewhere]
    assert likely_duplicates(by_content, role_users["xa_dongkinh"]) == []


def _form(citizen, unit, **extra):
    data = {
        "received_date": TODAY.strftime("%d/%m/%Y"),
        "channel": "written",
        "kind": "complaint",
        "citizen": citizen.pk,
        "summary": "Khiếu nại quyết định thu hồi đất",
        "content": CONTENT,
        "group_size": 1,
        "matter_unit": unit.pk,
        "jurisdiction": "chairman",
        "eligibility_basis": "",
        "representatives-TOTAL_FORMS": 0,
        "representatives-INITIAL_FORMS": 0,
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
    }
    data.update(extra)
    return data


def test_the_desk_form_warns_and_registers_only_when_told_to(client, role_users, dk):
    citizen = make_citizen(dk, "Hoàng Văn An", "020090000001")
    first = _petition(citizen, dk)
    sign_in(client, "canbo")
    url = reverse("admin:tiep_cong_dan_petition_add")
    with translation.override("vi"):
        warned = client.post(url, _form(citizen, dk))
    assert warned.status_code == 200 and Petition.objects.count() == 1
    page = warned.content.decode()
    assert "Đơn này có thể đã được đăng ký" in page
    assert first.registration_number in page
    assert reverse("admin:tiep_cong_dan_petition_change", args=[first.pk]) in page
    assert "cùng số giấy tờ tùy thân" in page and "Vẫn đăng ký" in page
    saved = client.post(url, _form(citizen, dk, register_anyway="on"))
    assert saved.status_code == 302 and Petition.objects.count() == 2
    second = Petition.objects.exclude(pk=first.pk).get()
    receipt = timeline(second)[0]
    assert first.registration_number in receipt.comment


def test_the_api_answers_409_with_the_duplicates_then_registers_anyway(role_users, dk):
    citizen = make_citizen(dk, "Hoàng Văn An", "020090000001")
    first = _petition(citizen, dk)
    board = client_for(role_users["canbo"])
    payload = {
        "received_date": TODAY.isoformat(),
        "channel": "in_person",
        "kind": "complaint",
        "citizen": citizen.pk,
        "summary": "Khiếu nại quyết định thu hồi đất",
        "content": CONTENT,
        "matter_unit": dk.pk,
    }
    refused = board.post("/api/v1/petitions/", payload, format="json")
    assert refused.status_code == 409 and Petition.objects.count() == 1
    body = refused.json()
    assert body["code"] == "possible_duplicate" and "register_anyway" in body["message"]
    [row] = body["duplicates"]
    assert row["id"] == first.pk and row["registration_number"] == first.registration_number
    assert row["reasons"] == ["cùng số giấy tờ tùy thân", "nội dung tương tự"]
    assert row["petitioner"] == "Hoàng Văn An" and row["url"] == f"/api/v1/petitions/{first.pk}/"
    created = board.post("/api/v1/petitions/", {**payload, "register_anyway": True}, format="json")
    assert created.status_code == 201 and Petition.objects.count() == 2


def test_a_cleared_reader_shown_a_denouncer_in_the_warning_is_logged(role_users, dk):
    denouncer = make_citizen(dk, "Lương Văn Cường", "020080000003")
    _petition(denouncer, dk, kind=PetitionKind.DENUNCIATION)
    before = ConfidentialAccess.objects.count()
    payload = {
        "received_date": TODAY.isoformat(),
        "channel": "in_person",
        "kind": "denunciation",
        "citizen": denouncer.pk,
        "summary": "Tố cáo",
        "content": CONTENT,
        "matter_unit": dk.pk,
    }
    refused = client_for(role_users["canbo"]).post("/api/v1/petitions/", payload, format="json")
    assert refused.status_code == 409
    assert refused.json()["duplicates"][0]["petitioner"] == "Lương Văn Cường"
    assert ConfidentialAccess.objects.count() == before + 1


# -- voiding ---------------------------------------------------------------------------
@pytest.fixture
def pair(role_users, dk):
    citizen = make_citizen(dk, "Hoàng Văn An", "020090000001")
    return _petition(citizen, dk), _petition(citizen, dk)


@pytest.mark.parametrize("username", ["canbo", "truongban"])
def test_the_board_voids_a_duplicate_in_the_desk(client, role_users, pair, username):
    first, second = pair
    sign_in(client, username)
    url = reverse("admin:tiep_cong_dan_petition_void_duplicate", args=[second.pk])
    page = client.get(url)
    assert page.status_code == 200 and first.registration_number in page.content.decode()
    with translation.override("vi"):
        missing = client.post(url, {"original": first.pk, "reason": ""})
    assert "Nêu lý do." in missing.content.decode()
    done = client.post(url, {"original": first.pk, "reason": "Công dân nộp đơn hai lần"})
    assert done.status_code == 302
    second.refresh_from_db()
    assert (second.state, second.duplicate_of) == ("voided", first)
    last = timeline(second)[-1]
    assert last.action == "void_duplicate" and last.to_state == "voided"
    assert first.registration_number in last.comment and "hai lần" in last.comment
    assert last.snapshot["duplicate_of_id"] == first.pk
    form = client.get(reverse("admin:tiep_cong_dan_petition_change", args=[second.pk]))
    text = form.content.decode()
    assert "Đã hủy do trùng đơn" in text and first.registration_number in text
    original = client.get(reverse("admin:tiep_cong_dan_petition_change", args=[first.pk]))
    assert second.registration_number in original.content.decode()


@pytest.mark.parametrize(
    "username", ["chutich", "vanphong", "quantri", "xa_dongkinh", "so_nnmt", "trunguong"]
)
def test_others_may_not_void(client, role_users, pair, username):
    first, second = pair
    sign_in(client, username)
    url = reverse("admin:tiep_cong_dan_petition_void_duplicate", args=[second.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"original": first.pk, "reason": "x"}).status_code == 403
    with pytest.raises(TransitionRefused):
        void_as_duplicate(second, original=first, reason="x", by=role_users[username])
    second.refresh_from_db()
    assert second.state == "received" and second.duplicate_of is None


def test_voiding_through_the_api_per_role(role_users, pair):
    first, second = pair
    url = f"/api/v1/petitions/{second.pk}/actions/"
    step = {"action": "void_duplicate", "duplicate_of": first.pk, "comment": "Trùng"}
    assert client_for(role_users["xa_dongkinh"]).post(url, step, format="json").status_code == 409
    board = client_for(role_users["canbo"])
    no_original = board.post(url, {"action": "void_duplicate", "comment": "Trùng"}, format="json")
    assert no_original.status_code == 400 and "duplicate_of" in no_original.json()["errors"]
    done = board.post(url, step, format="json")
    assert done.status_code == 200 and done.json()["state"] == "voided"
    assert done.json()["document"]["duplicate_of"] == first.pk


def test_what_cannot_be_voided(role_users, pair, dk):
    first, second = pair
    board = role_users["canbo"]
    with pytest.raises(TransitionRefused, match="chính nó|itself"):
        void_as_duplicate(second, original=second, reason="x", by=board)
    denunciation = _petition(first.citizen, dk, kind=PetitionKind.DENUNCIATION)
    with pytest.raises(TransitionRefused):
        void_as_duplicate(denunciation, original=first, reason="x", by=board)  # other kind
    void_as_duplicate(second, original=first, reason="x", by=board)
    third = _petition(first.citizen, dk)
    with pytest.raises(TransitionRefused):
        void_as_duplicate(third, original=second, reason="x", by=board)  # itself voided
    with pytest.raises(TransitionRefused):
        void_as_duplicate(third, original=first, reason="  ", by=board)  # no reason
    third.refresh_from_db()
    assert third.state == "received" and third.duplicate_of is None


def test_a_voided_duplicate_counts_in_no_figure(role_users, dk):
    """The monthly report's figures, the register (form 03/TCD) and the national export
    count 000345 once: 000346, voided as its duplicate, is in none of them."""
    citizen = make_citizen(dk, "Hoàng Văn An", "020090000001")
    first, second = _petition(citizen, dk), _petition(citizen, dk)
    board = role_users["canbo"]
    month = Period.month(TODAY.year, TODAY.month)
    before = compute(month)
    assert before.received == 2
    void_as_duplicate(second, original=first, reason="Nhập trùng", by=board)
    for user in (None, board, role_users["xa_dongkinh"]):
        figures = compute(month, user)
        assert figures.received == 1
        # its Art. 28 notice is owed by no one: it is no case
        assert figures.notices["acceptance_missing"] == before.notices["acceptance_missing"] // 2
    assert list(register_petitions(None, month.start, month.end)) == [first]
    exported = collect(board, month.start, month.end)
    assert [r["registration_number"] for r in exported.records] == [first.registration_number]


def test_the_void_page_and_the_warning_ask_as_many_queries_for_six_duplicates_as_for_one(
    client, role_users, dk
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    citizen = make_citizen(dk, "Hoàng Văn An", "020090000001")
    first, copy = _petition(citizen, dk), _petition(citizen, dk)
    sign_in(client, "canbo")
    void_url = reverse("admin:tiep_cong_dan_petition_void_duplicate", args=[copy.pk])
    add_url = reverse("admin:tiep_cong_dan_petition_add")

    def measure() -> tuple[int, int]:
        # Warm both pages: the first request of each reads what is then cached per
        # process (the units' era map, the content types).
        client.get(void_url)
        client.post(add_url, _form(citizen, dk))
        with CaptureQueriesContext(connection) as void_page:
            assert client.get(void_url).status_code == 200
        with CaptureQueriesContext(connection) as warning:
            assert client.post(add_url, _form(citizen, dk)).status_code == 200
        return len(void_page), len(warning)

    one = measure()
    for _ in range(5):
        _petition(citizen, dk)
    assert measure() == one
    assert first.registration_number in client.get(void_url).content.decode()
