"""Query budgets: no list, form, API list or report runs more queries because it shows
more rows. Each page is read once to warm what is cached per process, measured, then
measured again after every table it reads has grown; the two counts must be equal.
A page that starts asking the database once per row fails here, the way Zulip's
`assert_database_query_count` guards its views.

Lists and reports are generated from the desk's registry and the API router, so a
page added later is measured without a line here."""

import datetime
import itertools
import re

import pytest
from django.contrib import admin
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from tiep_cong_dan import workflow
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.bridge_point.services import primary_point_for
from tiep_cong_dan.doctype.hearing_dossier.models import HearingDossier
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.reception_session.constants import HearingMode, InviteeKind
from tiep_cong_dan.doctype.reception_session.models import (
    AgendaItem,
    Invitation,
    ReceptionSession,
)
from tiep_cong_dan.doctype.result_notice.models import Assignment, Conclusion, ResultNotice

from .conftest import make_citizen, make_petition, new_unit, sign_in
from .workflow.helpers import make_eligible

ROLES = ["canbo", "vanphong", "xa_dongkinh", "so_nnmt", "quantri"]
SERIAL = itertools.count(1)
DAY = datetime.date(2026, 3, 16)


class World:
    """Cases in two communes (complaints and denunciations, with their steps), one
    session hearing them with invitations, one notice concluding them with tasks; `grow`
    adds the same again to every one of them."""

    def __init__(self, users):
        self.users = users
        self.session = ReceptionSession.objects.create(
            kind="periodic", date=DAY, presiding_official="Chủ tịch UBND tỉnh", state="approved"
        )
        self.notice = ResultNotice.objects.create(session=self.session)
        self.grow(2)

    def grow(self, n: int) -> None:
        agency = Agency.objects.get(code="SNNMT")
        for _ in range(n):
            for code, kind in (
                ("05977", PetitionKind.COMPLAINT),
                ("06187", PetitionKind.DENUNCIATION),
            ):
                i = next(SERIAL)
                unit = new_unit(code)
                citizen = make_citizen(unit, f"Công dân Số {i}", f"0201{i:08d}")
                petition = make_petition(unit, citizen, kind=kind, agencies=[agency])
                workflow.apply(
                    make_eligible(petition), "classify", by=self.users["canbo"], comment="Xét."
                )
                position = self.session.agenda_items.count() + 1
                item = AgendaItem.objects.create(
                    session=self.session,
                    position=position,
                    petition=petition,
                    mode=HearingMode.ONLINE,
                    bridge_point=primary_point_for(unit),
                    minutes="Biên bản.",
                )
                invitation = Invitation.objects.create(
                    session=self.session,
                    kind=InviteeKind.CITIZEN,
                    citizen=citizen,
                    message="Mời dự phiên tiếp.",
                    due_by=DAY - datetime.timedelta(days=7),
                )
                invitation.petitions.add(petition)
                for asked in (agency, Agency.objects.get(code=f"UBND-{code}")):
                    HearingDossier.objects.create(
                        session=self.session,
                        agenda_item=item,
                        petition=petition,
                        agency=asked,
                        due_date=DAY - datetime.timedelta(days=3),
                        case_history="Quá trình.",
                        decisions="Quyết định.",
                        proposal="Đề xuất.",
                    )
                Conclusion.objects.create(notice=self.notice, petition=petition, text="Kết luận.")
                Assignment.objects.create(
                    notice=self.notice,
                    petition=petition,
                    agency=agency,
                    task="Kiểm tra.",
                    deadline=DAY + datetime.timedelta(days=30),
                )


def _count(client, url, params=None) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, params or {})
    assert response.status_code in (200, 403), (url, response.status_code)
    return len(queries)


def _lists() -> list[str]:
    return [
        reverse(f"admin:{m._meta.app_label}_{m._meta.model_name}_changelist")
        for m in admin.site._registry
    ]


def _api_lists() -> list[str]:
    from tiep_cong_dan.api.urls import router

    return [reverse(f"{basename}-list") for _prefix, _viewset, basename in router.registry]


def _record_pages(world) -> list[str]:
    s, n = world.session.pk, world.notice.pk
    return [
        reverse("admin:tiep_cong_dan_receptionsession_change", args=[s]),
        reverse("admin:tiep_cong_dan_receptionsession_agenda", args=[s]),
        reverse("admin:tiep_cong_dan_receptionsession_console", args=[s]),
        reverse("admin:tiep_cong_dan_resultnotice_change", args=[n]),
        reverse("api-report-figures") + "?from=2026-01-01&to=2026-12-31",
        reverse("admin:tiep_cong_dan_petition_queue"),
        reverse("admin:index"),
    ]


def _own_dossier(world, user) -> list[str]:
    """The form of a hearing dossier the user may open (an agency its own only)."""
    from tiep_cong_dan.access.rules import rule_for

    seen = rule_for(HearingDossier).queryset(user, world.session.dossiers.all()).first()
    if seen is None:
        return []
    return [reverse("admin:tiep_cong_dan_hearingdossier_change", args=[seen.pk])]


@pytest.mark.parametrize("username", ROLES)
def test_no_page_asks_more_as_its_rows_grow(client, role_users, username):
    world = World(role_users)
    sign_in(client, username)
    pages = (
        _lists() + _api_lists() + _record_pages(world) + _own_dossier(world, role_users[username])
    )
    for url in pages:
        client.get(url)  # warm what a process caches once (workflows, units, formats)
    # The shared cache emptied before each round: the queue's forecast, kept while
    # nothing changes, is computed in both (its growth would otherwise go unseen).
    cache.clear()
    before = {url: _count(client, url) for url in pages}
    world.grow(4)
    cache.clear()
    after = {url: _count(client, url) for url in pages}
    grew = {url: (before[url], after[url]) for url in pages if after[url] > before[url]}
    assert grew == {}, username


# The loader's look-up of the revisions (`... AS pk ... FROM workflow`), not a page's
# own rows of that table (the workflows' list).
WORKFLOW_READS = re.compile(r"AS [`\"]pk[`\"].*\bFROM [`\"]tiep_cong_dan_workflow[`\"]")


def test_a_page_reads_the_workflow_revisions_once_at_most(client, role_users):
    """The engine is asked about the page's documents many times (the action panel, the
    editable rows, each permission check): the revisions of every workflow are read in
    one query per request (workflow/loader.py), not once per question (a session form
    asked nine times)."""
    world = World(role_users)
    sign_in(client, "canbo")
    pages = _lists() + _api_lists() + _record_pages(world)
    reads = {}
    for url in pages:
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        reads[url] = sum(1 for q in queries.captured_queries if WORKFLOW_READS.search(q["sql"]))
    assert {url: n for url, n in reads.items() if n > 1} == {}


# The session form with its hearings and invitations, as the Board officer: 38 queries
# here (44 on the benchmark's session) before the workflows' revisions were read once per
# request, the record once per page, the access log only for denunciations and the list
# of all applications only when shown; 24 since. Two more for what the form gained after:
# the comments beside the timeline and whether dossiers were asked (the briefing pack's
# entry in the print menu and among the session's links). One more for its recordings
# (Decree 154 Art. 24), listed with their hearings in one query. Two more for the signed
# invitation letters: whether any waits for the Board's signature, asked by the Board's
# seal step and by "announce" (one query each, the letters with their signatures).
SESSION_FORM_BUDGET = 29


def test_the_session_form_stays_within_its_budget(client, role_users):
    world = World(role_users)
    sign_in(client, "canbo")
    url = reverse("admin:tiep_cong_dan_receptionsession_change", args=[world.session.pk])
    client.get(url)
    count = _count(client, url)
    assert count <= SESSION_FORM_BUDGET, count
