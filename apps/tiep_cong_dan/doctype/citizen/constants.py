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
