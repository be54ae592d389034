"""Delivery by e-mail and SMS as each user prefers, recorded per channel, each sent at
most once even when the job is retried."""

import pytest
from django.core import mail
from tiep_cong_dan.core.site_profile import site_profile
from tiep_cong_dan.doctype.notification.delivery import deliver
from tiep_cong_dan.doctype.notification.models import Delivery, NotificationPreference
from tiep_cong_dan.doctype.notification.services import notify
from tiep_cong_dan.doctype.notification.sms import MemorySmsGateway, SmsError


def test_email_by_default_and_sms_when_asked(role_users, django_capture_on_commit_callbacks):
    MemorySmsGateway.outbox.clear()
    officer, head = role_users["canbo"], role_users["truongban"]
    NotificationPreference.objects.create(
        user=head, by_email=False, by_sms=True, phone="0912 345 678"
    )
    with django_capture_on_commit_callbacks(execute=True):
        notify([officer, head], "Đơn 2026/TCD-000001 chờ xử lý.", link="/desk/x/", key="k1")
    assert [m.to for m in mail.outbox] == [[officer.email]]
    assert "Đơn 2026/TCD-000001 chờ xử lý." in mail.outbox[0].body
    assert "http://127.0.0.1:8000/desk/x/" in mail.outbox[0].body
    # Signed with the site profile's committee, not a name written in the template.
    signature = "Hệ thống Tiếp công dân trực tuyến - " + site_profile().committee_short
    assert signature in mail.outbox[0].body.splitlines()
    assert mail.outbox[0].subject.startswith("[Tiếp công dân trực tuyến]")
    assert [m["to"] for m in MemorySmsGateway.outbox] == ["0912345678"]
    assert set(Delivery.objects.values_list("channel", "state")) == {
        ("email", "sent"),
        ("sms", "sent"),
    }
    # Run again (a retried job): nothing is sent twice.
    for notification_id in Delivery.objects.values_list("notification_id", flat=True):
        deliver(notification_id)
    assert len(mail.outbox) == 1 and len(MemorySmsGateway.outbox) == 1


def test_a_failed_sms_is_recorded_and_raised_for_a_retry(role_users):
    from tiep_cong_dan.doctype.notification.models import Notification

    head = role_users["truongban"]
    NotificationPreference.objects.create(user=head, by_email=True, by_sms=True, phone="12345")
    notification = Notification.objects.create(recipient=head, message="Thử.", key="k2")
    with pytest.raises(SmsError):
        deliver(notification.pk)
    sms = Delivery.objects.get(channel="sms")
    assert (sms.state, sms.attempts) == ("failed", 1) and "mobile" in sms.last_error
    assert Delivery.objects.get(channel="email").state == "sent"  # the other channel went
    with pytest.raises(SmsError):
        deliver(notification.pk)
    assert Delivery.objects.get(channel="sms").attempts == 2
    assert len(mail.outbox) == 1  # the e-mail was not sent again


def test_links_in_e_mails_use_the_configured_address(
    role_users, settings, django_capture_on_commit_callbacks
):
    """Given a desk served at its public address, the links of notification e-mails
    and of password reset e-mails open that address."""
    from tiep_cong_dan.access.accounts.accounts import reset_link

    settings.TCD_SITE_URL = "https://tiepcongdan.example.gov.vn/"
    officer = role_users["canbo"]
    with django_capture_on_commit_callbacks(execute=True):
        notify([officer], "Đơn chờ xử lý.", link="/desk/x/", key="site-url")
    assert "https://tiepcongdan.example.gov.vn/desk/x/" in mail.outbox[-1].body
    assert "127.0.0.1" not in mail.outbox[-1].body
    assert reset_link(officer).startswith("https://tiepcongdan.example.gov.vn/desk/password-")
