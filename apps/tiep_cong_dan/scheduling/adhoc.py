"""Sessions outside the monthly calendar: ad hoc (Law on Citizen Reception Art. 18(3))
and at the central board's request (scheme III.1.3), on the same agenda machinery."""

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..doctype.bridge_point.models import BridgePoint
from ..doctype.petition.constants import PetitionState
from ..doctype.petition.models import Petition
from ..doctype.reception_session.constants import AdHocGround, SessionKind
from ..doctype.reception_session.models import ReceptionSession
from ..doctype.reception_session.services import create_session
from .agenda import build_agenda
from .calendar import HOST_POINT_CODE, PRESIDING


@transaction.atomic
def create_special_session(
    petition: Petition,
    *,
    day: datetime.date,
    by=None,
    ground: str = "",
    central: bool = False,
    start: datetime.time | None = None,
) -> ReceptionSession:
    """A session for one approved case: ad hoc with its Art. 18(3) ground, or at the
    central board's request with the central board's point joining."""
    if petition.state != PetitionState.APPROVED:
        raise ValidationError(
            _("Only a case approved for reception can have its own session."),
            code="not_approved",
        )
    if not central and ground not in (AdHocGround.A, AdHocGround.B):
        raise ValidationError(
            _("An ad hoc session needs its ground under Law Art. 18(3)."),
            code="ad_hoc_without_ground",
        )
    session = ReceptionSession(
        kind=SessionKind.CENTRAL_REQUEST if central else SessionKind.AD_HOC,
        ad_hoc_ground="" if central else ground,
        date=day,
        presiding_official=PRESIDING,
        host_bridge_point=BridgePoint.objects.filter(code=HOST_POINT_CODE).first(),
        central_board_invited=central,
        capacity=1,
    )
    if start:
        session.start_time = start
    create_session(session, by=by)
    build_agenda(session, by=by, petitions=[petition])
    return session
