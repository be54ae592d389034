"""Vmeeting, the backup platform, run by hand: the operator creates the meeting in
Vmeeting and records its ID, dial string and passcode on the session; readiness is the
points' connection tests; attendance is entered by hand. Nothing is called."""

from .base import ConferenceBackend, Meeting, Provisioned


class ManualBackend(ConferenceBackend):
    name = "vmeeting"
    capabilities = frozenset()

    def health(self) -> str:
        return "Vmeeting: vận hành thủ công"

    def provision(self, meeting: Meeting) -> Provisioned:
        # What the operator recorded is the room; there is nothing to create.
        return Provisioned(reference=meeting.name, created=False)

    def teardown(self, meeting: Meeting) -> None:
        return None
