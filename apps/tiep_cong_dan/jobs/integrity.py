"""The nightly integrity check: what must always hold, checked against the data.

- every document with a workflow has its creation event, and its state is the state
  its last event left (nothing changed a state outside the engine);
- every issued document's stored file is there and still has its SHA-256;
- every signature of an issued PDF still verifies (intact, trusted chain, whole
  document), and no signer's certificate expires within EXPIRY_NOTICE while the file
  carries no revocation data (LTV) to outlive it;
- every naming series is ahead of the numbers given from it;
- every petition's agency links hold the case's state and order (an agency officer's
  list is read from them): a link found stale is reported and set right;
- nothing a step owes is stuck in the outbox (failed, or pending for over an hour);
- every hearing recording's file is there with its size, and its SHA-256 is re-read
  within the night's byte budget, the rest on the following nights
  (doctype/hearing_recording/checks.py); each recording keeps its last result.
Findings go to the administrators' inbox (once per finding and day) and into the job's
recorded result."""

import datetime
import hashlib

from django.contrib.auth import get_user_model
from django.db.models import F, Max, OuterRef, Q, Subquery
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ..access.roles import Role
from ..core.models import NamingSeries, OutboxEntry, OutboxState
from ..doctype.hearing_recording.checks import check_recordings
from ..doctype.notification.services import notify
from ..print_format.models import IssuedDocument
from ..print_format.signing.verify import verify_pdf
from ..workflow.bindings import BINDINGS
from ..workflow.models import WorkflowEvent

SAMPLE = 50  # findings listed per check; the count is always complete
# An entry still pending after this has missed many sweeps: the worker or beat is down.
OUTBOX_STUCK = datetime.timedelta(hours=1)
# A signature without embedded revocation data is verifiable only while its certificate
# is: a month leaves time to add the data (B-LT) or to issue the document again.
EXPIRY_NOTICE = datetime.timedelta(days=30)
BATCH = 200  # files read per database round trip


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


def _signature_findings(name: str, data: bytes, now: datetime.datetime) -> list[str]:
    if not data.startswith(b"%PDF") or b"/ByteRange" not in data:
        return []  # no signature to re-validate (an unsigned draft-era issue)
    verification = verify_pdf(data)
    if verification.signatures and not verification.ok:
        return [f"{name}: chữ ký không còn hợp lệ: {'; '.join(verification.messages)}"]
    return [
        f"{name}: chứng thư số của {s.signer_name} hết hạn ngày "
        f"{timezone.localtime(s.valid_until):%d/%m/%Y}, tệp không có dữ liệu kiểm tra "
        "thu hồi (LTV) để còn xác thực được sau đó"
        for s in verification.signatures
        if s.valid_until and s.valid_until - now < EXPIRY_NOTICE and not s.has_ltv_data
    ]


def _documents() -> tuple[list[str], list[str]]:
    """Files missing or changed; signatures that no longer verify or soon cannot. Each
    file is read once, in batches of BATCH rows."""
    found, signatures = [], []
    now = timezone.now()
    with translation.override("vi"):
        for doc in IssuedDocument.objects.order_by("pk").iterator(chunk_size=BATCH):
            try:
                with doc.file.open("rb") as fh:
                    data = fh.read()
            except OSError:
                found.append(f"{doc.file.name}: thiếu tệp")
                continue
            if hashlib.sha256(data).hexdigest() != doc.sha256:
                found.append(f"{doc.file.name}: mã băm không khớp")
            if doc.fmt == "pdf":
                signatures.extend(_signature_findings(doc.file.name, data, now))
    return found, signatures


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


def _agency_links() -> list[str]:
    """Links whose copies of their case (PetitionAgency.COPIED) differ from it: each is
    reported, then given the case's values again (in one statement per case)."""
    from ..doctype.petition.models import Petition, PetitionAgency

    same = {name: F(f"petition__{name}") for name in PetitionAgency.COPIED}
    stale = PetitionAgency.objects.exclude(**same).order_by("pk")
    found, cases = [], set()
    for link in stale.values("petition_id", "agency_id", "state").iterator(chunk_size=1000):
        found.append(
            f"petition#{link['petition_id']} (cơ quan #{link['agency_id']}): "
            f"liên kết ghi trạng thái {link['state']}, khác hồ sơ"
        )
        cases.add(link["petition_id"])
    for case in Petition.objects.filter(pk__in=cases).only(*PetitionAgency.COPIED):
        PetitionAgency.objects.filter(petition_id=case.pk).update(**case.link_copy())
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
    documents, signatures = _documents()
    recordings = check_recordings()
    findings = {
        "states": _state_mismatches(),
        "documents": documents,
        "signatures": signatures,
        "series": _series(),
        "agency_links": _agency_links(),
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
