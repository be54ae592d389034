"""Realistic demo registrations, sessions and result notices from 2023 to today.

Volumes follow the scheme's account of 2023-2024: 25-30 registrations a month; by
residence about 60% the provincial city, about 20% Lộc Bình, 10-15% Cao Lộc and a
few from the other districts; some group delegations; 12-15 hearings a session.
Every state change goes through the workflow engine as the demo users, dated on
the day it would have happened, so the event history reads like a real one.
"""

import contextlib
import datetime
import random
from collections import deque

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ..conference.readiness import reports_live_status
from ..doctype.admin_unit.constants import Era, UnitLevel
from ..doctype.admin_unit.models import REORGANISATION_DATE, AdministrativeUnit
from ..doctype.admin_unit.services import current_unit_for
from ..doctype.agency.constants import AgencyKind
from ..doctype.agency.models import Agency
from ..doctype.agency.services import follow_agency_successions, successor_of
from ..doctype.bridge_point.constants import TestResult
from ..doctype.bridge_point.models import BridgePoint, ConnectionTest
from ..doctype.bridge_point.services import primary_point_for
from ..doctype.citizen.constants import Gender, IdKind
from ..doctype.citizen.models import Citizen
from ..doctype.hearing_recording import storage as recording_storage
from ..doctype.hearing_recording.services import register_by_reference
from ..doctype.petition.constants import (
    Channel,
    EligibilityBasis,
    Jurisdiction,
    PetitionKind,
)
from ..doctype.petition.models import Petition
from ..doctype.petition.services import register_petition
from ..doctype.reception_session.constants import (
    AdHocGround,
    ConnectionSource,
    HearingMode,
    SessionKind,
)
from ..doctype.reception_session.models import AgendaItem, PointConnection, ReceptionSession
from ..doctype.reception_session.services import create_session
from ..doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from ..doctype.result_notice.services import (
    assign_task,
    draft_replacement,
    draft_result_notice,
)
from ..doctype.working_calendar.services import add_working_days, periodic_session_date
from ..workflow import apply
from . import people
from .requests import online_requests

# Share of registrations by old district code (scheme I.2).
DISTRICT_WEIGHTS = {
    "178": 60,
    "188": 20,
    "183": 12,
    "186": 2,
    "187": 2,
    "189": 2,
    "180": 0.5,
    "181": 0.5,
    "182": 0.5,
    "184": 0.5,
    "185": 0.5,
}
KIND_WEIGHTS = {
    PetitionKind.COMPLAINT: 50,
    PetitionKind.RECOMMENDATION: 25,
    PetitionKind.FEEDBACK: 15,
    PetitionKind.DENUNCIATION: 10,
}
SCHEME_START = datetime.date(2025, 1, 1)  # Decision 2193/QĐ-UBND of 05/12/2024
CHAIRMAN = "Hồ Tiến Thiệu"
ACTORS = {
    "officer": "canbo",
    "head": "truongban",
    "chairman": "chutich",
    "office": "vanphong",
    "technician": "kythuat",
}


class NotYet(Exception):
    """A demo step that would be dated after now: the story stops there for today."""


# Stages after the months, as the set-up's console names them.
_STAGES = {"reports": "monthly reports, the sessions ahead"}


class DemoBuilder:
    progress = None  # progress(done, total, what): told of each month generated

    def __init__(self, seed: int, first: datetime.date, last: datetime.date) -> None:
        self.rnd = random.Random(seed)
        self.first, self.last = first, last
        self.today = timezone.localdate()
        self.districts = {
            d.code: d for d in AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT)
        }
        # Communes of both earlier eras (before and after the 2024 merger).
        self.old_communes = {code: list(d.children.all()) for code, d in self.districts.items()}
        # New communes covering each old district's ground.
        self.new_communes = {
            code: sorted(
                {
                    s.new_unit
                    for c in communes
                    for s in c.succession_to.all()
                    if s.new_unit.era == Era.FROM_2025
                },
                key=lambda u: u.code,
            )
            for code, communes in self.old_communes.items()
        }
        self.city_units = {u.id for u in self.old_communes["178"]} | {
            u.id for u in self.new_communes["178"]
        }
        self.departments = list(Agency.objects.filter(kind=AgencyKind.DEPARTMENT))
        self.committees = {
            a.unit_id: a
            for a in Agency.objects.filter(
                kind__in=[AgencyKind.DISTRICT_COMMITTEE, AgencyKind.COMMUNE_COMMITTEE]
            )
        }
        self.host = BridgePoint.objects.get(code="LS-TSTCD")
        self.citizens: list[Citizen] = []
        self.used_ids: set[str] = set()
        # The demo users act when they exist; otherwise the system does.
        users = {u.username: u for u in User.objects.filter(username__in=ACTORS.values())}
        self.actors = {role: users.get(name) for role, name in ACTORS.items()}
        self.officer = self.actors["officer"]
        self.transfer_seq = 0

    @staticmethod
    def _at(day: datetime.date, hour: float) -> datetime.datetime:
        clock = datetime.time(int(hour), int(hour % 1 * 60))
        return timezone.make_aware(datetime.datetime.combine(day, clock))

    def act(self, doc, action: str, day: datetime.date, hour: float, who: str, **kwargs):
        """Take a workflow action as it would have been taken on `day` at `hour`; a step
        that would fall after this moment has not happened yet (NotYet)."""
        at = self._at(day, hour)
        if at > timezone.now():
            raise NotYet
        return apply(doc, action, by=self.actors[who], at=at, **kwargs)

    # -- people ---------------------------------------------------------------
    def _id_number(self, gender: str, born: datetime.date) -> str:
        century = 0 if born.year < 2000 else 2
        digit = century + (1 if gender == Gender.FEMALE else 0)
        while True:
            number = f"020{digit}{born.year % 100:02d}{self.rnd.randrange(10**6):06d}"
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def citizen(self, unit: AdministrativeUnit, on: datetime.date) -> Citizen:
        if self.citizens and self.rnd.random() < 0.08:
            return self.rnd.choice(self.citizens)  # a returning petitioner
        r = self.rnd
        gender = r.choice([Gender.MALE, Gender.MALE, Gender.FEMALE])
        middle = people.MIDDLE_MALE if gender == Gender.MALE else people.MIDDLE_FEMALE
        given = people.GIVEN_MALE if gender == Gender.MALE else people.GIVEN_FEMALE
        born = datetime.date(r.randint(1945, 1995), r.randint(1, 12), r.randint(1, 28))
        old_paper = on.year < 2024 and r.random() < 0.15
        citizen = Citizen(
            full_name=f"{r.choice(people.SURNAMES)} {r.choice(middle)} {r.choice(given)}",
            gender=gender,
            date_of_birth=born,
            id_kind=IdKind.CMND if old_paper else IdKind.CCCD,
            id_number=f"08{r.randrange(10**7):07d}" if old_paper else self._id_number(gender, born),
            phone=f"0{r.choice('389')}{r.randrange(10**8):08d}",
            address=f"{r.choice(people.VILLAGES)}, {unit}",
            residence_unit=unit,
            contact_consent=r.random() < 0.7,
        )
        citizen.full_clean()
        citizen.save()
        self.citizens.append(citizen)
        return citizen

    # -- petitions ------------------------------------------------------------
    def _unit_on(self, district_code: str, day: datetime.date) -> AdministrativeUnit:
        pool = self.old_communes if day < REORGANISATION_DATE else self.new_communes
        return self.rnd.choice([u for u in pool[district_code] if u.is_valid_on(day)])

    def petition(self, day: datetime.date, district_code: str, group: int = 1) -> Petition:
        r = self.rnd
        unit = self._unit_on(district_code, day)
        kind = r.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        summary, content = r.choice(people.SUBJECTS[kind])
        citizen = self.citizen(unit, day)
        within = r.random() < 0.55
        remote = unit.id not in self.city_units
        online_era = day >= SCHEME_START - datetime.timedelta(days=20)
        basis, consent, complex_case = EligibilityBasis.NONE, False, False
        if within and online_era and remote and kind != PetitionKind.DENUNCIATION:
            consent = r.random() < 0.85
            basis = EligibilityBasis.SCHEME_2_1 if consent else EligibilityBasis.NONE
        elif within and online_era and remote and r.random() < 0.4:
            # Decree 154 Art. 20(4): a complex denunciation whose denouncer asks no
            # identity protection, the Board able to keep it confidential.
            basis, consent, complex_case = EligibilityBasis.DECREE_20_4, True, True
        petition = Petition(
            received_date=day,
            kind=kind,
            citizen=citizen,
            summary=summary,
            channel=r.choices(
                [Channel.IN_PERSON, Channel.WRITTEN, Channel.PHONE], weights=[60, 35, 5]
            )[0],
            content=content.format(area=r.randint(80, 3000), project=r.choice(people.PROJECTS)),
            group_size=group,
            matter_unit=unit,
            jurisdiction=Jurisdiction.CHAIRMAN if within else Jurisdiction.OTHER_AGENCY,
            eligibility_basis=basis,
            citizen_consent=consent,
            complex_case=complex_case,
            confidentiality_ensured=complex_case,
            earlier_handling="Đã được UBND cấp huyện giải quyết lần đầu."
            if r.random() < 0.4
            else "",
        )
        representatives = []
        if group >= 5:
            count = r.randint(1, 2 if group <= 10 else 5)
            representatives = [self.citizen(unit, day) for _ in range(count)]
            representatives = list(dict.fromkeys(representatives))  # returning people
        agencies = r.sample(self.departments, r.randint(1, 2))
        agencies = [a for a in agencies if a.active or day < REORGANISATION_DATE]
        committee = self.committees.get(unit.parent_id if day < REORGANISATION_DATE else unit.id)
        if committee:
            agencies.append(committee)
        # Registered on the day it was received, not on the day the demo was loaded.
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 30)))
        registered = register_petition(
            petition,
            by=self.officer,
            representatives=representatives,
            agencies=agencies,
            at=at,
            # Past cases, as an import would bring them: no code, no SMS.
            issue_code=False,
        )
        Petition.objects.filter(pk=registered.pk).update(created_at=at)
        registered.created_at = at  # later saves of this object must keep it
        return registered

    def handle(self, petition: Petition) -> datetime.date | None:
        """The Board's handling after receipt; returns the day the case joined the
        Chairman's queue, or None when it went another way."""
        r, day = self.rnd, petition.received_date
        d2, d3, d4 = (add_working_days(day, n) for n in (2, 3, 4))
        if d2 > self.today:
            return None  # still waiting to be classified
        if petition.jurisdiction != Jurisdiction.CHAIRMAN:
            self.transfer_seq += 1
            petition.transferred_to = petition.agencies_concerned.first() or self.departments[0]
            petition.transfer_letter = f"{self.transfer_seq:03d}/BTCD-TD ngày {d2:%d/%m/%Y}"
            petition.save()
            self.act(petition, "transfer", d2, 9, "officer")
            return None
        petition.acceptance_outcome = "accepted"
        petition.save()
        self.act(petition, "notify_acceptance", d2, 8.5, "officer")
        self.act(petition, "classify", d2, 9, "officer")
        if r.random() < 0.01:
            petition.refusal_ground = "decree_4_h"
            petition.save()
            self.act(
                petition,
                "refuse",
                d2,
                10,
                "officer",
                comment="Vụ việc đã được trả lời đúng quy định, không có tình tiết mới.",
            )
            petition.refusal_notice_number = f"{petition.registration_seq}/TB-BTCD"
            petition.refusal_notice_date = d3
            petition.save()
            # The Board head signs form 01/TCD as it is issued.
            self.act(petition, "issue_refusal_notice", d3, 14, "head")
            self.act(petition, "close", d3, 15, "officer")
            return None
        if petition.eligibility_basis and petition.citizen_consent:
            self.act(petition, "propose", d2, 10, "officer")
            self.act(petition, "endorse", d3, 9, "head")
            self.act(petition, "approve", d4, 10, "chairman")
        elif (
            petition.eligibility_basis == EligibilityBasis.NONE
            and petition.is_denunciation
            and (petition.received_date >= SCHEME_START)
        ):
            petition.identity_protection_requested = True
            petition.save()
            reason = (
                "Người tố cáo đề nghị giữ bí mật danh tính nên không tiếp trực tuyến; "
                "hướng dẫn công dân gặp trực tiếp tại Trụ sở Tiếp công dân tỉnh."
            )
            self.act(petition, "not_propose", d2, 10, "officer", comment=reason)
            d6 = add_working_days(day, 6)
            if d6 <= self.today:
                petition.reply_letter_number = f"{petition.registration_seq}/BTCD-TL"
                petition.reply_letter_date = d6
                petition.save()
                self.act(petition, "issue_reply", d6, 15, "head")  # signs the letter
                self.act(petition, "close", d6, 16, "officer")
            return None
        else:
            self.act(petition, "admit_in_person", d3, 9, "head")
        return d4

    # -- sessions -------------------------------------------------------------
    def session(
        self, day, queue: deque, kind=SessionKind.PERIODIC, ground="", plan_day=None
    ) -> ReceptionSession:
        """A session on `day` taking its agenda from the front of `queue`, carried
        through its workflow as far as the calendar allows."""
        online_possible = day >= SCHEME_START
        plan_day = plan_day or add_working_days(day, -7)
        session = self._new_session(day, kind, ground, plan_day, online_possible)
        taken = self._fill_agenda(session, queue, plan_day, online_possible)
        if not taken or plan_day > self.today:
            return session
        if not self._prepare(session, day, plan_day) or day >= self.today:
            return session
        not_reached = self._hold(session, day, online_possible)
        # Those not reached go back to the front of the queue, in registration order.
        for petition in reversed(not_reached):
            queue.appendleft((petition, plan_day))
        heard = [p for p in taken if p not in not_reached]
        if heard:
            self.notice(session, heard)
        return session

    def _new_session(self, day, kind, ground, plan_day, online_possible) -> ReceptionSession:
        r = self.rnd
        session = ReceptionSession(
            kind=kind,
            ad_hoc_ground=ground,
            date=day,
            presiding_official=CHAIRMAN,
            host_bridge_point=self.host,
            capacity=r.randint(12, 15),
            conference_platform="pexip" if online_possible else "",
            central_board_invited=kind == SessionKind.CENTRAL_REQUEST or r.random() < 0.1,
            start_time=datetime.time(14 if online_possible else 8),
            end_time=datetime.time(17) if online_possible else datetime.time(11, 30),
        )
        # Every hearing of a demo session, online or not, is heard in its hours.
        session.in_person_start, session.in_person_end = session.start_time, session.end_time
        create_session(session, by=self.officer, at=self._at(plan_day, 8))
        return session

    def _fill_agenda(self, session, queue: deque, plan_day, online_possible) -> list[Petition]:
        """The cases ready by the planning day, in queue order, as long as the session's
        capacity and hours allow (the rest wait for the next one)."""
        start = datetime.datetime.combine(session.date, session.start_time)
        taken: list[Petition] = []
        while queue and len(taken) < session.capacity:
            petition, ready = queue[0]
            if ready > plan_day:
                break
            length = 20 if petition.is_group else 12
            if (start + datetime.timedelta(minutes=length)).time() > session.end_time:
                break
            queue.popleft()
            online = online_possible and petition.citizen_consent
            point = primary_point_for(current_unit_for(petition.residence_unit)) if online else None
            mode = HearingMode.ONLINE if online and point else HearingMode.IN_PERSON
            AgendaItem.objects.create(
                session=session,
                position=len(taken) + 1,
                petition=petition,
                mode=mode,
                bridge_point=point if mode == HearingMode.ONLINE else None,
                slot_start=start.time(),
                slot_end=(start + datetime.timedelta(minutes=length)).time(),
                attendees="Chủ tịch UBND xã và công chức địa chính"
                if mode == HearingMode.ONLINE
                else "",
            )
            start += datetime.timedelta(minutes=length + 3)
            taken.append(petition)
        return taken

    def _prepare(self, session, day, plan_day) -> bool:
        """Planned, approved, announced, tested and connected on their days (Decree 154
        Art. 23), or held in person; False when the calendar stops before the session."""
        self.act(session, "plan", plan_day, 9, "officer")
        self.act(session, "approve", add_working_days(day, -6), 10, "chairman")
        announce_day = add_working_days(day, -5)
        if announce_day > self.today:
            return False
        if not session.has_online_hearing():
            # Scheme III.3.2.b: nobody to hear online, so the session is in person.
            self.act(session, "hold_in_person", announce_day, 8, "officer")
            return True
        self.act(session, "announce", announce_day, 8, "officer")
        test_day = add_working_days(day, -1)
        if test_day > self.today:
            return False
        for point in session.participant_points():
            ConnectionTest.objects.create(
                bridge_point=point,
                result=TestResult.SUCCESS,
                audio_ok=True,
                video_ok=True,
                tested_by=self.actors["technician"],
                tested_at=timezone.make_aware(
                    datetime.datetime.combine(test_day, datetime.time(15, 0))
                ),
            )
        self.act(session, "confirm_tests", test_day, 16, "technician")
        if day > self.today:
            return False
        self.connections(session, day, session.start_time.hour - 1.75)
        self.act(session, "connect", day, session.start_time.hour - 1.5, "technician")
        return True

    def _hold(self, session, day, online_possible) -> list[Petition]:
        """The session held and closed; returns the cases it did not reach."""
        self.act(session, "start", day, session.start_time.hour, "officer")
        not_reached = []
        for item in session.agenda_items.select_related("petition"):
            if self.rnd.random() < 0.04 and item.position > 3:
                not_reached.append(item.petition)
                continue
            item.heard = True
            item.attendance_count = min(item.petition.group_size, 5)
            item.save(update_fields=["heard", "attendance_count"])
        if online_possible:
            self.record_meeting(session, day)
        self.act(session, "finish", day, session.end_time.hour, "officer")
        self.act(session, "close", add_working_days(day, 1), 9, "officer")
        return not_reached

    def record_meeting(self, session: ReceptionSession, day: datetime.date) -> None:
        """The afternoon's recording as the recorder leaves it on the recordings storage
        (a stand-in of a few bytes: the demo holds no video), registered and hashed as
        a real one is (Decree 154 Art. 24)."""
        location = f"demo/{day:%Y/%m-%d}/phien-{session.pk}.mp4"
        path = recording_storage.path_of(location)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(f"Bản ghi minh hoạ phiên {session.pk}, {day:%d/%m/%Y}".encode())
        register_by_reference(
            session,
            location,
            by=self.actors["officer"],
            started_at=self._at(day, session.start_time.hour),
            ended_at=self._at(day, session.end_time.hour),
        )

    def connections(self, session: ReceptionSession, day: datetime.date, hour: float) -> None:
        """Each point's connection before the "connect" step (Decree 154 Art. 23): seen by
        the platform when it reports live status, else confirmed by the technician."""
        at = self._at(day, hour)
        if at > timezone.now():
            raise NotYet
        live = reports_live_status(session)
        PointConnection.objects.bulk_create(
            PointConnection(
                session=session,
                bridge_point=point,
                source=ConnectionSource.PLATFORM if live else ConnectionSource.TECHNICIAN,
                at=at,
                by=None if live else self.actors["technician"],
            )
            for point in session.participant_points()
        )

    def notice(self, session: ReceptionSession, heard: list[Petition]) -> None:
        r = self.rnd
        drafted = add_working_days(session.date, 2)
        issued = add_working_days(session.date, 5)
        notice = ResultNotice(
            session=session,
            signer_name=CHAIRMAN,
            signer_title="Chủ tịch",
            recipients="Chủ tịch, các PCT UBND tỉnh;\nCác sở, ngành liên quan;\n"
            + (
                "UBND các xã, phường có liên quan;\n"
                if session.date >= REORGANISATION_DATE
                else "UBND các huyện, thành phố;\n"
            )
            + "Công dân có tên;",
        )
        draft_result_notice(notice, by=self.officer, at=self._at(drafted, 8))
        tasks = []
        for petition in heard:
            agency = petition.agencies_concerned.first() or r.choice(self.departments)
            if not agency.is_valid_on(drafted):  # merged since: its successor takes it
                agency = successor_of(agency) or agency
            Conclusion.objects.create(
                notice=notice,
                petition=petition,
                text=r.choice(people.CONCLUSIONS).format(agency=agency),
            )
            task = Assignment(
                notice=notice,
                petition=petition,
                agency=agency,
                working_days=30,
                task=f"Kiểm tra, giải quyết nội dung đơn số {petition.registration_number}.",
            )
            tasks.append(assign_task(task, by=self.officer, at=self._at(drafted, 9)))
        if issued > self.today:
            return
        self.act(notice, "review", add_working_days(session.date, 3), 9, "head")
        self.act(notice, "submit", add_working_days(session.date, 3), 14, "officer")
        self.act(notice, "issue", issued, 10, "chairman")
        # The clerk of the Committee's office adds the Committee's signature (to a notice
        # signed digitally: one issued before Decree 154/2026 took effect was on paper).
        if _signed(notice, "result_notice"):
            self.act(notice, "seal", issued, 11, "office")
        self.act(notice, "distribute", issued, 15, "officer")
        for task in tasks:
            task.refresh_from_db()
            done = task.deadline < self.today - datetime.timedelta(days=20) and r.random() < 0.85
            if not done:
                continue
            done_on = add_working_days(task.deadline, r.randint(-15, 5))
            task.done_on = done_on
            task.report = "Đã kiểm tra, trả lời công dân bằng văn bản."
            task.save()
            self.act(task, "report", done_on, 10, "officer")
            accepted_on = add_working_days(done_on, 2)
            self.act(task, "accept", accepted_on, 9, "officer")
            self.act(task.petition, "close", accepted_on, 10, "officer")

    # -- whole run ------------------------------------------------------------
    def run(self) -> dict[str, int]:
        r = self.rnd
        # The Chairman's queue: (petition, day it joined), in registration order.
        queue: deque[tuple[Petition, datetime.date]] = deque()
        month = datetime.date(self.first.year, self.first.month, 1)
        ad_hoc = {
            datetime.date(2023, 6, 1): "186",
            datetime.date(2023, 11, 1): "186",
            datetime.date(2024, 8, 1): "189",
            datetime.date(2025, 9, 1): "188",
        }
        months = (self.last.year - month.year) * 12 + self.last.month - month.month + 1
        done = 0
        while month <= self.last:
            done += 1
            if self.progress:
                self.progress(done, months, month.strftime("%m/%Y"))
            days = [
                month + datetime.timedelta(days=i)
                for i in range(31)
                if (month + datetime.timedelta(days=i)).month == month.month
            ]
            days = [d for d in days if d.weekday() < 5 and d <= self.today]
            session_day = periodic_session_date(month.year, month.month)
            if month in ad_hoc:
                received = add_working_days(month, 2)
                group = self.petition(received, ad_hoc[month], group=r.randint(35, 45))
                group.jurisdiction = Jurisdiction.CHAIRMAN
                group.eligibility_basis = EligibilityBasis.SCHEME_2_2
                group.citizen_consent = True
                group.acceptance_outcome = "accepted"
                group.save()
                self.act(group, "notify_acceptance", received, 10, "officer")
                self.act(group, "classify", received, 10.5, "officer")
                if received < SCHEME_START:
                    self.act(group, "admit_in_person", received, 11, "head")
                else:
                    self.act(group, "propose", received, 11, "officer")
                    self.act(group, "endorse", received, 14, "head")
                    self.act(group, "approve", received, 16, "chairman")
                day = add_working_days(received, 7)
                if day == session_day:  # the Reception Office hosts one session at a time
                    day = add_working_days(day, 1)
                self.session(
                    day,
                    deque([(group, received)]),
                    kind=SessionKind.AD_HOC,
                    ground=AdHocGround.A,
                    plan_day=add_working_days(received, 1),
                )
            for day in sorted(r.choices(days, k=r.randint(25, 30))):
                group = r.randint(5, 40) if r.random() < 0.06 else 1
                district = r.choices(
                    list(DISTRICT_WEIGHTS), weights=list(DISTRICT_WEIGHTS.values())
                )[0]
                petition = self.petition(day, district, group)
                try:
                    ready = self.handle(petition)
                except NotYet:  # the case stands where today leaves it
                    ready = None
                if ready is not None:
                    queue.append((petition, ready))
            if session_day <= self.last:
                try:
                    self.session(session_day, queue)
                except NotYet:
                    pass
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return demo_counts()


def _signed(doc, code: str) -> bool:
    """Whether `doc`'s issued document was signed digitally (from TCD_SIGNING_FROM on)."""
    from ..print_format.documents import DOCUMENTS
    from ..print_format.signing.service import signed_document

    return signed_document(DOCUMENTS[code], doc) is not None


def demo_counts() -> dict[str, int]:
    return {
        "petitions": Petition.objects.count(),
        "citizens": Citizen.objects.count(),
        "sessions": ReceptionSession.objects.count(),
        "hearings": AgendaItem.objects.count(),
        "result_notices": ResultNotice.objects.count(),
        "assignments": Assignment.objects.count(),
    }


def load_demo_data(
    seed: int = 2023,
    first: datetime.date = datetime.date(2023, 1, 1),
    last: datetime.date | None = None,
    progress=None,
) -> dict[str, int]:
    """From `first` to `last` (default: today). Idempotent: a database that already has
    petitions is left as it is. `progress(done, total, what)` is told of each month
    generated and each stage after them (the set-up's console shows it)."""
    if Petition.objects.exists():
        return demo_counts()
    from ..core import tallies
    from ..doctype.notification.services import without_delivery
    from ..jobs import inline_jobs
    from ..print_format.signing.demo import prepare_demo_signing
    from ..reporting.cube import built, rebuild
    from ..workflow.loader import declarations_held

    last = last or timezone.localdate()
    # The Chairman signs the notices he issues, the Board head her reports: their keys
    # from the demo CA, their images drawn.
    prepare_demo_signing()
    # The steps' notifications land in the inboxes now; none is e-mailed: it is history.
    # On a site whose monthly figures were never counted (a new one) the reports count
    # directly and each step would only ask whether they were: the figures are counted
    # once, at the end. A site that keeps them keeps them at each step, for the reports.
    held = tallies.paused() if not built() else contextlib.nullcontext()
    with inline_jobs(), without_delivery(), declarations_held(), transaction.atomic():
        with held:
            builder = DemoBuilder(seed, first, last)
            builder.progress = progress
            builder.run()
            if progress:
                progress(1, 1, _STAGES["reports"])
            # Tasks given before the departments merged on 2025-03-01 and still open go
            # to the successors, as load_master_data does on a live site.
            follow_agency_successions()
            correct_a_notice(last)
            monthly_reports(first, last)
            plan_ahead()
            online_requests()
        rebuild()
    return demo_counts()


def correct_a_notice(last: datetime.date) -> None:
    """The latest notice sent whose tasks are still open is corrected by a notice that
    replaces it (an issued notice is never edited): drafted from it, its first
    conclusion reworded, reviewed, signed by the Chairman, sealed and sent."""
    users = {
        u.username: u
        for u in User.objects.filter(username__in=("canbo", "truongban", "chutich", "vanphong"))
    }
    candidates = ResultNotice.objects.filter(
        state="distributed",
        assignments__state="open",
        issued_date__lte=add_working_days(last, -4),
    ).order_by("-issued_date", "-id")
    notice = candidates.first()
    if notice is None or len(users) < 4:
        return
    day = add_working_days(notice.issued_date, 3)
    at = DemoBuilder._at
    draft = draft_replacement(notice, by=users["canbo"], at=at(day, 8))
    conclusion = draft.conclusions.order_by("pk").first()
    conclusion.text += " Thời hạn báo cáo kết quả được tính lại từ ngày ban hành thông báo này."
    conclusion.save()
    apply(draft, "review", by=users["truongban"], at=at(day, 9))
    apply(draft, "submit", by=users["canbo"], at=at(day, 10))
    apply(draft, "issue", by=users["chutich"], at=at(day, 14))
    if _signed(draft, "result_notice"):
        apply(draft, "seal", by=users["vanphong"], at=at(day, 15))
    apply(draft, "distribute", by=users["canbo"], at=at(day, 16))


def monthly_reports(first: datetime.date, last: datetime.date) -> None:
    """The Board's report for each month of the last year: drafted on the 2nd of the
    next month, signed by the Board head and sent on the 3rd (scheme V.2). The month
    just ended stays a draft when its signing day has not come."""
    from ..core.period import Period
    from ..doctype.monthly_report.models import MonthlyReport
    from ..doctype.monthly_report.services import draft_monthly_report

    officer = User.objects.get(username="canbo")
    head = User.objects.get(username="truongban")
    month = max(first, last.replace(day=1) - datetime.timedelta(days=365)).replace(day=1)
    while True:
        period = Period.month(month.year, month.month)
        drafted = period.end + datetime.timedelta(days=2)
        if drafted > last:
            break
        report = MonthlyReport(
            period_start=period.start,
            period_end=period.end,
            # Section III: signing needs it.
            remarks="Các cơ quan được giao nhiệm vụ cần báo cáo kết quả đúng hạn; "
            "đề nghị tiếp tục duy trì kỳ tiếp định kỳ trực tuyến.",
        )
        draft_monthly_report(report, by=officer, at=DemoBuilder._at(drafted, 8))
        signed = period.end + datetime.timedelta(days=3)
        if signed <= last:
            apply(report, "issue", by=head, at=DemoBuilder._at(signed, 9))
            if _signed(report, "monthly_report"):
                apply(report, "seal", by=officer, at=DemoBuilder._at(signed, 9.5))
            apply(report, "send", by=officer, at=DemoBuilder._at(signed, 10))
        month = period.end + datetime.timedelta(days=1)


def plan_ahead() -> None:
    """The year ahead: the periodic sessions of the next 12 months, and the next one's
    agenda taken from the queue and submitted to the Chairman."""
    from ..scheduling.agenda import build_agenda
    from ..scheduling.calendar import generate_periodic_sessions
    from ..workflow import apply

    officer = User.objects.filter(username="canbo").first()
    today = timezone.localdate()
    first = today
    if periodic_session_date(today.year, today.month) < today:  # this month's is past
        first = (today.replace(day=1) + datetime.timedelta(days=32)).replace(day=1)
    sessions = generate_periodic_sessions(first, 12, by=officer)
    if sessions and build_agenda(sessions[0], by=officer):
        apply(sessions[0], "plan", by=officer)
        # The Chairman approves it and the Board announces it at once, well within the
        # 5 working days' notice (Art. 23): the public schedule shows the next session.
        apply(sessions[0], "approve", by=User.objects.get(username="chutich"))
        apply(sessions[0], "announce", by=officer)
