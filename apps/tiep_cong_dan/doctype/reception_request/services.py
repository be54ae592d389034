"""Writes of online requests: a citizen submits one and confirms their phone with a
code sent by SMS; the Board officer converts it into a petition after checking the
person's identity, or declines it with a reason the citizen is told. Every state
change goes through the workflow (reception_request.yaml)."""

import enum
import hashlib
import hmac
import logging
import secrets
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ... import workflow
from ...core.lookup_codes import digest_code, new_lookup_code, shown
from ...core.naming import take_next_number
from ..bridge_point.constants import PointLevel
from ..bridge_point.models import BridgePoint
from ..citizen.models import Citizen
from ..citizen.services import record_citizen
from ..notification.sms import SmsError, gateway
from ..petition.constants import Channel
from ..petition.models import Petition, PetitionAttachment, PetitionRepresentative
from ..petition.services import register_petition
from .constants import (
    PHONE_CODE_DIGITS,
    PHONE_CODE_LIFETIME,
    PHONE_CODE_TRIES,
    PHONE_CODES_PER_REQUEST,
    SERIES_PREFIX,
    BridgeChoice,
    IdentityCheckPlace,
    RequestState,
)
from .models import ReceptionRequest, RequestAttachment

logger = logging.getLogger(__name__)


def format_number(year: int, seq: int) -> str:
    return f"{SERIES_PREFIX}-{year}-{seq:06d}"


def bridge_point_for(unit, choice: str) -> BridgePoint | None:
    """The commune's own room (Decree 154 Art. 22(3)), or the provincial host point."""
    points = BridgePoint.objects.filter(active=True).order_by("code")
    if choice == BridgeChoice.CENTRAL:
        return points.filter(level=PointLevel.PROVINCE).first()
    return points.filter(level=PointLevel.COMMUNE, unit=unit).first()


@transaction.atomic
def submit_request(
    request: ReceptionRequest, *, files: Iterable[UploadedFile] = ()
) -> ReceptionRequest:
    """Record a request sent on the public site, number it from the yearly series and
    keep its files (each checked by core/uploads.py). It waits for the phone check:
    nobody at the Board sees it before (permissions.py)."""
    if request.pk:
        raise ValidationError(_("This request has already been recorded."), code="already_recorded")
    if not request.consent_online or not request.consent_personal_data:
        raise ValidationError(
            _(
                "Agreement to be received online and to the processing of personal data is "
                "required."
            ),
            code="no_consent",
        )
    request.bridge_point = bridge_point_for(request.residence_unit, request.bridge_choice)
    request.submitted_at = timezone.now()
    year = timezone.localdate(request.submitted_at).year
    request.full_clean(exclude=["number", "year", "seq"])
    request.year, request.seq = year, take_next_number(f"{SERIES_PREFIX}-{year}")
    request.number = format_number(request.year, request.seq)
    request.save()
    for upload in files:
        attachment = RequestAttachment(
            request=request,
            file=upload,
            original_name=(upload.name or "tep")[:255],
            size=upload.size or 0,
        )
        attachment.full_clean(exclude=["request"])
        attachment.save()
    workflow.record_start(request)
    return request


# -- the phone code -------------------------------------------------------------------


def _phone_digest(request: ReceptionRequest, code: str) -> str:
    # Keyed and bound to the request: a copy of the database reveals no code.
    key = settings.SECRET_KEY.encode()
    data = f"phone:{request.number}:{code}".encode()
    return hmac.new(key, data, hashlib.sha256).hexdigest()


def _send_sms(phone: str, text: str) -> bool:
    try:
        gateway().send(phone, text)
    except SmsError:
        logger.warning("SMS not sent for an online request", exc_info=True)
        return False
    return True


@transaction.atomic
def send_phone_code(request: ReceptionRequest) -> None:
    """Send a new 6-digit code to the request's phone (at most 3 a request); the last
    one sent is the one that counts, for 10 minutes."""
    locked = ReceptionRequest.objects.select_for_update().get(pk=request.pk)
    if locked.state != RequestState.AWAITING_PHONE:
        raise ValidationError(
            _("The phone number of this request has already been confirmed."), code="done"
        )
    if locked.phone_codes_sent >= PHONE_CODES_PER_REQUEST:
        raise ValidationError(
            _(
                "A code was sent %(count)s times for this request. Please send a new request "
                "or contact the Citizen Reception Board."
            )
            % {"count": PHONE_CODES_PER_REQUEST},
            code="too_many_codes",
        )
    code = f"{secrets.randbelow(10**PHONE_CODE_DIGITS):0{PHONE_CODE_DIGITS}d}"
    locked.phone_code_digest = _phone_digest(locked, code)
    locked.phone_code_expires_at = timezone.now() + PHONE_CODE_LIFETIME
    locked.phone_code_tries = 0
    locked.phone_codes_sent += 1
    locked.save(
        update_fields=[
            "phone_code_digest",
            "phone_code_expires_at",
            "phone_code_tries",
            "phone_codes_sent",
        ]
    )
    minutes = int(PHONE_CODE_LIFETIME.total_seconds() // 60)
    text = (
        f"Mã xác nhận yêu cầu {locked.number}: {code}. Có hiệu lực {minutes} phút. "
        "Không chia sẻ mã này cho người khác."
    )
    # Sent inside the transaction: a code the citizen never received is not kept.
    try:
        gateway().send(locked.phone, text)
    except SmsError as exc:
        raise ValidationError(
            _("The SMS could not be sent to this phone number. Please check the number."),
            code="sms_failed",
        ) from exc
    request.phone_codes_sent = locked.phone_codes_sent
    request.phone_code_expires_at = locked.phone_code_expires_at


class CodeCheck(enum.Enum):
    OK = "ok"
    WRONG = "wrong"
    EXPIRED = "expired"
    TOO_MANY = "too_many"
    DONE = "done"


CODE_MESSAGES = {
    CodeCheck.WRONG: gettext_lazy(
        "The confirmation code is wrong. Please check the SMS and type it again."
    ),
    CodeCheck.EXPIRED: gettext_lazy(
        "The confirmation code has expired (10 minutes). Please press “Gửi lại mã”."
    ),
    CodeCheck.TOO_MANY: gettext_lazy(
        "A wrong code was typed %(tries)s times. Please press “Gửi lại mã” to get a new code."
    ),
    CodeCheck.DONE: gettext_lazy("The phone number of this request has already been confirmed."),
}


def _check_code(locked: ReceptionRequest, code: str) -> CodeCheck:
    if locked.state != RequestState.AWAITING_PHONE:
        return CodeCheck.DONE
    if not locked.phone_code_digest:
        return CodeCheck.EXPIRED
    if locked.phone_code_tries >= PHONE_CODE_TRIES:
        return CodeCheck.TOO_MANY
    if locked.phone_code_expires_at is None or locked.phone_code_expires_at < timezone.now():
        return CodeCheck.EXPIRED
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    if not hmac.compare_digest(_phone_digest(locked, code), locked.phone_code_digest):
        return CodeCheck.WRONG
    return CodeCheck.OK


def confirm_phone(request: ReceptionRequest, code: str) -> str:
    """Check the code the citizen typed. When right, the request reaches the Board
    (the workflow's `confirm_phone`, taken by the system) and the citizen's private
    lookup code is issued: returned here to be shown once, and sent by SMS. Raises
    ValidationError (code: wrong, expired, too_many, done) otherwise; a wrong try is
    counted even so."""
    with transaction.atomic():
        locked = ReceptionRequest.objects.select_for_update().get(pk=request.pk)
        outcome = _check_code(locked, code)
        if outcome is CodeCheck.WRONG:
            locked.phone_code_tries += 1
            locked.save(update_fields=["phone_code_tries"])
        elif outcome is CodeCheck.OK:
            lookup = new_lookup_code()
            locked.phone_confirmed_at = timezone.now()
            locked.phone_code_digest = ""
            locked.lookup_code_digest = digest_code(lookup)
            locked.save(
                update_fields=["phone_confirmed_at", "phone_code_digest", "lookup_code_digest"]
            )
            workflow.apply(locked, "confirm_phone", expected_state=RequestState.AWAITING_PHONE)
            _send_sms(
                locked.phone,
                f"Ban Tiếp công dân đã nhận yêu cầu {locked.number}. Mã tra cứu: "
                f"{shown(lookup)}. Giữ mã này để tra cứu trên Cổng thông tin.",
            )
    if outcome is not CodeCheck.OK:
        raise ValidationError(
            str(CODE_MESSAGES[outcome]) % {"tries": PHONE_CODE_TRIES}, code=outcome.value
        )
    for f in locked._meta.concrete_fields:
        setattr(request, f.attname, getattr(locked, f.attname))
    return lookup


# -- the Board's decision -----------------------------------------------------------


@transaction.atomic
def convert_to_petition(request: ReceptionRequest, *, by, place: str, note: str) -> Petition:
    """The Board officer checked the person's identity (where: `place`; what: `note`)
    and turns the request into a petition, in one step: the workflow's `convert`,
    whose effect registers the petition (register_as_petition below). Nothing is
    written when any part is refused."""
    if place not in IdentityCheckPlace.values:  # every caller's value, not only the desk's
        raise ValidationError(
            {"identity_check_place": _("Choose where the identity papers were checked.")},
            code="invalid_place",
        )
    locked = ReceptionRequest.objects.select_for_update().get(pk=request.pk)
    if locked.state != RequestState.SUBMITTED:
        raise ValidationError(
            _("This request no longer awaits the check (%(state)s).")
            % {"state": locked.get_state_display()},
            code="not_waiting",
        )
    locked.identity_check_place = place
    locked.save(update_fields=["identity_check_place"])
    workflow.apply(locked, "convert", by=by, comment=note, expected_state=RequestState.SUBMITTED)
    locked.refresh_from_db()
    for f in locked._meta.concrete_fields:
        setattr(request, f.attname, getattr(locked, f.attname))
    return locked.petition


def decline_request(request: ReceptionRequest, *, by, reason: str) -> None:
    """Decline with a reason: the citizen is told it by SMS (and e-mail if given) once
    the step is committed."""
    workflow.apply(request, "decline", by=by, comment=reason, expected_state=RequestState.SUBMITTED)


def _citizen_for(request: ReceptionRequest, *, by) -> Citizen:
    """The person in the register with the same identity paper, or a new record."""
    found = (
        Citizen.objects.select_for_update()
        .filter(id_kind=request.id_kind, id_number=request.id_number)
        .first()
    )
    if found is not None and not found.anonymised_at:
        return found
    return record_citizen(
        Citizen(
            full_name=request.full_name,
            id_kind=request.id_kind,
            id_number=request.id_number,
            phone=request.phone,
            email=request.email,
            address=request.address,
            residence_unit=request.residence_unit,
            contact_consent=True,
        ),
        by=by,
    )


def _representatives(request: ReceptionRequest, petitioner: Citizen, *, by) -> list:
    """The group's representatives as named on the request: the sender when named,
    the others recorded by name (their papers are checked with the sender's)."""
    rows = []
    for name in request.representative_names():
        if name.casefold() == petitioner.full_name.casefold():
            citizen = petitioner
        else:
            citizen = record_citizen(
                Citizen(
                    full_name=name,
                    address=_(
                        "Group representative named in request %(number)s; same residence as "
                        "the sender"
                    )
                    % {"number": request.number},
                    residence_unit=request.residence_unit,
                ),
                by=by,
            )
        rows.append(
            PetitionRepresentative(
                citizen=citizen,
                appointment_paper=_("Declared in online request %(number)s")
                % {"number": request.number},
            )
        )
    return rows


def register_as_petition(request: ReceptionRequest, *, by, note: str) -> Petition:
    """What `convert` does (the workflow effect calls it inside the step): the
    citizen, the petition through its own registration, the files carried over, and
    the lookup code's digest so the citizen's code follows the petition."""
    # The notes written here are stored data, printed in documents: Vietnamese,
    # whatever language the officer's desk speaks.
    with translation.override("vi"):
        return _register_as_petition(request, by=by, note=note)


def _register_as_petition(request: ReceptionRequest, *, by, note: str) -> Petition:
    citizen = _citizen_for(request, by=by)
    received = timezone.localdate(request.phone_confirmed_at or request.submitted_at)
    petition = Petition(
        received_date=received,
        channel=Channel.ONLINE,
        kind=request.kind,
        citizen=citizen,
        summary=request.summary,
        content=request.content,
        group_size=request.group_size,
        matter_unit=request.residence_unit,
        citizen_consent=request.consent_online,
        identity_protection_requested=request.is_denunciation
        and not request.identity_protection_waived,
    )
    petition = register_petition(
        petition,
        by=by,
        representatives=_representatives(request, citizen, by=by),
        confirmed_note=_("From online request %(number)s. Identity check: %(note)s")
        % {"number": request.number, "note": note},
    )
    Petition.objects.filter(pk=petition.pk).update(lookup_code_digest=request.lookup_code_digest)
    petition.lookup_code_digest = request.lookup_code_digest
    for attachment in request.attachments.all():
        with attachment.file.open("rb") as fh:
            copy = PetitionAttachment(
                petition=petition,
                title=_("Document attached to request %(number)s") % {"number": request.number},
                original_name=attachment.original_name,
                size=attachment.size,
            )
            copy.file.save(attachment.original_name, fh, save=False)
            if by is not None:
                copy._history_user = by
            copy.save()
    return petition


def tell_citizen_declined(request: ReceptionRequest) -> None:
    """The reason reaches the citizen: SMS, and e-mail when they gave one."""
    from django.core.mail import send_mail

    text = (
        f"Ban Tiếp công dân không tiếp nhận yêu cầu {request.number}. Lý do: "
        f"{request.decline_reason}"
    )
    _send_sms(request.phone, text[:459])
    if not request.email:
        return
    with translation.override("vi"):  # the citizen reads Vietnamese
        send_mail(
            _("Request %(number)s was not accepted") % {"number": request.number},
            _(
                "The Citizen Reception Board did not accept online reception request "
                "%(number)s.\n\nReason: %(reason)s\n\nYou may come to the provincial Citizen "
                "Reception Office for guidance."
            )
            % {"number": request.number, "reason": request.decline_reason},
            None,
            [request.email],
            fail_silently=True,
        )


def purge_unconfirmed(now=None) -> int:
    """Hourly: delete the requests whose phone was never confirmed a day after they were
    sent, with their files (the personal-data notice promises it). Nobody at the Board
    ever saw them."""
    from .constants import UNCONFIRMED_LIFETIME

    now = now or timezone.now()
    stale = ReceptionRequest.objects.filter(
        state=RequestState.AWAITING_PHONE, submitted_at__lt=now - UNCONFIRMED_LIFETIME
    )
    storage = RequestAttachment._meta.get_field("file").storage
    removed = 0
    for request in stale.prefetch_related("attachments"):
        names = [a.file.name for a in request.attachments.all()]
        with transaction.atomic():
            request.attachments.all().delete()
            request.history.all().delete()
            request.delete()
            transaction.on_commit(lambda names=names: [storage.delete(n) for n in names])
        removed += 1
    return removed
