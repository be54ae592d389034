"""Registering through the desk form: the same service, errors shown in Vietnamese."""

import datetime

from django.urls import reverse
from django.utils import timezone, translation
from tiep_cong_dan.doctype.petition.models import Petition

from ...conftest import make_citizen, new_unit, sign_in

URL = "admin:tiep_cong_dan_petition_add"


def _form(citizen, unit, **extra):
    data = {
        "received_date": timezone.localdate().strftime("%d/%m/%Y"),
        "channel": "written",
        "kind": "complaint",
        "citizen": citizen.pk,
        "summary": "Khiếu nại thu hồi đất",
        "content": "Nội dung",
        "group_size": 1,
        "matter_unit": unit.pk,
        "jurisdiction": "chairman",
        "eligibility_basis": "",
        "identity_protection_requested": "on",
        "representatives-TOTAL_FORMS": 0,
        "representatives-INITIAL_FORMS": 0,
        "attachments-TOTAL_FORMS": 0,
        "attachments-INITIAL_FORMS": 0,
    }
    data.update(extra)
    return data


def test_a_group_petition_is_registered_with_its_representatives(client, role_users):
    unit = new_unit("05977")
    lead, rep1, rep2 = (
        make_citizen(unit, n, f"02009000070{i}")
        for i, n in enumerate(["Hoàng Văn A", "Hà Văn B", "Vi Văn C"])
    )
    sign_in(client, "canbo")
    response = client.post(
        reverse(URL),
        _form(
            lead,
            unit,
            group_size=9,
            **{
                "representatives-TOTAL_FORMS": 2,
                "representatives-0-citizen": rep1.pk,
                "representatives-0-appointment_paper": "Biên bản cử đại diện ngày 02/3/2026",
                "representatives-1-citizen": rep2.pk,
            },
        ),
    )
    assert response.status_code == 302, [
        (k, v) for k, v in response.context["adminform"].form.errors.items()
    ] + [fs.formset.errors for fs in response.context["inline_admin_formsets"]]
    petition = Petition.objects.get()
    assert petition.registration_number == f"{timezone.localdate().year}/TCD-000001"
    assert set(petition.representatives.values_list("citizen__full_name", flat=True)) == {
        "Hà Văn B",
        "Vi Văn C",
    }
    assert petition.representatives.get(citizen=rep1).appointment_paper == (
        "Biên bản cử đại diện ngày 02/3/2026"
    )
    assert petition.created_by == role_users["canbo"]
    assert petition.history.count() == 1


def test_bad_input_is_refused_in_vietnamese_and_nothing_is_saved(client, role_users):
    unit = new_unit("05977")
    lead = make_citizen(unit, "Hoàng Văn A", "020090000701")
    sign_in(client, "canbo")
    future = (timezone.localdate() + datetime.timedelta(days=2)).strftime("%d/%m/%Y")
    with translation.override("vi"):
        response = client.post(reverse(URL), _form(lead, unit, received_date=future, group_size=8))
    assert response.status_code == 200
    page = response.content.decode()
    errors = response.context["adminform"].form.errors
    assert list(errors) == ["received_date"], errors
    assert "Ngày tiếp nhận không được sau ngày hiện tại." in page
    assert "Điều 29" in page  # a group of 8 without representatives
    assert not Petition.objects.exists()


def test_a_phone_request_is_recorded_with_the_guidance_to_write(client, role_users):
    unit = new_unit("05977")
    lead = make_citizen(unit, "Hoàng Văn A", "020090000701")
    sign_in(client, "canbo")
    response = client.post(reverse(URL), _form(lead, unit, channel="phone"), follow=True)
    assert Petition.objects.get().channel == "phone"
    shown = [str(m) for m in response.context["messages"]]
    assert any("bằng văn bản" in m for m in shown), shown


def test_the_agencies_named_on_the_form_move_the_kept_figures_with_them(client, role_users):
    """Registered naming another department, edited to name the officer's own: the
    monthly figures kept per agency follow (as a recount gives them), and the
    department's officer sees the case and counts it from the kept rows."""
    from tiep_cong_dan.access.rules import rule_for
    from tiep_cong_dan.access.scope import agency_scope_ids, agency_scope_roots
    from tiep_cong_dan.core.period import Period
    from tiep_cong_dan.doctype.agency.models import Agency
    from tiep_cong_dan.reporting import cube, figures
    from tiep_cong_dan.reporting.models import FigureCount

    def cells():  # every row but the lock, less its key; rows counting none left out
        rows = FigureCount.objects.exclude(figure="").values_list()
        return sorted(row[1:] for row in rows if row[-1])

    cube.rebuild()
    department = role_users["so_nnmt"]
    (own,) = agency_scope_roots(department)
    other = (
        Agency.objects.filter(kind="department", active=True)
        .exclude(pk__in=agency_scope_ids(department))
        .order_by("pk")
        .first()
    )
    unit = new_unit("05977")
    citizen = make_citizen(unit, "Hoàng Văn An", "020090000801")
    sign_in(client, "canbo")
    added = client.post(reverse(URL), _form(citizen, unit, agencies_concerned=[other.pk]))
    assert added.status_code == 302
    petition = Petition.objects.get()
    month = Period.month(petition.received_date.year, petition.received_date.month)
    received = figures.compute(month, department, parts=frozenset({"received"})).received
    assert FigureCount.objects.get(figure="received", agency=other.pk).count == 1
    assert not rule_for(Petition).queryset(department).filter(pk=petition.pk).exists()
    url = reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])
    changed = client.post(url, _form(citizen, unit, agencies_concerned=[own]))
    assert changed.status_code == 302, changed.context["adminform"].form.errors
    assert [a.pk for a in petition.agencies_concerned.all()] == [own]
    assert not FigureCount.objects.filter(figure="received", agency=other.pk, count__gt=0)
    assert FigureCount.objects.get(figure="received", agency=own).count == 1
    assert rule_for(Petition).queryset(department).filter(pk=petition.pk).exists()
    assert figures._Kept.of(month, department) is not None
    now = figures.compute(month, department, parts=frozenset({"received"})).received
    assert now == received + 1
    kept = cells()
    cube.rebuild()
    assert cells() == kept
