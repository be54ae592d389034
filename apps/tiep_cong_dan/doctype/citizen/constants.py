from django.db import models
from django.utils.translation import gettext_lazy as _


class IdKind(models.TextChoices):
    CCCD = "cccd", _("Personal ID card (12 digits)")
    CMND = "cmnd", _("Old ID card (9 digits)")
    PASSPORT = "passport", _("Passport")
    OTHER = "other", _("Other paper")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")
    OTHER = "other", _("Other")


# A citizen's record as other systems and files carry it (API, list exports).
RECORD_FIELDS = (
    "full_name",
    "date_of_birth",
    "gender",
    "id_kind",
    "id_number",
    "id_issued_on",
    "id_issued_by",
    "phone",
    "email",
    "address",
    "residence_unit",
)
