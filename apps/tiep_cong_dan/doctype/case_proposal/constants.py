from django.db import models
from django.utils.translation import gettext_lazy as _


class ProposalState(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted, awaiting the Board")
    ACCEPTED = "accepted", _("Accepted by the Board")
    DECLINED = "declined", _("Declined")


class ProposalGround(models.TextChoices):
    """Why a commune or district proposes a case for the Chairman's online reception:
    the scheme (III.2.2: an ad hoc case of a district not yet received in person, on
    its chairman's proposal; V.1.3: cases showing signs of going over their heads)
    and the Law on Citizen Reception Art. 18(3)."""

    SCHEME_2_1 = "scheme_2_1", _("Scheme III.2.1: the resident asks to be heard online")
    SCHEME_2_2 = "scheme_2_2", _("Scheme III.2.2: ad hoc case not yet received in person")
    SCHEME_2_3 = "scheme_2_3", _("Scheme III.2.3: local case needing central agencies")
    LAW_18_3_A = (
        "law_18_3_a",
        _("Law Art. 18(3)(a): acute, many people, several agencies or diverging views"),
    )
    LAW_18_3_B = "law_18_3_b", _("Law Art. 18(3)(b): risk of serious harm")
    OVER_HEADS = "over_heads", _("Signs of going over the local authorities' heads")
    OTHER = "other", _("Other grounds (explained below)")


# What the petition's basis for online reception becomes when the Board accepts a
# proposal on this ground and the petition records none yet.
BASIS_OF_GROUND = {
    ProposalGround.SCHEME_2_1: "scheme_2_1",
    ProposalGround.SCHEME_2_2: "scheme_2_2",
    ProposalGround.SCHEME_2_3: "scheme_2_3",
    ProposalGround.LAW_18_3_A: "scheme_2_2",
    ProposalGround.LAW_18_3_B: "scheme_2_2",
    ProposalGround.OVER_HEADS: "decree_20_1",
}
# A case already past these states has been decided on or heard: nothing to propose.
PROPOSABLE_PETITION_STATES = frozenset(
    {"received", "classified", "proposed", "endorsed", "approved", "not_proposed"}
)
