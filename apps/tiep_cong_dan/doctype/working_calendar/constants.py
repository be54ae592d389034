from django.db import models
from django.utils.translation import gettext_lazy as _


class DayKind(models.TextChoices):
    # A public holiday beyond the ones the `holidays` package already knows.
    HOLIDAY = "holiday", _("Public holiday (added)")
    DAY_OFF = "day_off", _("Local day off")
    WORKING_DAY = "working_day", _("Swapped working day")
