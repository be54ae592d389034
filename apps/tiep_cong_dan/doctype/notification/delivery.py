"""Delivering a notification by e-mail and SMS as its recipient prefers. Runs as a job
after the notification is committed; each channel is recorded once (Delivery) and
sent at most once, so a retried job never sends twice."""

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from ...core.site_profile import site_profile
from ...core.site_url import absolute
from .models import Channel, Delivery, DeliveryState, Notification, NotificationPreference
from .sms import gateway

SUBJECT_PREFIX = "[Tiếp công dân trực tuyến] "


def _addresses(notification: Notification) -> dict[str, str]:
    user = notification.recipient
    pref = NotificationPreference.objects.filter(user=user).first()
    by_email = pref.by_email if pref else True
    by_sms = pref.by_sms if pref else False
    found = {}
    if by_email and user.email:
        found[Channel.EMAIL] = user.email
    if by_sms and pref and pref.phone:
        found[Channel.SMS] = pref.phone
    return found


def _send(delivery: Delivery, notification: Notification) -> str:
    link = absolute(notification.link)
    if delivery.channel == Channel.EMAIL:
        body = render_to_string(
            "tiep_cong_dan/notification/email.txt",
            {
                "user": notification.recipient,
                "message": notification.message,
                "link": link,
                "committee": site_profile().committee_short,  # the site's, not a province's
            },
        )
        send_mail(
            SUBJECT_PREFIX + notification.message[:80],
            body,
            settings.DEFAULT_FROM_EMAIL,
            [delivery.address],
        )
        return ""
    text = f"{site_profile().sms_prefix}: {notification.message}"
    return gateway().send(delivery.address, text[:459])


def deliver(notification_id: int, channels: list[str] | None = None) -> dict[str, str]:
    """Send what has not been sent, by `channels` (None: every one the user chose);
    returns channel -> state. A failure is recorded and raised again, so the job is
    retried (the sent channels are skipped then)."""
    notification = Notification.objects.select_related("recipient").get(pk=notification_id)
    states, failure = {}, None
    for channel, address in _addresses(notification).items():
        if channels is not None and channel not in channels:
            continue
        with transaction.atomic():
            delivery, _ = Delivery.objects.select_for_update().get_or_create(
                notification=notification, channel=channel, defaults={"address": address}
            )
            if delivery.state == DeliveryState.SENT:
                states[channel] = delivery.state
                continue
            delivery.attempts += 1
            try:
                delivery.provider_id = _send(delivery, notification)
                delivery.state, delivery.sent_at, delivery.last_error = (
                    DeliveryState.SENT,
                    timezone.now(),
                    "",
                )
            except Exception as exc:  # noqa: BLE001 - recorded, then raised for a retry
                delivery.state, delivery.last_error = DeliveryState.FAILED, str(exc)[:2000]
                failure = exc
            delivery.save()
            states[channel] = delivery.state
    if failure is not None:
        raise failure
    return states
