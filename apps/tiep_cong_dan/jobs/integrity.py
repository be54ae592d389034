"""The nightly integrity check: what must always hold, checked against the data.

- every document with a workflow has its creation event, and its state is the state
  its last event left (nothing changed a state outside the engine);
- every issued document's stored file is there and still has its SHA-256;
- every naming series is ahead of the numbers given from it;
- nothing a step owes is stuck in the outbox (failed, or pending for over an hour);
- every hearing recording's file is there with its size, and its SHA-256 is re-read
  within the night's byte budget, the rest on the following nights
  (doctype/hearing_recording/checks.py); each recording keeps its last result.
Findings go to the administrators' inbox (once per finding and day) and into the job's
recorded result."""

import datetime
import hashlib

from django.contrib.auth import get_user_model
from django.db.models import Max, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access.roles import Role
from ..core.models import NamingSeries, OutboxEntry, OutboxState
from ..doctype.hearing_recording.checks import check_recordings
from ..doctype.notification.services import notify
from ..print_format.models import IssuedDocument
from ..workflow.bindings import BINDINGS
from ..workflow.models import WorkflowEvent

SAMPLE = 50  # findings listed per check; the count is always complete
# An entry still pending after this has missed many sweeps: the worker or beat is down.
OUTBOX_STUCK = datetime.timedelta(hours=1)


def _state_mismatches() -> list[str]:
    found = []
    for doctype, binding in BINDINGS.items():
        last = (
            WorkflowEvent.objects.filter(doctype=doctype, object_id=OuterRef("pk"))
            .order_by("-at", "-id")
            .values("to_state")[:1]
        )
        qs = binding.model._default_manager.annotate(logged=Subquery(last))
        rows = qs.values_list("pk", binding.state_field, "logged")
        for pk, state, logged in rows.iterator(chunk_size=5000):
            if logged is None:
                found.append(f"{doctype}#{pk}: không có sự kiện tạo hồ sơ")
            elif logged != state:
                found.append(f"{doctype}#{pk}: trạng thái {state}, sự kiện cuối {logged}")
    return found


def _documents() -> list[str]:
    found = []
    for doc in IssuedDocument.objects.iterator(chunk_size=500):
        try:
            with doc.file.open("rb") as fh:
                digest = hashlib.sha256(fh.read()).hexdigest()
        except OSError:
            found.append(f"{doc.file.name}: thiếu tệp")
            continue
        if digest != doc.sha256:
            found.append(f"{doc.file.name}: mã băm không khớp")
    return found


def _series() -> list[str]:
    from ..doctype.petition.models import Petition
    from ..doctype.result_notice.models import ResultNotice

    found = []
    given = {}
    for year, seq in Petition.objects.values_list("registration_year").annotate(
        m=Max("registration_seq")
    ):
        given[f"TCD-{year}"] = seq
    for year, seq in (
        ResultNotice.objects.exclude(number_year=None)
        .values_list("number_year")
        .annotate(m=Max("number_seq"))
    ):
        given[f"TB-UBND-{year}"] = seq
    current = dict(NamingSeries.objects.values_list("key", "current"))
    for key, top in given.items():
        if top and current.get(key, 0) < top:
            found.append(f"{key}: sổ ở {current.get(key, 0)}, đã cấp đến {top}")
    return found


def _outbox() -> list[str]:
    stuck = OutboxEntry.objects.filter(
        Q(state=OutboxState.FAILED)
        | Q(state=OutboxState.PENDING, created_at__lt=timezone.now() - OUTBOX_STUCK)
    ).order_by("id")
    return [
        f"{e.key}: {'lỗi, chờ quản trị' if e.state == OutboxState.FAILED else 'còn chờ'} "
        f"sau {e.attempts} lần thử"
        for e in stuck.iterator(chunk_size=1000)
    ]


def check(today: datetime.date) -> dict:
    recordings = check_recordings()
    findings = {
        "states": _state_mismatches(),
        "documents": _documents(),
        "series": _series(),
        "outbox": _outbox(),
        "recordings": recordings.problems,
    }
    problems = sum(len(v) for v in findings.values())
    if problems:
        admins = (
            get_user_model()
            .objects.filter(is_active=True)
            .filter(Q(groups__name=Role.ADMINISTRATOR) | Q(is_superuser=True))
            .distinct()
        )
        notify(
            admins,
            _("Nightly integrity check: %(count)s problem(s) found; see the job's result.")
            % {"count": problems},
            key=f"integrity:{today}",
        )
    return {
        "problems": problems,
        **{k: v[:SAMPLE] for k, v in findings.items()},
        "recordings_checked": recordings.checked,
        "recordings_rehashed": recordings.rehashed,
        "recording_bytes_hashed": recordings.bytes_hashed,
    }
