"""The petition list's filters: declared once (django-filter), applied in the query
and published in the schema alike, each malformed value a 400 naming its parameter."""

from rest_framework.test import APIClient

from .test_api import _numbers, client_for


def test_each_filter_narrows_the_list_within_the_rule(placed_petitions, role_users):
    board = client_for(role_users["canbo"])
    p = placed_petitions
    number = {k: v.registration_number for k, v in p.items()}
    assert _numbers(board.get("/api/v1/petitions/?kind=denunciation")) == {number["dongkinh_tc"]}
    in_2024 = board.get("/api/v1/petitions/?received_from=2024-01-01&received_to=2024-12-31")
    assert _numbers(in_2024) == {number["old_era"], number["locbinh_old"]}
    found = board.get("/api/v1/petitions/", {"search": p["kylua"].registration_number})
    assert _numbers(found) == {number["kylua"]}
    assert _numbers(board.get("/api/v1/petitions/?state=received")) == set(number.values())
    assert _numbers(board.get("/api/v1/petitions/?state=closed")) == set()
    # A commune officer's filters work inside the commune's own scope only.
    commune = client_for(role_users["xa_dongkinh"])
    assert number["kylua"] not in _numbers(commune.get("/api/v1/petitions/?kind=complaint"))


def test_a_denouncers_name_finds_nothing_for_a_viewer_not_cleared(placed_petitions, role_users):
    office = client_for(role_users["vanphong"])
    assert _numbers(office.get("/api/v1/petitions/", {"search": "Lương Văn Cường"})) == set()
    board = client_for(role_users["canbo"])
    found = board.get("/api/v1/petitions/", {"search": "Lương Văn Cường"})
    assert _numbers(found) == {placed_petitions["dongkinh_tc"].registration_number}


def test_a_malformed_value_is_a_400_naming_the_parameter(role_users):
    board = client_for(role_users["canbo"])
    for query, name in (("state=nonsense", "state"), ("received_to=31-12-2024", "received_to")):
        response = board.get(f"/api/v1/petitions/?{query}")
        assert response.status_code == 400, query
        assert name in str(response.json()), response.json()


def test_the_schema_publishes_the_same_filters():
    schema = APIClient().get("/api/v1/schema/?format=json").json()
    listed = {p["name"]: p for p in schema["paths"]["/api/v1/petitions/"]["get"]["parameters"]}
    assert {"state", "kind", "received_from", "received_to", "search"} <= set(listed)
    assert "received" in listed["state"]["schema"]["enum"]
    assert listed["received_from"]["schema"]["format"] == "date"
    actions = schema["paths"]["/api/v1/petitions/{id}/actions/"]["get"].get("parameters", [])
    assert "state" not in {p["name"] for p in actions}
