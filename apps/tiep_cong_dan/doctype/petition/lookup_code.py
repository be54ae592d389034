"""The citizen's private lookup code of a petition (core/lookup_codes.py): issued when
the petition is registered, issued again by the Board when the citizen lost it. Only
its keyed digest is kept; issuing a new code replaces the digest, so the old code stops
working at once.

The plain code leaves this module twice and is stored nowhere: returned to the caller
(the desk holds it in the issuing officer's session until their page shows it once,
with the button printing the receipt 02/TCD, lookup_desk.py) and sent by SMS when the
citizen has a mobile number. The SMS is sent after the transaction commits (a code
rolled back is never sent) and is not queued in the outbox: a queued message would keep
the plain code in the database."""

import logging

from django.db import transaction

from ... import workflow
from ...access.rules import rule_for
from ...core.lookup_codes import digest_code, new_lookup_code, shown
from ...core.site_profile import site_profile
from ...core.site_url import absolute
from ..citizen.models import Citizen
from .models import Petition

logger = logging.getLogger(__name__)

LOOKUP_PATH = "/tra-cuu/"


def may_issue_lookup_code(user, petition: Petition) -> bool:
    """Whoever may register and edit petitions (the Board) and sees this one: issuing
    a code is not an edit of the case, so its state does not matter."""
    rule = rule_for(Petition)
    return rule.can_change(user) and rule.can_view(user, petition)


def lookup_sms_text(petition: Petition, code: str) -> str:
    """The number, the code and where to look; no name or content (an SMS may be read
    on a shared phone)."""
    return (
        f"{site_profile().sms_prefix}: Đơn số {petition.registration_number}. "
        f"Mã tra cứu hồ sơ: {shown(code)}. Tra cứu tại {absolute(LOOKUP_PATH)}"
    )


def _send_sms(phone: str, text: str, petition_id: int) -> None:
    from ..notification.sms import SmsError, gateway

    try:
        gateway().send(phone, text)
    except SmsError as exc:
        # The receipt carries the code too; a failed SMS is logged without the text.
        logger.warning("Lookup code SMS for petition %s not sent: %s", petition_id, exc)


@transaction.atomic
def issue_lookup_code(petition: Petition, *, send_sms: bool = True) -> str:
    """A new code for `petition`: its digest replaces the old one (which no longer
    matches), and the plain code is returned for the receipt. With `send_sms`, it is
    also sent to the petitioner's mobile phone once the transaction commits."""
    code = new_lookup_code()
    petition.lookup_code_digest = digest_code(code)
    # The digest only: not an edit of the case (the history leaves the field out).
    Petition.objects.filter(pk=petition.pk).update(lookup_code_digest=petition.lookup_code_digest)
    phone = ""
    if send_sms and petition.citizen_id:
        phone = (
            Citizen.objects.filter(pk=petition.citizen_id, anonymised_at__isnull=True)
            .values_list("phone", flat=True)
            .first()
            or ""
        )
    if phone:
        text = lookup_sms_text(petition, code)
        pk = petition.pk
        transaction.on_commit(lambda: _send_sms(phone, text, pk))
    return code


REISSUE_LOOKUP_CODE = "reissue_lookup_code"


@transaction.atomic
def reissue_lookup_code(petition: Petition, *, by=None) -> str:
    """The Board issues a new code (the citizen lost theirs): the old one stops
    working, and the case's timeline records who issued it and when (not the code)."""
    code = issue_lookup_code(petition)
    workflow.record_note(
        petition,
        action=REISSUE_LOOKUP_CODE,
        label="Cấp lại mã tra cứu",
        comment="Mã tra cứu mới được cấp; mã cũ không còn dùng được.",
        by=by,
    )
    return code
