"""Side paths around the masking of a denouncer's identity: sorting and filtering by a
masked column, the session console, the meeting page, free text written about a
denunciation, and the cleared reads that each page must log."""

import pytest
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess
from tiep_cong_dan.doctype.petition.admin import PetitionAdmin
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import make_citizen, make_petition, new_unit
from ..workflow.helpers import make_eligible, set_state
from .conftest import DENOUNCER, MINUTES


def _url(name: str, *args) -> str:
    return reverse(f"admin:tiep_cong_dan_{name}", args=args)


def _page(client, url, **params) -> str:
    response = client.get(url, params)
    assert response.status_code == 200, (url, response.status_code)
    return response.content.decode()


def _confidential(user) -> list[ConfidentialAccess]:
    return list(ConfidentialAccess.objects.filter(user=user, kind=AccessKind.CONFIDENTIAL))


# -- 3. sorting and filtering by a masked column ---------------------------------------


@pytest.fixture
def named_cases(role_users):
    """Denouncers named An and Yến, visible complainants Bình and Minh, all from Đông
    Kinh: sorted by name, the masked rows would sit at both ends."""
    unit = new_unit("05977")
    cases = {}
    for name, kind, number in (
        ("An Thị Hoa", PetitionKind.DENUNCIATION, "020090100001"),
        ("Bế Văn Bình", PetitionKind.COMPLAINT, "020090100002"),
        ("Mã Văn Minh", PetitionKind.COMPLAINT, "020090100003"),
        ("Vy Thị Yến", PetitionKind.DENUNCIATION, "020090100004"),
    ):
        cases[name] = make_petition(unit, make_citizen(unit, name, number), kind=kind)
    return cases


def _petitioner_column(client) -> int:
    request = client.get(_url("petition_changelist")).wsgi_request
    admin = PetitionAdmin(Petition, None)
    names = [getattr(f, "__name__", f) for f in admin.get_list_display(request)]
    return names.index("petitioner") + 1  # the action checkbox is column 0


def _order(page: str, cases) -> list[str]:
    found = {name: page.index(p.registration_number) for name, p in cases.items()}
    return sorted(found, key=found.get)


def test_sorting_by_petitioner_puts_masked_rows_together_for_those_not_cleared(login, named_cases):
    client = login("vanphong")
    column = _petitioner_column(client)
    ascending = _order(_page(client, _url("petition_changelist"), o=str(column)), named_cases)
    assert set(ascending[:2]) == {"An Thị Hoa", "Vy Thị Yến"}  # together, in no name order
    assert ascending[2:] == ["Bế Văn Bình", "Mã Văn Minh"]
    descending = _order(_page(client, _url("petition_changelist"), o=f"-{column}"), named_cases)
    assert descending[:2] == ["Mã Văn Minh", "Bế Văn Bình"]


def test_the_cleared_board_sorts_by_the_real_names(login, named_cases):
    client = login("canbo")
    column = _petitioner_column(client)
    page = _page(client, _url("petition_changelist"), o=str(column))
    assert _order(page, named_cases) == ["An Thị Hoa", "Bế Văn Bình", "Mã Văn Minh", "Vy Thị Yến"]


@pytest.mark.parametrize(
    "lookup", ["citizen", "citizen__exact", "citizen_id", "content__icontains", "attachments"]
)
def test_filtering_by_a_masked_field_is_refused_to_those_not_cleared(
    login, placed_petitions, lookup
):
    denouncer = placed_petitions["dongkinh_tc"].citizen
    value = "Cường" if "content" in lookup else str(denouncer.pk)
    url = _url("petition_changelist")
    response = login("vanphong").get(url, {"kind__exact": "denunciation", lookup: value})
    assert response.status_code == 400
    assert placed_petitions["dongkinh_tc"].registration_number not in response.content.decode()
    assert login("canbo").get(url, {"kind__exact": "denunciation", lookup: value}).status_code in (
        200,
        302,  # Django sends an unknown value back to the list with ?e=1
    )


# -- 5. the session console asks the petition rule for each hearing --------------------


def test_a_commune_sees_only_its_own_hearings_on_the_console(login, mixed_session):
    set_state(mixed_session, "in_progress")
    page = _page(login("xa_dongkinh"), _url("receptionsession_console", mixed_session.pk))
    own, other, denunciation = mixed_session.agenda_items.order_by("position")
    assert own.petition.registration_number in page
    assert other.petition.registration_number not in page
    assert other.petition.summary not in page or other.petition.summary == own.petition.summary
    # The denunciation from their commune is theirs to know of, its words are not.
    assert denunciation.petition.registration_number in page
    assert MINUTES not in page and DENOUNCER not in page


def test_the_technician_sees_slots_and_points_but_no_case(login, mixed_session):
    set_state(mixed_session, "in_progress")
    page = _page(login("kythuat"), _url("receptionsession_console", mixed_session.pk))
    for item in mixed_session.agenda_items.all():
        assert item.petition.registration_number not in page
        assert item.bridge_point.name in page
    assert MINUTES not in page and "Công dân trình bày khiếu nại." not in page


def test_the_board_reads_the_denunciations_minutes_and_it_is_logged(
    login, role_users, mixed_session
):
    set_state(mixed_session, "in_progress")
    page = _page(login("canbo"), _url("receptionsession_console", mixed_session.pk))
    assert MINUTES in page
    (entry,) = _confidential(role_users["canbo"])
    assert entry.object_type == "petition"
    assert entry.object_ids == str(mixed_session.agenda_items.get(position=3).petition_id)


def test_a_commune_cannot_write_on_a_hearing_it_may_not_see(login, mixed_session):
    set_state(mixed_session, "in_progress")
    other = mixed_session.agenda_items.get(position=2)
    response = login("xa_dongkinh").post(
        _url("receptionsession_console", mixed_session.pk), {"item": other.pk, "do": "start"}
    )
    assert response.status_code == 403
    other.refresh_from_db()
    assert other.started_at is None


# -- 6. the meeting page and the session form ------------------------------------------


def test_a_commune_sees_its_own_room_only_and_never_the_host_pin(login, mixed_session):
    page = _page(login("xa_dongkinh"), _url("receptionsession_conference", mixed_session.pk))
    own = mixed_session.agenda_items.get(position=1).bridge_point
    other = mixed_session.agenda_items.get(position=2).bridge_point
    assert own.name in page and "465001" in page  # its own join details
    assert other.name not in page and other.dial_address not in page
    assert "918273" not in page


def test_the_technician_sees_every_room_and_the_host_pin(login, mixed_session):
    page = _page(login("kythuat"), _url("receptionsession_conference", mixed_session.pk))
    assert "918273" in page and "465001" in page
    for item in mixed_session.agenda_items.all():
        assert item.bridge_point.name in page


@pytest.mark.parametrize("username", ["xa_dongkinh", "vanphong", "chutich", "quantri"])
def test_the_session_form_hides_the_rooms_secrets_from_those_who_do_not_run_it(
    login, mixed_session, username
):
    page = _page(login(username), _url("receptionsession_change", mixed_session.pk))
    assert "918273" not in page and "465001" not in page
    assert mixed_session.conference_alias not in page


# -- 9. free text written about a denunciation -------------------------------------------


@pytest.fixture
def commented_denunciation(role_users, placed_petitions):
    petition = make_eligible(placed_petitions["dongkinh_tc"])
    workflow.apply(petition, "classify", by=role_users["canbo"], comment=MINUTES)
    return petition


@pytest.mark.parametrize("username", ["vanphong", "xa_dongkinh", "quantri"])
def test_a_comment_on_a_denunciation_is_masked_from_those_not_cleared(
    login, commented_denunciation, username
):
    client = login(username)
    page = _page(client, _url("petition_change", commented_denunciation.pk))
    assert DENOUNCER not in page and "020080000003" not in page


@pytest.mark.parametrize("username", ["vanphong", "quantri"])
def test_the_event_log_neither_shows_nor_finds_the_hidden_words(
    login, commented_denunciation, username
):
    client = login(username)
    event = WorkflowEvent.objects.get(object_id=commented_denunciation.pk, action="classify")
    assert DENOUNCER not in _page(client, _url("workflowevent_change", event.pk))
    found = _page(client, _url("workflowevent_changelist"), q="Cường")
    assert _url("petition_change", commented_denunciation.pk) not in found
    refused = client.get(_url("workflowevent_changelist"), {"comment__icontains": "Cường"})
    assert refused.status_code == 400


def test_the_cleared_board_reads_and_finds_the_comment(login, commented_denunciation):
    client = login("truongban")
    assert DENOUNCER in _page(client, _url("petition_change", commented_denunciation.pk))
    found = _page(client, _url("workflowevent_changelist"), q="Cường")
    assert _url("petition_change", commented_denunciation.pk) in found


# -- 10. every display to a cleared user is logged -------------------------------------


def test_the_agenda_board_logs_the_denouncer_it_names(login, role_users, mixed_session):
    page = _page(login("canbo"), _url("receptionsession_agenda", mixed_session.pk))
    assert DENOUNCER in page
    (entry,) = _confidential(role_users["canbo"])
    denouncer = mixed_session.agenda_items.get(position=3).petition.citizen_id
    assert (entry.object_type, entry.object_ids) == ("citizen", str(denouncer))


def test_the_session_form_logs_the_invited_denouncer_and_the_attendees(
    login, role_users, mixed_session
):
    page = _page(login("canbo"), _url("receptionsession_change", mixed_session.pk))
    assert DENOUNCER in page
    entries = {(e.object_type, e.fields) for e in _confidential(role_users["canbo"])}
    assert entries == {("citizen", "full_name"), ("petition", "attendees")}


def test_the_citizen_picker_logs_a_denouncer_it_suggests(login, role_users, placed_petitions):
    client = login("canbo")
    response = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Cường",
            "app_label": "tiep_cong_dan",
            "model_name": "petition",
            "field_name": "citizen",
        },
    )
    assert response.status_code == 200
    assert [r["text"] for r in response.json()["results"]] == [DENOUNCER]
    (entry,) = _confidential(role_users["canbo"])
    assert entry.object_ids == str(placed_petitions["dongkinh_tc"].citizen_id)


def test_the_queue_logs_the_denouncer_it_names(login, role_users, placed_petitions):
    denunciation = placed_petitions["dongkinh_tc"]
    set_state(denunciation, "approved")
    page = _page(login("chutich"), _url("petition_queue"))
    assert DENOUNCER in page
    (entry,) = _confidential(role_users["chutich"])
    assert entry.object_ids == str(denunciation.citizen_id)


def test_pages_not_cleared_log_nothing_confidential(login, role_users, mixed_session):
    client = login("xa_dongkinh")
    _page(client, _url("receptionsession_agenda", mixed_session.pk))
    _page(client, _url("receptionsession_change", mixed_session.pk))
    assert _confidential(role_users["xa_dongkinh"]) == []


def test_the_api_gives_the_room_secrets_only_to_those_who_run_it(client, role_users, mixed_session):
    from rest_framework.test import APIClient

    api = APIClient()
    for username, shown in (("xa_dongkinh", False), ("vanphong", False), ("kythuat", True)):
        api.force_authenticate(role_users[username])
        data = api.get(f"/api/v1/sessions/{mixed_session.pk}/").json()
        assert (data["conference_alias"] == mixed_session.conference_alias) is shown, username
        assert "918273" not in str(data)
