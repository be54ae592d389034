from django.db import models
from django.utils.translation import gettext_lazy as _


class SignatureKind(models.TextChoices):
    SIGNER = "signer", _("Signer's signature")
    ORGANISATION = "organisation", _("Issuing body's signature")


class IssuingBody(models.TextChoices):
    """The bodies whose seal closes a document: the People's Committee issues the
    result notices and letters; the Board its monthly report."""

    COMMITTEE = "committee", _("Provincial People's Committee")
    BOARD = "board", _("Citizen Reception Board")


class SignatureLevel(models.TextChoices):
    B_B = "B-B", "PAdES B-B"
    B_T = "B-T", "PAdES B-T"
    B_LT = "B-LT", "PAdES B-LT"
