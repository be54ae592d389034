from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District level")
    COMMUNE = "commune", _("Commune level")


class Era(models.TextChoices):
    """Administrative eras: the two-tier local government began on 2025-07-01."""

    BOTH = "both", _("Both eras")
    BEFORE_2025 = "before_2025", _("Before 2025-07-01 (province, district, commune)")
    FROM_2025 = "from_2025", _("From 2025-07-01 (province, commune)")
