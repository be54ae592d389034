from django.db import models
from django.utils.translation import gettext_lazy as _


class AgencyKind(models.TextChoices):
    PROVINCIAL_COMMITTEE = "provincial_committee", _("Provincial People's Committee")
    COMMITTEE_OFFICE = "committee_office", _("Office of the Provincial People's Committee")
    RECEPTION_BOARD = "reception_board", _("Provincial Citizen Reception Board")
    DEPARTMENT = "department", _("Provincial department or agency")
    DISTRICT_COMMITTEE = "district_committee", _("District People's Committee")
    COMMUNE_COMMITTEE = "commune_committee", _("Commune People's Committee")
    CENTRAL_BOARD = "central_board", _("Central Citizen Reception Board")
    OTHER = "other", _("Other")
