from django.db import models
from django.utils.translation import gettext_lazy as _


class PetitionKind(models.TextChoices):
    COMPLAINT = "complaint", _("Complaint")
    DENUNCIATION = "denunciation", _("Denunciation")
    RECOMMENDATION = "recommendation", _("Recommendation")
    FEEDBACK = "feedback", _("Feedback")


class Channel(models.TextChoices):
    IN_PERSON = "in_person", _("In person at the Board")
    WRITTEN = "written", _("Written petition to the Chairman")
    # Phone and e-mail requests are recorded; the citizen is guided to submit in
    # writing (scheme III.3.1.a).
    PHONE = "phone", _("Phone request")
    EMAIL = "email", _("E-mail request")
    TRANSFERRED = "transferred", _("Transferred by another agency")


class Jurisdiction(models.TextChoices):
    UNDETERMINED = "undetermined", _("Not yet determined")
    CHAIRMAN = "chairman", _("Within the Chairman's jurisdiction")
    OTHER_AGENCY = "other_agency", _("Within another agency's jurisdiction")
    NOT_ACCEPTABLE = "not_acceptable", _("Not acceptable for handling")


class EligibilityBasis(models.TextChoices):
    """Why a case may be heard online (scheme III.2, Decree 154/2026 Art. 20)."""

    NONE = "", _("None recorded")
    SCHEME_2_1 = "scheme_2_1", _("Scheme III.2.1: resident registering for the periodic session")
    SCHEME_2_2 = "scheme_2_2", _("Scheme III.2.2: ad hoc case not yet received in person")
    SCHEME_2_3 = "scheme_2_3", _("Scheme III.2.3: local case needing central agencies")
    DECREE_20_1 = "decree_20_1", _("Decree 154 Art. 20(1): complex, prolonged, multi-agency case")
    DECREE_20_2 = (
        "decree_20_2",
        _("Decree 154 Art. 20(2): remote area, policy beneficiary, elderly or disabled"),
    )
    DECREE_20_3 = "decree_20_3", _("Decree 154 Art. 20(3): disaster, epidemic or security")
    DECREE_20_4 = (
        "decree_20_4",
        _("Decree 154 Art. 20(4): denunciation without identity protection"),
    )
    DECREE_20_5 = "decree_20_5", _("Decree 154 Art. 20(5): other practical need")


class PetitionState(models.TextChoices):
    RECEIVED = "received", _("Received")
    CLASSIFIED = "classified", _("Classified")
    PROPOSED = "proposed", _("Proposed for online reception")
    NOT_PROPOSED = "not_proposed", _("Not proposed")
    REPLIED = "replied", _("Reply letter issued")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")
    SCHEDULED = "scheduled", _("Scheduled")
    HEARD = "heard", _("Heard")
    CONCLUDED = "concluded", _("Concluded")
    FOLLOWED_UP = "followed_up", _("Followed up")
    CLOSED = "closed", _("Closed")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REFUSED = "refused", _("Refused")


# Law on Citizen Reception 2013 Art. 29: groups of 5-10 appoint 1-2 representatives,
# larger groups at most 5.
GROUP_MIN_SIZE = 5
SERIES_PREFIX = "TCD"
