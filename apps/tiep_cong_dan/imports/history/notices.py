"""Reading the result notices and their tasks: each notice concludes hearings of a
session of the register, each task belongs to a hearing the notice concluded and goes
to an agency as it existed on the notice's day."""

import datetime
import re

from django.core.exceptions import ValidationError

from ...doctype.result_notice.constants import AssignmentState, NoticeState
from ...doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from . import cells
from .cells import CellError
from .errors import KIND_LABELS, SESSION_KIND_WORDS, day_text
from .layout import NOTICES, SESSION_KINDS, STATUSES, TASKS
from .plan import Hearing, Notice, Session, Task

_d = day_text
NOTICE_FIELDS = {
    "signer_name": "signer",
    "signer_title": "signer_title",
    "recipients": "recipients",
}
TASK_FIELDS = {"task": "task", "deadline": "deadline", "done_on": "reported", "report": "report"}


class NoticeRows:
    """The Checker's reading of the notices and tasks sheets (a mixin)."""

    def _notice(self, row: int, cell: dict, notices: dict) -> None:
        before = len(self.errors.items)
        read = {}
        for key, reader, args in (
            ("date", cells.date, ()),
            ("session_date", cells.date, ()),
            ("session_kind", cells.choice, (SESSION_KINDS, SESSION_KIND_WORDS)),
            ("rows", cells.row_numbers, ()),
        ):
            if cells.text(cell.get(key)) or isinstance(cell.get(key), datetime.date):
                try:
                    read[key] = reader(cell[key], *args)
                except CellError as exc:
                    self.errors.add(NOTICES, row, key, exc)
        for key in ("number", "date", "session_date", "session_kind", "signer"):
            if not cells.text(cell.get(key)) and not isinstance(cell.get(key), datetime.date):
                self.errors.add(NOTICES, row, key, "Thiếu dữ liệu bắt buộc.")
        number = _notice_number(cells.text(cell.get("number")))
        if cells.text(cell.get("number")) and number is None:
            self.errors.add(NOTICES, row, "number", "Số thông báo ghi như 05/TB-UBND.")
        if len(self.errors.items) > before:
            return
        day, session_key = read["date"], (read["session_date"], read["session_kind"])
        session = next((s for s in self.plan.sessions if s.key == session_key), None)
        if session is None and session_key in self.sessions_named:
            # The session's rows are wrong or it is recorded already: said there.
            self.notices_skipped.add((day.year, number[0]))
            return
        if session is None:
            self.errors.add(
                NOTICES,
                row,
                "session_date",
                f"Sổ không có kỳ tiếp {KIND_LABELS[session_key[1]]} ngày {_d(session_key[0])}.",
            )
            return
        if day < session.day:
            self.errors.add(
                NOTICES, row, "date", f"Thông báo ban hành trước ngày tiếp ({_d(session.day)})."
            )
        seq, suffix = number
        written = f"{seq:02d}/{suffix}"
        # A year's register of notices numbers them once (the number and the year).
        if (day.year, seq) in notices:
            self.errors.add(
                NOTICES,
                row,
                "number",
                f"Số thông báo {seq:02d} của năm {day.year} đã ghi ở dòng "
                f"{notices[(day.year, seq)].row}.",
            )
            return
        if ResultNotice.objects.filter(number_year=day.year, number_seq=seq).exists():
            self.errors.add(
                NOTICES,
                row,
                "number",
                f"Số thông báo {seq:02d} của năm {day.year} đã có trong hệ thống.",
            )
            return
        hearings = self._concluded(row, session, read.get("rows"))
        if hearings is None:
            return
        obj = ResultNotice(
            number=written,
            number_year=day.year,
            number_seq=seq,
            issued_date=day,
            session=session.obj,
            signer_name=cells.text(cell.get("signer")),
            signer_title=cells.text(cell.get("signer_title")) or "Chủ tịch",
            recipients=cells.text(cell.get("recipients")),
            state=NoticeState.DISTRIBUTED,
        )
        try:
            obj.full_clean(exclude=["session"], validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            self.errors.model(NOTICES, row, exc, NOTICE_FIELDS)
            return
        notice = Notice(row, obj, session, hearings)
        for h in hearings:
            h.notice = notice
            notice.conclusions.append(
                Conclusion(notice=obj, petition=h.petition, text=h.conclusion)
            )
        notices[(day.year, seq)] = notice
        self.plan.notices.append(notice)

    def _concluded(
        self, row: int, session: Session, numbers: list[int] | None
    ) -> list[Hearing] | None:
        """The hearings a notice concludes: the rows it names, or those of its session
        with a conclusion and no other notice."""
        if numbers is None:
            hearings = [h for h in session.hearings if h.conclusion and h.notice is None]
            if not hearings:
                self.errors.add(
                    NOTICES,
                    row,
                    "rows",
                    "Không dòng nào của kỳ tiếp này có kết luận chưa thuộc thông báo khác.",
                )
                return None
            return hearings
        by_stt = {h.stt: h for h in session.hearings}
        hearings = []
        for stt in numbers:
            h = by_stt.get(stt)
            if h is None:
                self.errors.add(
                    NOTICES, row, "rows", f"Dòng số thứ tự {stt} không thuộc kỳ tiếp này."
                )
            elif not h.conclusion:
                self.errors.add(NOTICES, row, "rows", f"Dòng số thứ tự {stt} chưa ghi kết luận.")
            elif h.notice is not None:
                self.errors.add(
                    NOTICES,
                    row,
                    "rows",
                    f"Dòng số thứ tự {stt} đã thuộc thông báo {h.notice.obj.number}.",
                )
            else:
                hearings.append(h)
        return hearings if len(hearings) == len(numbers) and hearings else None

    def _task(self, row: int, cell: dict, notices: dict) -> None:
        before = len(self.errors.items)
        for key in ("notice", "notice_date", "stt", "agency", "task", "deadline", "status"):
            if not cells.text(cell.get(key)) and not isinstance(cell.get(key), datetime.date):
                self.errors.add(TASKS, row, key, "Thiếu dữ liệu bắt buộc.")
        if len(self.errors.items) > before:
            return
        read = {}
        for key, reader, args in (
            ("notice_date", cells.date, ()),
            ("stt", cells.integer, ()),
            ("deadline", cells.date, ()),
            (
                "status",
                cells.choice,
                (STATUSES, "đang thực hiện, đã báo cáo, đã hoàn thành, trả lại, hủy"),
            ),
            ("reported", cells.date, ()),
        ):
            if cells.text(cell.get(key)) or isinstance(cell.get(key), datetime.date):
                try:
                    read[key] = reader(
                        cell[key], *args, **({"future": True} if key == "deadline" else {})
                    )
                except CellError as exc:
                    self.errors.add(TASKS, row, key, exc)
        if len(self.errors.items) > before:
            return
        number = _notice_number(cells.text(cell["notice"]))
        key = (read["notice_date"].year, number[0]) if number else None
        if key in self.notices_skipped:
            return  # its notice could not be read: said there
        notice = notices.get(key)
        if notice is None or notice.day != read["notice_date"]:
            self.errors.add(
                TASKS,
                row,
                "notice",
                f"Trang Thông báo kết quả không có thông báo {cells.text(cell['notice'])} "
                f"ngày {_d(read['notice_date'])}.",
            )
            return
        hearing = next((h for h in notice.hearings if h.stt == read["stt"]), None)
        if hearing is None:
            self.errors.add(
                TASKS,
                row,
                "stt",
                f"Thông báo {notice.obj.number} không kết luận dòng số thứ tự {read['stt']}.",
            )
        try:
            agency = self.agencies.named(cells.text(cell["agency"]), on=notice.day)
        except ValidationError as exc:
            self.errors.add(TASKS, row, "agency", exc.messages[0])
            agency = None
        if read["deadline"] < notice.day:
            self.errors.add(
                TASKS,
                row,
                "deadline",
                f"Thời hạn trước ngày ban hành thông báo ({_d(notice.day)}).",
            )
        status, reported = read["status"], read.get("reported")
        if status == AssignmentState.OPEN and reported:
            self.errors.add(TASKS, row, "reported", "Nhiệm vụ đang thực hiện chưa có ngày báo cáo.")
        elif status != AssignmentState.OPEN and reported is None:
            self.errors.add(
                TASKS, row, "reported", "Ghi ngày báo cáo (với nhiệm vụ hủy: ngày hủy)."
            )
        elif reported and reported < notice.day:
            self.errors.add(
                TASKS,
                row,
                "reported",
                f"Ngày báo cáo trước ngày ban hành thông báo ({_d(notice.day)}).",
            )
        if len(self.errors.items) > before:
            return
        reported_done = status in (
            AssignmentState.REPORTED,
            AssignmentState.ACCEPTED,
            AssignmentState.RETURNED,
        )
        obj = Assignment(
            notice=notice.obj,
            petition=hearing.petition,
            agency=agency,
            task=cells.text(cell["task"]),
            deadline=read["deadline"],
            state=status,
            done_on=reported if reported_done else None,
            report=cells.text(cell.get("report")),
        )
        obj.copy_case_units()  # written in bulk, without save()
        try:
            obj.full_clean(
                exclude=["notice", "petition", "agency"],
                validate_unique=False,
                validate_constraints=False,
            )
        except ValidationError as exc:
            self.errors.model(TASKS, row, exc, TASK_FIELDS)
            return
        task = Task(row, obj, notice, hearing, reported)
        hearing.tasks.append(task)
        self.plan.tasks.append(task)


def _notice_number(text: str) -> tuple[int, str] | None:
    """ "05/TB-UBND" -> (5, "TB-UBND")."""
    match = re.fullmatch(r"0*(\d{1,6})\s*/\s*([A-Za-zĐđ][\w\-Đđ]*)", text)
    if not match or int(match[1]) == 0:
        return None
    return int(match[1]), match[2].upper()
