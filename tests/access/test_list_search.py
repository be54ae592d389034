"""Searching the petition list as people type: without accents, in any word order,
"đ" as "d", each word a prefix, by ID number or by the number in the year; the same
answers from MariaDB's full-text index (committed rows) and from LIKE (inside a
transaction, and on SQLite); and never a denunciation by its denouncer for a viewer
not cleared."""

import pytest
from django.db import connection, transaction
from tiep_cong_dan.access.rules import rule_for
from tiep_cong_dan.core.search import fold, search_words
from tiep_cong_dan.doctype.citizen.models import Citizen
from tiep_cong_dan.doctype.petition.models import Petition


def _found(user, term: str) -> set[str]:
    rule = rule_for(Petition)
    rows = rule.search(user, rule.queryset(user), term)
    return set(rows.values_list("registration_number", flat=True))


def test_fold_takes_accents_case_and_punctuation_away():
    assert fold("Hoàng Văn Thụ, P. Đông Kinh") == "hoang van thu p dong kinh"
    assert search_words("Lê Thị Ý", "", None, "020090000001") == "le thi y 020090000001"


# The three ways a name is answered (doctype/citizen/name_words.py): every row checked
# (nobody "few"), the ids from the rarest word's range, the ids from the full-text index.
EVERY_WAY = pytest.mark.parametrize(
    ("fetched", "candidates"),
    [(0, 6), (5000, 0), (5000, 10**9)],
    ids=["each row checked", "ids by the rarest word", "ids by the full-text index"],
)


def _cases(placed_petitions, role_users):
    p = {k: v.registration_number for k, v in placed_petitions.items()}
    board, office = role_users["canbo"], role_users["vanphong"]
    seq = placed_petitions["kylua"].registration_seq
    same_seq = [x for x in placed_petitions.values() if x.registration_seq == seq]
    return [
        (board, "hoang van an", {p["dongkinh"]}),
        (board, "An Hoàng", {p["dongkinh"]}),  # word order
        (board, "nong bi", {p["kylua"]}),  # prefixes, no accents
        (board, "lang em", {p["locbinh_old"]}),  # "Lăng"
        (board, "020190000002", {p["kylua"]}),  # ID number
        (board, placed_petitions["kylua"].registration_number, {p["kylua"]}),
        (board, str(seq), {x.registration_number for x in same_seq}),  # in any year
        (board, "luong van cuong", {p["dongkinh_tc"]}),  # cleared for denouncers
        (office, "luong van cuong", set()),  # not cleared: the denouncer finds nothing
        (office, "020080000003", set()),
        (board, "nguyen khong co", set()),
    ]


def test_search_inside_a_transaction(placed_petitions, role_users):
    assert connection.in_atomic_block  # the LIKE path: rows not yet committed
    for user, term, expected in _cases(placed_petitions, role_users):
        assert _found(user, term) == expected, term


@pytest.mark.django_db(transaction=True)
def test_search_on_committed_rows_from_the_full_text_index(placed_petitions, role_users):
    assert not connection.in_atomic_block
    if connection.vendor == "mysql":
        lookup = Citizen.objects.filter(search_text__words="hoang van an").query
        assert "MATCH" in str(lookup)
    for user, term, expected in _cases(placed_petitions, role_users):
        assert _found(user, term) == expected, term


def test_a_name_change_is_searchable_at_once(placed_petitions, role_users):
    citizen = placed_petitions["kylua"].citizen
    citizen.full_name = "Đỗ Thị Hạnh"
    citizen.save(update_fields=["full_name"])
    with transaction.atomic():
        assert _found(role_users["canbo"], "do hanh") == {
            placed_petitions["kylua"].registration_number
        }
    assert _found(role_users["canbo"], "nong bich") == set()


def test_a_number_as_written_is_looked_up_by_number_alone(placed_petitions, role_users):
    # "2026/TCD-000012" names nobody: the citizens' words (whose initials "tcd" many
    # names share) are not searched, and the number is still found from its start.
    from django.test.utils import CaptureQueriesContext

    petition = placed_petitions["kylua"]
    board = role_users["canbo"]
    with CaptureQueriesContext(connection) as queries:
        assert _found(board, petition.registration_number) == {petition.registration_number}
        assert _found(board, petition.registration_number[:9]) >= {petition.registration_number}
    assert not [q for q in queries if "tiep_cong_dan_citizen" in q["sql"]]


@EVERY_WAY
def test_every_way_of_the_name_words_finds_the_same(
    placed_petitions, role_users, monkeypatch, fetched, candidates
):
    """Every word common (none of its ranges under the cap: rows checked one by one)
    or some word rare (the people's ids read first, from the rarest word's range or
    from the search column's own index): the same answers."""
    from tiep_cong_dan.doctype.citizen import name_words

    monkeypatch.setattr(name_words, "PEOPLE_FETCHED", fetched)
    monkeypatch.setattr(name_words, "CANDIDATE_COST", candidates)
    for user, term, expected in _cases(placed_petitions, role_users):
        assert _found(user, term) == expected, term


def test_the_name_words_follow_the_citizen(placed_petitions):
    """Saved, renamed, anonymised: the words are the search column's, no more."""
    from tiep_cong_dan.doctype.citizen.anonymisation import anonymise_citizen
    from tiep_cong_dan.doctype.citizen.name_words import citizens_named, words_of

    citizen = placed_petitions["dongkinh"].citizen

    def words():
        return sorted(citizen.name_words.values_list("word", flat=True))

    assert words() == sorted(words_of(citizen.search_text))
    assert citizen.pk in citizens_named("an hoang").ids
    citizen.full_name = "Đỗ Thị Xuân"
    citizen.save()
    assert words() == sorted(words_of(citizen.search_text))
    assert "hoang" not in words() and "do" in words()
    assert citizen.pk not in citizens_named("an hoang").ids
    assert citizen.pk in citizens_named("xuan do").ids
    anonymise_citizen(citizen)
    assert words() == sorted(words_of(citizen.search_text))
    assert citizen.pk not in citizens_named("xuan do").ids


def test_the_name_words_hold_every_search_column(placed_petitions):
    """Every citizen's words are its column's words, as the lookup the search
    replaces reads them (any fixture, import or service that wrote a citizen)."""
    from tiep_cong_dan.doctype.citizen.models import CitizenWord
    from tiep_cong_dan.doctype.citizen.name_words import words_of

    held = {}
    for citizen_id, word in CitizenWord.objects.values_list("citizen_id", "word"):
        held.setdefault(citizen_id, set()).add(word)
    for pk, text in Citizen.objects.values_list("pk", "search_text"):
        assert held.get(pk, set()) == set(words_of(text)), pk


def test_the_migration_fills_the_name_words_as_save_does(placed_petitions):
    """Migration 0058 splits the columns already written (by the server on MariaDB):
    the same rows as the citizens' saves wrote."""
    import importlib
    from types import SimpleNamespace

    from django.apps import apps
    from tiep_cong_dan.doctype.citizen.models import CitizenWord

    def held():
        return sorted(CitizenWord.objects.values_list("citizen_id", "word"))

    saved = held()
    assert saved
    CitizenWord.objects.all().delete()
    migration = importlib.import_module("tiep_cong_dan.migrations.0058_scale")
    migration.fill_words(apps, SimpleNamespace(connection=connection))
    assert held() == saved


@EVERY_WAY
def test_a_group_is_found_by_its_representative_every_way(
    placed_petitions, role_users, monkeypatch, fetched, candidates
):
    """A representative's name finds the group's case, whether the rows are checked
    one by one (only a group's rows ask for their representatives) or the people's
    ids are read first; a lone petitioner's case is not found by a stranger's name."""
    from tiep_cong_dan.doctype.citizen import name_words

    from ..conftest import make_citizen, make_petition, new_unit

    monkeypatch.setattr(name_words, "PEOPLE_FETCHED", fetched)
    monkeypatch.setattr(name_words, "CANDIDATE_COST", candidates)
    dk = new_unit("05977")
    group = make_petition(dk, make_citizen(dk, "Chu Văn Quyết", "020090000011"))
    representative = make_citizen(dk, "Đinh Thị Thoa", "020090000012")
    Petition.objects.filter(pk=group.pk).update(group_size=7)
    group.representatives.create(citizen=representative)
    board = role_users["canbo"]
    assert _found(board, "thoa dinh") == {group.registration_number}
    assert _found(board, "quyet chu") == {group.registration_number}
    assert _found(board, "thoa an") == set()


def test_a_word_checked_on_the_row_never_asks_the_full_text_index():
    """`each_word` is the row's own check (LIKE), where `words` may ask MATCH."""
    lookup = Citizen.objects.filter(search_text__each_word="hoang van an").query
    assert "MATCH" not in str(lookup)
    assert str(lookup).count("LIKE") == 6


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("wide", [0, 30_000], ids=["read along the order", "left to MariaDB"])
def test_a_unit_officers_common_name_search_finds_the_same_whatever_the_plan(
    placed_petitions, role_users, client, login, monkeypatch, wide
):
    """A scope wider than WIDE_SCOPE searched by a common name is read along the
    list's order (index merge off), on the desk and in the API; the answer is the same
    either way, and the connection's switch is put back."""
    from contextlib import contextmanager

    from tiep_cong_dan.doctype.citizen import name_words
    from tiep_cong_dan.doctype.petition import permissions

    from ..api.test_api import client_for

    monkeypatch.setattr(permissions, "WIDE_SCOPE", wide)
    monkeypatch.setattr(name_words, "PEOPLE_FETCHED", 0)  # every name "common" here
    monkeypatch.setattr(name_words, "DENSE", 0)
    entered = []
    original = permissions.along_the_order

    @contextmanager
    def recorded():
        entered.append(True)
        with original():
            yield

    monkeypatch.setattr(permissions, "along_the_order", recorded)
    switch = "SELECT @@SESSION.optimizer_switch" if connection.vendor == "mysql" else "SELECT 1"
    with connection.cursor() as cursor:
        cursor.execute(switch)
        before = cursor.fetchone()[0]
    login("xa_dongkinh")
    response = client.get("/desk/tiep_cong_dan/petition/", {"q": "van an hoang"})
    assert response.status_code == 200
    shown = [p.registration_number for p in response.context["cl"].result_list]
    assert shown == [placed_petitions["dongkinh"].registration_number]
    response = client.get("/desk/tiep_cong_dan/petition/", {"q": "bich nong"})
    assert list(response.context["cl"].result_list) == []  # Kỳ Lừa: another commune
    api = client_for(role_users["xa_dongkinh"]).get(
        "/api/v1/petitions/", {"search": "van an hoang"}
    )
    assert [row["registration_number"] for row in api.json()["results"]] == shown
    assert len(entered) == (3 if wide == 0 else 0)
    with connection.cursor() as cursor:
        cursor.execute(switch)
        assert cursor.fetchone()[0] == before


@pytest.mark.parametrize("fetched", [0, 5000], ids=["names common", "names few"])
def test_the_plan_asks_what_the_search_does(placed_petitions, monkeypatch, fetched):
    """`search_reads_each_row` answers, without reading anyone's id, what `search`
    does with the term: rows checked one by one or the people looked up by key."""
    from tiep_cong_dan.doctype.citizen import name_words
    from tiep_cong_dan.doctype.petition.permissions import people_matching

    monkeypatch.setattr(name_words, "PEOPLE_FETCHED", fetched)
    monkeypatch.setattr(name_words, "DENSE", 0)
    rule = rule_for(Petition)
    for term in ("hoang van an", "nong", "123", "0201 9000 0002", "020190000002", "an"):
        assert rule.search_reads_each_row(term) == people_matching(term).per_row, term
    assert not rule.search_reads_each_row(placed_petitions["kylua"].registration_number)
    assert not rule.search_reads_each_row("   ")
