"""A fixed set of 500 demo-like petitions (seed 23) with what is related to what
planted in it, for the related-cases panel's precision and recall:

- repeats: a citizen's complaint resolved (replied) and brought again later, retold
  (other words, other order, sometimes without accents), sometimes recorded the second
  time as a new citizen record without ID number (same name, birth year, address);
- duplicates: the same petition registered twice days apart;
- same place, other people: two or three citizens about one matter (one hamlet, one
  project, one land parcel) in their own words, the earlier ones under the pre-2025
  commune, the later under its successor;
- representatives: a group's representative who also petitions on another matter;
- unrelated cases with similar words: the same kinds of complaint (land recovery,
  compensation, certificates, boundary disputes, pollution) about other hamlets,
  projects and parcels, some in the same communes;
- a few denunciations among all of these.

`truth(p)` is the set of petitions related to `p` as planted, "earlier or open" as the
panel reads it (doctype/petition/related.py)."""

import datetime
import random
from dataclasses import dataclass, field

from tiep_cong_dan.core.search import strip_accents
from tiep_cong_dan.doctype.admin_unit.models import UnitSuccession
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.petition.constants import FINAL_STATES, PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.petition.services import register_petition

SEED = 23
TOTAL = 500
REORGANISED = datetime.date(2025, 7, 1)

# Hamlet names as the province's are made: a Tày-Nùng head word and a second syllable
# (about 560, each matter its own).
HAMLETS = [
    f"{a} {b}"
    for a in "Nà Khuổi Bản Pò Pác Lũng Khau Cốc Phai Kéo Nặm Tà Khòn Slằng".split()
    for b in (
        "Pàn Mạ Chắt Mã Cạn Phạ Vài Củng Tẩu Lầu Quắc Piền Nọi Hin Luồng Lùng Sái Khí Lừa "
        "Hẳng Cút Mò Phiêng Dạ Sâu Nhùng Chu Dài Tềnh Hẩu Pha Rọ Mu Lạn Bó Nưa Tẳng Khoang "
        "Sla Vường"
    ).split()
]
# Works and people as petitions name them, each matter its own (drawn without
# replacement): "unrelated cases with similar words" share the kind of complaint and
# its phrasing, not the particulars of a matter.
WORKS = (
    "Đường giao thông|Trạm biến áp|Hồ chứa nước|Chợ|Khu dân cư|Trường học|Nhà văn hóa|"
    "Cầu|Kênh mương|Bãi rác|Mỏ đá|Xưởng gỗ|Trang trại|Nghĩa trang|Khu công nghiệp|"
    "Trạm y tế|Sân vận động|Đập tràn|Nhà máy nước|Cửa hàng xăng dầu"
).split("|")
WORK_PLACES = (
    "Phai Vệ|Đồng Mỏ|Na Dương|Khuổi Áng|Hồng Phong|Hữu Lũng|Bản Hẳng|Tân Lang|Lũng Cút|"
    "Pác Khuông|Bắc Khê|Mai Pha|Yên Trạch|Kỳ Lừa|Tân Thành|Vân Nham|Mẫu Sơn|Bình Độ|"
    "Chi Lăng|Tràng Định|Văn Quan|Lộc Bình|Đình Lập|Cao Lộc|Bắc Sơn"
).split("|")
PROJECTS = [f"{w} {p}" for w in WORKS for p in WORK_PLACES]
ROLES = ("trưởng thôn", "cán bộ địa chính", "chủ thầu", "hộ liền kề", "chủ cơ sở", "kế toán xã")
# What people complain of: a subject (the words shared by every such complaint) and the
# matter's particulars, two ways of telling each.
SUBJECTS = [
    (
        "Khiếu nại quyết định thu hồi đất",
        "Khiếu nại Quyết định thu hồi {area} m² đất nông nghiệp của gia đình tại {hamlet}, "
        "thửa đất số {plot} tờ bản đồ số {sheet}, để thực hiện dự án {project}; đề nghị xem "
        "xét lại giá bồi thường.",
        "Gia đình tôi bị thu hồi đất ở {hamlet} (thửa {plot}, tờ bản đồ {sheet}) cho dự án "
        "{project}, giá bồi thường {area} m² đất nông nghiệp thấp, đề nghị xem xét lại "
        "quyết định thu hồi.",
    ),
    (
        "Khiếu nại về bồi thường, hỗ trợ tái định cư",
        "Khiếu nại phương án bồi thường, hỗ trợ khi Nhà nước thu hồi đất ở {hamlet} để thực "
        "hiện dự án {project}; gia đình chưa được bố trí tái định cư, {person} không giải "
        "quyết.",
        "Dự án {project} lấy đất của gia đình ở {hamlet} nhưng đến nay chưa bố trí tái định "
        "cư, phương án bồi thường hỗ trợ không thỏa đáng; {person} hứa nhưng không làm.",
    ),
    (
        "Tranh chấp ranh giới đất",
        "Kiến nghị giải quyết tranh chấp ranh giới thửa đất số {plot}, tờ bản đồ số {sheet} "
        "tại {hamlet} với {person} lấn chiếm khoảng {area} m².",
        "{person} lấn sang đất nhà tôi ở {hamlet} chừng {area} m², thửa số {plot} tờ bản đồ "
        "số {sheet}; đề nghị chính quyền đo đạc, giải quyết ranh giới.",
    ),
    (
        "Phản ánh ô nhiễm môi trường",
        "Phản ánh {project} xả thải gây ô nhiễm nguồn nước sinh hoạt của các hộ dân ở "
        "{hamlet}; {person} đã được báo nhưng không xử lý.",
        "Nguồn nước ở {hamlet} bị ô nhiễm do {project} xả thải, dân không dùng được; đã "
        "báo {person} mà chưa xử lý.",
    ),
    (
        "Khiếu nại cấp giấy chứng nhận quyền sử dụng đất",
        "Khiếu nại việc cấp giấy chứng nhận quyền sử dụng đất thửa số {plot}, tờ bản đồ số "
        "{sheet} tại {hamlet} cho {person} chồng lấn lên đất gia đình sử dụng ổn định.",
        "Đất gia đình tôi ở {hamlet} (thửa {plot} tờ {sheet}) bị cấp giấy chứng nhận cho "
        "{person}, chồng lấn; đề nghị thu hồi giấy đã cấp sai.",
    ),
]
FAMILY = "Nguyễn Hoàng Lương Nông Triệu Hà Lê Vi Lộc Trần Lý Đinh Mã Hứa Chu Bế Lăng Dương".split()
MIDDLE = "Văn Thị Đức Minh Thanh Ngọc Quang Hữu Xuân Kim Đình Công Mạnh Hồng".split()
GIVEN = (
    "An Bình Cường Dũng Đông Giang Hải Hạnh Hiền Hòa Hùng Hương Khánh Lan Linh Long Mai Nam "
    "Nga Ngân Phúc Phương Quân Sơn Tâm Thắng Thảo Thủy Tiến Trang Trung Tú Tuấn Việt Vinh"
).split()


@dataclass
class Planted:
    petitions: list[Petition] = field(default_factory=list)
    matter_of: dict[int, int] = field(default_factory=dict)  # petition pk -> matter
    person_of: dict[int, int] = field(default_factory=dict)  # petition pk -> person
    linked_people: dict[int, set[int]] = field(default_factory=dict)  # via representatives
    kinds: dict[str, int] = field(default_factory=dict)
    repeats: list[Petition] = field(default_factory=list)  # the second of each repeat

    def truth(self, p: Petition) -> set[int]:
        """The petitions related to `p` as planted, earlier or open."""
        found = set()
        for q in self.petitions:
            if q.pk == p.pk:
                continue
            if q.received_date > p.received_date and q.state in FINAL_STATES:
                continue
            same_matter = self.matter_of.get(q.pk) is not None and self.matter_of.get(
                q.pk
            ) == self.matter_of.get(p.pk)
            people_p = {self.person_of[p.pk], *self.linked_people.get(p.pk, ())}
            people_q = {self.person_of[q.pk], *self.linked_people.get(q.pk, ())}
            if same_matter or people_p & people_q:
                found.add(q.pk)
        return found


class _Builder:
    def __init__(self) -> None:
        self.rnd = random.Random(SEED)
        self.out = Planted()
        self.people = 0
        self.matters = 0
        self.hamlets = list(HAMLETS)
        self.rnd.shuffle(self.hamlets)
        self.projects = list(PROJECTS)
        self.rnd.shuffle(self.projects)
        self.officials = [f"ông {f} Văn {g}, {r}" for f in FAMILY for g in GIVEN for r in ROLES]
        self.rnd.shuffle(self.officials)
        pairs = list(
            UnitSuccession.objects.filter(
                effective_on=REORGANISED,
                old_unit__level="commune",
                old_unit__valid_to=REORGANISED - datetime.timedelta(days=1),
            )
            .select_related("old_unit", "new_unit")
            .order_by("new_unit__code", "old_unit__code")
        )
        by_new: dict[int, tuple] = {}
        for s in pairs:
            by_new.setdefault(s.new_unit_id, (s.old_unit, s.new_unit))
        self.places = list(by_new.values())[:12]

    # -- people --------------------------------------------------------------------
    def citizen(self, new_unit, *, with_id: bool = True, like: Citizen | None = None) -> Citizen:
        self.people += 1
        if like is not None:  # the same person recorded again, without ID number
            c = Citizen.objects.create(
                full_name=like.full_name,
                date_of_birth=like.date_of_birth,
                address=like.address,
                residence_unit=like.residence_unit,
            )
            c.person = like.person
            return c
        r = self.rnd
        name = f"{r.choice(FAMILY)} {r.choice(MIDDLE)} {r.choice(GIVEN)}"
        c = Citizen.objects.create(
            full_name=name,
            date_of_birth=datetime.date(r.randint(1950, 1995), r.randint(1, 12), 1),
            id_number=f"020{self.people:09d}" if with_id else "",
            address=f"Số nhà {self.people}, thôn {r.choice(HAMLETS)}, {new_unit}",
            residence_unit=new_unit,
        )
        c.person = self.people
        return c

    # -- texts ---------------------------------------------------------------------
    def particulars(self) -> dict:
        r = self.rnd
        return {
            "hamlet": f"thôn {self.hamlets.pop()}",
            "project": self.projects.pop(),
            "person": self.officials.pop(),
            "plot": r.randint(10, 999),
            "sheet": r.randint(1, 60),
            "area": r.randint(80, 3000),
        }

    def text(self, subject: int, facts: dict, *, retold: bool) -> tuple[str, str]:
        summary, first, second = SUBJECTS[subject]
        content = (second if retold else first).format(**facts)
        if retold and self.rnd.random() < 0.5:
            content, summary = strip_accents(content), strip_accents(summary)
        return summary, content

    # -- petitions -----------------------------------------------------------------
    def petition(
        self, citizen, unit, day, summary, content, *, matter=None, kind=None, reps=(), **extra
    ) -> Petition:
        p = register_petition(
            Petition(
                received_date=day,
                channel="written",
                kind=kind or PetitionKind.COMPLAINT,
                citizen=citizen,
                summary=summary,
                content=content,
                matter_unit=unit,
                group_size=6 if reps else 1,
            ),
            representatives=reps,
            issue_code=False,
        )
        if extra:
            Petition.objects.filter(pk=p.pk).update(**extra)
            p.refresh_from_db()
        self.out.petitions.append(p)
        self.out.person_of[p.pk] = citizen.person
        if matter is not None:
            self.out.matter_of[p.pk] = matter
        return p

    def day(self, era: str) -> datetime.date:
        r = self.rnd
        if era == "old":
            return datetime.date(2023, 1, 2) + datetime.timedelta(days=r.randint(0, 540))
        return datetime.date(2025, 7, 10) + datetime.timedelta(days=r.randint(0, 480))

    def unit(self, place, day):
        old, new = place
        return old if day < REORGANISED else new

    def build(self) -> Planted:
        r = self.rnd
        count = dict.fromkeys(("repeat", "duplicate", "place", "representative", "noise"), 0)
        # Repeats: resolved, brought again by the same person.
        for i in range(20):
            place, subject, facts = r.choice(self.places), r.randrange(5), self.particulars()
            self.matters += 1
            first = self.citizen(place[1])
            day1 = self.day("old" if i % 2 else "new")
            day1 = min(day1, datetime.date(2026, 3, 1))
            s, c = self.text(subject, facts, retold=False)
            self.petition(
                first,
                self.unit(place, day1),
                day1,
                s,
                c,
                matter=self.matters,
                state="replied",
                reply_letter_number=f"{100 + i}/BTCD-TL",
                reply_letter_date=day1 + datetime.timedelta(days=20),
            )
            again = self.citizen(place[1], like=first) if i % 3 == 0 else first
            day2 = day1 + datetime.timedelta(days=r.randint(120, 270))
            s, c = self.text(subject, facts, retold=True)
            second = self.petition(again, self.unit(place, day2), day2, s, c, matter=self.matters)
            self.out.repeats.append(second)
            count["repeat"] += 2
        # Duplicates: the same petition registered twice.
        for _i in range(15):
            place, subject, facts = r.choice(self.places), r.randrange(5), self.particulars()
            self.matters += 1
            who = self.citizen(place[1])
            day = self.day("new")
            s, c = self.text(subject, facts, retold=False)
            for shift in (0, r.randint(1, 10)):
                d = day + datetime.timedelta(days=shift)
                self.petition(who, self.unit(place, d), d, s, c, matter=self.matters)
                count["duplicate"] += 1
        # Same place, other people, their own words, across the reorganisation.
        for i in range(25):
            place, subject, facts = r.choice(self.places), r.randrange(5), self.particulars()
            self.matters += 1
            for j in range(r.choice((2, 3))):
                who = self.citizen(place[1])
                day = self.day("old" if j == 0 else "new")
                s, c = self.text(subject, facts, retold=bool(j % 2))
                kind = PetitionKind.DENUNCIATION if i % 8 == 0 and j == 0 else None
                self.petition(who, self.unit(place, day), day, s, c, matter=self.matters, kind=kind)
                count["place"] += 1
        # Representatives: a group's representative petitions on another matter.
        for _i in range(6):
            place = r.choice(self.places)
            rep = self.citizen(place[1])
            lead = self.citizen(place[1])
            day = self.day("new")
            s, c = self.text(r.randrange(5), self.particulars(), retold=False)
            group = self.petition(lead, self.unit(place, day), day, s, c, reps=[rep])
            self.out.linked_people[group.pk] = {rep.person}
            later = day + datetime.timedelta(days=30)
            s, c = self.text(r.randrange(5), self.particulars(), retold=False)
            self.petition(rep, self.unit(place, later), later, s, c)
            count["representative"] += 2
        # Unrelated cases with similar words, to the total.
        while len(self.out.petitions) < TOTAL:
            place = r.choice(self.places)
            who = self.citizen(place[1])
            day = self.day(r.choice(("old", "new")))
            s, c = self.text(r.randrange(5), self.particulars(), retold=r.random() < 0.5)
            kind = PetitionKind.DENUNCIATION if r.random() < 0.05 else None
            self.petition(who, self.unit(place, day), day, s, c, kind=kind)
            count["noise"] += 1
        self.out.kinds = count
        return self.out


def build_related_set() -> Planted:
    """The 500 petitions, registered through the service (seed 23: the same each run)."""
    return _Builder().build()
