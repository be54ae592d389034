"""Letters e-mailed to agencies' official mailboxes (Agency.email, kept by the
administrators): written once per key, with the outbox entry that sends it after the
commit and retries it on failure; an agency without an address is recorded as such
for the Board to follow up by hand."""

from django.conf import settings
from django.core.mail import EmailMessage
from django.db import transaction
from django.utils import timezone

from ...core import outbox
from .models import AgencyMail, MailState

# The outbox task sending a letter (jobs/outbox.py).
SEND = "agency_mail.send"


def mail_agency(agency, *, key: str, subject: str, body: str, document=None) -> AgencyMail:
    mail, created = AgencyMail.objects.get_or_create(
        key=key[:120],
        defaults={
            "agency": agency,
            "subject": subject[:250],
            "body": body,
            "document": document,
            "address": agency.email,
            "state": MailState.PENDING if agency.email else MailState.NO_ADDRESS,
        },
    )
    if created and mail.state == MailState.PENDING:
        outbox.enqueue(SEND, key=f"agency-mail:{mail.pk}", mail=mail.pk)
    return mail


def send_agency_mail(mail_id: int) -> str:
    """Send it unless sent; a failure is recorded, then raised for the job's retry."""
    failure = None
    with transaction.atomic():
        mail = AgencyMail.objects.select_for_update().select_related("document").get(pk=mail_id)
        if mail.state in (MailState.SENT, MailState.NO_ADDRESS):
            return mail.state
        mail.attempts += 1
        try:
            message = EmailMessage(
                mail.subject, mail.body, settings.DEFAULT_FROM_EMAIL, [mail.address]
            )
            if mail.document is not None:
                with mail.document.file.open("rb") as fh:
                    message.attach(mail.document.file.name.rsplit("/", 1)[-1], fh.read())
            message.send()
            mail.state, mail.sent_at, mail.last_error = MailState.SENT, timezone.now(), ""
        except Exception as exc:  # noqa: BLE001 - recorded, raised again for a retry
            mail.state, mail.last_error, failure = MailState.FAILED, str(exc)[:2000], exc
        mail.save()
    if failure is not None:
        raise failure
    return mail.state
