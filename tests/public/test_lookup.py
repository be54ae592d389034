"""The public lookup of one's own petition: the right number and code show its steps;
anything else one answer; too many wrong tries 429; every answer logged."""

import re

import pytest
from django.urls import reverse
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess
from tiep_cong_dan.core.lookup_codes import shown
from tiep_cong_dan.public.isolation import PUBLIC_CSP
from tiep_cong_dan.public.lookup import WRONG
from tiep_cong_dan.public.lookup_throttle import NUMBER_LIMIT

from .conftest import DENOUNCED, DENUNCIATION_SUMMARY, SESSION_DAY

URL = "/tra-cuu/"


def ask(client, number, code, **extra):
    return client.post(URL, {"number": number, "code": code}, **extra)


@pytest.mark.django_db
def test_the_url_is_named_and_the_form_reads_without_script(client):
    assert reverse("public:lookup") == URL
    page = client.get(URL)
    assert page.status_code == 200
    body = page.content.decode()
    assert "<script" not in body
    assert 'name="csrfmiddlewaretoken"' in body
    assert page["Content-Security-Policy"] == PUBLIC_CSP
    assert len(page.content) < 100_000


@pytest.mark.django_db
def test_right_code_shows_each_step_with_its_date(client, cases):
    own = cases["own"]
    page = ask(client, own.petition.registration_number, shown(own.code))
    assert page.status_code == 200
    body = page.content.decode()
    for text in (
        "Ban Tiếp công dân tỉnh đã tiếp nhận đơn",
        "02/03/2026",
        "Đã thông báo thụ lý đơn",
        "05/03/2026",
        "Ban Tiếp công dân đề xuất tiếp công dân trực tuyến",
        "Chủ tịch UBND tỉnh đồng ý tiếp",
        "09/03/2026",
        "Đơn đã được xếp vào lịch tiếp",
        "12/03/2026",
        f"Kỳ tiếp công dân ngày {SESSION_DAY:%d/%m/%Y}",
        "Từ 14:00",
        cases["point"].name,
        "Số 1 đường Lê Lợi, phường Đông Kinh",
    ):
        assert text in body, text
    assert "Việc tiếp theo" in body and "Mời ông/bà có mặt lúc 14:00" in body
    # Nothing of the other cases, nor names, nor the code itself.
    other = cases["other"].petition
    assert other.registration_number not in body
    assert "Nông Thị Bích" not in body and "Hoàng Văn An" not in body
    assert own.code not in body and shown(own.code) not in body
    assert page["Cache-Control"] == "no-store"


@pytest.mark.django_db
def test_code_is_case_and_dash_insensitive(client, cases):
    own = cases["own"]
    page = ask(client, own.petition.registration_number, own.code.lower())
    assert "Ban Tiếp công dân tỉnh đã tiếp nhận đơn" in page.content.decode()


@pytest.mark.django_db
def test_wrong_code_and_unknown_number_read_the_same(client, cases):
    own = cases["own"]
    wrong = ask(client, own.petition.registration_number, "ZZZZ-ZZZZ")
    unknown = ask(client, "2026/TCD-999999", own.code)
    other_code = ask(client, own.petition.registration_number, cases["other"].code)
    for page in (wrong, unknown, other_code):
        assert page.status_code == 200
        body = page.content.decode()
        assert WRONG in body
        assert "Ban Tiếp công dân tỉnh đã tiếp nhận đơn" not in body

    def strip(page, number):
        body = page.content.decode().replace(number, "")
        return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", body)

    assert strip(wrong, own.petition.registration_number) == strip(unknown, "2026/TCD-999999")


@pytest.mark.django_db
def test_a_petition_without_a_code_matches_nothing(client, cases):
    own = cases["own"].petition
    type(own).objects.filter(pk=own.pk).update(lookup_code_digest="")
    page = ask(client, own.registration_number, "AAAA-AAAA")
    assert WRONG in page.content.decode()


@pytest.mark.django_db
def test_too_many_wrong_codes_are_throttled_per_number(client, cases):
    own = cases["own"]
    number = own.petition.registration_number
    for _ in range(NUMBER_LIMIT - 1):
        assert ask(client, number, "ZZZZ-ZZZZ").status_code == 200
    blocked = ask(client, number, "ZZZZ-ZZZZ")
    assert blocked.status_code == 429
    body = blocked.content.decode()
    assert "nhập sai quá nhiều lần" in body and "phút" in body
    assert int(blocked["Retry-After"]) > 0
    # Even the right code waits now, from another address too (the number is counted).
    again = ask(client, number, own.code, REMOTE_ADDR="10.0.0.9")
    assert again.status_code == 429
    assert "Ban Tiếp công dân tỉnh đã tiếp nhận đơn" not in again.content.decode()


@pytest.mark.django_db
def test_too_many_wrong_tries_are_throttled_per_address(client, cases):
    # Guessing across numbers from one address: an unknown number counts as well.
    statuses = [ask(client, f"2026/TCD-9{i:05d}", "ZZZZ-ZZZZ").status_code for i in range(12)]
    assert statuses[:9] == [200] * 9 and statuses[-1] == 429
    own = cases["own"]
    assert ask(client, own.petition.registration_number, own.code).status_code == 429
    other_address = ask(client, own.petition.registration_number, own.code, REMOTE_ADDR="10.0.0.7")
    assert other_address.status_code == 200


@pytest.mark.django_db
def test_a_lookup_is_logged_as_a_personal_data_read(client, cases):
    own = cases["own"]
    before = ConfidentialAccess.objects.count()
    ask(client, own.petition.registration_number, "ZZZZ-ZZZZ")
    assert ConfidentialAccess.objects.count() == before  # nothing was read
    ask(client, own.petition.registration_number, own.code, REMOTE_ADDR="203.0.113.5")
    entry = ConfidentialAccess.objects.latest("pk")
    assert entry.kind == AccessKind.PERSONAL
    assert entry.user is None
    assert entry.object_type == "citizen"
    assert entry.object_ids == str(own.petition.citizen_id)
    assert entry.path == URL and entry.ip_address == "203.0.113.5"


@pytest.mark.django_db
def test_a_denunciation_shows_steps_and_dates_only(client, concluded):
    case = concluded["denunciation"]
    page = ask(client, case.petition.registration_number, case.code)
    body = page.content.decode()
    assert page.status_code == 200
    assert "Ban Tiếp công dân tỉnh đã tiếp nhận đơn" in body and "02/03/2026" in body
    assert "Thông báo kết quả tiếp công dân số" in body
    for secret in (
        DENOUNCED,
        DENUNCIATION_SUMMARY,
        "Lương Văn Cường",
        concluded["point"].name,
        "Số 1 đường Lê Lợi",
        "14:40",
        "Thanh tra",
        "trich-thong-bao",
    ):
        assert secret not in body, secret


@pytest.mark.django_db
def test_query_count_does_not_grow_with_events(client, cases, django_assert_max_num_queries):
    own = cases["own"]
    number = own.petition.registration_number

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as ctx:
            assert ask(client, number, own.code).status_code == 200
        return len(ctx.captured_queries)

    first = count()
    from tiep_cong_dan.doctype.petition.services import record_acceptance_notice

    for outcome in ("extended", "accepted", "extended", "accepted"):
        record_acceptance_notice(own.petition, outcome=outcome)
    assert count() == first


@pytest.mark.django_db
def test_the_answer_page_is_light(client, concluded):
    own = concluded["own"]
    page = ask(client, own.petition.registration_number, own.code)
    assert len(page.content) < 100_000
    assert "<script" not in page.content.decode()
    assert "style=" not in page.content.decode()  # the strict policy allows no inline style
    assert page["Content-Security-Policy"] == PUBLIC_CSP


@pytest.mark.django_db
def test_the_form_needs_the_public_csrf_token(cases):
    from django.test import Client
    from tiep_cong_dan.public.isolation import PUBLIC_CSRF_COOKIE

    own = cases["own"]
    browser = Client(enforce_csrf_checks=True)
    data = {"number": own.petition.registration_number, "code": own.code}
    assert browser.post(URL, data).status_code == 403
    form = browser.get(URL)
    assert PUBLIC_CSRF_COOKIE in form.cookies
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.content.decode()).group(1)
    answer = browser.post(URL, {**data, "csrfmiddlewaretoken": token})
    assert answer.status_code == 200
    assert "Ban Tiếp công dân tỉnh đã tiếp nhận đơn" in answer.content.decode()


@pytest.mark.django_db
def test_tries_are_counted_before_the_code_is_compared(client, cases):
    """Tries sent together: each is counted as it arrives, so the ones past the limit
    are not answered even before the earlier ones were found wrong."""
    from tiep_cong_dan.public import lookup_throttle as throttle

    own = cases["own"]
    number = own.petition.registration_number
    for _ in range(NUMBER_LIMIT):
        throttle.attempt("10.0.0.3", number)  # in flight, not yet answered
    assert ask(client, number, own.code).status_code == 429


@pytest.mark.django_db
def test_right_codes_do_not_use_up_the_limit(client, cases):
    own = cases["own"]
    for _ in range(12):
        assert ask(client, own.petition.registration_number, own.code).status_code == 200
    # And a success clears the number's wrong tries.
    for _ in range(NUMBER_LIMIT - 1):
        ask(client, own.petition.registration_number, "ZZZZ-ZZZZ")
    assert ask(client, own.petition.registration_number, own.code).status_code == 200
    for _ in range(NUMBER_LIMIT - 1):
        assert ask(client, own.petition.registration_number, "ZZZZ-ZZZZ").status_code == 200
