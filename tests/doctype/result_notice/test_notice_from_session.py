""" "Lập thông báo kết quả" on a held session: the Board draws the Result Notice up
from the session's page, with the conclusions the console recorded, and lands on it;
refused in words when the session is not held or already has its notice."""

import datetime

import pytest
from django.urls import reverse
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import ResultNotice
from tiep_cong_dan.workflow.models import WorkflowEvent

PAGE = "admin:tiep_cong_dan_receptionsession_result_notice"


@pytest.fixture
def heard_session(placed_petitions):
    session = ReceptionSession.objects.create(
        kind="periodic",
        date=datetime.date(2026, 3, 16),
        presiding_official="Hồ Tiến Thiệu",
        state="held",
    )
    rows = [
        ("dongkinh", True, "Giao Sở Nông nghiệp và Môi trường kiểm tra, trả lời."),
        ("kylua", True, ""),  # heard, nothing concluded at the console
        ("old_era", False, "Chưa tiếp"),  # not reached
    ]
    for position, (key, heard, conclusion) in enumerate(rows, 1):
        AgendaItem.objects.create(
            session=session,
            position=position,
            petition=placed_petitions[key],
            mode="in_person",
            heard=heard,
            conclusion_draft=conclusion,
        )
    return session


def _page(session):
    return reverse(PAGE, args=[session.pk])


def test_the_board_draws_the_notice_up_from_the_session_and_lands_on_it(
    login, heard_session, placed_petitions
):
    client = login("canbo")
    form = client.get(
        reverse("admin:tiep_cong_dan_receptionsession_change", args=[heard_session.pk])
    )
    assert _page(heard_session) in form.content.decode()
    assert "Lập thông báo kết quả" in form.content.decode()
    page = client.get(_page(heard_session))
    assert page.status_code == 200
    assert "Số lượt đã tiếp: 2; có kết luận của Chủ tịch ghi tại bảng điều hành: 1." in (
        page.content.decode()
    )
    # When the officer presses the button
    response = client.post(_page(heard_session))
    # Then one draft notice exists, with the console's conclusion, and it is opened
    notice = ResultNotice.objects.get(session=heard_session)
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:tiep_cong_dan_resultnotice_change", args=[notice.pk]
    )
    assert notice.state == "draft" and notice.signer_name == "Hồ Tiến Thiệu"
    assert [(c.petition_id, c.text) for c in notice.conclusions.all()] == [
        (placed_petitions["dongkinh"].pk, "Giao Sở Nông nghiệp và Môi trường kiểm tra, trả lời.")
    ]
    assert WorkflowEvent.objects.filter(object_id=notice.pk, to_state="draft").exists()
    landed = client.get(response["Location"])
    assert (
        "Đã lập thông báo kết quả, có 1 kết luận lấy từ các lượt tiếp." in landed.content.decode()
    )


def test_a_second_notice_is_refused_with_a_link_to_the_first(login, heard_session):
    client = login("truongban")
    client.post(_page(heard_session))
    notice = ResultNotice.objects.get(session=heard_session)
    link = reverse("admin:tiep_cong_dan_resultnotice_change", args=[notice.pk])
    again = client.post(_page(heard_session))
    assert again.status_code == 409
    text = again.content.decode()
    assert "Kỳ tiếp này đã có thông báo kết quả" in text and f'href="{link}"' in text
    shown = client.get(_page(heard_session)).content.decode()
    assert "Kỳ tiếp này đã có thông báo kết quả" in shown and '<form method="post">' not in shown
    assert ResultNotice.objects.filter(session=heard_session).count() == 1


def test_a_session_not_heard_yet_is_refused(login, heard_session):
    ReceptionSession.objects.filter(pk=heard_session.pk).update(state="in_progress")
    client = login("canbo")
    form = client.get(
        reverse("admin:tiep_cong_dan_receptionsession_change", args=[heard_session.pk])
    )
    assert _page(heard_session) not in form.content.decode()  # no button before it is held
    refused = client.post(_page(heard_session))
    assert refused.status_code == 409
    assert "Kỳ tiếp chưa được tổ chức xong" in refused.content.decode()
    assert not ResultNotice.objects.filter(session=heard_session).exists()


@pytest.mark.parametrize(
    "role, status",
    [
        ("chutich", 403),
        ("vanphong", 403),
        ("xa_dongkinh", 403),
        ("kythuat", 403),
        # Sessions outside these scopes (no agency, no central board invited): as if absent
        ("so_nnmt", 404),
        ("trunguong", 404),
    ],
)
def test_roles_that_do_not_draw_notices_up_are_refused(login, heard_session, role, status):
    client = login(role)
    assert client.get(_page(heard_session)).status_code == status
    assert client.post(_page(heard_session)).status_code == status
    assert not ResultNotice.objects.filter(session=heard_session).exists()


def test_an_unknown_session_answers_404(login, heard_session):
    assert login("canbo").post(reverse(PAGE, args=[heard_session.pk + 999])).status_code == 404


def test_the_page_costs_the_same_queries_for_few_or_many_hearings(
    login, heard_session, placed_petitions
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = login("canbo")
    client.get(_page(heard_session))  # warm caches (content types, workflow)
    with CaptureQueriesContext(connection) as few:
        client.get(_page(heard_session))
    for position, key in ((4, "dongkinh_tc"), (5, "locbinh_old")):
        AgendaItem.objects.create(
            session=heard_session,
            position=position,
            petition=placed_petitions[key],
            mode="in_person",
            heard=True,
            conclusion_draft="Kết luận.",
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(_page(heard_session))
    assert "Số lượt đã tiếp: 4; có kết luận của Chủ tịch ghi tại bảng điều hành: 3." in (
        page.content.decode()
    )
    assert len(many) == len(few)
