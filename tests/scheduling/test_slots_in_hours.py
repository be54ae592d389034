"""A hearing, and the time its invitation gives, lies within the session's hours: it
starts at or after the start and ends (start plus its length) by the end. A citizen
was once invited for 17:00 to a 14:00-17:00 session: the in-person afternoon took the
morning's fourteen hearings, and the thirteenth started at 17:00."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.reception_session.constants import HearingMode
from tiep_cong_dan.doctype.reception_session.models import AgendaItem
from tiep_cong_dan.scheduling.agenda import build_agenda
from tiep_cong_dan.scheduling.invitations import prepare_invitations

from .test_agenda import T, _approved, _session

DAY = datetime.date(2026, 1, 15)


def test_an_in_person_afternoon_holds_only_what_fits_before_the_end(role_users):
    cases = _approved(role_users, 15)
    Petition.objects.update(citizen_consent=False)  # all come in person
    session = _session(role_users, DAY, capacity=15)
    added = build_agenda(session, by=role_users["canbo"])
    session.refresh_from_db()
    # 12-minute hearings and 3-minute gaps: twelve fit between 14:00 and 17:00.
    assert len(added) == 12
    items = list(session.agenda_items.order_by("position"))
    assert [i.position for i in items] == list(range(1, 13))
    assert items[-1].slot_start == T(16, 45) and items[-1].slot_end == T(16, 57)
    assert all(T(14) <= i.slot_start and i.slot_end <= T(17) for i in items)
    for item in items:
        item.full_clean()
    # Those not held stay in the queue for the next session, in their place.
    left = {c.pk for c in cases} - {i.petition_id for i in items}
    assert len(left) == 3
    assert set(Petition.objects.filter(pk__in=left).values_list("state", flat=True)) == {"approved"}
    times = {
        i.message.split(" at ")[1][:5] if " at " in i.message else ""
        for i in prepare_invitations(session)
        if i.kind == "citizen"
    }
    assert "17:00" not in " ".join(times)


def test_a_slot_outside_the_hours_is_refused(role_users):
    case = _approved(role_users, 1)[0]
    session = _session(role_users, DAY)
    item = AgendaItem(
        session=session,
        position=1,
        petition=case,
        mode=HearingMode.ONLINE,
        bridge_point=None,
        slot_start=T(17, 0),
    )
    item.bridge_point = session.host_bridge_point
    with pytest.raises(ValidationError) as exc:
        item.full_clean()
    assert exc.value.error_dict["slot_start"][0].code == "slot_outside_hours"
    item.slot_start = T(16, 50)  # 12 minutes from 16:50 end after 17:00
    with pytest.raises(ValidationError):
        item.full_clean()
    item.slot_start = T(13, 50)
    with pytest.raises(ValidationError):
        item.full_clean()
    item.slot_start, item.slot_end = T(16, 45), T(16, 57)
    item.full_clean()
    # In person, the in-person hours (08:00-11:30) hold.
    item.mode, item.slot_start, item.slot_end = HearingMode.IN_PERSON, T(11, 25), T(11, 37)
    with pytest.raises(ValidationError):
        item.full_clean()


def test_the_desk_form_refuses_a_manual_slot_at_the_end(role_users):
    """The agenda's rows on the session's page are this model form (AgendaInline)."""
    from django.forms import modelform_factory
    from tiep_cong_dan.doctype.reception_session.admin import AgendaInline

    _approved(role_users, 1)
    session = _session(role_users, DAY)
    (item,) = build_agenda(session, by=role_users["canbo"])
    form_class = modelform_factory(AgendaItem, fields=AgendaInline.fields)
    row = {
        "position": 1,
        "petition": item.petition_id,
        "mode": item.mode,
        "slot_start": "17:00",
        "slot_end": "17:12",
        "bridge_point": item.bridge_point_id,
        "attendees": item.attendees,
    }
    form = form_class(row, instance=item)
    assert not form.is_valid()
    assert "14:00–17:00" in str(form.errors)
    form = form_class({**row, "slot_start": "16:40", "slot_end": "16:52"}, instance=item)
    assert form.is_valid(), form.errors
