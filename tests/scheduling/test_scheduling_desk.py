"""The calendar, the queue and the agenda board in the desk, per role."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

from ..conftest import make_citizen, make_petition, new_unit
from ..workflow.helpers import approve_online
from .test_agenda import _session


@pytest.fixture
def waiting(role_users):
    dk = new_unit("05977")
    return [
        approve_online(
            make_petition(dk, make_citizen(dk, f"Người {i}", f"02009100000{i}")), role_users
        )
        for i in range(3)
    ]


def test_the_queue_page_lists_cases_in_order_with_their_wait(login, waiting):
    page = login("canbo").get(reverse("admin:tiep_cong_dan_petition_queue")).content.decode()
    numbers = [p.registration_number for p in waiting]
    assert all(n in page for n in numbers)
    assert page.index(numbers[0]) < page.index(numbers[1]) < page.index(numbers[2])
    assert login("kythuat").get(reverse("admin:tiep_cong_dan_petition_queue")).status_code == 403
    other = login("huyen_locbinh").get(reverse("admin:tiep_cong_dan_petition_queue"))
    assert numbers[0] not in other.content.decode()  # outside the district's scope


def test_the_calendar_shows_the_month_and_lets_the_board_create_the_year(login, role_users):
    url = reverse("admin:tiep_cong_dan_receptionsession_calendar") + "?month=2026-02"
    page = login("chutich").get(url)
    assert page.status_code == 200 and "Tết" in page.content.decode()
    assert login("chutich").post(url).status_code == 403
    login("canbo").post(url)
    dates = list(ReceptionSession.objects.order_by("date").values_list("date", flat=True))
    assert dates[:2] == [datetime.date(2026, 2, 23), datetime.date(2026, 3, 16)]
    assert len(dates) == 12
    page = login("canbo").get(url).content.decode()
    assert (
        reverse("admin:tiep_cong_dan_receptionsession_change", args=[1]).rsplit("/", 3)[0] in page
    )


def test_the_agenda_board_builds_and_reorders(login, waiting, role_users):
    session = _session(role_users, datetime.date(2026, 3, 16))
    url = reverse("admin:tiep_cong_dan_receptionsession_agenda", args=[session.pk])
    client = login("canbo")
    client.post(url, {"build": "1"})
    assert session.agenda_items.count() == 3
    first = session.agenda_items.get(position=1)
    response = client.post(url, {"item": first.pk, "position": 3, "reason": ""}, follow=True)
    assert session.agenda_items.get(pk=first.pk).position == 1  # no reason, no move
    client.post(url, {"item": first.pk, "position": 3, "reason": "Công dân xin đến muộn."})
    assert session.agenda_items.get(pk=first.pk).position == 3
    page = client.get(url).content.decode()
    assert "Phòng họp trực tuyến UBND phường Đông Kinh" in page
    assert response.status_code == 200
    assert login("kythuat").post(url, {"build": "1"}).status_code == 403


def test_an_ad_hoc_session_is_created_from_the_case_in_the_desk(login, waiting):
    case = waiting[0]
    url = reverse("admin:tiep_cong_dan_petition_special_session", args=[case.pk])
    assert login("xa_dongkinh").get(url).status_code == 403
    client = login("truongban")
    page = client.get(reverse("admin:tiep_cong_dan_petition_change", args=[case.pk]))
    assert url in page.content.decode()  # offered on the approved case's panel
    response = client.post(url, {"day": "16/03/2026", "start": "14:00", "kind": "b"})
    session = ReceptionSession.objects.get(kind="ad_hoc")
    assert response.status_code == 302
    assert (session.ad_hoc_ground, session.date) == ("b", datetime.date(2026, 3, 16))
    assert list(session.agenda_items.values_list("petition_id", flat=True)) == [case.pk]


def test_invitations_on_the_session_form_follow_the_petition_rule(login, role_users):
    from tiep_cong_dan import workflow
    from tiep_cong_dan.doctype.petition.models import Petition

    dk, kl = new_unit("05977"), new_unit("06187")
    approve_online(make_petition(dk, make_citizen(dk, "Hoàng Văn An", "020091000011")), role_users)
    approve_online(make_petition(kl, make_citizen(kl, "Nông Thị Bích", "020191000012")), role_users)
    denounced = make_petition(
        dk, make_citizen(dk, "Lương Văn Cường", "020081000013"), kind="denunciation"
    )
    Petition.objects.filter(pk=denounced.pk).update(
        state="approved",
        citizen_consent=True,
        eligibility_basis="decree_20_4",
        jurisdiction="chairman",
    )
    session = _session(role_users, datetime.date(2026, 3, 16))
    from tiep_cong_dan.scheduling.agenda import build_agenda

    build_agenda(session, by=role_users["canbo"])
    workflow.apply(session, "plan", by=role_users["canbo"])
    workflow.apply(session, "approve", by=role_users["chutich"])
    assert session.invitations.filter(kind="citizen").count() == 3
    url = reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk])
    board = login("canbo").get(url).content.decode()
    assert all(n in board for n in ("Hoàng Văn An", "Nông Thị Bích", "Lương Văn Cường"))
    commune = login("xa_dongkinh").get(url).content.decode()
    assert "Hoàng Văn An" in commune  # their own commune's citizen
    assert "Nông Thị Bích" not in commune  # another commune's
    assert "Lương Văn Cường" not in commune  # a denouncer


@pytest.mark.parametrize("month", ["9999-12", "0001-01", "2026-13", "tháng ba"])
def test_a_calendar_month_out_of_range_is_a_clear_400(login, month):
    url = reverse("admin:tiep_cong_dan_receptionsession_calendar")
    page = login("canbo").get(url, {"month": month})
    assert page.status_code == 400
    text = page.content.decode()
    assert "Tháng viết theo dạng YYYY-MM, từ 2000-01 đến 2100-12" in text and month in text


def test_the_calendars_last_month_offers_no_month_after_it(login):
    url = reverse("admin:tiep_cong_dan_receptionsession_calendar")
    last = login("canbo").get(url, {"month": "2100-12"}).content.decode()
    first = login("canbo").get(url, {"month": "2000-01"}).content.decode()
    assert "?month=2100-11" in last and "?month=2101-01" not in last
    assert "?month=2000-02" in first and "?month=1999-12" not in first


def test_the_agenda_board_explains_a_position_that_is_no_number(login, waiting, role_users):
    session = _session(role_users, datetime.date(2026, 3, 16))
    url = reverse("admin:tiep_cong_dan_receptionsession_agenda", args=[session.pk])
    client = login("canbo")
    client.post(url, {"build": "1"})
    first = session.agenda_items.get(position=1)
    moved = client.post(url, {"item": first.pk, "position": "ba", "reason": "Lý do"}, follow=True)
    # the error is beside the position, in the hearing's row
    row = moved.content.decode().split(f'name="item" value="{first.pk}"', 1)[1]
    assert "Vị trí phải là số nguyên (đã nhập: ba)." in row.split("</td>", 1)[0]
    word = client.post(url, {"item": "x", "position": 2, "reason": "Lý do"}, follow=True)
    assert "Lượt tiếp phải là số nguyên" in " ".join(str(m) for m in word.context["messages"])
    assert session.agenda_items.get(pk=first.pk).position == 1


def test_a_session_date_refused_by_the_session_shows_at_the_date(login, waiting):
    """Given an approved case, when the Board head asks for its session on a day the
    session refuses (past 2100), the form comes back with the values typed and the
    session's reason beside the date, not a server error."""
    case = waiting[0]
    url = reverse("admin:tiep_cong_dan_petition_special_session", args=[case.pk])
    response = login("truongban").post(url, {"day": "16/03/2200", "start": "15:30", "kind": "b"})
    assert response.status_code == 200
    form = response.context["form"]
    assert form.errors["day"] == ["Hãy chọn ngày trong khoảng từ năm 2000 đến năm 2100."]
    assert 'value="15:30"' in response.content.decode()
    assert not ReceptionSession.objects.filter(kind="ad_hoc").exists()
