"""The role x path x object matrix, generated from the URL configuration: every route
of the desk and the API that names a record (form, history, delete, workflow step,
console, meeting page, agenda board, document, API detail and actions) is asked, by
every role, for records outside that role's scope, and for the records that carry a
denunciation; every route without one (lists, pages, searches) by every role. No
answer may show a denouncer's identity to a role not cleared for it, or a case
outside the role's scope; no write may change a record the role may not see.

A route added later is probed the same way without a line here. One whose record
this file cannot tell fails `test_every_route_is_classified` until it is named."""

import datetime

import pytest
from django.apps import apps
from django.contrib import admin
from django.core.files.base import ContentFile
from django.db import models
from django.test import RequestFactory
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.access.attachments.models import Attachment
from tiep_cong_dan.access.roles import IDENTITY_CLEARED, roles_of
from tiep_cong_dan.access.rules import rule_or_none
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.case_proposal.models import CaseProposal
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.hearing_dossier.models import HearingDossier
from tiep_cong_dan.doctype.hearing_dossier.services import open_dossiers, write_briefing
from tiep_cong_dan.doctype.hearing_recording.constants import RecordingSource
from tiep_cong_dan.doctype.hearing_recording.models import Recording
from tiep_cong_dan.doctype.petition.models import Petition, PetitionAttachment
from tiep_cong_dan.doctype.petition.services import set_agencies_concerned
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice
from tiep_cong_dan.print_format.documents import DOCUMENTS
from tiep_cong_dan.workflow.models import Comment, WorkflowEvent

from ..access.test_permission_matrix import ALL
from ..conftest import sign_in
from ..workflow.helpers import make_eligible, set_state
from .conftest import DENOUNCER, MINUTES
from .probes import Route, body_text, site_routes

ROLES = sorted(ALL)
ROUTES = site_routes()

# Routes that name no record of the project, or that no signed-in user reaches with a
# record of another: what each is, so that a new route cannot slip in unexamined.
UNCLASSIFIED = {
    "admin:view_on_site": "Django's redirect to a record's public page (none here)",
    "admin:auth_user_password_change": "the user record (administrators only)",
    "admin:tiep_cong_dan_export": "a job's file, asked by job id (the requester's only)",
    "api-document": "a document by code: probed through DOCUMENTS below",
    "tcd_two_factor:verify": "the signed-in user's own second factor",
    "admin:app_list": "the index of one application's lists (each list probed itself)",
    "tcd_file": "a stored file by name: probed below for every file the world holds",
    "tcd_password_reset:confirm": "a signed reset link for one user (test_password_resets)",
    "public:session": "an announced session on the public site, the same for everyone "
    "(anonymous there): drafts 404, no person or case (tests/public/test_schedule.py)",
    "public:page": "a published information page by its address (tests/public/test_pages.py)",
    "public:lookup_extract": "the Result Notice's extract for one citizen by a signed "
    "token valid 10 minutes, given only after the right lookup code; a code issued again "
    "ends it (tests/public/test_lookup.py)",
    "public:request_confirm": "the public phone-code page of an online request by its "
    "number and the signed token only its sender was given (a number alone is 404): "
    "the phone masked, nothing of the Board's "
    "(tests/public/test_request_form.py)",
}
DOCUMENT_ROUTES = ("admin:tiep_cong_dan_document", "api-document")


def _object_routes() -> list[Route]:
    return [r for r in ROUTES if r.object_param and r.model is not None]


def test_every_route_is_classified():
    """A route with an object parameter names its record (URL name, API basename or
    NAMED_PAGES in probes.py), or is listed above with what it is."""
    unknown = [
        r.name
        for r in ROUTES
        if r.params
        and r.model is None
        and r.name not in UNCLASSIFIED
        and r.name not in DOCUMENT_ROUTES
        and r.name.split(":")[-1] not in ("", None)
    ]
    assert unknown == []


# -- the world probed --------------------------------------------------------------


@pytest.fixture
def world(mixed_session, role_users, placed_petitions):
    """The mixed session issued in a notice (a conclusion and a task per case, Sở Nông
    nghiệp's for Đông Kinh's complaint, the Kỳ Lừa district's for Kỳ Lừa's), and a
    comment naming the denouncer on the denunciation's step."""
    notice = ResultNotice.objects.create(
        session=mixed_session,
        number="50/TB-UBND",
        issued_date=datetime.date(2026, 3, 20),
        signer_name="Nguyễn Văn Chủ Tịch",
        signer_title="CHỦ TỊCH",
    )
    set_state(notice, "issued")
    agencies = {"dongkinh": "SNNMT", "kylua": "SXD", "dongkinh_tc": "SYT"}
    for key, code in agencies.items():
        petition = placed_petitions[key]
        Conclusion.objects.create(notice=notice, petition=petition, text=f"Kết luận {key}.")
        Assignment.objects.create(
            notice=notice,
            petition=petition,
            agency=Agency.objects.filter(code=code).first() or Agency.objects.first(),
            task=f"Kiểm tra vụ việc {key}",
            deadline=datetime.date(2026, 4, 30),
        )
    denunciation = make_eligible(placed_petitions["dongkinh_tc"])
    workflow.apply(denunciation, "classify", by=role_users["canbo"], comment=MINUTES)
    # Scans that name their petitioner: the denouncer's, and another commune's case.
    for key in ("dongkinh_tc", "kylua"):
        petition = placed_petitions[key]
        PetitionAttachment.objects.create(
            petition=petition,
            title="Đơn viết tay",
            file=ContentFile(f"Người viết đơn: {petition.citizen.full_name}".encode(), "don.txt"),
        )
    # Files attached to the session, the notice and the denunciation's task, naming
    # the denouncer as minutes and letters would (access/attachments).
    task = notice.assignments.get(petition=denunciation)
    # The hearings' dossiers (scheme V.1.2, V.1.3); Sở Y tế's on the denunciation names
    # the denouncer in its briefing and its file, as an agency's briefing may.
    set_agencies_concerned(
        denunciation, [*denunciation.agencies_concerned.all(), Agency.objects.get(code="SYT")]
    )
    open_dossiers(mixed_session)
    dossier = HearingDossier.objects.get(petition=denunciation, agency__code="SYT")
    write_briefing(dossier, {"case_history": MINUTES, "proposal": f"Bảo vệ {DENOUNCER}."})
    for document in (mixed_session, notice, task, dossier):
        Attachment.objects.create(
            document=document,
            title="Biên bản",
            file=ContentFile(f"Người tố cáo: {DENOUNCER}".encode(), "bien-ban.txt"),
        )
    # Proposals of three communes' cases, their grounds naming the petitioner (a
    # denouncer's grounds are masked from those not cleared; another commune's unseen).
    for key in ("dongkinh", "kylua", "dongkinh_tc"):
        petition = placed_petitions[key]
        CaseProposal.objects.create(
            petition=petition,
            proposing_unit=petition.residence_unit,
            ground="other",
            details=f"Ông, bà {petition.citizen.full_name} đã gửi đơn nhiều nơi.",
        )
    # Each hearing's recording and the whole meeting's (Decree 154 Art. 24): the
    # denunciation's for those cleared only, the whole meeting's for those who see all.
    for item in [*mixed_session.agenda_items.all(), None]:
        Recording.objects.create(
            session=mixed_session,
            agenda_item=item,
            location=f"2026/03-16/{item.pk if item else 'ca-phien'}.mp4",
            size=1,
            sha256="0" * 64,
            source=RecordingSource.REFERENCE,
            retention_until=datetime.date(2046, 3, 16),
        )
    return {"session": mixed_session, "notice": notice, "petitions": placed_petitions}


def _secrets(user) -> list[str]:
    """What this user must never read: a denouncer's identity unless cleared, and the
    people of every case outside their scope."""
    found = []
    if not roles_of(user) & IDENTITY_CLEARED:
        found += [DENOUNCER, "020080000003", MINUTES]
    rule = rule_or_none(Petition)
    hidden = Petition.objects.exclude(pk__in=rule.queryset(user).values("pk"))
    for citizen in Citizen.objects.filter(petitions__in=hidden).distinct():
        if citizen.pk in set(rule_or_none(Citizen).queryset(user).values_list("pk", flat=True)):
            continue  # shown through another case of theirs the user may read
        found += [citizen.full_name, citizen.id_number]
    return [s for s in found if s]


def _visible(user, model) -> models.QuerySet:
    rule = rule_or_none(model)
    if rule is not None:
        return rule.queryset(user)
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        return model._default_manager.none()
    request = RequestFactory().get("/")
    request.user = user
    if not model_admin.has_view_permission(request):
        return model._default_manager.none()
    return model_admin.get_queryset(request)


def _targets(user, model) -> tuple[list, list]:
    """(records hidden from the user, records shown to them that carry the
    denunciation), two of each at most, the denunciation's own first."""
    all_rows = list(model._default_manager.order_by("-pk")[:200])
    shown = set(_visible(user, model).values_list("pk", flat=True))
    hidden = [o for o in all_rows if o.pk not in shown][:2]
    carrying = [o for o in all_rows if o.pk in shown and _carries_denunciation(o)][:2]
    return hidden, carrying


def _carries_denunciation(obj) -> bool:
    if isinstance(obj, Petition):
        return obj.is_denunciation
    if isinstance(obj, WorkflowEvent):
        return (
            obj.doctype == "petition"
            and Petition.objects.filter(pk=obj.object_id, kind="denunciation").exists()
        )
    petition = getattr(obj, "petition", None)
    if isinstance(petition, Petition):
        return petition.is_denunciation
    if hasattr(obj, "agenda_items"):
        return obj.agenda_items.filter(petition__kind="denunciation").exists()
    if hasattr(obj, "conclusions"):
        return obj.conclusions.filter(petition__kind="denunciation").exists()
    return False


def _urls(route: Route, obj) -> list[str]:
    kwargs = {}
    for param in route.params:
        if param == route.object_param:
            kwargs[param] = obj.pk
        elif param == "1":  # simple_history's version
            version = obj.history.first() if hasattr(obj, "history") else None
            if version is None:
                return []
            kwargs[param] = version.history_id
        elif param in ("fmt", "code"):
            continue
        elif param == "attachment_id" or (param == "pk" and route.name.endswith("_attachment")):
            row = _file_of(obj)  # a file of the record: its download, its removal
            if row is None:
                return []
            kwargs[param] = row.pk
        else:
            return []
    if route.name in DOCUMENT_ROUTES:
        return [
            reverse(route.name, kwargs={"code": spec.code, "pk": obj.pk, "fmt": fmt})
            for spec in DOCUMENTS.values()
            if isinstance(obj, spec.model)
            for fmt in spec.formats
        ]
    if any(p.isdigit() for p in kwargs):
        return [reverse(route.name, args=[kwargs[k] for k in sorted(kwargs)])]
    return [reverse(route.name, kwargs=kwargs)]


def _file_of(obj):
    """A file attached to `obj` (a petition's own papers, or the attachments table)."""
    if isinstance(obj, Petition):
        return obj.attachments.order_by("pk").first()
    from django.contrib.contenttypes.models import ContentType

    kind = ContentType.objects.get_for_model(type(obj))
    return Attachment.objects.filter(content_type=kind, object_id=obj.pk).first()


def _written() -> tuple[int, int, int]:
    """What a refused write must not have added or removed anywhere."""
    return (Comment.objects.count(), Attachment.objects.count(), PetitionAttachment.objects.count())


def _document_routes() -> list[Route]:
    return [r for r in ROUTES if r.name in DOCUMENT_ROUTES]


# What a write probe sends to each kind of route: enough to act if nothing stopped it.
WRITES = {
    "_workflow": {"action": "approve", "override": "1", "comment": "thử"},
    "_delete": {"post": "yes"},
    "_console": {"do": "start"},
    "_conference": {"do": "end"},
    "_agenda": {"build": "1"},
    "-actions": {"action": "approve", "comment": "thử"},
    "-retire": {"reason": "thử", "on": "2026-03-01"},
    "_comment": {"note": "thử @chutich"},
    "-comments": {"body": "thử @chutich"},
    # A file each time (a posted file is read once).
    "-attachments": lambda: {"title": "thử", "file": ContentFile(b"%PDF-1.4\n", "a.pdf")},
    "_attach": lambda: {"title": "thử", "file": ContentFile(b"%PDF-1.4\n", "a.pdf")},
    "_remove_attachment": {},
    "_read": {},
}


def _write(route: Route) -> dict | None:
    data = next((d for suffix, d in WRITES.items() if route.name.endswith(suffix)), None)
    return data() if callable(data) else data


def _row(obj) -> dict:
    fresh = type(obj)._default_manager.filter(pk=obj.pk).values().first()
    return fresh or {}


def _check(response, secrets: list[str], where: str) -> None:
    assert response.status_code < 500, where
    text = body_text(response)
    leaked = [s for s in secrets if s in text]
    assert leaked == [], where


def _refused(response, obj, where: str) -> None:
    # "Not found" as for a record that does not exist (the whole type closed to the
    # role: 403); never a redirect that would tell the record is there.
    assert response.status_code in (400, 403, 404, 405, 410), where


@pytest.mark.parametrize("username", ROLES)
def test_records_outside_the_scope_and_denunciations(client, world, username):
    sign_in(client, username)
    user = client.get("/desk/").wsgi_request.user
    secrets = _secrets(user)
    probes = 0
    documented = {spec.model for spec in DOCUMENTS.values()}
    routes = [(r, r.model) for r in _object_routes()]
    routes += [(r, model) for r in _document_routes() for model in documented]
    for route, model in routes:
        hidden, carrying = _targets(user, model)
        for obj in hidden + carrying:
            for url in _urls(route, obj):
                where = f"{username} GET {url}"
                response = client.get(url)
                probes += 1
                _check(response, secrets, where)
                if obj in hidden:
                    _refused(response, obj, where)
                data = _write(route)
                if data is None or obj not in hidden:
                    continue
                before, written = _row(obj), _written()
                response = client.post(url, data)
                probes += 1
                _refused(response, obj, f"{username} POST {url}")
                assert _row(obj) == before, f"{username} POST {url} changed the record"
                assert _written() == written, f"{username} POST {url} wrote on the record"
    print(f"matrix {username}: {len(routes)} routes, {probes} probes")
    assert probes > 50


@pytest.mark.parametrize("username", ROLES)
def test_every_page_and_search_keeps_the_secrets(client, world, username):
    sign_in(client, username)
    user = client.get("/desk/").wsgi_request.user
    secrets = _secrets(user)
    pages = [
        r
        for r in ROUTES
        if not r.params
        and r.name
        and not r.name.endswith(("_add", "logout", "password_change", "password_change_done"))
        and r.name not in ("admin:login", "set_language", "api-docs", "api-redoc", "api-schema")
    ]
    denunciation = world["petitions"]["dongkinh_tc"].registration_number
    cleared = bool(roles_of(user) & IDENTITY_CLEARED)
    for route in pages:
        url = reverse(route.name)
        for params in ({}, {"q": "Cường"}, {"search": "Cường"}):
            _check(client.get(url, params), secrets, f"{username} GET {url} {params}")
        if cleared:
            continue
        # Searching by the denouncer's number must find nothing a search by a number
        # nobody has does not (the page may list the case anyway; it may not single it
        # out). The page repeats the number searched for, so only the case is looked for.
        key = "search" if route.route.startswith("api/") else "q"
        found = body_text(client.get(url, {key: "020080000003"}))
        control = body_text(client.get(url, {key: "020089999999"}))
        assert found.count(denunciation) <= control.count(denunciation), f"{username} {url}"


@pytest.mark.parametrize("username", ROLES)
def test_counts_and_calendars_keep_the_secrets(client, world, username):
    """Every list counted by each column it offers, and every list's calendar on the
    months the world's records fall in: no label names what the viewer may not read."""
    from tiep_cong_dan.access.list_groups import groupable

    sign_in(client, username)
    user = client.get("/desk/").wsgi_request.user
    secrets = _secrets(user)
    probed = 0
    for model, model_admin in admin.site._registry.items():
        opts = model._meta
        url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
        for name, _field in groupable(model_admin, user) if hasattr(model_admin, "rule") else ():
            response = client.get(url, {"_group": name})
            _check(response, secrets, f"{username} {url} _group={name}")
            probed += 1
        if getattr(model_admin, "calendar_date_field", None):
            month = reverse(f"admin:{opts.app_label}_{opts.model_name}_month")
            for value in ("2026-03", "2026-04"):
                _check(client.get(month, {"month": value}), secrets, f"{username} {month}")
                probed += 1
    assert probed > 0


@pytest.mark.parametrize("username", sorted(ALL - {"canbo", "truongban", "chutich"}))
def test_no_list_filters_by_a_field_masked_from_its_viewer(client, world, username):
    """Any field a rule masks from this viewer, asked as a filter in the address bar of
    any list (its own field or its attribute id), is refused."""
    sign_in(client, username)
    user = client.get("/desk/").wsgi_request.user
    probed = 0
    for model in admin.site._registry:
        rule = rule_or_none(model)
        if rule is None:
            continue
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for path in rule.masked_paths(user):
            field = model._meta.get_field(path)
            lookups = [path, f"{path}__isnull"]
            lookups.append(f"{field.attname}" if field.concrete else f"{path}__in")
            if not field.is_relation:
                lookups.append(f"{path}__icontains")
            for lookup in lookups:
                response = client.get(url, {lookup: "1"})
                if response.status_code == 403:
                    break  # the list itself is not theirs
                assert response.status_code == 400, (username, url, lookup)
                probed += 1
    assert probed > 0 or username == "kythuat"  # technicians run rooms: nothing masked


def _stored_files() -> list[tuple[str, object]]:
    """Every file the database names, with the record holding it."""
    found = []
    for model in apps.get_models():
        for field in model._meta.fields:
            if isinstance(field, models.FileField):
                for obj in model._default_manager.exclude(**{field.name: ""}):
                    found.append((getattr(obj, field.name).name, obj))
    return found


def _owner(obj):
    """The record whose rule decides a file: the petition of its attachment, the
    document of an attachment of another type."""
    if isinstance(obj, Attachment):
        return obj.document
    return getattr(obj, "petition", None) if isinstance(obj, PetitionAttachment) else obj


@pytest.mark.parametrize("username", ROLES)
def test_stored_files_follow_their_records_rule(client, world, username):
    """Every stored file, asked by its address: a reader who may not see its record
    (or, on a denunciation, the scans) gets 404; no reader gets what they may not read."""
    sign_in(client, username)
    user = client.get("/desk/").wsgi_request.user
    secrets = _secrets(user)
    files = _stored_files()
    assert len(files) >= 2
    for name, obj in files:
        url = reverse("tcd_file", kwargs={"name": name})
        response = client.get(url)
        _check(response, secrets, f"{username} GET {url}")
        owner = _owner(obj)
        rule = rule_or_none(type(owner))
        if rule is not None and not rule.queryset(user).filter(pk=owner.pk).exists():
            assert response.status_code == 404, f"{username} GET {url}"
        if isinstance(owner, Petition) and owner.is_denunciation and username not in CLEARED:
            assert response.status_code == 404, f"{username} GET {url}"


CLEARED = {"canbo", "truongban", "chutich"}


# Every list's saved filters (access/list_views): a filter's route names the filter, not
# a record; it answers its owner alone.
SAVED_FILTER_ROUTES = [r for r in ROUTES if r.name.endswith("_list_filter_change")]


@pytest.mark.parametrize("username", ROLES)
def test_another_users_saved_filter_is_not_found(client, role_users, username):
    from tiep_cong_dan.access.list_views.models import ListView, ListViewKind

    owner = role_users["truongban" if username == "canbo" else "canbo"]
    assert len(SAVED_FILTER_ROUTES) == len(
        [a for a in admin.site._registry.values() if getattr(a, "list_views", False)]
    )
    sign_in(client, username)
    for route in SAVED_FILTER_ROUTES:
        view = ListView.objects.create(
            owner=owner,
            list_key=route.model._meta.label_lower,
            kind=ListViewKind.FILTER,
            name="Của người khác",
            shared_role=sorted(roles_of(role_users[username]))[0],
        )
        url = reverse(route.name, kwargs={"view_id": view.pk})
        where = f"{username} POST {url}"
        response = client.post(url, {"tcd_lv_delete": str(view.pk)})
        assert response.status_code in (403, 404), where
        response = client.post(url, {f"tcd_lv_name_{view.pk}": "Của tôi"})
        assert response.status_code in (403, 404), where
        assert ListView.objects.get(pk=view.pk).name == "Của người khác", where
