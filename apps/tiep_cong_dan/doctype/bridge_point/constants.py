from django.db import models
from django.utils.translation import gettext_lazy as _


class PointLevel(models.TextChoices):
    PROVINCE = "province", _("Provincial")
    DISTRICT = "district", _("District")
    COMMUNE = "commune", _("Commune")
    CENTRAL = "central", _("Central")
    DEPARTMENT = "department", _("Department")


class Platform(models.TextChoices):
    PEXIP = "pexip", _("Pexip Infinity (main)")
    VMEETING = "vmeeting", _("Vmeeting (backup)")
    JITSI = "jitsi", _("Jitsi")


class EquipmentStatus(models.TextChoices):
    GOOD = "good", _("Working")
    DEGRADED = "degraded", _("Degraded")
    FAULTY = "faulty", _("Out of order")


class TestResult(models.TextChoices):
    SUCCESS = "success", _("Successful")
    PARTIAL = "partial", _("Partly successful")
    FAILED = "failed", _("Failed")
