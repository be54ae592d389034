"""The API per role and scope with per-user tokens: only the rows the user may see, a
denouncer masked as in the desk (and a cleared reading logged), writes through the
services and the workflow engine, precise JSON errors in Vietnamese, tokens stored
hashed and revocable, and a schema that validates."""

import pytest
from django.urls import reverse
from rest_framework.test import APIClient
from tiep_cong_dan.access.models import ConfidentialAccess
from tiep_cong_dan.api.models import ApiToken, hash_key
from tiep_cong_dan.doctype.petition.models import Petition

from ..conftest import make_citizen, new_unit


def client_for(user) -> APIClient:
    token, key = ApiToken.issue(user, "test")
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    return client


def _numbers(response) -> set[str]:
    return {row["registration_number"] for row in response.json()["results"]}


def test_tokens_are_stored_hashed_and_can_be_revoked(role_users):
    token, key = ApiToken.issue(role_users["canbo"], "national database")
    assert token.key_hash == hash_key(key) and key not in (token.key_hash, token.prefix * 2)
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/petitions/").status_code == 200
    token.revoke()
    response = client.get("/api/v1/petitions/")
    assert response.status_code == 401
    assert response.json() == {
        "code": "authentication_failed",
        "message": "Mã truy cập không hợp lệ hoặc đã bị thu hồi.",
    }
    assert APIClient().get("/api/v1/petitions/").json()["code"] == "not_authenticated"


def test_each_role_lists_only_its_scope(placed_petitions, role_users):
    everything = _numbers(client_for(role_users["canbo"]).get("/api/v1/petitions/"))
    assert {p.registration_number for p in placed_petitions.values()} <= everything
    commune = _numbers(client_for(role_users["xa_dongkinh"]).get("/api/v1/petitions/"))
    assert placed_petitions["dongkinh"].registration_number in commune
    assert placed_petitions["kylua"].registration_number not in commune
    assert client_for(role_users["kythuat"]).get("/api/v1/petitions/").status_code == 403
    outside = placed_petitions["kylua"]
    missing = client_for(role_users["xa_dongkinh"]).get(f"/api/v1/petitions/{outside.pk}/")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"


def test_a_denouncer_is_masked_and_a_cleared_reading_logged(role_users):
    from tiep_cong_dan.doctype.petition.constants import PetitionKind

    from ..conftest import make_petition

    dk = new_unit("05977")
    denunciation = make_petition(
        dk, make_citizen(dk, "Lương Văn Cường", "020080000003"), kind=PetitionKind.DENUNCIATION
    )
    url = f"/api/v1/petitions/{denunciation.pk}/"
    commune = client_for(role_users["xa_dongkinh"]).get(url).json()
    assert commune["identity_masked"] and commune["citizen"] is None
    assert "Lương Văn Cường" not in str(commune)
    before = ConfidentialAccess.objects.count()
    board = client_for(role_users["canbo"]).get(url).json()
    assert board["citizen_name"] == "Lương Văn Cường" and not board["identity_masked"]
    assert ConfidentialAccess.objects.count() == before + 1
    hidden = client_for(role_users["xa_dongkinh"]).get("/api/v1/citizens/").json()
    assert "Lương Văn Cường" not in str(hidden)


def test_registering_and_stepping_through_the_api(role_users):
    dk = new_unit("05977")
    citizen = make_citizen(dk, "Hoàng Văn An", "020090000001")
    board = client_for(role_users["canbo"])
    payload = {
        "received_date": "2026-03-02",
        "channel": "in_person",
        "kind": "complaint",
        "citizen": citizen.pk,
        "summary": "Khiếu nại quyết định thu hồi đất",
        "content": "Nội dung đơn.",
        "matter_unit": dk.pk,
    }
    created = board.post("/api/v1/petitions/", payload, format="json")
    assert created.status_code == 201, created.json()
    number = created.json()["registration_number"]
    assert Petition.objects.get(registration_number=number).state == "received"
    bad = board.post("/api/v1/petitions/", {**payload, "kind": "rumour"}, format="json")
    assert (
        bad.status_code == 400
        and bad.json()["code"] == "invalid"
        and "kind" in bad.json()["errors"]
    )
    assert (
        client_for(role_users["xa_dongkinh"])
        .post("/api/v1/petitions/", payload, format="json")
        .status_code
        == 403
    )
    pk = created.json()["id"]
    options = board.get(f"/api/v1/petitions/{pk}/actions/").json()
    classify = next(o for o in options if o["action"] == "classify")
    assert not classify["allowed"] and classify["reasons"]  # jurisdiction not known yet
    refused = board.post(f"/api/v1/petitions/{pk}/actions/", {"action": "classify"}, format="json")
    assert refused.status_code == 409 and refused.json()["code"] == "condition_failed"
    patched = board.patch(
        f"/api/v1/petitions/{pk}/",
        {"jurisdiction": "chairman", "eligibility_basis": "scheme_2_1", "citizen_consent": True},
        format="json",
    )
    assert patched.status_code == 200
    done = board.post(f"/api/v1/petitions/{pk}/actions/", {"action": "classify"}, format="json")
    assert done.status_code == 200 and done.json()["state"] == "classified"
    chairman = client_for(role_users["chutich"])
    wrong_role = chairman.post(
        f"/api/v1/petitions/{pk}/actions/", {"action": "propose"}, format="json"
    )
    assert wrong_role.status_code == 409 and wrong_role.json()["message"]


def test_malformed_json_and_unknown_routes_are_clear(role_users):
    board = client_for(role_users["canbo"])
    broken = board.generic(
        "POST", "/api/v1/petitions/", "{not json", content_type="application/json"
    )
    assert broken.status_code == 400 and broken.json()["code"] == "parse_error"
    assert board.get("/api/v1/petitions/?received_from=03-2026").status_code == 400
    assert board.get("/api/v1/reports/figures/?from=2026-03-01&to=2026-03-31").status_code == 200
    assert board.get("/api/v1/reports/figures/?from=x").status_code == 400


def test_the_schema_validates_and_the_docs_are_served(role_users, login):
    schema = APIClient().get("/api/v1/schema/?format=json")  # the contract is public
    assert schema.status_code == 200
    paths = schema.json()["paths"]
    assert "/api/v1/petitions/{id}/actions/" in paths and "/api/v1/reports/figures/" in paths
    page = login("canbo")
    assert page.get(reverse("api-schema")).status_code == 200
    assert page.get(reverse("api-docs")).status_code == 200
    from django.core.management import call_command

    call_command("spectacular", "--validate", "--fail-on-warn", "--file", "/dev/null")


@pytest.mark.parametrize("username", ["canbo", "chutich", "so_nnmt", "xa_dongkinh", "quantri"])
def test_every_list_answers_each_role_without_error(role_users, username):
    client = client_for(role_users[username])
    for path in (
        "petitions",
        "citizens",
        "sessions",
        "bridge-points",
        "result-notices",
        "assignments",
    ):
        assert client.get(f"/api/v1/{path}/").status_code in (200, 403), path


def test_the_rate_limit_answers_429_with_the_wait(role_users, monkeypatch):
    from rest_framework.throttling import UserRateThrottle

    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "3/minute"})
    client = client_for(role_users["canbo"])
    assert [client.get("/api/v1/bridge-points/").status_code for _ in range(3)] == [200] * 3
    limited = client.get("/api/v1/bridge-points/")
    assert limited.status_code == 429 and int(limited["Retry-After"]) > 0
    body = limited.json()
    assert body["code"] == "throttled" and body["message"].startswith("Quá nhiều yêu cầu")
    assert 0 < body["retry_after"] <= 60
    # The limit is per user: another officer is not held back.
    assert client_for(role_users["truongban"]).get("/api/v1/bridge-points/").status_code == 200


def test_reading_personal_data_through_the_api_is_logged(placed_petitions, role_users):
    citizen = placed_petitions["dongkinh"].citizen
    before = set(ConfidentialAccess.objects.values_list("pk", flat=True))
    board = client_for(role_users["canbo"])
    assert board.get(f"/api/v1/citizens/{citizen.pk}/").json()["id_number"] == "020090000001"
    board.get(f"/api/v1/petitions/{placed_petitions['dongkinh'].pk}/")
    new = ConfidentialAccess.objects.exclude(pk__in=before).order_by("pk")
    assert [(e.kind, e.object_type, e.object_ids, e.user.username) for e in new] == [
        ("personal", "citizen", str(citizen.pk), "canbo"),
        ("personal", "citizen", str(citizen.pk), "canbo"),
    ]
    assert "id_number" in new[0].fields and new[1].fields == "full_name"
    assert new[0].path == f"/api/v1/citizens/{citizen.pk}/"


def test_an_unknown_address_and_a_refused_page_answer_in_their_own_form(role_users, login):
    board = client_for(role_users["canbo"])
    missing = board.get("/api/v1/no-such-thing/")
    assert missing.status_code == 404 and missing.json()["code"] == "not_found"
    page = login("canbo").get(reverse("admin:tiep_cong_dan_confidentialaccess_changelist"))
    assert page.status_code == 403 and "Bạn không được mở trang này" in page.content.decode()


def test_a_revoked_token_is_read_only_in_the_desk(role_users, login):
    token, _key = ApiToken.issue(role_users["canbo"], "cũ")
    url = reverse("admin:tiep_cong_dan_apitoken_change", args=[token.pk])
    desk = login("canbo")
    assert 'name="_save"' in desk.get(url).content.decode()
    token.revoke()
    page = desk.get(url)
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert desk.post(url, {"name": "mới"}).status_code == 403


def test_guessing_tokens_from_one_address_is_slowed(role_users, monkeypatch):
    from tiep_cong_dan.api import auth

    monkeypatch.setattr(auth, "FAILURES_ALLOWED", 3)
    guesser = APIClient()
    guesser.credentials(HTTP_AUTHORIZATION="Token wrongwrongwrongwrong")
    assert [guesser.get("/api/v1/petitions/").status_code for _ in range(3)] == [401] * 3
    held = guesser.get("/api/v1/petitions/")
    assert held.status_code == 429 and held.json()["code"] == "throttled"
    # The right key is never refused: neither from another address nor from the
    # guesser's own (an office behind one shared address).
    other = client_for(role_users["canbo"])
    assert other.get("/api/v1/petitions/", REMOTE_ADDR="10.0.0.9").status_code == 200
    assert other.get("/api/v1/petitions/").status_code == 200


def test_a_guesser_behind_a_shared_address_locks_out_no_one(role_users, monkeypatch):
    from tiep_cong_dan.api import auth

    monkeypatch.setattr(auth, "FAILURES_ALLOWED", 3)
    monkeypatch.setattr(auth, "ADDRESS_FAILURES_ALLOWED", 8)
    token, key = ApiToken.issue(role_users["canbo"], "office")
    owner = APIClient()
    owner.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    guesser = APIClient()

    def guess(secret: str, address: str = "127.0.0.1") -> int:
        guesser.credentials(HTTP_AUTHORIZATION=f"Token {secret}")
        return guesser.get("/api/v1/petitions/", REMOTE_ADDR=address).status_code

    # given a guesser at the office's address aiming at the official's own prefix
    assert [guess(key[:8] + f"guess{i}") for i in range(5)] == [401] * 3 + [429] * 2
    # then the official at the same address still gets in with the right key
    assert owner.get("/api/v1/petitions/").status_code == 200
    # the guesser is held back per address and prefix: another address, or another
    # prefix from the same address, still has its own count
    assert guess(key[:8] + "guess9", address="10.0.0.9") == 401
    assert guess("OTHERPRE" + "guess") == 401
    # and across prefixes from one address at the higher ceiling (8 here)
    statuses = [guess(f"P{i:07d}-guess") for i in range(6)]
    assert statuses == [401] * 4 + [429] * 2  # 4 of the 8 were spent above
    assert owner.get("/api/v1/petitions/").status_code == 200
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
