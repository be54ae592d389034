from django.db import models
from django.utils.translation import gettext_lazy as _


class BasisKind(models.TextChoices):
    # A text a document cites in its "Căn cứ" clause.
    BASIS = "basis", _("Legal basis cited")
    # The form a document follows ("Mẫu số 01/TCD") and the text that issued it.
    FORM = "form", _("Form followed")


class CitingDocument(models.TextChoices):
    """The documents whose "Căn cứ" clause or form code come from the table (the print
    formats' codes)."""

    REFUSAL_NOTICE = "refusal_notice", _("Refusal notice (form 01/TCD)")
    RECEIPT = "receipt", _("Receipt of documents (form 02/TCD)")
    REPLY_LETTER = "reply_letter", _("Reply letter")


# Replaced, in an article's text, by the point of Art. 4(1) the refusal rests on
# ("điểm h,"), or dropped when the ground is not one of that article's points.
POINT_PLACEHOLDER = "[điểm]"
