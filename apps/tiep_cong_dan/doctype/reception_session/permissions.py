from django.db.models import Exists, OuterRef, Q

from ...access.roles import AGENCY_SCOPED, BOARD, PROVINCE_WIDE, UNIT_SCOPED, Role
from ...access.rules import DocRule
from ...access.scope import agency_scope_ids, unit_scope_ids
from .constants import SessionKind
from .models import AgendaItem, ReceptionSession


class ReceptionSessionRule(DocRule):
    model = ReceptionSession
    unscoped_roles = PROVINCE_WIDE | {Role.ADMINISTRATOR, Role.TECHNICIAN}
    add_roles = BOARD
    change_roles = BOARD

    def scope_filter(self, user, roles):
        condition = Q(pk__in=[])
        if roles & UNIT_SCOPED:
            units = unit_scope_ids(user)
            condition |= Q(
                Exists(
                    AgendaItem.objects.filter(
                        Q(petition__residence_unit_id__in=units)
                        | Q(bridge_point__unit_id__in=units),
                        session_id=OuterRef("pk"),
                    )
                )
            ) | Q(
                Exists(
                    ReceptionSession.invited_units.through.objects.filter(
                        receptionsession_id=OuterRef("pk"), administrativeunit_id__in=units
                    )
                )
            )
        if roles & AGENCY_SCOPED:
            condition |= Q(
                Exists(
                    ReceptionSession.invited_agencies.through.objects.filter(
                        receptionsession_id=OuterRef("pk"), agency_id__in=agency_scope_ids(user)
                    )
                )
            )
        if Role.CENTRAL_OBSERVER in roles:
            condition |= Q(central_board_invited=True) | Q(kind=SessionKind.CENTRAL_REQUEST)
        return condition
