"""The scheme's own years built as facts (Đề án, mục I.2): sessions of the right kind
and date, hearings with the citizens recorded as attending, petitions with their units.

2023: 12 periodic sessions, 169 hearings, 210 citizens (11 group hearings, 51 citizens):
Thành phố 136, Lộc Bình 43, Hữu Lũng 13, Cao Lộc 11, Chi Lăng 5, Tràng Định 2; two ad
hoc sessions with 40 citizens of Hòa Thắng and Sơn Hà, Hữu Lũng (Xã Sơn Hà, merged on
01/12/2024, is a unit of the era before it).

January–October 2024: 10 periodic sessions, 144 hearings, 171 citizens (7 group
hearings, 35 citizens): Thành phố 117, Lộc Bình 34, Cao Lộc 15 (the scheme's "..."
filled with Hữu Lũng 2, Chi Lăng 1, Tràng Định 1, Văn Quan 1); one ad hoc session with
45 citizens of Lâm Ca, Đình Lập. Those figures leave 137 hearings outside groups for
136 citizens: one hearing is recorded with no citizen attending (0).

Besides, what must not count: a cancelled session, a hearing not reached, sessions
before and after each span."""

import datetime
import itertools
from dataclasses import dataclass

from tiep_cong_dan.doctype.admin_unit.constants import Era
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession

# District codes of the era before 2025-07-01 (vietnam-provinces 0.6.0).
CITY, TRANG_DINH, CAO_LOC, VAN_QUAN, HUU_LUNG, CHI_LANG, LOC_BINH, DINH_LAP = (
    "178",
    "180",
    "183",
    "184",
    "186",
    "187",
    "188",
    "189",
)
HOA_THANG, SON_HA, LAM_CA = "06460", "06454", "06640"


@dataclass(frozen=True)
class Hearing:
    """Where the petitioners live (a district's code: its first commune; or a commune's
    code), the citizens recorded as attending (None: not recorded) and the number of
    petitioners."""

    unit: str
    attendance: int | None = 1
    petitioners: int = 1
    mode: str = "in_person"
    heard: bool = True


def _area(unit: str, groups: list[int], singles: int) -> list[Hearing]:
    """Group hearings (`groups`: the citizens attending each; 10 petitioners, or as many
    as attend when that is 5 and nothing is recorded) and single citizens (attendance
    recorded for every other one, the petitioner counted for the rest)."""
    hearings = [Hearing(unit, attendance=n, petitioners=10) for n in groups]
    hearings += [Hearing(unit, attendance=1 if i % 2 else None) for i in range(singles)]
    return hearings


PERIODIC_2023 = [
    *_area(CITY, [4, 4, 5, 5], 113),
    Hearing(CITY, attendance=None, petitioners=5),  # a group of five, none recorded
    *_area(LOC_BINH, [5, 5, 4], 29),
    *_area(HUU_LUNG, [5], 6),
    Hearing(HUU_LUNG, attendance=None, petitioners=2),  # two petitioners, not a group
    *_area(CAO_LOC, [4], 7),
    *_area(CHI_LANG, [5], 0),
    *_area(TRANG_DINH, [], 2),
]
AD_HOC_2023 = [
    (datetime.date(2023, 5, 22), [Hearing(HOA_THANG, attendance=25, petitioners=30)]),
    (datetime.date(2023, 9, 12), [Hearing(SON_HA, attendance=15, petitioners=15)]),
]
PERIODIC_2024 = [
    *_area(CITY, [5, 5, 5, 5], 97),
    Hearing(CITY, attendance=0),  # heard with no citizen attending
    *_area(LOC_BINH, [5, 5], 24),
    *_area(CAO_LOC, [5], 10),
    *_area(HUU_LUNG, [], 2),
    *_area(CHI_LANG, [], 1),
    *_area(TRANG_DINH, [], 1),
    *_area(VAN_QUAN, [], 1),
]
AD_HOC_2024 = [(datetime.date(2024, 6, 20), [Hearing(LAM_CA, attendance=45, petitioners=60)])]


def _spread(hearings: list[Hearing], sessions: int) -> list[list[Hearing]]:
    """Deal the hearings round the sessions, areas interleaved as registrations are."""
    by_area = [list(g) for _, g in itertools.groupby(hearings, key=lambda h: h.unit)]
    dealt = [h for row in itertools.zip_longest(*by_area) for h in row if h is not None]
    return [dealt[i::sessions] for i in range(sessions)]


class Builder:
    """Writes sessions and their hearings straight into the tables, each hearing with a
    petition of its own (numbered far above any series a test takes numbers from)."""

    def __init__(self):
        self.host = BridgePoint.objects.get(code="LS-TSTCD")
        self.seq = itertools.count(900_001)
        self.citizens: dict[int, Citizen] = {}
        self.sessions: list[ReceptionSession] = []

    def unit(self, code: str) -> AdministrativeUnit:
        # A commune merged on 01/12/2024 is of the era before it; the others span both.
        unit = (
            AdministrativeUnit.objects.filter(code=code, era__in=(Era.BEFORE_2024, Era.BEFORE_2025))
            .order_by("era")
            .first()
        )
        return unit.children.order_by("code").first() or unit

    def _citizen(self, unit: AdministrativeUnit) -> Citizen:
        if unit.pk not in self.citizens:
            self.citizens[unit.pk] = Citizen.objects.create(
                full_name=f"Công dân {unit.name}", address=unit.name, residence_unit=unit
            )
        return self.citizens[unit.pk]

    def session(
        self, kind: str, day: datetime.date, hearings: list[Hearing], state: str = "closed"
    ) -> ReceptionSession:
        session = ReceptionSession.objects.create(
            kind=kind,
            date=day,
            state=state,
            presiding_official="Chủ tịch UBND tỉnh",
            host_bridge_point=self.host,
            ad_hoc_ground="a" if kind == "ad_hoc" else "",
        )
        self.sessions.append(session)
        self.hear(session, hearings)
        return session

    def hear(self, session: ReceptionSession, hearings: list[Hearing]) -> None:
        day, start = session.date, session.agenda_items.count()
        units = {code: self.unit(code) for code in {h.unit for h in hearings}}
        received = day - datetime.timedelta(days=20)
        petitions = Petition.objects.bulk_create(
            [
                Petition(
                    registration_year=received.year,
                    registration_seq=(seq := next(self.seq)),
                    registration_number=f"{seq}/{received.year}/ĐKT",
                    received_date=received,
                    channel="in_person",
                    kind="complaint",
                    citizen=self._citizen(units[h.unit]),
                    summary="Khiếu nại việc thu hồi đất",
                    content="Nội dung đơn.",
                    group_size=h.petitioners,
                    residence_unit=units[h.unit],
                    matter_unit=units[h.unit],
                    state="heard" if h.heard else "approved",
                )
                for h in hearings
            ]
        )
        AgendaItem.objects.bulk_create(
            [
                AgendaItem(
                    session=session,
                    petition=petition,
                    position=position,
                    mode=h.mode,
                    attendance_count=h.attendance,
                    heard=h.heard,
                )
                for position, (h, petition) in enumerate(
                    zip(hearings, petitions, strict=True), start + 1
                )
            ]
        )

    def periodic_year(self, year: int, months: int, hearings: list[Hearing]) -> None:
        for month, dealt in zip(range(1, months + 1), _spread(hearings, months), strict=True):
            self.session("periodic", datetime.date(year, month, 15), dealt)

    def ad_hoc(self, sessions: list[tuple[datetime.date, list[Hearing]]]) -> None:
        for day, hearings in sessions:
            self.session("ad_hoc", day, hearings)


def build_scheme_years() -> Builder:
    """2023 and January–October 2024 as the scheme reports them, and what must not
    count around them."""
    b = Builder()
    b.periodic_year(2023, 12, PERIODIC_2023)
    b.ad_hoc(AD_HOC_2023)
    b.periodic_year(2024, 10, PERIODIC_2024)
    b.ad_hoc(AD_HOC_2024)
    # Not counted: a cancelled session, a hearing not reached, outside the spans.
    b.session("periodic", datetime.date(2023, 6, 20), [Hearing(HUU_LUNG)], state="cancelled")
    july = next(s for s in b.sessions if s.date == datetime.date(2023, 7, 15))
    b.hear(july, [Hearing(CITY, heard=False)])
    b.session("periodic", datetime.date(2022, 12, 15), [Hearing(CITY, attendance=3)])
    b.session("periodic", datetime.date(2024, 11, 15), [Hearing(LOC_BINH, attendance=2)])
    b.session("ad_hoc", datetime.date(2024, 11, 20), [Hearing(DINH_LAP, attendance=9)])
    return b
