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
    # A request sent on the public site, turned into a petition once the Board checked
    # the person's identity (doctype/reception_request).
    ONLINE = "online", _("Request sent on the public site")


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
    ENDORSED = "endorsed", _("Endorsed by the Board head, awaiting the Chairman")
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
    TRANSFERRED = "transferred", _("Transferred to another agency")
    VOIDED = "voided", _("Voided as a duplicate")


# States in which a petition still waits for something from the Board.
FINAL_STATES = frozenset(
    {
        PetitionState.CLOSED,
        PetitionState.WITHDRAWN,
        PetitionState.TRANSFERRED,
        PetitionState.VOIDED,
    }
)
# Registrations that are not cases: a petition voided as a duplicate of another was
# the same case entered twice. Every figure, register and export counts petitions
# through `Petition.objects.counted()` (models.PetitionQuerySet), which leaves these
# out, as do the event-based figures (`not_counted()`): this set is the one place
# that says what is not counted.
NOT_COUNTED_STATES = frozenset({PetitionState.VOIDED})
# How far apart two registrations of the same matter are looked for (received dates).
DUPLICATE_WINDOW_DAYS = 90


class AcceptanceOutcome(models.TextChoices):
    """What the citizen is told within 10 working days of receipt (Law Art. 28)."""

    NONE = "", _("Not yet notified")
    ACCEPTED = "accepted", _("Accepted for handling")
    EXTENDED = "extended", _("Time extended")
    REJECTED = "rejected", _("Not accepted")
    TRANSFERRED = "transferred", _("Transferred to the competent agency")


class PaperCondition(models.TextChoices):
    """What a received document is (form 02/TCD, note 5: "tình trạng của thông tin,
    tài liệu, bằng chứng (... bản phô tô hoặc bản sao công chứng)"). The labels are
    printed as they stand."""

    ORIGINAL = "original", _("Original")
    PHOTOCOPY = "photocopy", _("Photocopy")
    CERTIFIED_COPY = "certified_copy", _("Certified copy")
    ELECTRONIC = "electronic", _("Electronic copy")


class RefusalGround(models.TextChoices):
    """Law on Citizen Reception 2013 Art. 9 and Decree 154/2026 Art. 4(1)."""

    NONE = "", _("—")
    LAW_9_1 = "law_9_1", _("Law Art. 9(1): intoxicated or lacking awareness of their acts")
    LAW_9_2 = "law_9_2", _("Law Art. 9(2): threatening, insulting, disturbing the reception")
    LAW_9_3 = "law_9_3", _("Law Art. 9(3): case already resolved correctly, persisting")
    DECREE_4_A = "decree_4_a", _("Decree Art. 4(1)(a): weapons or dangerous items not handed in")
    DECREE_4_B = "decree_4_b", _("Decree Art. 4(1)(b): refuses the security check")
    DECREE_4_C = "decree_4_c", _("Decree Art. 4(1)(c): unauthorised recording or streaming")
    DECREE_4_D = "decree_4_d", _("Decree Art. 4(1)(d): inciting or disturbing public order")
    DECREE_4_DD = "decree_4_dd", _("Decree Art. 4(1)(đ): lacks capacity, no legal representative")
    DECREE_4_E = "decree_4_e", _("Decree Art. 4(1)(e): representative without proof of authority")
    DECREE_4_G = "decree_4_g", _("Decree Art. 4(1)(g): not a complaint, denunciation or petition")
    DECREE_4_H = "decree_4_h", _("Decree Art. 4(1)(h): already answered correctly, nothing new")
    DECREE_4_I = "decree_4_i", _("Decree Art. 4(1)(i): final court judgment, no review")
    DECREE_4_K = "decree_4_k", _("Decree Art. 4(1)(k): being handled by another competent body")


# Decree 154/2026 Art. 4(3): these grounds need a written refusal notice (form
# 01/TCD) within 3 working days; the others are explained to the citizen in person.
REFUSAL_NOTICE_GROUNDS = frozenset({RefusalGround.LAW_9_3, RefusalGround.DECREE_4_H})
REFUSAL_NOTICE_WORKING_DAYS = 3
# Decree 154/2026 Art. 4(2): on these grounds the person receiving the citizen explains
# the reason to them in person (who did and when is recorded).
EXPLAINED_IN_PERSON_GROUNDS = frozenset(
    {
        RefusalGround.LAW_9_1,
        RefusalGround.LAW_9_2,
        RefusalGround.DECREE_4_A,
        RefusalGround.DECREE_4_B,
        RefusalGround.DECREE_4_C,
        RefusalGround.DECREE_4_D,
        RefusalGround.DECREE_4_DD,
        RefusalGround.DECREE_4_E,
        RefusalGround.DECREE_4_G,
        RefusalGround.DECREE_4_I,
        RefusalGround.DECREE_4_K,
    }
)
# Law on Citizen Reception Art. 28: the citizen is told within 10 working days.
ACCEPTANCE_WORKING_DAYS = 10
# Decree 154/2026 Art. 20: the bases for complaints, recommendations and feedback
# (20(1), 20(2)) never carry a denunciation, which is heard online only on 20(4).
DENUNCIATION_BASIS = EligibilityBasis.DECREE_20_4


# Law on Citizen Reception 2013 Art. 29: groups of 5-10 appoint 1-2 representatives,
# larger groups at most 5.
GROUP_MIN_SIZE = 5
SERIES_PREFIX = "TCD"
