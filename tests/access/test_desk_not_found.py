"""Every page of one record in the desk answers the same for a record outside the
user's rule as for one that does not exist (404), as the API does: a different answer
(403 against 404) would tell that the record exists. Generated over every document
type the desk registers with its rule, every page of one record its admin declares
(form, history, an earlier version, delete, and its own pages), and every role."""

import datetime
import re

import pytest
from django.contrib import admin
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from tiep_cong_dan.access.desk import RuleMixin
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.api.models import ApiToken
from tiep_cong_dan.doctype.notification.models import NotificationPreference
from tiep_cong_dan.doctype.notification.services import notify
from tiep_cong_dan.print_format.documents import DOCUMENTS

from ..conftest import sign_in
from ..test_desk_pages import held_session  # noqa: F401 - the fixture, used below
from .test_permission_matrix import ALL

ROLES = sorted(ALL)
MISSING = 10**9
# "<path:object_id>/history/<str:version_id>/" -> the names to fill in
_PLACEHOLDER = re.compile(r"<(?:(\w+):)?(\w+)>")


def _object_routes(model_admin) -> list[tuple[str, list[str]]]:
    """(url name, its parameters) of each page of one record this admin declares."""
    routes = []
    for pattern in model_admin.urls:
        route = str(pattern.pattern)
        names = [name for _conv, name in _PLACEHOLDER.findall(route)]
        # Pages under the record's own address; "print/…/<pk>/" name other records.
        if route.startswith("<") and names[0] in ("object_id", "pk") and pattern.name:
            routes.append((pattern.name, names))
    return routes


@pytest.fixture
def world(held_session, role_users):  # noqa: F811 - the fixture imported above
    """Records of every kind, each outside some role's rule: the placed petitions of
    several communes, a session with its notice and task, each user's own token,
    inbox and preferences."""
    for username in ("canbo", "xa_dongkinh", "kythuat"):
        user = role_users[username]
        ApiToken.issue(user, "thử")
        NotificationPreference.objects.get_or_create(user=user)
        notify([user], "Tin nhắn thử")
    return held_session


def _hidden(model, user):
    """One record of `model` the user's rule does not let them see, if any."""
    rule = rule_for(model)
    visible = rule.queryset(user, model._default_manager.all()).values("pk")
    for obj in model._default_manager.exclude(pk__in=visible).order_by("pk")[:1]:
        return obj
    for obj in model._default_manager.order_by("pk")[:50]:
        if not rule.can_view(user, obj):
            return obj
    return None


def _version(model, obj) -> int | None:
    history = getattr(model, "history", None)
    if history is None or obj is None:
        return None
    record = history.filter(id=obj.pk).order_by("history_id").first()
    return record.history_id if record else None


def _answer(client, url: str, method: str) -> tuple:
    response = client.post(url) if method == "post" else client.get(url)
    return response.status_code, response.get("Location", ""), response.content


@pytest.mark.parametrize("username", ROLES)
def test_not_yours_answers_as_missing_on_every_record_page(client, world, role_users, username):
    user = role_users[username]
    sign_in(client, username)
    client.raise_request_exception = False  # a server error is an answer to compare too
    compared, differ = 0, []
    for model, model_admin in admin.site._registry.items():
        if not isinstance(model_admin, RuleMixin):
            continue
        hidden = _hidden(model, user)
        if hidden is None:
            continue
        version = _version(model, hidden)
        for name, params in _object_routes(model_admin):
            if "version_id" in params and version is None:
                continue

            def url(pk, _name=name, _params=params, _version=version):
                values = [pk if p in ("object_id", "pk") else _version for p in _params]
                return reverse(f"admin:{_name}", args=values)

            for method in ("get", "post"):
                theirs = _answer(client, url(hidden.pk), method)
                missing = _answer(client, url(MISSING), method)
                compared += 1
                if theirs != missing or theirs[0] not in (403, 404, 405):
                    differ.append((name, method, theirs[0], missing[0]))
                try:  # an id that is no number at all: the same answer, no server error
                    word = _answer(client, url("x1"), method)
                except NoReverseMatch:  # the route takes numbers only
                    continue
                if word != missing:
                    differ.append((name, method, "x1", word[0], missing[0]))
    assert differ == []
    assert compared > 0 or username == "quantri"  # the administrator sees every record


@pytest.mark.parametrize("username", ["xa_dongkinh", "so_nnmt", "kythuat"])
def test_printed_documents_answer_as_missing_outside_the_rule(client, world, role_users, username):
    user = role_users[username]
    sign_in(client, username)
    client.raise_request_exception = False
    differ = []
    for spec in DOCUMENTS.values():
        hidden = next(
            (o for o in spec.model._default_manager.all() if not spec.visible(user, o)), None
        )
        if hidden is None:
            continue
        for fmt in spec.formats:
            theirs = client.get(
                reverse("admin:tiep_cong_dan_document", args=[spec.code, hidden.pk, fmt])
            )
            missing = client.get(
                reverse("admin:tiep_cong_dan_document", args=[spec.code, MISSING, fmt])
            )
            # 403 for a type the user may not read at all, whatever the number
            expected = 404 if rule_for(spec.model).can_view(user) else 403
            if (theirs.status_code, missing.status_code) != (expected, expected):
                differ.append((spec.code, fmt, theirs.status_code, missing.status_code))
    letters = reverse("admin:tiep_cong_dan_session_invitations", args=[MISSING])
    assert client.get(letters).status_code == 404
    assert differ == []


def test_a_petitions_history_outside_the_commune_is_not_found(login, placed_petitions):
    # given a commune officer and a case of another commune
    commune = login("xa_dongkinh")
    other = placed_petitions["kylua"]
    history = reverse("admin:tiep_cong_dan_petition_history", args=[other.pk])
    missing = reverse("admin:tiep_cong_dan_petition_history", args=[MISSING])
    # then its history answers exactly as a case that does not exist
    assert commune.get(history).status_code == 404
    assert commune.get(missing).status_code == 404
    assert commune.get(history).content == commune.get(missing).content
    version = other.history.order_by("history_id").first().history_id
    old = reverse("admin:tiep_cong_dan_petition_simple_history", args=[other.pk, version])
    assert commune.get(old).status_code == 404
    change = reverse("admin:tiep_cong_dan_petition_change", args=[other.pk])
    assert commune.get(change).status_code == 404
    # while its own case's history still opens
    own = reverse("admin:tiep_cong_dan_petition_history", args=[placed_petitions["dongkinh"].pk])
    assert commune.get(own).status_code == 200


def test_session_pages_outside_the_rule_are_not_found(login, world):
    commune = login("xa_dongkinh")
    from tiep_cong_dan.doctype.reception_session.models import ReceptionSession

    elsewhere = ReceptionSession.objects.create(
        kind="periodic",
        date=timezone.localdate() + datetime.timedelta(days=40),
        presiding_official="Chủ tịch",
    )
    for page in ("console", "conference", "agenda"):
        theirs = reverse(f"admin:tiep_cong_dan_receptionsession_{page}", args=[elsewhere.pk])
        missing = reverse(f"admin:tiep_cong_dan_receptionsession_{page}", args=[MISSING])
        word = reverse(f"admin:tiep_cong_dan_receptionsession_{page}", args=["abc"])
        assert [commune.get(u).status_code for u in (theirs, missing, word)] == [404] * 3, page


@pytest.mark.parametrize(
    "model,params",
    [
        ("workflowevent", {"at__gte": "0001-01-01"}),
        ("notification", {"read_at__lte": "0001-01-01"}),
        ("connectiontest", {"tested_at_from_0": "01/01/0001", "tested_at_from_1": "00:00"}),
    ],
)
def test_a_list_filtered_on_a_date_before_any_record_is_a_clear_400(login, model, params):
    # Year 1 in the province's time (UTC+7) falls before the first year in UTC.
    page = login("canbo").get(reverse(f"admin:tiep_cong_dan_{model}_changelist"), params)
    assert page.status_code == 400
    assert "Hãy chọn ngày trong khoảng từ năm 2000 đến năm 2100." in page.content.decode()
