"""Every role x document type x list/view/change, through the desk's own URLs."""

import pytest
from django.contrib import admin
from django.urls import reverse
from tiep_cong_dan.access.models import AccessKind, ConfidentialAccess
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.print_format.models import PrintFormat
from tiep_cong_dan.workflow.models import Workflow

ALL = {
    "canbo",
    "truongban",
    "chutich",
    "vanphong",
    "so_nnmt",
    "huyen_locbinh",
    "xa_dongkinh",
    "trunguong",
    "kythuat",
    "quantri",
}
BOARD = {"canbo", "truongban"}
NOT_TECH = ALL - {"kythuat"}
PROVINCE = BOARD | {"chutich", "vanphong"}
MANAGERS = {"truongban", "quantri"}

# model -> (who may open the list, who may add, who may change)
MATRIX = {
    "tiep_cong_dan.petition": (NOT_TECH, BOARD, BOARD),
    "tiep_cong_dan.citizen": (NOT_TECH, BOARD, BOARD),
    "tiep_cong_dan.receptionsession": (ALL, BOARD, BOARD),
    "tiep_cong_dan.resultnotice": (NOT_TECH, BOARD, BOARD),
    "tiep_cong_dan.bridgepoint": (ALL, {"kythuat", "quantri"}, {"kythuat", "quantri"}),
    "tiep_cong_dan.connectiontest": (ALL, {"kythuat", "quantri"}, {"kythuat", "quantri"}),
    "tiep_cong_dan.agency": (ALL, {"quantri"}, {"quantri"}),
    "tiep_cong_dan.administrativeunit": (ALL, set(), {"quantri"}),
    "tiep_cong_dan.calendarday": (ALL, {"quantri"}, {"quantri"}),
    "tiep_cong_dan.legalbasis": (ALL, {"quantri"}, {"quantri"}),
    "tiep_cong_dan.confidentialaccess": ({"quantri"}, set(), set()),
    "auth.user": ({"quantri"}, {"quantri"}, {"quantri"}),
    "tiep_cong_dan.assignment": (NOT_TECH, set(), BOARD),
    "tiep_cong_dan.notification": (ALL, set(), set()),
    "tiep_cong_dan.workflow": (PROVINCE | {"quantri"}, set(), {"truongban", "quantri"}),
    "tiep_cong_dan.workflowevent": (PROVINCE | {"quantri"}, set(), set()),
    # Every officer keeps their own signature image; the Board head and the
    # administrator those of others and the bodies' seals.
    "tiep_cong_dan.signatureimage": (ALL, ALL, ALL),
    "tiep_cong_dan.sealimage": (
        PROVINCE | {"quantri"},
        {"truongban", "quantri"},
        {"truongban", "quantri"},
    ),
    "tiep_cong_dan.printformat": (PROVINCE | {"quantri"}, set(), {"quantri"}),
    "tiep_cong_dan.monthlyreport": (PROVINCE | {"quantri"}, BOARD, BOARD),
    "tiep_cong_dan.notificationpreference": (ALL, ALL, ALL),  # each their own
    "tiep_cong_dan.delivery": (ALL, set(), set()),  # each their own, read only
    "tiep_cong_dan.agencymail": (PROVINCE | {"quantri"}, set(), set()),
    "tiep_cong_dan.apitoken": (ALL, ALL, ALL),  # each their own
    "django_celery_beat.periodictask": (BOARD | {"quantri"}, set(), {"quantri"}),
    "django_celery_beat.crontabschedule": (BOARD | {"quantri"}, {"quantri"}, {"quantri"}),
    "django_celery_results.taskresult": (BOARD | {"quantri"}, set(), set()),
    "tiep_cong_dan.outboxentry": ({"quantri"}, set(), set()),
    # Sign-ins: lockouts, their logs and second-factor devices (access/accounts/admin.py).
    "axes.accessattempt": ({"quantri"}, set(), set()),
    "axes.accessfailurelog": ({"quantri"}, set(), set()),
    "axes.accesslog": ({"quantri"}, set(), set()),
    "otp_totp.totpdevice": ({"quantri"}, set(), set()),
    # Roles: requests decided by the Chairman and the Board head, and the account log.
    "tiep_cong_dan.rolegrant": ({"chutich", "truongban", "quantri"}, set(), set()),
    "tiep_cong_dan.accountchange": ({"truongban", "quantri"}, set(), set()),
    # Hearing dossiers: asked of the agencies when a session is approved, never added by
    # hand; each agency (a commune or district officer for their committee) writes its own.
    "tiep_cong_dan.hearingdossier": (
        PROVINCE | {"quantri", "so_nnmt", "huyen_locbinh", "xa_dongkinh"},
        set(),
        BOARD | {"so_nnmt", "huyen_locbinh", "xa_dongkinh"},
    ),
    # The public site's information pages: the Board's words to citizens.
    "tiep_cong_dan.publicpage": (BOARD, BOARD, BOARD),
    # Online requests: sent by citizens on the public site, never added in the desk;
    # read across the province, decided by the Board.
    "tiep_cong_dan.receptionrequest": (PROVINCE, set(), BOARD),
    # Recordings (Decree 154 Art. 24): registered by the Board on the session's page,
    # never added or edited in the list; read by the province and, for their own
    # hearings (never a denunciation's), by officers of units and departments.
    "tiep_cong_dan.recording": (
        PROVINCE | {"so_nnmt", "huyen_locbinh", "xa_dongkinh"},
        set(),
        set(),
    ),
    # Proposals: made by commune and district officers (or the Board), decided by the Board.
    # Crowded and complex cases: the Board head's rule, read by the Board; the flags, read
    # across the province and by unit officers in their units, acknowledged by the head.
    "tiep_cong_dan.clusterrule": (BOARD | {"quantri"}, set(), {"truongban", "quantri"}),
    "tiep_cong_dan.casecluster": (
        PROVINCE | {"quantri", "huyen_locbinh", "xa_dongkinh"},
        set(),
        {"truongban"},
    ),
    "tiep_cong_dan.caseproposal": (
        PROVINCE | {"huyen_locbinh", "xa_dongkinh"},
        BOARD | {"huyen_locbinh", "xa_dongkinh"},
        BOARD | {"huyen_locbinh", "xa_dongkinh"},
    ),
}


def _url(model: str, view: str, *args) -> str:
    app, name = model.split(".")
    return reverse(f"admin:{app}_{name}_{view}", args=args)


def test_matrix_covers_every_desk_model():
    registered = {m._meta.label_lower for m in admin.site._registry}
    assert set(MATRIX) <= registered
    assert registered - set(MATRIX) <= {"auth.group", "tiep_cong_dan.userscope"}


@pytest.mark.parametrize("username", sorted(ALL))
def test_list_add_and_change_follow_the_matrix(login, placed_petitions, username):
    client = login(username)
    samples = {
        "tiep_cong_dan.petition": placed_petitions["dongkinh"],
        "tiep_cong_dan.citizen": placed_petitions["dongkinh"].citizen,
        "tiep_cong_dan.bridgepoint": BridgePoint.objects.get(code="LS-TSTCD"),
        "tiep_cong_dan.agency": Agency.objects.get(code="BTCD"),
        "tiep_cong_dan.workflow": Workflow.objects.get(doctype="petition"),
        "tiep_cong_dan.printformat": PrintFormat.objects.get(code="result_notice"),
    }
    assert client.get(reverse("admin:index")).status_code == 200
    for model, (viewers, adders, changers) in MATRIX.items():
        response = client.get(_url(model, "changelist"))
        assert response.status_code == (200 if username in viewers else 403), (model, username)
        response = client.get(_url(model, "add"))
        assert response.status_code == (200 if username in adders else 403), (model, username)
        sample = samples.get(model)
        if sample is None:
            continue
        response = client.get(_url(model, "change", sample.pk))
        if username not in viewers:
            assert response.status_code == 403, (model, username)
        elif response.status_code == 200:
            # A save button only where the rule lets the user change the row.
            assert (b'name="_save"' in response.content) == (username in changers), (
                model,
                username,
            )
        else:  # outside the user's scope: the desk says it does not exist
            assert response.status_code == 404, (model, username)
            assert username in {"huyen_locbinh", "trunguong"}


def _listed(client, model="tiep_cong_dan.petition", **params) -> str:
    response = client.get(_url(model, "changelist"), params)
    assert response.status_code == 200
    return response.content.decode()


def test_commune_officer_sees_only_their_commune_across_eras(login, placed_petitions):
    page = _listed(login("xa_dongkinh"))
    for key in ("dongkinh", "dongkinh_tc", "old_era"):
        assert placed_petitions[key].registration_number in page, key
    for key in ("kylua", "locbinh_old"):
        assert placed_petitions[key].registration_number not in page, key
    other = placed_petitions["kylua"]
    response = login("xa_dongkinh").get(_url("tiep_cong_dan.petition", "change", other.pk))
    assert response.status_code == 404  # not found for this user


def test_district_department_and_central_scopes(login, placed_petitions):
    numbers = {k: p.registration_number for k, p in placed_petitions.items()}
    district = _listed(login("huyen_locbinh"))
    assert numbers["locbinh_old"] in district and numbers["dongkinh"] not in district
    department = _listed(login("so_nnmt"))
    assert numbers["dongkinh"] in department and numbers["kylua"] not in department
    central = _listed(login("trunguong"))
    assert not any(n in central for n in numbers.values())
    board = _listed(login("canbo"))
    assert all(n in board for n in numbers.values())


def test_denouncer_identity_is_masked_for_roles_not_cleared(login, placed_petitions):
    denunciation = placed_petitions["dongkinh_tc"]
    name = denunciation.citizen.full_name
    client = login("xa_dongkinh")
    assert name not in _listed(client)
    page = client.get(_url("tiep_cong_dan.petition", "change", denunciation.pk)).content.decode()
    assert denunciation.registration_number in page
    assert name not in page and denunciation.content not in page
    assert client.get(_url("tiep_cong_dan.petition", "history", denunciation.pk)).status_code == 403
    assert name not in _listed(client, "tiep_cong_dan.citizen")
    # Nor can the denouncer be found by name or ID number.
    assert denunciation.registration_number not in _listed(client, q=name)
    assert denunciation.registration_number not in _listed(client, q=denunciation.citizen.id_number)
    # The commune's own citizens it was shown are personal-data entries; no identity.
    assert not ConfidentialAccess.objects.filter(kind=AccessKind.CONFIDENTIAL).exists()


def test_cleared_roles_see_the_denouncer_and_every_view_is_logged(
    login, role_users, placed_petitions
):
    denunciation = placed_petitions["dongkinh_tc"]
    name = denunciation.citizen.full_name
    client = login("canbo")
    assert denunciation.registration_number in _listed(client, q=name)
    page = client.get(_url("tiep_cong_dan.petition", "change", denunciation.pk)).content.decode()
    assert name in page
    logged = ConfidentialAccess.objects.filter(user=role_users["canbo"])
    assert logged.filter(object_type="petition", object_ids=str(denunciation.pk)).exists()
    assert logged.filter(object_ids__contains=str(denunciation.pk)).count() >= 2  # list + form
    client.get(_url("tiep_cong_dan.citizen", "change", denunciation.citizen_id))
    assert logged.filter(object_type="citizen").count() == 1


def test_administrator_is_not_cleared_for_denouncers(login, placed_petitions):
    denunciation = placed_petitions["dongkinh_tc"]
    client = login("quantri")
    page = client.get(_url("tiep_cong_dan.petition", "change", denunciation.pk)).content.decode()
    assert denunciation.citizen.full_name not in page


def test_a_view_only_role_cannot_post_changes(login, placed_petitions):
    petition = placed_petitions["dongkinh"]
    client = login("chutich")
    response = client.post(
        _url("tiep_cong_dan.petition", "change", petition.pk), {"summary": "đổi"}
    )
    assert response.status_code == 403
    petition.refresh_from_db()
    assert petition.summary != "đổi"


def test_unit_pickers_offer_the_units_of_the_documents_date_first(login):
    client = login("canbo")

    def picked(**extra) -> list[str]:
        query = {
            "term": "Đông Kinh",
            "app_label": "tiep_cong_dan",
            "model_name": "petition",
            "field_name": "matter_unit",
            **extra,
        }
        response = client.get(reverse("admin:autocomplete"), query)
        return [r["text"] for r in response.json()["results"]]

    # Today's ward first; the ward of the same name before 2025-07-01 after it, dated,
    # so that an earlier case can still name the unit of its day.
    assert picked() == ["Phường Đông Kinh", "Phường Đông Kinh, Thành phố Lạng Sơn (đến 30/06/2025)"]
    # The petition form sends its received date: the units of that day come first.
    assert picked(on="12/06/2023") == [
        "Phường Đông Kinh, Thành phố Lạng Sơn",
        "Phường Đông Kinh (từ 01/07/2025)",
    ]


def test_history_versions_of_a_denunciation_are_logged_too(login, role_users, placed_petitions):
    denunciation = placed_petitions["dongkinh_tc"]
    version = denunciation.history.first()
    client = login("truongban")
    url = reverse(
        "admin:tiep_cong_dan_petition_simple_history",
        args=[denunciation.pk, version.history_id],
    )
    assert client.get(url).status_code == 200
    assert ConfidentialAccess.objects.filter(
        user=role_users["truongban"], object_ids=str(denunciation.pk)
    ).exists()


def test_a_forged_forwarded_address_is_not_logged(login, role_users, placed_petitions):
    denunciation = placed_petitions["dongkinh_tc"]
    client = login("canbo")
    client.get(
        _url("tiep_cong_dan.petition", "change", denunciation.pk),
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    entry = ConfidentialAccess.objects.get(user=role_users["canbo"])
    assert entry.ip_address == "127.0.0.1"


def test_the_administrator_reads_the_log_and_assigns_roles_by_name(
    login, role_users, placed_petitions
):
    login("canbo").get(_url("tiep_cong_dan.petition", "change", placed_petitions["dongkinh_tc"].pk))
    client = login("quantri")
    page = client.get(_url("tiep_cong_dan.confidentialaccess", "changelist")).content.decode()
    assert "canbo" in page
    entry = ConfidentialAccess.objects.get()
    assert (
        client.get(_url("tiep_cong_dan.confidentialaccess", "change", entry.pk)).status_code == 200
    )
    page = client.get(_url("auth.user", "change", role_users["canbo"].pk)).content.decode()
    assert "Cán bộ Ban Tiếp công dân" in page and "board_officer" not in page


def test_a_scoped_user_sees_only_their_own_hearings_on_a_session(login, placed_petitions):
    import datetime

    from tiep_cong_dan.doctype.reception_session.models import AgendaItem, ReceptionSession

    session = ReceptionSession.objects.create(
        kind="periodic", date=datetime.date(2026, 3, 16), presiding_official="Chủ tịch"
    )
    for position, key in enumerate(["dongkinh", "kylua"], start=1):
        AgendaItem.objects.create(
            session=session, position=position, petition=placed_petitions[key], mode="in_person"
        )
    url = _url("tiep_cong_dan.receptionsession", "change", session.pk)
    page = login("xa_dongkinh").get(url).content.decode()
    assert placed_petitions["dongkinh"].registration_number in page
    assert placed_petitions["kylua"].registration_number not in page
    page = login("canbo").get(url).content.decode()
    assert placed_petitions["kylua"].registration_number in page


def test_search_ignores_diacritics_on_mariadb(login, placed_petitions):
    from django.db import connection

    if connection.vendor != "mysql":
        pytest.skip("accent-insensitive matching comes from MariaDB's utf8mb4_unicode_ci")
    page = _listed(login("canbo"), q="hoang van an")
    assert placed_petitions["dongkinh"].registration_number in page
