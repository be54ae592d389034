"""The citizen's form for a request to be received online (`/gui-yeu-cau/`): plain
server-rendered fields that work without JavaScript; every message is Vietnamese."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone

from ..core import held_uploads
from ..core.uploads import validate_attachment
from ..core.validators import validate_phone
from ..doctype.admin_unit.constants import UnitLevel
from ..doctype.admin_unit.models import AdministrativeUnit
from ..doctype.admin_unit.services import current_unit_for, in_force_on
from ..doctype.citizen.constants import IdKind
from ..doctype.citizen.validators import validate_id_number
from ..doctype.notification.sms import MOBILE
from ..doctype.petition.constants import GROUP_MIN_SIZE, PetitionKind
from ..doctype.petition.services import validate_group
from ..doctype.reception_request.constants import MAX_ATTACHMENTS, BridgeChoice

# The version of the personal-data notice the citizen agreed to (templates/public/
# request/privacy_notice.html): kept with the request.
NOTICE_VERSION = "2026-12"
REQUIRED = {"required": "Vui lòng điền mục này."}

KIND_LABELS = [
    (PetitionKind.COMPLAINT, "Khiếu nại"),
    (PetitionKind.DENUNCIATION, "Tố cáo"),
    (PetitionKind.RECOMMENDATION, "Kiến nghị"),
    (PetitionKind.FEEDBACK, "Phản ánh"),
]
ID_KIND_LABELS = [
    (IdKind.CCCD, "Căn cước / căn cước công dân (12 số)"),
    (IdKind.CMND, "Chứng minh nhân dân cũ (9 số)"),
    (IdKind.PASSPORT, "Hộ chiếu"),
    (IdKind.OTHER, "Giấy tờ khác"),
]


def communes_today():
    return in_force_on(timezone.localdate()).filter(level=UnitLevel.COMMUNE).order_by("name")


def former_communes():
    """Communes no longer in force: what a citizen who knows only the old name picks."""
    return (
        AdministrativeUnit.objects.filter(
            level=UnitLevel.COMMUNE, valid_to__lt=timezone.localdate()
        )
        .select_related("parent")
        .order_by("name", "parent__name")
    )


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return str(obj)


class MultipleFileInput(forms.ClearableFileInput):
    """Several files at once. When the form comes back for a correction, the files it
    took are held on the server (core/held_uploads.py) and the page carries their
    tokens: sent again with no new file chosen, the form takes the held ones, so a
    citizen on a slow connection does not choose and upload them again."""

    allow_multiple_selected = True
    template_name = "public/request/files_widget.html"
    # The files this form holds (each form has its own copy of its widget).
    held: tuple = ()

    def value_from_datadict(self, data, files, name):
        chosen = [f for f in files.getlist(name) if f]
        if chosen:
            return chosen
        tokens = data.getlist(held_uploads.token_field(name))[:MAX_ATTACHMENTS]
        self.held = tuple(f for f in map(held_uploads.take_public, tokens) if f)
        return list(self.held)

    def hold(self, uploads) -> None:
        """Keep `uploads` (already checked) for the page that asks for a correction."""
        kept = []
        for upload in uploads:
            if isinstance(upload, held_uploads.HeldFile):
                kept.append(upload)
                continue
            held = held_uploads.hold(upload, None)
            if held is not None:
                kept.append(held_uploads.HeldFile(held))
        self.held = tuple(kept)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["held"] = [
            {"token": f.held_token, "name": f.name, "size": f.size} for f in self.held
        ]
        context["widget"]["held_field"] = held_uploads.token_field(name)
        return context


class FilesField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if len(files) > MAX_ATTACHMENTS:
            raise ValidationError(f"Gửi tối đa {MAX_ATTACHMENTS} tệp.")
        for upload in files:
            validate_attachment(upload)
            upload.seek(0)
        return files


class FormerUnitForm(forms.Form):
    """The helper: which commune of today an old commune became (GET, no JavaScript)."""

    xa_cu = UnitChoice(
        label="Xã, phường, thị trấn cũ (trước khi sắp xếp)",
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        empty_label="— Chọn xã cũ —",
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["xa_cu"].queryset = former_communes()


class RequestForm(forms.Form):
    full_name = forms.CharField(label="Họ và tên", max_length=120, error_messages=REQUIRED)
    id_kind = forms.ChoiceField(
        label="Loại giấy tờ tùy thân", choices=ID_KIND_LABELS, initial=IdKind.CCCD
    )
    id_number = forms.CharField(label="Số giấy tờ tùy thân", max_length=20, error_messages=REQUIRED)
    phone = forms.CharField(
        label="Số điện thoại di động",
        max_length=15,
        error_messages=REQUIRED,
        help_text="Mã xác nhận được gửi qua tin nhắn đến số này.",
    )
    email = forms.EmailField(
        label="Thư điện tử (không bắt buộc)",
        required=False,
        error_messages={"invalid": "Địa chỉ thư điện tử không đúng dạng."},
    )
    address = forms.CharField(
        label="Địa chỉ (số nhà, thôn, tổ dân phố)", max_length=255, error_messages=REQUIRED
    )
    residence_unit = UnitChoice(
        label="Xã, phường nơi cư trú (hiện nay)",
        queryset=AdministrativeUnit.objects.none(),
        required=False,
        empty_label="— Chọn xã, phường —",
    )
    # Set by the old-commune helper (FormerUnitForm) above the form: kept with the
    # request so the Board sees what the citizen knew.
    former_unit = UnitChoice(
        queryset=AdministrativeUnit.objects.none(), required=False, widget=forms.HiddenInput
    )
    kind = forms.ChoiceField(
        label="Loại nội dung",
        choices=KIND_LABELS,
        widget=forms.RadioSelect,
        error_messages=REQUIRED,
    )
    summary = forms.CharField(
        label="Tóm tắt nội dung",
        max_length=300,
        error_messages=REQUIRED,
        help_text="Một, hai câu: việc gì, ở đâu, đề nghị gì.",
    )
    content = forms.CharField(
        label="Nội dung chi tiết",
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=20000,
        error_messages=REQUIRED,
    )
    attachments = FilesField(
        label="Tài liệu kèm theo (không bắt buộc)",
        required=False,
        help_text=f"PDF, JPG, PNG, DOC, DOCX hoặc XLSX; tối đa {MAX_ATTACHMENTS} tệp, "
        "mỗi tệp 20 MB.",
    )
    group_size = forms.IntegerField(
        label="Số người cùng nội dung (kể cả anh/chị)",
        min_value=1,
        max_value=5000,
        initial=1,
        error_messages={"required": "Vui lòng điền số người.", "min_value": "Ít nhất là 1 người."},
    )
    representatives = forms.CharField(
        label="Người đại diện (khi từ 5 người trở lên), mỗi người một dòng",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
        help_text="Từ 5 đến 10 người: cử 1 hoặc 2 người đại diện; trên 10 người: tối đa 5 người "
        "(Điều 29 Luật Tiếp công dân).",
    )
    bridge_choice = forms.ChoiceField(
        label="Nơi anh/chị tham gia buổi tiếp trực tuyến",
        choices=BridgeChoice.choices,
        initial=BridgeChoice.COMMUNE,
        widget=forms.RadioSelect,
    )
    identity_protection_waived = forms.BooleanField(
        label="Tôi tố cáo và không yêu cầu giữ bí mật họ tên, địa chỉ, bút tích của tôi "
        "khi được tiếp trực tuyến.",
        required=False,
    )
    consent_online = forms.BooleanField(
        label="Tôi đồng ý được tiếp công dân trực tuyến.",
        error_messages={"required": "Cần đồng ý được tiếp trực tuyến để gửi yêu cầu này."},
    )
    consent_personal_data = forms.BooleanField(
        label="Tôi đã đọc thông báo xử lý dữ liệu cá nhân ở trên và đồng ý.",
        error_messages={
            "required": "Cần đồng ý xử lý dữ liệu cá nhân: Ban Tiếp công dân không thể tiếp "
            "nhận yêu cầu khi không được xử lý các thông tin này."
        },
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["residence_unit"].queryset = communes_today()
        self.fields["former_unit"].queryset = former_communes()

    def clean_id_number(self) -> str:
        kind = self.data.get("id_kind") or IdKind.CCCD
        try:
            return validate_id_number(kind, self.cleaned_data["id_number"])
        except ValidationError as exc:
            raise ValidationError(
                "Số giấy tờ tùy thân không đúng: " + " ".join(exc.messages), code="invalid_id"
            ) from exc

    def clean_phone(self) -> str:
        try:
            phone = validate_phone(self.cleaned_data["phone"])
        except ValidationError as exc:
            raise ValidationError(
                "Số điện thoại không đúng: số di động có 10 chữ số, bắt đầu bằng 03, 05, 07, "
                "08 hoặc 09.",
                code=exc.code,
            ) from exc
        if not MOBILE.match(re.sub(r"\D", "", phone)):
            raise ValidationError(
                "Cần số điện thoại di động để nhận mã xác nhận qua tin nhắn.", code="not_mobile"
            )
        return phone

    def clean(self) -> dict:
        data = super().clean()
        unit, former = data.get("residence_unit"), data.get("former_unit")
        if unit is None and former is not None:
            unit = current_unit_for(former)
            if not unit.is_valid_on(timezone.localdate()):
                self.add_error("former_unit", "Chưa xác định được xã mới của xã cũ này.")
            data["residence_unit"] = unit
        if unit is None and former is None and "former_unit" not in self.errors:
            self.add_error(
                "residence_unit",
                "Vui lòng chọn xã, phường nơi cư trú (nếu chỉ biết tên xã cũ, dùng mục “Tìm xã "
                "mới theo xã cũ” ở trên).",
            )
        size = data.get("group_size")
        names = [n.strip() for n in (data.get("representatives") or "").splitlines() if n.strip()]
        if size is not None:
            if size < GROUP_MIN_SIZE:
                names = []  # only a group names representatives (Law Art. 29)
            try:
                validate_group(size, len(names))
            except ValidationError as exc:
                self.add_error("representatives", exc)
            data["representatives"] = "\n".join(names)
        if data.get("kind") == PetitionKind.DENUNCIATION and not data.get(
            "identity_protection_waived"
        ):
            self.add_error(
                "identity_protection_waived",
                "Tố cáo chỉ được tiếp trực tuyến khi người tố cáo không yêu cầu giữ bí mật danh "
                "tính (Điều 20 khoản 4 Nghị định 154/2026/NĐ-CP). Nếu anh/chị muốn được giữ bí "
                "mật, vui lòng tố cáo trực tiếp tại Trụ sở Tiếp công dân tỉnh.",
            )
        return data
