import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class SessionKind(models.TextChoices):
    PERIODIC = "periodic", _("Periodic")
    AD_HOC = "ad_hoc", _("Ad hoc")
    CENTRAL_REQUEST = "central_request", _("At the central board's request")


class AdHocGround(models.TextChoices):
    """Law on Citizen Reception 2013 Art. 18(3)."""

    NONE = "", _("—")
    A = "a", _("Art. 18(3)(a): acute, many people, several agencies or diverging views")
    B = "b", _("Art. 18(3)(b): risk of serious harm")


class SessionState(models.TextChoices):
    PLANNED = "planned", _("Planned")
    APPROVED = "approved", _("Approved")
    ANNOUNCED = "announced", _("Announced")
    HELD = "held", _("Held")
    CANCELLED = "cancelled", _("Cancelled")


class HearingMode(models.TextChoices):
    ONLINE = "online", _("Online")
    IN_PERSON = "in_person", _("In person")


DEFAULT_ONLINE_START = datetime.time(14, 0)
DEFAULT_ONLINE_END = datetime.time(17, 0)
