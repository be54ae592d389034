from django.core.management.base import BaseCommand
from django.utils import timezone

from tiep_cong_dan.conference.base import ConferenceError
from tiep_cong_dan.conference.services import provision_session
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

AHEAD = ("planned", "approved", "announced", "tested", "connected")


class Command(BaseCommand):
    help = (
        "Prepare (or bring up to date) the video meeting rooms of the sessions ahead with "
        "online hearings; idempotent. `make run` calls it once the fake Pexip is up."
    )

    def handle(self, *args, **options):
        sessions = ReceptionSession.objects.filter(
            date__gte=timezone.localdate(), state__in=AHEAD
        ).order_by("date")
        for session in sessions:
            if not session.has_online_hearing():
                continue
            try:
                provision_session(session)
            except ConferenceError as exc:
                self.stderr.write(f"{session}: {exc}")
                continue
            state = session.conference_error or session.conference_reference
            self.stdout.write(f"{session}: {state}")
