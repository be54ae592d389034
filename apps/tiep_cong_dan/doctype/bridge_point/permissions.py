from ...access.roles import Role
from ...access.rules import DocRule
from .models import BridgePoint, ConnectionTest

# Every staff role needs to know the rooms; only technicians and administrators
# manage them.
MANAGERS = frozenset({Role.TECHNICIAN, Role.ADMINISTRATOR})


class BridgePointRule(DocRule):
    model = BridgePoint
    add_roles = MANAGERS
    change_roles = MANAGERS
    # The room's equipment list, a photo of its set-up, a test's minutes.
    attachments = True


class ConnectionTestRule(DocRule):
    model = ConnectionTest
    add_roles = MANAGERS
    change_roles = MANAGERS
