"""The Board's numbered letters to a citizen are signed as they are issued: the reply
letter when the Board head issues it (`issue_reply`), the refusal notice (form 01/TCD)
by its own step (`issue_refusal_notice`). A letter already printed with its number is
signed as printed (an incremental signature over the frozen copy, never re-rendered)."""

import datetime

import pytest
from django.utils import translation
from tiep_cong_dan import workflow
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.models import IssuedDocument
from tiep_cong_dan.print_format.service import document_file
from tiep_cong_dan.print_format.signing.constants import SignatureKind
from tiep_cong_dan.print_format.signing.service import signatures_of, signed_document
from tiep_cong_dan.workflow.engine import TransitionRefused

from ...conftest import make_citizen, make_petition, new_unit
from ...workflow.helpers import set_state

REPLY, REFUSAL = DOCUMENTS["reply_letter"], DOCUMENTS["refusal_notice"]


@pytest.fixture
def petition(role_users):
    unit = new_unit("05977")
    return make_petition(unit, make_citizen(unit, "Hoàng Văn An", "020090000001"))


def _not_proposed(petition):
    set_state(petition, "not_proposed")
    petition.reply_reason = "Vụ việc không thuộc thẩm quyền giải quyết của Chủ tịch UBND tỉnh."
    petition.reply_letter_number = "25/BTCD-TL"
    petition.reply_letter_date = datetime.date(2026, 3, 10)
    petition.save()


def test_the_board_head_signs_the_reply_letter_as_it_is_issued(petition, role_users):
    _not_proposed(petition)
    workflow.apply(petition, "issue_reply", by=role_users["truongban"])
    assert petition.state == "replied"
    [signature] = signatures_of(signed_document(REPLY, petition))
    assert signature.kind == SignatureKind.SIGNER
    assert signature.signed_by == role_users["truongban"]
    assert signature.validation["trusted"] and signature.validation["intact"]
    # What every reader of the full copy gets is the signed file.
    with signature.document.file.open("rb") as fh:
        assert document_file(REPLY, petition, None, "pdf") == fh.read()


def test_a_reply_letter_printed_before_its_issue_is_signed_as_printed(petition, role_users):
    _not_proposed(petition)
    printed = document_file(REPLY, petition, None, "pdf")  # numbered: frozen on print
    workflow.apply(petition, "issue_reply", by=role_users["truongban"])
    signed = document_file(REPLY, petition, None, "pdf")
    assert signed != printed and signed.startswith(printed)  # an incremental signature
    assert IssuedDocument.objects.filter(doctype="reply_letter", object_id=petition.pk).count() == 1


def test_an_officer_does_not_issue_the_reply_letter(petition, role_users):
    _not_proposed(petition)
    with pytest.raises(TransitionRefused) as refused:
        workflow.apply(petition, "issue_reply", by=role_users["canbo"])
    assert refused.value.code == "not_allowed"
    assert signed_document(REPLY, petition) is None


def test_a_failed_signature_leaves_the_reply_unissued(petition, role_users, pki):
    _not_proposed(petition)
    (pki / "root-ca.cert.pem").unlink()  # the site trusts no root any more
    with pytest.raises(TransitionRefused):
        workflow.apply(petition, "issue_reply", by=role_users["truongban"])
    petition.refresh_from_db()
    assert petition.state == "not_proposed"
    assert not IssuedDocument.objects.filter(doctype="reply_letter").exists()


def test_the_refusal_notice_is_signed_by_its_own_step_once(petition, role_users):
    petition.refusal_ground = "decree_4_h"
    petition.save()
    set_state(petition, "refused")
    head = role_users["truongban"]
    with translation.override("vi"), pytest.raises(TransitionRefused) as refused:
        workflow.apply(petition, "issue_refusal_notice", by=head)
    assert "Ghi số và ngày của Thông báo từ chối" in str(refused.value)
    petition.refusal_notice_number = "7/TB-BTCD"
    petition.refusal_notice_date = datetime.date(2026, 3, 5)
    petition.save()
    workflow.apply(petition, "issue_refusal_notice", by=head)
    assert petition.state == "refused"
    [signature] = signatures_of(signed_document(REFUSAL, petition))
    assert signature.validation["trusted"] and signature.signed_by == head
    with translation.override("vi"), pytest.raises(TransitionRefused) as again:
        workflow.apply(petition, "issue_refusal_notice", by=head)
    assert "đã được ký số và ban hành" in str(again.value)


def test_no_refusal_notice_on_a_ground_explained_in_person(petition, role_users):
    petition.refusal_ground = "law_9_1"
    petition.refusal_notice_number, petition.refusal_notice_date = (
        "8/TB-BTCD",
        datetime.date(2026, 3, 5),
    )
    petition.save()
    set_state(petition, "refused")
    with translation.override("vi"), pytest.raises(TransitionRefused) as refused:
        workflow.apply(petition, "issue_refusal_notice", by=role_users["truongban"])
    assert "không ban hành Thông báo từ chối" in str(refused.value)


def test_the_boards_clerk_adds_the_boards_signature_to_the_signed_letter(petition, role_users):
    _not_proposed(petition)
    with translation.override("vi"), pytest.raises(TransitionRefused) as early:
        workflow.apply(petition, "seal_reply_letter", by=role_users["canbo"])
    assert "Văn thư ký số của Ban" in str(early.value)  # not before the head's signature
    workflow.apply(petition, "issue_reply", by=role_users["truongban"])
    document = signed_document(REPLY, petition)
    with document.file.open("rb") as fh:
        signed = fh.read()
    workflow.apply(petition, "seal_reply_letter", by=role_users["canbo"])
    document.refresh_from_db()
    with document.file.open("rb") as fh:
        sealed = fh.read()
    # an incremental update: the head's signature stays byte for byte
    assert sealed.startswith(signed) and sealed != signed
    kinds = [s.kind for s in signatures_of(document)]
    assert kinds == [SignatureKind.SIGNER, SignatureKind.ORGANISATION]
    assert all(s.validation["valid"] for s in signatures_of(document))
    assert petition.state == "replied"
    with pytest.raises(TransitionRefused):  # once
        workflow.apply(petition, "seal_reply_letter", by=role_users["canbo"])
