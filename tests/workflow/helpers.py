"""Moving documents along their workflows in tests, as named users."""

import datetime

from django.utils import timezone
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.petition.constants import EligibilityBasis, Jurisdiction
from tiep_cong_dan.doctype.petition.models import Petition


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def set_state(doc, state: str) -> None:
    """Test set-up only: put a document in `state` without running the workflow."""
    type(doc).objects.filter(pk=doc.pk).update(state=state)
    doc.state = state


def make_eligible(petition: Petition, **extra) -> Petition:
    # A denunciation is heard online only under Decree 154 Art. 20(4): complex, with
    # confidentiality ensured (and no identity protection asked).
    online_basis = (
        {
            "eligibility_basis": EligibilityBasis.DECREE_20_4,
            "complex_case": True,
            "confidentiality_ensured": True,
        }
        if petition.is_denunciation
        else {"eligibility_basis": EligibilityBasis.SCHEME_2_1}
    )
    fields = {
        "jurisdiction": Jurisdiction.CHAIRMAN,
        **online_basis,
        "citizen_consent": True,
        **extra,
    }
    Petition.objects.filter(pk=petition.pk).update(**fields)
    petition.refresh_from_db()
    return petition


def approve_online(petition: Petition, users, day: datetime.date | None = None) -> Petition:
    """received -> classified -> proposed -> endorsed -> approved, by the right people."""
    make_eligible(petition)
    when = {"at": at(day)} if day else {}
    workflow.apply(petition, "classify", by=users["canbo"], **when)
    workflow.apply(petition, "propose", by=users["canbo"], **when)
    workflow.apply(petition, "endorse", by=users["truongban"], **when)
    workflow.apply(petition, "approve", by=users["chutich"], **when)
    return petition


def confirm_points(session, day: datetime.date, hour: int = 11, minute: int = 30, by=None):
    """The technician confirms each point of the session connected (a platform run by
    hand), as Decree 154 Art. 23's "connect" step asks within the hour before it."""
    from tiep_cong_dan.doctype.reception_session.models import PointConnection

    for point in session.participant_points():
        PointConnection.objects.create(
            session=session,
            bridge_point=point,
            source="technician",
            at=at(day, hour, minute),
            by=by,
        )


def tell_citizen(petition: Petition, day: datetime.date | None = None) -> Petition:
    """Test set-up only: the Law Art. 28 notice recorded as given (on receipt by default)."""
    Petition.objects.filter(pk=petition.pk).update(
        acceptance_outcome="accepted", acceptance_notified_on=day or petition.received_date
    )
    petition.refresh_from_db()
    return petition
