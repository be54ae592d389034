"""States, kinds and limits of a request to be received online (Decree 154/2026
Art. 12(1), 20(4), 21(4), 22(3)), sent by a citizen on the public site."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _


class RequestState(models.TextChoices):
    # Sent, the phone number not yet confirmed: nobody at the Board sees it.
    AWAITING_PHONE = "awaiting_phone", _("Awaiting phone confirmation")
    # Confirmed: waits for the Board officer to check the identity and decide.
    SUBMITTED = "submitted", _("Awaiting the Board's check")
    CONVERTED = "converted", _("Converted into a petition")
    DECLINED = "declined", _("Request not accepted")


class BridgeChoice(models.TextChoices):
    """Where the citizen wishes to take part (Decree 154 Art. 22(3))."""

    COMMUNE = (
        "commune",
        _("Online meeting room of the commune or ward People's Committee of residence"),
    )
    CENTRAL = "central", _("Central bridge point (provincial Citizen Reception Office)")


class IdentityCheckPlace(models.TextChoices):
    """Where the Board checked the identity papers (Decree 154 Art. 12(1), 21(4))."""

    COMMUNE_POINT = "commune_point", _("At the commune bridge point")
    BOARD_OFFICE = "board_office", _("At the provincial Citizen Reception Office")


SERIES_PREFIX = "YC"
# The phone code: 6 digits, valid 10 minutes, 5 wrong tries, 3 codes a request.
PHONE_CODE_DIGITS = 6
PHONE_CODE_LIFETIME = datetime.timedelta(minutes=10)
PHONE_CODE_TRIES = 5
PHONE_CODES_PER_REQUEST = 3
# An unconfirmed request is left after a day (the clean-up may delete it).
UNCONFIRMED_LIFETIME = datetime.timedelta(days=1)
MAX_ATTACHMENTS = 5
