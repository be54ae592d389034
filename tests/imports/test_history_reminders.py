"""Reminders and history: a task brought in already overdue is history (nobody is
reminded of it); one brought in still open with its deadline ahead is followed up from
then on like any other."""

import datetime

from django.core import mail
from django.utils import timezone
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.doctype.result_notice.models import Assignment
from tiep_cong_dan.doctype.working_calendar.services import add_working_days
from tiep_cong_dan.imports.history import import_history
from tiep_cong_dan.jobs import reminders

from .scheme_records import Register, register_row, write_register


def test_only_a_deadline_after_the_import_is_reminded_of(tmp_path, role_users):
    today = timezone.localdate()
    day = today - datetime.timedelta(days=21)
    issued = today - datetime.timedelta(days=14)
    rows = [
        register_row(n, day, name, number, "Phường Đông Kinh", "", "KN", "Khiếu nại", 1, False)
        for n, name, number in (
            (1, "Hoàng Văn An", "020090000001"),
            (2, "Vi Thị Dung", "020170000004"),
        )
    ]
    for row in rows:
        row["Huyện, thành phố nơi cư trú"] = ""
    ahead, passed = add_working_days(today, 2), today - datetime.timedelta(days=5)
    register = Register(
        rows=rows,
        notices=[
            {
                "Số thông báo": "41/TB-UBND",
                "Ngày ban hành": issued,
                "Ngày tiếp": day,
                "Loại kỳ tiếp": "định kỳ",
                "Người ký": "Hồ Tiến Thiệu",
            }
        ],
        tasks=[
            {
                "Số thông báo": "41/TB-UBND",
                "Ngày thông báo": issued,
                "STT dòng sổ": stt,
                "Cơ quan được giao": "Sở Nông nghiệp và Môi trường",
                "Nhiệm vụ": "Kiểm tra, trả lời công dân.",
                "Thời hạn": deadline,
                "Trạng thái": "đang thực hiện",
            }
            for stt, deadline in ((1, ahead), (2, passed))
        ],
    )
    path = write_register(tmp_path / "so.xlsx", register)
    result = import_history(path, by=role_users["canbo"], commit=True)
    assert result.ok, result.errors
    assert Notification.objects.count() == 0
    assert reminders.assignment_deadlines(today) == 1
    reminded = Notification.objects.get()
    task = Assignment.objects.get(deadline=ahead)
    assert reminded.recipient == role_users["so_nnmt"]
    assert f"assignment-due:{task.pk}:" in reminded.key
    assert mail.outbox == []  # no letter about the one overdue when it was imported
