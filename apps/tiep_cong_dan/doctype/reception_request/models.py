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
from ...core.uploads import validate_attachment
from ...core.validators import LONG_TEXT, SHORT_TEXT, validate_phone
from ..citizen.constants import IdKind
from ..citizen.validators import validate_id_number
from ..petition.constants import GROUP_MIN_SIZE, PetitionKind
from .constants import BridgeChoice, IdentityCheckPlace, RequestState

# Never kept in the change history: secrets and what only the engine moves.
_NOT_IN_HISTORY = ["phone_code_digest", "lookup_code_digest", "phone_code_tries"]


class ReceptionRequest(models.Model):
    number = models.CharField(_("số yêu cầu"), max_length=20, unique=True, editable=False)
    year = models.PositiveSmallIntegerField(_("năm"), editable=False)
    seq = models.PositiveIntegerField(_("số thứ tự trong năm"), editable=False)
    state = models.CharField(
        _("trạng thái"),
        max_length=15,
        choices=RequestState.choices,
        default=RequestState.AWAITING_PHONE,
        editable=False,
    )
    # -- the person (personal data: Law 91/2025; a denouncer's identity is confidential)
    full_name = ShortTextField(_("họ và tên"), max_length=120)
    id_kind = models.CharField(
        _("loại giấy tờ"), max_length=10, choices=IdKind.choices, default=IdKind.CCCD
    )
    id_number = models.CharField(_("số giấy tờ tùy thân"), max_length=20)
    phone = models.CharField(_("số điện thoại"), max_length=15)
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = ShortTextField(_("địa chỉ"), max_length=255)
    residence_unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("xã, phường nơi cư trú"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    # The old commune the citizen named, when they knew only that one.
    former_unit = models.ForeignKey(
        "tiep_cong_dan.AdministrativeUnit",
        verbose_name=_("xã cũ công dân đã chọn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # -- the matter
    kind = models.CharField(_("loại đơn"), max_length=15, choices=PetitionKind.choices)
    summary = ShortTextField(_("tóm tắt nội dung"), max_length=300)
    content = LongTextField(_("nội dung"), max_length=LONG_TEXT)
    group_size = models.PositiveSmallIntegerField(_("số người cùng nội dung"), default=1)
    representatives = LongTextField(
        _("người đại diện"), max_length=SHORT_TEXT, blank=True, help_text=_("Mỗi người một dòng.")
    )
    bridge_choice = models.CharField(
        _("nơi tham gia"), max_length=10, choices=BridgeChoice.choices, default=BridgeChoice.COMMUNE
    )
    bridge_point = models.ForeignKey(
        "tiep_cong_dan.BridgePoint",
        verbose_name=_("điểm cầu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    # -- consents (Decree 154 Art. 20: on consent; PDP Law 91/2025 Art. 9)
    consent_online = models.BooleanField(_("đồng ý tiếp trực tuyến"), default=False)
    consent_personal_data = models.BooleanField(_("đồng ý xử lý dữ liệu cá nhân"), default=False)
    consent_notice = models.CharField(_("bản thông báo đã đồng ý"), max_length=20, blank=True)
    # Decree 154 Art. 20(4): a denunciation is heard online only without identity
    # protection; the denouncer says so on the form.
    identity_protection_waived = models.BooleanField(
        _("người tố cáo không yêu cầu giữ bí mật danh tính"), default=False
    )
    # -- the phone check (a keyed digest, like the lookup code)
    phone_code_digest = models.CharField(max_length=64, blank=True, editable=False)
    phone_code_expires_at = models.DateTimeField(null=True, blank=True, editable=False)
    phone_code_tries = models.PositiveSmallIntegerField(default=0, editable=False)
    phone_codes_sent = models.PositiveSmallIntegerField(default=0, editable=False)
    phone_confirmed_at = models.DateTimeField(
        _("xác nhận số điện thoại lúc"), null=True, blank=True, editable=False
    )
    lookup_code_digest = models.CharField(max_length=64, blank=True, default="", editable=False)
    submitted_at = models.DateTimeField(_("gửi lúc"), default=timezone.now, editable=False)
    # -- the Board's decision
    identity_check_place = models.CharField(
        _("nơi kiểm tra giấy tờ"), max_length=15, choices=IdentityCheckPlace.choices, blank=True
    )
    identity_check_note = LongTextField(
        _("ghi chú kiểm tra danh tính"), max_length=SHORT_TEXT, blank=True, editable=False
    )
    decline_reason = LongTextField(
        _("lý do không tiếp nhận"), max_length=SHORT_TEXT, blank=True, editable=False
    )
    petition = models.OneToOneField(
        "tiep_cong_dan.Petition",
        verbose_name=_("đơn đã tạo"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="online_request",
        editable=False,
    )
    decided_at = models.DateTimeField(_("quyết định lúc"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ quyết định"),
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
        verbose_name = _("yêu cầu tiếp trực tuyến")
        verbose_name_plural = _("yêu cầu tiếp trực tuyến")
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
        _("tệp"), upload_to=request_file_path, validators=[validate_attachment], max_length=200
    )
    original_name = models.CharField(_("tên tệp"), max_length=255, editable=False)
    size = models.PositiveIntegerField(_("dung lượng (byte)"), default=0, editable=False)

    class Meta:
        verbose_name = _("tài liệu kèm theo")
        verbose_name_plural = _("tài liệu kèm theo")

    def __str__(self) -> str:
        return self.original_name
