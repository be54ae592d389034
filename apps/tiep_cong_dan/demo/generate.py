"""Three years of realistic demo registrations, sessions and result notices.

Volumes follow the scheme's account of 2023-2024: 25-30 registrations a month; by
residence about 60% the provincial city, about 20% Lộc Bình, 10-15% Cao Lộc and a
few from the other districts; some group delegations; 12-15 hearings a session.
States are set directly: these are records of the past, not actions taken now.
"""

import datetime
import random
from collections import deque

from django.contrib.auth.models import User
from django.db import transaction
from django.utils import timezone

from ..doctype.admin_unit.constants import UnitLevel
from ..doctype.admin_unit.models import REORGANISATION_DATE, AdministrativeUnit
from ..doctype.admin_unit.services import current_unit_for
from ..doctype.agency.constants import AgencyKind
from ..doctype.agency.models import Agency
from ..doctype.bridge_point.constants import TestResult
from ..doctype.bridge_point.models import BridgePoint, ConnectionTest
from ..doctype.bridge_point.services import primary_point_for
from ..doctype.citizen.constants import Gender, IdKind
from ..doctype.citizen.models import Citizen
from ..doctype.petition.constants import (
    Channel,
    EligibilityBasis,
    Jurisdiction,
    PetitionKind,
    PetitionState,
)
from ..doctype.petition.models import Petition
from ..doctype.petition.services import register_petition
from ..doctype.reception_session.constants import AdHocGround, HearingMode, SessionKind
from ..doctype.reception_session.constants import SessionState as SS
from ..doctype.reception_session.models import AgendaItem, ReceptionSession
from ..doctype.result_notice.constants import AssignmentStatus, NoticeState
from ..doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from ..doctype.working_calendar.services import add_working_days, periodic_session_date
from . import people

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


class DemoBuilder:
    def __init__(self, seed: int, first: datetime.date, last: datetime.date) -> None:
        self.rnd = random.Random(seed)
        self.first, self.last = first, last
        self.today = timezone.localdate()
        self.districts = {
            d.code: d for d in AdministrativeUnit.objects.filter(level=UnitLevel.DISTRICT)
        }
        self.old_communes = {code: list(d.children.all()) for code, d in self.districts.items()}
        # New communes covering each old district's ground.
        self.new_communes = {
            code: sorted(
                {s.new_unit for c in communes for s in c.succession_to.all()}, key=lambda u: u.code
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
        self.notice_seq: dict[int, int] = {}
        self.used_ids: set[str] = set()
        # The demo Board officer registers the cases when the demo users exist.
        self.officer = User.objects.filter(username="canbo").first()

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
        return self.rnd.choice(pool[district_code])

    def petition(self, day: datetime.date, district_code: str, group: int = 1) -> Petition:
        r = self.rnd
        unit = self._unit_on(district_code, day)
        kind = r.choices(list(KIND_WEIGHTS), weights=list(KIND_WEIGHTS.values()))[0]
        summary, content = r.choice(people.SUBJECTS[kind])
        citizen = self.citizen(unit, day)
        within = r.random() < 0.55
        remote = unit.id not in self.city_units
        online_era = day >= SCHEME_START - datetime.timedelta(days=20)
        basis, consent = EligibilityBasis.NONE, False
        if within and online_era and remote and kind != PetitionKind.DENUNCIATION:
            consent = r.random() < 0.85
            basis = EligibilityBasis.SCHEME_2_1 if consent else EligibilityBasis.NONE
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
        registered = register_petition(
            petition, by=self.officer, representatives=representatives, agencies=agencies
        )
        # Registered on the day it was received, not on the day the demo was loaded.
        at = timezone.make_aware(datetime.datetime.combine(day, datetime.time(8, 30)))
        Petition.objects.filter(pk=registered.pk).update(created_at=at)
        return registered

    # -- sessions -------------------------------------------------------------
    def session(self, day, queue: deque, kind=SessionKind.PERIODIC, ground="") -> ReceptionSession:
        r = self.rnd
        online_possible = day >= SCHEME_START
        held = day < self.today
        session = ReceptionSession.objects.create(
            kind=kind,
            ad_hoc_ground=ground,
            date=day,
            presiding_official=CHAIRMAN,
            host_bridge_point=self.host,
            capacity=r.randint(12, 15),
            state=SS.HELD if held else SS.PLANNED,
            conference_platform="pexip" if online_possible else "",
            central_board_invited=kind == SessionKind.CENTRAL_REQUEST or r.random() < 0.1,
            recording_reference=f"NAS-BTCD/{day:%Y/%m%d}/ghi-hinh"
            if online_possible and held
            else "",
        )
        start = datetime.datetime.combine(day, datetime.time(14 if online_possible else 8))
        position = 0
        heard: list[Petition] = []
        while queue and position < session.capacity:
            petition = queue[0]
            if petition.received_date > day:
                break
            queue.popleft()
            position += 1
            online = online_possible and petition.citizen_consent
            point = primary_point_for(current_unit_for(petition.residence_unit)) if online else None
            mode = HearingMode.ONLINE if online and point else HearingMode.IN_PERSON
            length = 20 if petition.is_group else 12
            AgendaItem.objects.create(
                session=session,
                position=position,
                petition=petition,
                mode=mode,
                bridge_point=point if mode == HearingMode.ONLINE else None,
                slot_start=start.time(),
                slot_end=(start + datetime.timedelta(minutes=length)).time(),
                attendance_count=min(petition.group_size, 5) if held else None,
                heard=held,
                attendees="Chủ tịch UBND xã và công chức địa chính"
                if mode == HearingMode.ONLINE
                else "",
            )
            start += datetime.timedelta(minutes=length + 3)
            if mode == HearingMode.ONLINE and point:
                ConnectionTest.objects.create(
                    bridge_point=point,
                    result=TestResult.SUCCESS,
                    audio_ok=True,
                    video_ok=True,
                    tested_at=timezone.make_aware(
                        datetime.datetime.combine(add_working_days(day, -1), datetime.time(15, 0))
                    ),
                )
            heard.append(petition)
        if kind == SessionKind.PERIODIC:
            session.start_time = datetime.time(8 if not online_possible else 14)
            session.end_time = datetime.time(11, 30) if not online_possible else datetime.time(17)
            session.save()
        if held and heard:
            self.notice(session, heard)
        else:
            Petition.objects.filter(pk__in=[p.pk for p in heard]).update(
                state=PetitionState.SCHEDULED
            )
        return session

    def notice(self, session: ReceptionSession, heard: list[Petition]) -> None:
        r = self.rnd
        year = session.date.year
        self.notice_seq[year] = self.notice_seq.get(year, 0) + 1
        issued = add_working_days(session.date, 5)
        issued_ok = issued <= self.today
        notice = ResultNotice.objects.create(
            session=session,
            number=f"{self.notice_seq[year]:02d}/TB-UBND" if issued_ok else "",
            issued_date=issued if issued_ok else None,
            signer_name=CHAIRMAN,
            signer_title="Chủ tịch",
            state=NoticeState.ISSUED if issued_ok else NoticeState.DRAFT,
            recipients="Chủ tịch, các PCT UBND tỉnh;\nCác sở, ngành liên quan;\n"
            "UBND các huyện, thành phố;\nCông dân có tên;",
        )
        for petition in heard:
            agency = petition.agencies_concerned.first() or r.choice(self.departments)
            Conclusion.objects.create(
                notice=notice,
                petition=petition,
                text=r.choice(people.CONCLUSIONS).format(agency=agency),
            )
            deadline = add_working_days(issued, 30)
            done = deadline < self.today - datetime.timedelta(days=20) and r.random() < 0.85
            Assignment.objects.create(
                notice=notice,
                petition=petition,
                agency=agency,
                deadline=deadline,
                task=f"Kiểm tra, giải quyết nội dung đơn số {petition.registration_number}.",
                status=AssignmentStatus.REPORTED_DONE if done else AssignmentStatus.OPEN,
                done_on=add_working_days(deadline, r.randint(-15, 5)) if done else None,
                report="Đã kiểm tra, trả lời công dân bằng văn bản." if done else "",
            )
            state = (
                PetitionState.CLOSED
                if done
                else (PetitionState.CONCLUDED if issued_ok else PetitionState.HEARD)
            )
            Petition.objects.filter(pk=petition.pk).update(state=state)

    # -- whole run ------------------------------------------------------------
    def run(self) -> dict[str, int]:
        r = self.rnd
        queue: deque[Petition] = deque()
        month = datetime.date(self.first.year, self.first.month, 1)
        ad_hoc = {
            datetime.date(2023, 6, 1): "186",
            datetime.date(2023, 11, 1): "186",
            datetime.date(2024, 8, 1): "189",
            datetime.date(2025, 9, 1): "188",
        }
        while month <= self.last:
            days = [
                month + datetime.timedelta(days=i)
                for i in range(31)
                if (month + datetime.timedelta(days=i)).month == month.month
            ]
            days = [d for d in days if d.weekday() < 5 and d <= self.today]
            for day in sorted(r.choices(days, k=r.randint(25, 30))):
                group = r.randint(5, 40) if r.random() < 0.06 else 1
                district = r.choices(
                    list(DISTRICT_WEIGHTS), weights=list(DISTRICT_WEIGHTS.values())
                )[0]
                petition = self.petition(day, district, group)
                if petition.jurisdiction == Jurisdiction.CHAIRMAN:
                    Petition.objects.filter(pk=petition.pk).update(state=PetitionState.APPROVED)
                    queue.append(petition)
                else:
                    replied = day < self.today - datetime.timedelta(days=15)
                    Petition.objects.filter(pk=petition.pk).update(
                        state=PetitionState.CLOSED if replied else PetitionState.CLASSIFIED
                    )
            if month in ad_hoc:
                day = add_working_days(month, 7)
                group = self.petition(
                    day - datetime.timedelta(days=3), ad_hoc[month], group=r.randint(35, 45)
                )
                Petition.objects.filter(pk=group.pk).update(
                    state=PetitionState.APPROVED,
                    eligibility_basis=EligibilityBasis.SCHEME_2_2,
                    citizen_consent=True,
                )
                group.refresh_from_db()
                self.session(day, deque([group]), kind=SessionKind.AD_HOC, ground=AdHocGround.A)
            session_day = periodic_session_date(month.year, month.month)
            if session_day <= self.last:
                self.session(session_day, queue)
            month = (month + datetime.timedelta(days=32)).replace(day=1)
        return demo_counts()


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
    last: datetime.date = datetime.date(2025, 12, 31),
) -> dict[str, int]:
    """Idempotent: a database that already has petitions is left as it is."""
    if Petition.objects.exists():
        return demo_counts()
    with transaction.atomic():
        return DemoBuilder(seed, first, last).run()
