"""The desk speaks Vietnamese throughout: history shows labels and names, not stored
values; lists, messages and job pages use the desk's own words; the browser's
/favicon.ico is served."""

import datetime
import re

from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from django_celery_beat.models import CrontabSchedule, PeriodicTask
from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport

from .conftest import make_citizen, new_unit


def test_history_shows_labels_yes_no_and_choice_names(login, role_users):
    # given a citizen whose consent and gender were changed in the desk
    citizen = make_citizen(new_unit("05977"), "Hoàng Văn Nam", "020090000031")
    client = login("canbo")
    url = reverse("admin:tiep_cong_dan_citizen_change", args=[citizen.pk])
    page = client.get(url)
    form = page.context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update(
        {
            "residence_unit": citizen.residence_unit_id,
            "contact_consent": "on",
            "gender": "female",
            "petitions-TOTAL_FORMS": 0,
            "petitions-INITIAL_FORMS": 0,
        }
    )
    data = {k: (v if not isinstance(v, datetime.date) else v.isoformat()) for k, v in data.items()}
    saved = client.post(url, data, follow=True)
    assert saved.status_code == 200
    message = " ".join(str(m) for m in saved.context["messages"])
    assert message.startswith("Đã lưu"), message  # a sentence, with its capital
    citizen.refresh_from_db()
    assert citizen.contact_consent and citizen.gender == "female"
    # when the history is opened
    html = client.get(
        reverse("admin:tiep_cong_dan_citizen_history", args=[citizen.pk])
    ).content.decode()
    text = re.sub(r"<[^>]+>|arrow_right_alt", " ", html)
    text = re.sub(r"\s+", " ", text)
    # then values are words: Không → Có, the gender's name, never a stored value
    assert "Không Có" in text and "Nữ" in text
    assert "True" not in text and "False" not in text and "female" not in text
    assert "None" not in text


def test_lists_and_stock_messages_use_the_desks_words(login):
    page = login("canbo").get(reverse("admin:tiep_cong_dan_petition_changelist"))
    assert "Danh sách đơn" in page.content.decode()
    assert "Chọn đơn để thay đổi" not in page.content.decode()
    with translation.override("vi"):
        missing = gettext("%(name)s with ID “%(key)s” doesn’t exist. Perhaps it was deleted?")
        assert "bị xóa" not in missing and "không có quyền xem" in missing


def test_a_draft_reports_title_is_all_vietnamese():
    report = MonthlyReport(
        period_start=datetime.date(2026, 12, 1), period_end=datetime.date(2026, 12, 31)
    )
    with translation.override("vi"):
        assert str(report) == "Báo cáo tháng 12 năm 2026"


def test_job_pages_name_celerys_own_job_and_read_schedules(login, role_users):
    crontab = CrontabSchedule.objects.create(minute="0", hour="4", timezone="Asia/Ho_Chi_Minh")
    PeriodicTask.objects.create(
        name="celery.backend_cleanup", task="celery.backend_cleanup", crontab=crontab
    )
    page = login("quantri").get(reverse("admin:django_celery_beat_periodictask_changelist"))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Xóa kết quả tác vụ đã hết hạn" in html and "celery.backend_cleanup" not in html
    assert "(m/h/dM/MY/d)" not in html and "phút 0, giờ 4" in html


def test_the_favicon_is_served(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"


def test_an_oversized_file_is_said_in_vietnamese_numbers(settings):
    import pytest
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile
    from tiep_cong_dan.core.uploads import validate_attachment

    settings.TCD_MAX_ATTACHMENT_BYTES = 1048576
    with translation.override("vi"), pytest.raises(ValidationError) as exc:
        validate_attachment(SimpleUploadedFile("don.pdf", b"%PDF-" + b"0" * 1600000))
    assert "1,5 MB" in exc.value.messages[0]


def test_the_meeting_page_names_the_platform():
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

    session = ReceptionSession(conference_platform="pexip")
    with translation.override("vi"):
        assert session.platform_label == "Pexip Infinity (chính)"


def test_the_legal_bases_list_says_the_point_not_its_placeholder(login):
    # given the shipped legal bases, one of which leaves its point to the refusal's ground
    page = login("quantri").get(reverse("admin:tiep_cong_dan_legalbasis_changelist"))
    html = page.content.decode()
    # then the list reads "điểm …, khoản 1 Điều 4", never the stored "[điểm]"
    assert page.status_code == 200
    assert "[điểm]" not in html and "điểm …, khoản 1 Điều 4" in html
