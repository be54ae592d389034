"""A request to be received online, sent by a citizen on the public site (Decree
154/2026 Art. 12(1), 20(4), 21(4), 22(3)). It is not a petition yet: the Board officer
checks the person's identity and turns it into one (services.convert_to_petition), or
declines it with a reason the citizen is told."""

import uuid
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from ...core.fields import LongTextField, ShortTextField
from ...core.search import SearchableModel
from ...core.uploads import validate_attachment
from ...core.validators import LONG_TEXT, SHORT_TEXT, validate_phone
from ..citizen.constants import IdKind
from ..citizen.validators import validate_id_number
from ..petition.constants import GROUP_MIN_SIZE, PetitionKind
from .constants import BridgeChoice, IdentityCheckPlace, RequestState

# Never kept in the change history: secrets and what only the engine moves.
_NOT_IN_HISTORY = ["phone_code_digest", "lookup_code_digest", "phone_code_tries", "search_text"]


class ReceptionRequest(SearchableModel):
    # Found by its number, kind and state in words; never by the sender's name or
    # content, which retention erases and which a search column would keep.
    search_title = ("number",)
    search_also = ("kind", "state")

    number = models.CharField(_("request number"), max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("year"), editable=False)
    seq = models.PositiveIntegerField(_("sequence in the year"), editable=False)
    state = models.CharField(
        _("state"),
        max_length=15,
        choices=RequestState.choices,
        default=RequestState.AWAITING_PHONE,
        editable=False,
    )
    # -- the person (personal data: Law 91/2025; a denouncer's identity is confidential)
    full_name = ShortTextField(_("full name"), max_length=120)
    id_kind = models.CharField(
        _("kind of identity paper"), max_length=10, choices=IdKind.choices, default=IdKind.CCCD
    )
    id_number = models.CharField(_("identity paper number"), max_length=20)
    phone = models.CharField(_("phone number"), max_length=15)
    email = models.EmailField(_("e-mail"), blank=True)
    address = ShortTextField(_("address"), max_length=255)
    residence_unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("commune or ward of residence"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The old commune the citizen named, when they knew only that one.
    former_unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("former commune chosen by the citizen"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # -- the matter
    kind = models.CharField(_("kind of petition"), max_length=15, choices=PetitionKind.choices)
    summary = ShortTextField(_("summary of the content"), max_length=300)
    content = LongTextField(_("content"), max_length=LONG_TEXT)
    group_size = models.PositiveSmallIntegerField(
        _("number of people with the same matter"), default=1
    )
    representatives = LongTextField(
        _("representatives"), max_length=SHORT_TEXT, blank=True, help_text=_("One person per line.")
    )
    bridge_choice = models.CharField(
        _("where to take part"),
        max_length=10,
        choices=BridgeChoice.choices,
        default=BridgeChoice.COMMUNE,
    )
    bridge_point = models.ForeignKey(
        "tiep_cong_dan.BridgePoint",
        verbose_name=_("bridge point"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # -- consents (Decree 154 Art. 20: on consent; PDP Law 91/2025 Art. 9)
    consent_online = models.BooleanField(_("agrees to be received online"), default=False)
    consent_personal_data = models.BooleanField(
        _("agrees to the processing of personal data"), default=False
    )
    consent_notice = models.CharField(
        _("version of the notice agreed to"), max_length=20, blank=True
    )
    # Decree 154 Art. 20(4): a denunciation is heard online only without identity
    # protection; the denouncer says so on the form.
    identity_protection_waived = models.BooleanField(
        _("the denouncer does not ask for their identity to be kept confidential"), default=False
    )
    # -- the phone check (a keyed digest, like the lookup code)
    phone_code_digest = models.CharField(max_length=64, blank=True, editable=False)
    phone_code_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    phone_code_tries = models.PositiveSmallIntegerField(default=0, editable=False)
    phone_codes_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    phone_confirmed_at = models.DateTimeField(
        _("phone confirmed at"), null=True, blank=True, editable=False
    )
    lookup_code_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    submitted_at = models.DateTimeField(_("request sent at"), default=timezone.now, editable=False)
    # -- the Board's decision
    identity_check_place = models.CharField(
        _("where the identity papers were checked"),
        max_length=15,
        choices=IdentityCheckPlace.choices,
        blank=True,
    )
    identity_check_note = LongTextField(
        _("identity check note"), max_length=SHORT_TEXT, blank=True, editable=False
    )
    decline_reason = LongTextField(
        _("reason for declining"), max_length=SHORT_TEXT, blank=True, editable=False
    )
    petition = models.OneToOneField(
        "tiep_cong_dan.Petition",
        verbose_name=_("petition created"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="online_request",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("deciding officer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    # Set when the retention job erased the personal data (TCD_REQUEST_RETENTION_DAYS
    # after the decision, retention.py): number, dates, kind, state and the petition
    # stay for the statistics.
    anonymised_at = models.DateTimeField(
        _("personal data erased on"), null=True, blank=True, editable=False
    )
    history = HistoricalRecords(excluded_fields=_NOT_IN_HISTORY)

    class Meta:
        verbose_name = _("online reception request")
        verbose_name_plural = _("online reception request")
        ordering = ["-year", "-seq"]
        indexes = [models.Index(fields=["state", "year", "seq"], name="request_state_order")]
        constraints = [
            models.UniqueConstraint(fields=["year", "seq"], name="request_seq_unique"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def is_denunciation(self) -> bool:
        return self.kind == PetitionKind.DENUNCIATION

    @property
    def is_group(self) -> bool:
        return self.group_size >= GROUP_MIN_SIZE

    def clean(self) -> None:
        # The same checks as the citizen register's, whichever path writes the request.
        errors: dict[str, list] = {}
        try:
            self.id_number = validate_id_number(self.id_kind, self.id_number)
        except ValidationError as exc:
            errors["id_number"] = [exc]
        try:
            self.phone = validate_phone(self.phone)
        except ValidationError as exc:
            errors["phone"] = [exc]
        if errors:
            raise ValidationError(errors)

    def representative_names(self) -> list[str]:
        return [line.strip() for line in self.representatives.splitlines() if line.strip()]


def request_file_path(instance: "RequestAttachment", filename: str) -> str:
    # A random stored name: the citizen's file name is kept only as data.
    suffix = PurePath(filename).suffix.lower()[:10]
    return f"requests/{timezone.now():%Y/%m}/{uuid.uuid4().hex}{suffix}"


class RequestAttachment(models.Model):
    request = models.ForeignKey(
        ReceptionRequest, on_delete=models.CASCADE, related_name="attachments"
    )
    file = models.FileField(
        _("file"), upload_to=request_file_path, validators=[validate_attachment], max_length=200
    )
    original_name = models.CharField(_("file name"), max_length=255, editable=False)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0, editable=False)

    class Meta:
        verbose_name = _("file sent with the request")
        verbose_name_plural = _("file sent with the request")

    def __str__(self) -> str:
        return self.original_name
