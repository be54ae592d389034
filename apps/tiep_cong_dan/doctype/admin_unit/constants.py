from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitLevel(models.TextChoices):
    PROVINCE = "province", _("Province")
    DISTRICT = "district", _("District level")
    COMMUNE = "commune", _("Commune level")


class Era(models.TextChoices):
    """Administrative eras, named by the change that ended them.

    A unit's era is the last period it was in force in (with its code, the unit's
    key); its validity dates say exactly when. The communes that the merger of
    2024-12-01 left unchanged are one row of BEFORE_2025 valid from before 2023 to
    2025-06-30; only the communes that ceased on 2024-12-01 are rows of BEFORE_2024.
    The two-tier local government began on 2025-07-01."""

    BOTH = "both", _("Both eras")
    BEFORE_2024 = "before_2024", _("Before 2024-12-01 (communes merged on 2024-12-01)")
    BEFORE_2025 = "before_2025", _("Before 2025-07-01 (province, district, commune)")
    FROM_2025 = "from_2025", _("From 2025-07-01 (province, commune)")


# Eras in which communes sit under district-level units.
DISTRICT_ERAS = frozenset({Era.BEFORE_2024, Era.BEFORE_2025})
