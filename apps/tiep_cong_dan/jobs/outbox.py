"""What runs each kind of outbox entry (core/outbox.py), and how an entry reaches the
job queue. Installed when the app starts (apps.py), in the desk, the API and the worker
alike: the layers that write entries never import this one."""

from django.utils.translation import gettext_lazy as _

from ..core import outbox
from ..doctype.hearing_dossier.workflow_rules import MAKE_BRIEFING_PACK
from ..doctype.notification.agency_mail import SEND as SEND_AGENCY_MAIL
from ..doctype.notification.services import DELIVER as DELIVER_NOTIFICATION
from ..doctype.reception_session.workflow_rules import PROVISION_ROOM, RELEASE_ROOM
from ..workflow.engine import DEFERRED_EFFECT, DEFERRED_NOTIFICATIONS


def _run_effect(doctype: str, effect: str, event: int) -> None:
    from .effects import run_effect

    run_effect(doctype, effect, event)


def _send_notifications(doctype: str, event: int, notify: list[dict]) -> None:
    from .effects import send_declared_notifications

    send_declared_notifications(doctype, event, notify)


def _deliver_notification(notification: int, channels: list[str] | None = None) -> None:
    from ..doctype.notification.delivery import deliver

    deliver(notification, channels)


def _send_agency_mail(mail: int) -> None:
    from ..doctype.notification.agency_mail import send_agency_mail

    send_agency_mail(mail)


def _provision_room(session: int) -> None:
    from ..conference.services import provision_session
    from ..doctype.reception_session.models import ReceptionSession

    provision_session(ReceptionSession.objects.get(pk=session))


def _release_room(session: int) -> None:
    from ..conference.services import release_session
    from ..doctype.reception_session.models import ReceptionSession

    release_session(ReceptionSession.objects.get(pk=session))


def _make_briefing_pack(session: int, requester: int | None) -> None:
    from ..access.roles import Role
    from ..doctype.notification.services import users_in_roles
    from .briefing import make_briefing_pack

    # A step taken by the system has no actor: the pack is then made for the Chairman.
    if requester is None:
        first = users_in_roles([Role.CHAIRMAN]).order_by("pk").first()
        if first is None:
            return
        requester = first.pk
    make_briefing_pack(session, requester, lambda *args: None)


HANDLERS = {
    DEFERRED_EFFECT: (_run_effect, _("A workflow step's deferred effect")),
    DEFERRED_NOTIFICATIONS: (_send_notifications, _("A workflow step's notifications")),
    DELIVER_NOTIFICATION: (_deliver_notification, _("Notification by e-mail and SMS")),
    SEND_AGENCY_MAIL: (_send_agency_mail, _("Letter to an agency's mailbox")),
    PROVISION_ROOM: (_provision_room, _("Prepare a session's meeting room")),
    RELEASE_ROOM: (_release_room, _("Remove a session's meeting room")),
    MAKE_BRIEFING_PACK: (_make_briefing_pack, _("Make a session's briefing pack")),
}


def _publish(entry_id: int) -> None:
    from .tasks import run_outbox_entry

    run_outbox_entry.apply_async((entry_id,))


def install() -> None:
    for name, (func, label) in HANDLERS.items():
        outbox.register(name, func, label)
    outbox.set_publisher(_publish)
