"""What a checked register will make, before anything is written: hearings (one per
row of the register, each with its petition and petitioner), the sessions they form,
the result notices and their tasks. The model objects are built and validated but not
saved; the writing (writing.py) saves them as they are."""

import datetime
from dataclasses import dataclass, field

from ...doctype.admin_unit.models import AdministrativeUnit
from ...doctype.bridge_point.models import BridgePoint
from ...doctype.citizen.models import Citizen
from ...doctype.petition.models import Petition
from ...doctype.reception_session.models import AgendaItem, ReceptionSession
from ...doctype.result_notice.models import Assignment, Conclusion, ResultNotice


@dataclass(eq=False)
class Hearing:
    """One row of the register: a citizen heard at a session."""

    row: int
    stt: int
    day: datetime.date
    session_key: tuple[datetime.date, str]
    mode: str
    ground: str
    presiding: str
    unit: AdministrativeUnit
    citizen: Citizen
    petition: Petition
    group: bool | None
    attending: int | None
    outcome: str
    conclusion: str
    registered: datetime.date
    acceptance: tuple[str, datetime.date] | None
    point: BridgePoint | None
    item: AgendaItem | None = None
    notice: "Notice | None" = None
    tasks: list["Task"] = field(default_factory=list)


@dataclass(eq=False)
class Session:
    key: tuple[datetime.date, str]
    row: int  # its first row in the register
    hearings: list[Hearing] = field(default_factory=list)
    obj: ReceptionSession | None = None

    @property
    def day(self) -> datetime.date:
        return self.key[0]

    @property
    def online(self) -> bool:
        return any(h.point is not None for h in self.hearings)


@dataclass(eq=False)
class Notice:
    row: int
    obj: ResultNotice
    session: Session
    hearings: list[Hearing]
    conclusions: list[Conclusion] = field(default_factory=list)

    @property
    def day(self) -> datetime.date:
        return self.obj.issued_date


@dataclass(eq=False)
class Task:
    row: int
    obj: Assignment
    notice: Notice
    hearing: Hearing
    reported: datetime.date | None


@dataclass
class Plan:
    hearings: list[Hearing] = field(default_factory=list)
    sessions: list[Session] = field(default_factory=list)
    notices: list[Notice] = field(default_factory=list)
    tasks: list[Task] = field(default_factory=list)
    new_citizens: list[Citizen] = field(default_factory=list)
    # (document, started at, its steps) of every record, as the check replayed them.
    paths: list[tuple] = field(default_factory=list)

    def days(self) -> tuple[datetime.date | None, datetime.date | None]:
        days = [h.registered for h in self.hearings] + [h.day for h in self.hearings]
        return (min(days), max(days)) if days else (None, None)

    def counts(self) -> dict[str, int]:
        return {
            "sessions": len(self.sessions),
            "hearings": len(self.hearings),
            "petitions": len(self.hearings),
            "citizens": len(self.new_citizens),
            "notices": len(self.notices),
            "assignments": len(self.tasks),
        }
