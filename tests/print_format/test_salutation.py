"""Letters to a petitioner address them as "Ông" or "Bà" by the recorded gender, and
"Ông/Bà" only when it is not recorded: the result notice, the reply letter, the
refusal notice (01/TCD), the receipt (02/TCD) and the citizen's invitation."""

import lxml.html
import pytest
from tiep_cong_dan.doctype.citizen.constants import Gender
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.reception_session.constants import InviteeKind
from tiep_cong_dan.print_format.context.common import salutation
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.service import document_html

from .conftest import COMPLAINANT, DENOUNCER


def _text(spec_code: str, record, user=None) -> str:
    html = document_html(DOCUMENTS[spec_code], record, user)
    return " ".join(lxml.html.document_fromstring(html).text_content().split())


def _gender(name: str, gender: str) -> None:
    Citizen.objects.filter(full_name=name).update(gender=gender)


def test_the_salutation_follows_the_recorded_gender():
    assert salutation(Citizen(gender=Gender.MALE)) == "Ông"
    assert salutation(Citizen(gender=Gender.FEMALE)) == "Bà"
    assert salutation(Citizen(gender="")) == "Ông/Bà"
    assert salutation(Citizen(gender=Gender.OTHER)) == "Ông/Bà"
    # A masked denouncer's gender is part of what the copy hides.
    assert salutation(Citizen(gender=Gender.FEMALE), visible=False) == "Ông/Bà"


def _citizens_invitation(announced):
    return announced.invitations.get(kind=InviteeKind.CITIZEN, citizen__full_name=COMPLAINANT)


@pytest.mark.parametrize(
    ("gender", "title"), [(Gender.MALE, "Ông"), (Gender.FEMALE, "Bà"), ("", "Ông/Bà")]
)
def test_every_letter_to_a_petitioner_addresses_them_by_gender(
    gender, title, notice, letters, announced
):
    you = title.lower()
    for name in (COMPLAINANT, DENOUNCER):
        _gender(name, gender)
    for record in (
        notice,
        letters["answered"],
        letters["refused"],
        _citizens_invitation(announced),
    ):
        record.refresh_from_db()
    expected = {
        ("result_notice", notice): [f"1. {title} {COMPLAINANT}, trú tại"],
        ("reply_letter", letters["answered"]): [
            f"Kính gửi: {title} {COMPLAINANT}, trú tại",
            f"của {you} đề nghị được Chủ tịch",
            f"trả lời để {you} được biết./.",
        ],
        ("refusal_notice", letters["refused"]): [
            f"Kính gửi: {title} {DENOUNCER}",
            f", {you} {DENOUNCER}",
            f"của {you} {DENOUNCER} và thông báo để {you} được biết.",
        ],
        ("receipt", letters["answered"]): [f"Đã nhận của {you} {COMPLAINANT}"],
        ("invitation", _citizens_invitation(announced)): [
            f"Kính gửi: {title} {COMPLAINANT}",
            f"trân trọng kính mời {you} tham dự",
            f"nghe {you} trình bày",
            f"Đề nghị {you} mang theo",
        ],
    }
    for (code, record), lines in expected.items():
        text = _text(code, record)
        for line in lines:
            assert line in text, (code, line)
        assert "ông (bà)" not in text.lower(), code
        if title != "Ông/Bà":
            assert "ông/bà" not in text.lower(), code


def test_a_masked_denouncer_is_not_addressed_by_gender(letters, role_users):
    _gender(DENOUNCER, Gender.FEMALE)
    letters["refused"].refresh_from_db()
    text = _text("refusal_notice", letters["refused"], role_users["xa_dongkinh"])
    assert DENOUNCER not in text
    assert "ông/bà Người tố cáo" in text and " bà " not in text
