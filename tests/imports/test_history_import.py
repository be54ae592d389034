"""The Board's past years brought in from its register (form 03/TCD and its own
columns, result notices, tasks): the scheme's 2023 and January-October 2024 facts as
published, every record dated on its own day and marked as entered from records, no
reminder or notification, the same file twice changing nothing."""

import datetime
import hashlib
from collections import Counter

import pytest
from django.core import mail
from django.core.management import call_command
from django.utils import timezone
from tiep_cong_dan.core.models import HistoryImport, NamingSeries, OutboxEntry
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.monthly_report.models import MonthlyReport
from tiep_cong_dan.doctype.notification.models import Notification
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from tiep_cong_dan.doctype.working_calendar.services import add_working_days
from tiep_cong_dan.imports.history import import_history
from tiep_cong_dan.jobs import integrity, reminders
from tiep_cong_dan.workflow.models import WorkflowEvent

from .scheme_records import (
    SCHEME,
    SON_HA_DAY,
    Register,
    periodic_day,
    register_row,
    scheme_register,
    write_register,
)

TABLES = (
    HistoryImport,
    Citizen,
    Petition,
    ReceptionSession,
    AgendaItem,
    ResultNotice,
    Conclusion,
    Assignment,
    WorkflowEvent,
    Notification,
    OutboxEntry,
    MonthlyReport,
)


def counts() -> dict[str, int]:
    return {model.__name__: model.objects.count() for model in TABLES}


def local_day(moment: datetime.datetime) -> datetime.date:
    return timezone.localtime(moment).date()


def periodic_items(year: int):
    return AgendaItem.objects.filter(
        session__kind="periodic", session__date__year=year, heard=True
    ).select_related("petition__residence_unit__parent")


@pytest.fixture
def scheme(tmp_path, role_users):
    """The scheme's years imported by the Board officer (without the 2023 session in
    Xã Sơn Hà, a commune merged on 2024-12-01: see the test at the end)."""
    path = tmp_path / "so-tiep-cong-dan-2023-2024.xlsx"
    register = scheme_register(path, son_ha=False)
    result = import_history(path, by=role_users["canbo"], commit=True)
    assert result.ok, result.errors[:5]
    return path, register, result


def test_the_scheme_sessions_hearings_and_attendance_are_imported_as_published(scheme):
    for year, published in SCHEME.items():
        periodic = ReceptionSession.objects.filter(kind="periodic", date__year=year)
        assert periodic.count() == published["periodic_sessions"]
        months = range(1, published["periodic_sessions"] + 1)
        assert sorted(periodic.values_list("date", flat=True)) == [
            periodic_day(year, m) for m in months
        ]
        items = list(periodic_items(year))
        assert len(items) == published["hearings"]
        assert sum(i.attendance_count for i in items) == published["citizens"]
        groups = [i for i in items if i.group_delegation]
        assert len(groups) == published["group_hearings"]
        assert sum(i.attendance_count for i in groups) == published["group_citizens"]
        by_area = Counter()
        for item in items:
            by_area[item.petition.residence_unit.parent.name] += item.attendance_count
        assert dict(by_area) == published["areas"]
        assert {i.mode for i in items} == {"in_person"}  # every one heard in person
    ad_hoc = ReceptionSession.objects.filter(kind="ad_hoc").order_by("date")
    assert [(s.date, s.ad_hoc_ground) for s in ad_hoc] == [
        (datetime.date(2023, 6, 8), "a"),
        (datetime.date(2024, 8, 22), "a"),
    ]
    places = [
        [(i.petition.residence_unit.name, i.attendance_count) for i in s.agenda_items.all()]
        for s in ad_hoc
    ]
    assert places == [[("Xã Hòa Thắng", 22)], [("Xã Lâm Ca", 45)]]
    assert set(ReceptionSession.objects.values_list("state", flat=True)) == {"closed"}


def test_every_record_is_dated_on_its_day_and_says_where_it_came_from(scheme, role_users):
    path, register, result = scheme
    source = HistoryImport.objects.get()
    assert source.checksum == hashlib.sha256(path.read_bytes()).hexdigest()
    assert (source.file_name, source.imported_by) == (path.name, role_users["canbo"])
    assert (source.first_day, source.last_day) == (
        datetime.date(2022, 12, 27),
        datetime.date(2024, 10, 15),
    )
    assert source.counts == {
        "sessions": 24,  # 12 + 1 ad hoc in 2023, 10 + 1 in 2024
        "hearings": 315,
        "petitions": 315,
        "citizens": Citizen.objects.count(),
        "notices": 24,
        "assignments": len(register.tasks),
    }
    for model in (Petition, ReceptionSession, AgendaItem, ResultNotice, Assignment, Citizen):
        assert set(model.objects.values_list("from_records", flat=True)) == {source.pk}
    # Inserted in bulk, each is still found by its words (core/search.py).
    for model in (ReceptionSession, ResultNotice, Assignment, Citizen):
        assert not model.objects.filter(search_text="").exists(), model
    session = ReceptionSession.objects.order_by("date").first()
    found = ReceptionSession.objects.filter(search_text__words=f"{session.date:%d/%m/%Y}")
    assert session in found
    events = WorkflowEvent.objects.all()
    assert set(events.values_list("from_records", flat=True)) == {source.pk}
    assert set(events.values_list("actor", flat=True)) == {None}
    # Each petition: received on its day, heard on the day of its session, concluded
    # on its notice's day; the Art. 28 notice on the day the register gives.
    for item in AgendaItem.objects.select_related("session", "petition"):
        petition = item.petition
        log = {
            e.action: e
            for e in WorkflowEvent.objects.filter(doctype="petition", object_id=petition.pk)
        }
        assert local_day(log["create"].at) == petition.received_date
        assert local_day(log["notify_acceptance"].at) == petition.acceptance_notified_on
        # Law Art. 28's deadline on the working calendar: the register's notice, five
        # days after receipt, is on time.
        assert petition.acceptance_deadline == add_working_days(petition.received_date, 10)
        assert petition.acceptance_told and not petition.acceptance_notice_late
        assert local_day(log["hear"].at) == item.session.date
        notice = petition.conclusions.get().notice
        assert local_day(log["conclude"].at) == notice.issued_date
        assert notice.issued_date == item.session.date + datetime.timedelta(days=7)
    # A 2023 case followed up and closed when its task was reported done.
    task = Assignment.objects.filter(notice__issued_date__year=2023).first()
    steps = {
        e.action: local_day(e.at)
        for e in WorkflowEvent.objects.filter(doctype="assignment", object_id=task.pk)
    }
    assert steps == {
        "create": task.notice.issued_date,
        "report": task.done_on,
        "accept": task.done_on,
    }
    assert task.petition.state == "closed"
    # Nothing of it dated on the day of the import (it all happened before).
    assert not events.filter(at__date=timezone.localdate()).exists()


def test_the_imported_states_agree_with_the_log_and_the_numbering(scheme):
    assert integrity._state_mismatches() == []
    assert integrity._series() == []
    notices = ResultNotice.objects.filter(number_year=2023).order_by("number_seq")
    assert [n.number for n in notices][:3] == ["01/TB-UBND", "02/TB-UBND", "03/TB-UBND"]
    assert set(notices.values_list("state", flat=True)) == {"distributed"}
    assert NamingSeries.objects.get(key="TB-UBND-2023").current == notices.count() == 13
    first = Petition.objects.order_by("registration_year", "registration_seq").first()
    assert first.registration_number == "2022/TCD-000001"  # received on 27/12/2022


def test_no_reminder_deadline_or_notification_fires_for_history(scheme):
    _path, register, _result = scheme
    today = timezone.localdate()
    assert reminders.acceptance_deadlines(today) == 0
    assert reminders.refusal_notice_deadlines(today) == 0
    assert reminders.assignment_deadlines(today) == 0
    assert reminders.session_timeline(today) == 0
    assert Notification.objects.count() == 0
    assert OutboxEntry.objects.count() == 0
    assert MonthlyReport.objects.count() == 0
    assert mail.outbox == []
    # Tasks of 2024 still open, long overdue: shown as such, never reminded of.
    open_tasks = Assignment.objects.filter(state="open")
    still_open = [t for t in register.tasks if t["Trạng thái"] == "đang thực hiện"]
    assert open_tasks.count() == len(still_open) > 0
    assert all(t.is_overdue for t in open_tasks)


def test_importing_the_same_file_twice_changes_nothing(scheme, role_users):
    path, _register, _first = scheme
    before = counts()
    states = sorted(Petition.objects.values_list("registration_number", "state"))
    again = import_history(path, by=role_users["truongban"], commit=True)
    assert again.ok and again.source is None
    assert again.already == HistoryImport.objects.get()
    assert "nhập lại không thay đổi gì" in again.registered[0]
    assert counts() == before
    assert sorted(Petition.objects.values_list("registration_number", "state")) == states
    dry = import_history(path, by=role_users["truongban"], commit=False)
    assert dry.ok and dry.already is not None and counts() == before


def test_a_dry_run_lists_what_it_would_make_and_writes_nothing(tmp_path, role_users):
    path = tmp_path / "so.xlsx"
    register = scheme_register(path, years=(2024,))
    before = counts()
    seen = []
    result = import_history(path, by=role_users["canbo"], progress=lambda *step: seen.append(step))
    assert result.ok and result.source is None
    assert result.registered == [
        "11 kỳ tiếp (1 đột xuất, 10 định kỳ)",
        "145 lượt tiếp, mỗi lượt một đơn",
        "216 lượt công dân có mặt",
        f"{result.counts['citizens']} công dân mới",
        f"11 thông báo kết quả, {len(register.tasks)} nhiệm vụ được giao",
        "từ ngày 26/12/2023 đến ngày 15/10/2024",
    ]
    assert counts() == before
    assert seen[0] == ("Đang đọc tệp", 0, 1) and seen[-1] == ("Đang kiểm tra từng dòng", 145, 145)


def test_an_online_hearing_of_today_s_units_is_recorded_through_the_online_steps(
    tmp_path, role_users
):
    """From 2025-07-01 a commune is named without a district; heard online, the
    hearing has the commune's bridge point and the session went through its online
    steps (planned, approved, announced, tested, connected) on its day."""
    day = datetime.date(2025, 9, 15)
    row = register_row(
        1, day, "Hoàng Văn An", "020090000001", "Phường Đông Kinh", "", "KN", "Khiếu nại", 1, False
    )
    row.update({"Hình thức tiếp": "trực tuyến", "Huyện, thành phố nơi cư trú": ""})
    path = write_register(tmp_path / "so.xlsx", Register(rows=[row]))
    result = import_history(path, by=role_users["canbo"], commit=True)
    assert result.ok, result.errors
    item = AgendaItem.objects.select_related("bridge_point", "session").get()
    assert item.mode == "online" and item.bridge_point.unit.name == "Phường Đông Kinh"
    assert (item.session.start_time, item.session.end_time) == (
        datetime.time(14),
        datetime.time(17),
    )
    session_steps = list(
        WorkflowEvent.objects.filter(doctype="reception_session").values_list("action", "at")
    )
    assert [a for a, _at in session_steps] == [
        "create",
        "plan",
        "approve",
        "announce",
        "confirm_tests",
        "connect",
        "start",
        "finish",
        "close",
    ]
    assert {local_day(at) for _a, at in session_steps} == {day}
    petition_steps = WorkflowEvent.objects.filter(doctype="petition").values_list(
        "action", flat=True
    )
    assert list(petition_steps) == [
        "create",
        "notify_acceptance",
        "classify",
        "propose",
        "endorse",
        "approve",
        "schedule",
        "hear",
    ]
    assert (
        item.petition.state == "heard" and item.petition.residence_unit.name == "Phường Đông Kinh"
    )


def test_the_command_checks_then_imports_and_writes_the_template(tmp_path, role_users, capsys):
    template = tmp_path / "mau.xlsx"
    call_command("import_history", "--template", str(template))
    # The template's example rows are a register that imports as it is.
    call_command("import_history", str(template))
    out = capsys.readouterr().out
    assert "1 kỳ tiếp (1 định kỳ)" in out and "Chạy lại với --commit để nhập." in out
    assert not ReceptionSession.objects.exists()
    call_command("import_history", str(template), "--commit", "--user", "truongban")
    out = capsys.readouterr().out
    source = HistoryImport.objects.get()
    assert f"Đã nhập (SHA-256 {source.checksum})." in out
    assert source.imported_by == role_users["truongban"]
    petition = Petition.objects.get()
    assert (petition.state, petition.registration_number) == ("closed", "2023/TCD-000001")
    call_command("import_history", str(template), "--commit")
    assert "nhập lại không thay đổi gì" in capsys.readouterr().out
    assert Petition.objects.count() == 1


def test_the_2023_ad_hoc_session_in_xa_son_ha_of_huu_lung(tmp_path, role_users):
    """The scheme's second 2023 ad hoc session was held in Xã Sơn Hà, Hữu Lũng, a commune
    merged on 2024-12-01. This needs the units of that era: until they are loaded the
    test is skipped (and only for that reason)."""
    if not any(
        u.is_valid_on(SON_HA_DAY)
        for u in AdministrativeUnit.objects.filter(name="Xã Sơn Hà", parent__name="Huyện Hữu Lũng")
    ):
        pytest.skip("Xã Sơn Hà (Hữu Lũng) is not among the units of 2023 yet")
    path = tmp_path / "so-2023.xlsx"
    scheme_register(path, years=(2023,))
    result = import_history(path, by=role_users["canbo"], commit=True)
    assert result.ok, result.errors[:5]
    ad_hoc = ReceptionSession.objects.filter(kind="ad_hoc", date__year=2023).order_by("date")
    assert [
        (
            s.date,
            [(i.petition.residence_unit.name, i.attendance_count) for i in s.agenda_items.all()],
        )
        for s in ad_hoc
    ] == [
        (datetime.date(2023, 6, 8), [("Xã Hòa Thắng", 22)]),
        (SON_HA_DAY, [("Xã Sơn Hà", 18)]),
    ]
    assert sum(i.attendance_count for s in ad_hoc for i in s.agenda_items.all()) == 40


def test_imported_citizens_are_found_by_their_names_words(scheme):
    """The import inserts citizens in bulk: their names' words are written with them."""
    from tiep_cong_dan.doctype.citizen.models import CitizenWord
    from tiep_cong_dan.doctype.citizen.name_words import words_of

    citizens = list(Citizen.objects.filter(from_records__isnull=False))
    assert citizens
    for citizen in citizens:
        held = set(CitizenWord.objects.filter(citizen=citizen).values_list("word", flat=True))
        assert held == set(words_of(citizen.search_text)), citizen.pk
