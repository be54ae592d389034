"""A session's invitation letters signed at once by the Board head (one PIN): each is
numbered from the year's register if it is not yet, signed as the letter it is, and the
signed file is what every later reader gets; announcing then sends them as signed."""

import datetime

import pytest
from django.contrib.auth.models import Group
from django.utils import translation
from tiep_cong_dan import workflow
from tiep_cong_dan.access.roles import Role
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.print_format.service import document_file
from tiep_cong_dan.print_format.signing.constants import SignatureKind
from tiep_cong_dan.print_format.signing.service import signed_document
from tiep_cong_dan.scheduling.invitations import prepare_invitations
from tiep_cong_dan.workflow.engine import TransitionRefused

from ...workflow.conftest import session  # noqa: F401  (the fixture)
from ...workflow.helpers import at
from ..conftest import pdf_text

SPEC = DOCUMENTS["invitation"]
WEEK = datetime.timedelta(days=7)


@pytest.fixture
def approved_session(session, role_users):  # noqa: F811  (the imported fixture)
    """The workflow tests' session of two online hearings, planned and approved: its
    letters prepared, none numbered yet."""
    workflow.apply(session, "plan", by=role_users["canbo"], at=at(session.date - WEEK * 2))
    workflow.apply(session, "approve", by=role_users["chutich"], at=at(session.date - WEEK * 2))
    return session


def _sign(meeting, user):
    return workflow.apply(meeting, "sign_invitations", by=user, at=at(datetime.date(2026, 3, 6)))


def test_the_board_head_signs_every_letter_at_once(approved_session, role_users, tmp_path):
    letters = list(approved_session.invitations.order_by("kind", "id"))
    assert len(letters) >= 3 and not any(letter.number for letter in letters)

    _sign(approved_session, role_users["truongban"])

    numbers = []
    for letter in approved_session.invitations.order_by("kind", "id"):
        assert letter.number.endswith("/GM-BTCD") and letter.sent_at is None
        numbers.append(letter.number)
        document = signed_document(SPEC, letter)
        [signature] = document.signatures.all()
        assert signature.kind == SignatureKind.SIGNER
        assert signature.signed_by == role_users["truongban"]
        assert signature.validation["valid"] and signature.validation["intact"]
        # the signed file is the letter from now on, and names the head who signed it
        with document.file.open("rb") as fh:
            signed = fh.read()
        assert document_file(SPEC, letter, None, "pdf") == signed
        assert role_users["truongban"].get_full_name() in pdf_text(signed, tmp_path)
    assert len(set(numbers)) == len(numbers)

    # Announcing, once the Board's clerk has added the Board's signature, sends them as
    # they are, numbers kept
    announce_day = at(datetime.date(2026, 3, 9))
    workflow.apply(approved_session, "seal_invitations", by=role_users["canbo"], at=announce_day)
    workflow.apply(approved_session, "announce", by=role_users["canbo"], at=announce_day)
    sent = list(approved_session.invitations.order_by("kind", "id"))
    assert [letter.number for letter in sent] == numbers
    assert all(letter.sent_at for letter in sent)

    # Once all are signed the step is not offered again
    with translation.override("vi"), pytest.raises(TransitionRefused) as refused:
        _sign(approved_session, role_users["truongban"])
    assert "Mọi giấy mời của kỳ tiếp công dân đã được ký số" in str(refused.value)


def test_rebuilding_the_letters_keeps_the_signed_ones(approved_session, role_users):
    _sign(approved_session, role_users["truongban"])
    signed = set(approved_session.invitations.values_list("pk", "number"))
    # Rebuilding the letters (the session approved again) keeps the numbered ones
    prepare_invitations(approved_session)
    assert set(approved_session.invitations.values_list("pk", "number")) == signed


def test_only_the_board_head_signs_the_letters(approved_session, role_users):
    with pytest.raises(TransitionRefused):
        _sign(approved_session, role_users["canbo"])
    assert not approved_session.invitations.exclude(number="").exists()


def test_a_failed_signature_numbers_and_signs_no_letter(approved_session, role_users, settings):
    settings.TCD_SIGNING_BACKEND = "pkcs11"
    settings.TCD_SIGNING_PKCS11_MODULE = "/nonexistent/libtoken.so"
    with pytest.raises(TransitionRefused) as refused:
        workflow.apply(
            approved_session,
            "sign_invitations",
            by=role_users["truongban"],
            data={"pin": "1234"},
        )
    assert refused.value.code == "token_unreachable"
    assert not approved_session.invitations.exclude(number="").exists()
    assert not any(signed_document(SPEC, i) for i in approved_session.invitations.all())


def test_a_second_board_head_signs_under_their_own_name(approved_session, role_users, tmp_path):
    other = type(role_users["truongban"]).objects.create_user(
        "photruongban", first_name="Lý Thị", last_name="Hoa", is_staff=True
    )
    other.groups.add(Group.objects.get(name=Role.BOARD_HEAD))
    _sign(approved_session, other)
    letter = approved_session.invitations.order_by("kind", "id").first()
    with signed_document(SPEC, letter).file.open("rb") as fh:
        text = pdf_text(fh.read(), tmp_path)
    assert other.get_full_name() in text
    assert role_users["truongban"].get_full_name() not in text


def test_signed_letters_go_out_only_with_the_boards_signature(approved_session, role_users):
    _sign(approved_session, role_users["truongban"])
    announce_day = at(datetime.date(2026, 3, 9))
    with translation.override("vi"), pytest.raises(TransitionRefused) as refused:
        workflow.apply(approved_session, "announce", by=role_users["canbo"], at=announce_day)
    assert "chưa có chữ ký số của Ban" in str(refused.value)
    assert not approved_session.invitations.filter(sent_at__isnull=False).exists()

    workflow.apply(approved_session, "seal_invitations", by=role_users["canbo"], at=announce_day)
    for letter in approved_session.invitations.all():
        kinds = [s.kind for s in signed_document(SPEC, letter).signatures.order_by("id")]
        assert kinds == [SignatureKind.SIGNER, SignatureKind.ORGANISATION]
    workflow.apply(approved_session, "announce", by=role_users["canbo"], at=announce_day)
    assert not approved_session.invitations.filter(sent_at__isnull=True).exists()
