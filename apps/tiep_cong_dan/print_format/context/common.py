"""What every document shares: the letterhead, Decree 30's date line, signature blocks,
"Nơi nhận:", and a person as the viewer may see them (a denouncer's identity is
confidential: Law on Denunciation 2018 Art. 8(3), 47)."""

import contextvars
import datetime

from django.contrib.auth import get_user_model

from ...access.roles import Role
from ...access.rules import rule_for
from ...core.site_profile import site_profile
from ...doctype.citizen.constants import Gender
from ...doctype.legal_basis.constants import POINT_PLACEHOLDER, BasisKind
from ...doctype.legal_basis.services import in_force
from ...doctype.petition.constants import PetitionKind
from ...doctype.petition.models import Petition

# The site's own names (sites/<site>/profile.yaml), as the letterhead prints them.
PLACE = site_profile().place
PROVINCE = site_profile().committee
PROVINCE_SHORT = site_profile().committee_short
BOARD = site_profile().board_letterhead
RECEPTION_OFFICE = site_profile().reception_office
FILING_LINE = site_profile().filing_line
REDACTED = "Người tố cáo (thông tin được bảo mật)"
WEEKDAYS = ["thứ Hai", "thứ Ba", "thứ Tư", "thứ Năm", "thứ Sáu", "thứ Bảy", "Chủ nhật"]


def dmy(day: datetime.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def long_date(day: datetime.date) -> str:
    """Decree 30/2020, Appendix I: days below 10 and months 1 and 2 take a leading zero
    ("ngày 05 tháng 01 năm 2026", "ngày 20 tháng 3 năm 2026")."""
    month = f"{day.month:02d}" if day.month <= 2 else str(day.month)
    return f"ngày {day.day:02d} tháng {month} năm {day.year}"


def date_line(day: datetime.date, place: str = PLACE) -> str:
    return f"{place}, {long_date(day)}"


def weekday(day: datetime.date) -> str:
    return WEEKDAYS[day.weekday()]


COMMITTEE = "TM. ỦY BAN NHÂN DÂN"


def is_deputy(position: str) -> bool:
    """A recorded position ("Phó Chủ tịch UBND tỉnh", "Đoàn Thu Hà, Phó Chủ tịch") is a
    deputy's when it names the deputy chairmanship."""
    return "phó chủ tịch" in " ".join((position or "").lower().split())


def signature_block(title: str, name: str) -> dict:
    """The Committee's documents are signed for the collective body (Decree 30/2020,
    Appendix I, IX: "TM." before the body's name) by its Chairman; a deputy signs in
    the Chairman's stead ("KT. CHỦ TỊCH" over "PHÓ CHỦ TỊCH")."""
    if is_deputy(title):
        return {
            "capacity": COMMITTEE,
            "acting": "KT. CHỦ TỊCH",
            "title": "PHÓ CHỦ TỊCH",
            "name": name,
        }
    return {"capacity": COMMITTEE, "acting": "", "title": "CHỦ TỊCH", "name": name}


# The user whose signature the document being rendered is for (set by the signing
# around the rendering it signs): a Board letter then names the head who signs it.
SIGNING_AS: contextvars.ContextVar = contextvars.ContextVar("signing_as", default=None)


def board_head_signature() -> dict:
    """Letters of the Board are signed by its head (Trưởng ban): the head signing it,
    else the first active one."""
    heads = get_user_model().objects.filter(groups__name=Role.BOARD_HEAD, is_active=True)
    signer = SIGNING_AS.get()
    head = None
    if signer is not None:
        head = heads.filter(pk=signer.pk).first()
    head = head or heads.order_by("id").first()
    name = head.get_full_name() if head else ""
    return {"capacity": "", "acting": "", "title": "TRƯỞNG BAN", "name": name}


def joined(parts: list[str]) -> str:
    """ "A", "A và B", "A, B và C"."""
    if len(parts) <= 1:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} và {parts[-1]}"


def legal_bases(document: str, day: datetime.date, point: str = "") -> str:
    """What a document's "Căn cứ" clause cites, as the table of legal bases held it on
    the document's own date (a text not yet or no longer in force is not cited);
    `point` fills an article's "[điểm]" ("điểm h,"). Empty when nothing applies."""
    cited = []
    for row in in_force(document, day):
        article = row.article.replace(POINT_PLACEHOLDER, point).split()
        cited.append(" ".join([*article, row.citation]))
    return joined(cited)


def form_code(document: str, day: datetime.date) -> str:
    """The form a document follows on its date and the text that issued it ("Mẫu số
    01/TCD (Ban hành kèm theo Nghị định số 154/2026/NĐ-CP)"); empty when none."""
    rows = in_force(document, day, BasisKind.FORM)
    if not rows:
        return ""
    form = rows[0]
    return f"{form.citation} (Ban hành kèm theo {form.source})" if form.source else form.citation


def recipients(text_or_lines) -> list[str]:
    """A "Nơi nhận:" list: one "- " line per recipient, ending "- Lưu: VT, BTCD."."""
    lines = text_or_lines.splitlines() if isinstance(text_or_lines, str) else text_or_lines
    lines = [f"- {line.strip().lstrip('-').strip()}" for line in lines if line.strip()]
    lines = [line for line in lines if line.rstrip(".") != FILING_LINE.rstrip(".")]
    return [*lines, FILING_LINE]


def frame(**values) -> dict:
    """The data base.html needs, every key present (templates are strict), plus the
    document's own."""
    defaults = {
        "draft": False,
        "landscape": False,
        "form_code": "",
        "issuer_parent": "",
        "issuer": PROVINCE,
        "number": "",
        "about": "",
        "place_date": date_line(datetime.date.today()),
        "title": "",
        "subject": "",
        "addressee": "",
        "signature": None,
        "recipients": [],
        # The Board as a sentence names it ("Ban Tiếp công dân tỉnh …"): the site's.
        "board_name": site_profile().board,
    }
    return {**defaults, **values}


def board_frame(**values) -> dict:
    return frame(issuer_parent=PROVINCE_SHORT, issuer=BOARD, **values)


# Stands for the reader of a letter sent outside the Board (an agency, a commune): the
# copy a reader not cleared for denouncers' identities gets, whoever prints it. It
# covers every record (its reader is the letter's addressee, not a desk user), masked.
OUTSIDE_READER = "outside"


def readable_petitions(user):
    """The petitions `user`'s copy of a document may name: the petition rule's rows
    for a desk user; every petition for the Board's own copy (None) and the outside
    reader's (whose denouncers `person` masks)."""
    if user is None or user == OUTSIDE_READER:
        return Petition.objects.all()
    return rule_for(Petition).queryset(user)


UNIT_WORDS = ("Xã ", "Phường ", "Thị trấn ", "Huyện ", "Thành phố ", "Tỉnh ")


def in_sentence(text: str) -> str:
    """Unit names are stored as titles ("Xã Thống Nhất"); inside a sentence or an
    address the kind of unit is written in lower case ("xã Thống Nhất")."""
    for word in UNIT_WORDS:
        text = text.replace(word, word.lower())
    return text


def may_see_identity(user, petition: Petition) -> bool:
    """`user` None is the Board's own full copy."""
    if user == OUTSIDE_READER:
        return petition.kind != PetitionKind.DENUNCIATION
    return user is None or rule_for(Petition).identity_visible(user, petition)


SALUTATIONS = {Gender.MALE: "Ông", Gender.FEMALE: "Bà"}
EITHER = "Ông/Bà"


def salutation(citizen, visible: bool = True) -> str:
    """How a letter addresses a petitioner: "Ông" or "Bà" by the recorded gender,
    "Ông/Bà" when it is not recorded (or is neither), and for a masked denouncer (the
    gender is part of the identity the copy hides). Written in lower case inside a
    sentence ("pronoun" of `person`)."""
    if not visible or citizen is None:
        return EITHER
    return SALUTATIONS.get(citizen.gender, EITHER)


def person(citizen, petition: Petition, user) -> dict:
    """Name, papers and address of a petitioner as `user` may see them, and how the
    letter addresses them: "salutation" to open a line ("Ông"), "pronoun" inside a
    sentence ("ông"), "called" for the pronoun and the name ("ông Nguyễn Văn A")."""
    if not may_see_identity(user, petition):
        return {
            "salutation": EITHER,
            "pronoun": EITHER.lower(),
            "name": REDACTED,
            "called": f"{EITHER.lower()} {REDACTED}",
            "id_number": "",
            "id_issued_on": "",
            "id_issued_by": "",
            "address": "",
            "redacted": True,
        }
    unit = citizen.residence_unit or petition.residence_unit
    unit_name = in_sentence(str(unit)) if unit else ""
    address = in_sentence(citizen.address)
    if unit_name and unit_name.lower() not in address.lower():
        address = ", ".join(part for part in (address, unit_name) if part)
    title = salutation(citizen)
    return {
        "salutation": title,
        "pronoun": title.lower(),
        "name": citizen.full_name,
        "called": f"{title.lower()} {citizen.full_name}",
        "id_number": citizen.id_number,
        "id_issued_on": dmy(citizen.id_issued_on),
        "id_issued_by": citizen.id_issued_by,
        "address": address,
        "redacted": False,
    }


def addressed(citizen, petition: Petition, user) -> str:
    who = person(citizen, petition, user)
    if who["redacted"]:
        return who["name"]
    return f"{who['salutation']} {who['name']}, trú tại {who['address']}"


def addressee(who: dict) -> str:
    """The "Kính gửi:" line of a letter to a petitioner (`who` from `person`)."""
    return who["name"] if who["redacted"] else f"{who['salutation']} {who['name']}"
