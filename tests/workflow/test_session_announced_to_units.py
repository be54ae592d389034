"""Announcing a session tells every invited unit's officers: the commune whose bridge
point hosts a hearing, the communes whose chairmen are invited, the invited agencies,
in the desk inbox and by e-mail or SMS as each prefers."""

import datetime

from django.core import mail
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.core import outbox
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.notification.models import Notification, NotificationPreference

from ..conftest import new_unit
from .conftest import session  # noqa: F401
from .helpers import at


def _inbox(user) -> int:
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()


def test_the_commune_officer_is_told_when_the_session_is_announced(
    session,  # noqa: F811
    role_users,
    login,
):
    # given an approved session with a hearing at Đồng Đăng's room, the Lộc Bình
    # district chairman and the Department of Agriculture invited
    commune, district = role_users["xa_dongkinh"], role_users["huyen_locbinh"]
    department, technician = role_users["so_nnmt"], role_users["kythuat"]
    commune.email = "xa.dongkinh@example.vn"
    commune.save()
    NotificationPreference.objects.create(
        user=commune, by_email=True, by_sms=True, phone="0912345678"
    )
    session.invited_agencies.add(Agency.objects.get(code="SNNMT"))
    session.invited_units.add(role_users["huyen_locbinh"].tcd_scopes.first().unit)
    assert any(p.unit_id == new_unit("05977").pk for p in session.participant_points())
    workflow.apply(session, "plan", by=role_users["canbo"], at=at(datetime.date(2026, 3, 4)))
    workflow.apply(session, "approve", by=role_users["chutich"], at=at(datetime.date(2026, 3, 5)))
    outbox.run_due()
    before = {u: _inbox(u) for u in (commune, district, department, technician)}
    # (approval already asked the commune's People's Committee for its hearing dossier)
    asked = set(Notification.objects.filter(recipient=commune).values_list("pk", flat=True))
    mail.outbox.clear()
    # when the Board announces it
    workflow.apply(session, "announce", by=role_users["canbo"], at=at(datetime.date(2026, 3, 9)))
    outbox.run_due()
    # then the commune's officer has one new message in the desk, about this session
    assert _inbox(commune) == before[commune] + 1
    told = Notification.objects.exclude(pk__in=asked).get(recipient=commune)
    assert "được mời dự kỳ tiếp công dân" in told.message
    assert told.link.endswith(
        reverse("admin:tiep_cong_dan_receptionsession_change", args=[session.pk])
    )
    # and by e-mail, as the officer prefers
    assert [m.to for m in mail.outbox if "xa.dongkinh@example.vn" in m.to] == [
        ["xa.dongkinh@example.vn"]
    ]
    # the invited district's and department's officers too, once each
    assert _inbox(district) == before[district] + 1
    assert _inbox(department) == before[department] + 1
    # the technician is told once, by the Board's message, not as an invited unit
    assert _inbox(technician) == before[technician] + 1
    # and the commune's officer may open the session the message links to
    assert login("xa_dongkinh").get(told.link).status_code == 200
