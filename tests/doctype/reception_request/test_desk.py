"""The Board's desk for online requests: who sees the list and a request's page, who
decides (others get 403/404), the one-step conversion and the decline from the page,
the identity masked for roles not cleared, the reads logged, the inbox, and a list
whose query count does not grow with its rows."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess
from tiep_cong_dan.doctype.notification.sms import MemorySmsGateway
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_request.constants import RequestState
from tiep_cong_dan.doctype.reception_request.services import decline_request
from tiep_cong_dan.workflow.work import my_work

from .helpers import confirmed_request, new_request

pytestmark = pytest.mark.django_db
LIST = reverse("admin:tiep_cong_dan_receptionrequest_changelist")


def _page(request) -> str:
    return reverse("admin:tiep_cong_dan_receptionrequest_change", args=[request.pk])


@pytest.fixture(autouse=True)
def _outbox():
    MemorySmsGateway.outbox.clear()
    yield


@pytest.mark.parametrize(
    "username, list_status",
    [
        ("canbo", 200),
        ("truongban", 200),
        ("chutich", 200),
        ("vanphong", 200),
        ("so_nnmt", 403),
        ("huyen_locbinh", 403),
        ("xa_dongkinh", 403),
        ("trunguong", 403),
        ("kythuat", 403),
        ("quantri", 403),
    ],
)
def test_who_reads_the_requests(client, login, username, list_status):
    request, _ = confirmed_request()
    login(username)
    assert client.get(LIST).status_code == list_status
    page = client.get(_page(request))
    if list_status == 200:
        assert page.status_code == 200
        assert request.number in page.content.decode()
    else:
        assert page.status_code in (403, 404)


def test_an_unconfirmed_request_is_no_ones(client, login):
    request = new_request()
    login("canbo")
    assert request.number not in client.get(LIST, {"state": "all"}).content.decode()
    assert client.get(_page(request)).status_code == 404


def test_only_the_board_decides(client, login):
    request, _ = confirmed_request()
    for username in ("chutich", "vanphong"):
        login(username)
        page = client.get(_page(request)).content.decode()
        assert "Chuyển thành đơn</button>" not in page
        post = {"action": "convert", "convert-place": "board_office", "convert-note": "Khớp."}
        assert client.post(_page(request), post).status_code == 404
    request.refresh_from_db()
    assert request.state == RequestState.SUBMITTED and not Petition.objects.exists()


def test_the_board_officer_converts_a_request_from_its_page(client, login):
    request, _ = confirmed_request()
    login("canbo")
    page = client.get(_page(request)).content.decode()
    assert "Hoàng Văn Bình" in page and "020090001234" in page
    assert "Chuyển thành đơn</button>" in page and "Từ chối</button>" in page
    # the read is logged as personal data
    entry = ConfidentialAccess.objects.filter(object_type="reception_request").get()
    assert entry.kind == AccessKind.PERSONAL and entry.object_ids == str(request.pk)
    refused = client.post(_page(request), {"action": "convert", "convert-place": "board_office"})
    assert refused.status_code == 200 and "errorlist" in refused.content.decode()
    assert not Petition.objects.exists()
    post = {
        "action": "convert",
        "convert-place": "board_office",
        "convert-note": "Đã đối chiếu căn cước bản gốc.",
    }
    response = client.post(_page(request), post)
    petition = Petition.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse(
        "admin:tiep_cong_dan_petition_change", args=[petition.pk]
    )
    request.refresh_from_db()
    assert request.state == RequestState.CONVERTED and request.petition == petition


def test_the_board_officer_declines_with_a_reason(client, login):
    request, _ = confirmed_request()
    login("canbo")
    refused = client.post(_page(request), {"action": "decline", "decline-reason": ""})
    assert refused.status_code == 200
    request.refresh_from_db()
    assert request.state == RequestState.SUBMITTED
    response = client.post(
        _page(request), {"action": "decline", "decline-reason": "Không thuộc thẩm quyền."}
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.state == RequestState.DECLINED
    assert request.decline_reason == "Không thuộc thẩm quyền."


def test_a_denouncers_identity_is_masked_from_the_chairmans_office(client, login):
    request, _ = confirmed_request(kind=PetitionKind.DENUNCIATION, identity_protection_waived=True)
    login("vanphong")
    page = client.get(_page(request)).content.decode()
    assert "Hoàng Văn Bình" not in page and "020090001234" not in page
    assert "được bảo vệ" in page
    assert not ConfidentialAccess.objects.filter(object_type="reception_request").exists()
    login("canbo")
    assert "Hoàng Văn Bình" in client.get(_page(request)).content.decode()
    entry = ConfidentialAccess.objects.filter(object_type="reception_request").get()
    assert entry.kind == AccessKind.CONFIDENTIAL


def test_the_inbox_counts_the_requests_waiting_for_the_board(role_users):
    confirmed_request()
    new_request(phone="0987654321", id_number="020090001235")  # not confirmed: not counted
    items = [i for i in my_work(role_users["canbo"]) if i.doctype == "reception_request"]
    assert [(i.state, i.count) for i in items] == [("submitted", 1)]
    assert items[0].url.endswith("?state=submitted")
    assert not [i for i in my_work(role_users["xa_dongkinh"]) if i.doctype == "reception_request"]


def test_the_list_asks_the_same_queries_whatever_its_rows(client, login):
    confirmed_request()
    login("canbo")
    client.get(LIST)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert client.get(LIST).status_code == 200
        return len(queries)

    one = count()
    for i in range(5):
        confirmed_request(phone=f"098765432{i}", id_number=f"02009000124{i}")
    assert count() == one


def test_the_page_shows_the_workflow_timeline(client, login, role_users):
    request, _ = confirmed_request()
    decline_request(request, by=role_users["canbo"], reason="Không thuộc thẩm quyền.")
    login("canbo")
    page = client.get(_page(request)).content.decode()
    assert 'id="workflow-timeline"' in page
    # the three steps: sent, phone confirmed, declined with its reason as the comment
    assert (
        "Quá trình xử lý" in page
        and "Xác nhận số điện thoại" in page
        and "Không thuộc thẩm quyền." in page
    )
    assert "Chờ Ban Tiếp công dân kiểm tra → Không tiếp nhận" in page
