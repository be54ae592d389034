"""Request bodies the JSON decoder cannot take: nesting deeper than any document of the
API is refused with a 400 `parse_error` in Vietnamese before it is decoded (deep enough,
it used to exhaust the interpreter's stack: a server error)."""

import time

import pytest
from rest_framework.test import APIClient
from tiep_cong_dan.api.parsers import MAX_DEPTH, nesting_depth

from .test_api import client_for


@pytest.mark.parametrize(
    "text,depth",
    [
        ('{"a": [1, {"b": []}]}', 4),
        ('{"a": "[[[[{{{{"}', 1),  # brackets inside a string are text
        (r'["\"[[[", "\\", [[]]]', 3),  # escaped quotes and backslashes
        ("[" * 100_000 + "]" * 100_000, MAX_DEPTH + 1),  # counting stops past the limit
        ('["unterminated, [[[[[[', 1),
        ("", 0),
    ],
)
def test_nesting_is_counted_outside_strings(text, depth):
    assert nesting_depth(text, MAX_DEPTH) == depth


def test_counting_a_large_body_stays_fast():
    body = '{"content": "' + ('a\\"[' * 500_000) + '", "x": ' + '"\\' * 100_000 + "}"
    started = time.monotonic()
    nesting_depth(body, MAX_DEPTH)
    assert time.monotonic() - started < 2


@pytest.mark.parametrize(
    "body",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"a": ' * 100_000 + "1" + "}" * 100_000,
        "[" * 100_000,
        "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1),
    ],
)
def test_deeply_nested_json_is_a_parse_error_in_vietnamese(role_users, body):
    board = client_for(role_users["canbo"])
    response = board.generic("POST", "/api/v1/citizens/", body, content_type="application/json")
    assert response.status_code == 400
    assert response.json() == {
        "code": "parse_error",
        "message": f"Nội dung JSON lồng nhau quá {MAX_DEPTH} cấp: không phải dữ liệu của API này.",
    }


def test_ordinary_bodies_still_parse(role_users):
    board = client_for(role_users["canbo"])
    broken = board.generic("POST", "/api/v1/citizens/", "{", content_type="application/json")
    assert broken.status_code == 400 and broken.json()["code"] == "parse_error"
    assert broken.json()["message"] == "Nội dung yêu cầu không đọc được (JSON không hợp lệ)."
    latin = board.generic(
        "POST", "/api/v1/citizens/", "{}".encode("utf-16"), content_type="application/json"
    )
    assert latin.status_code == 400 and latin.json()["code"] == "parse_error"
    nested = "[" * MAX_DEPTH + "]" * MAX_DEPTH
    ok = board.generic("POST", "/api/v1/citizens/", nested, content_type="application/json")
    assert ok.status_code == 400 and ok.json()["code"] == "invalid"  # parsed, then validated
    assert APIClient().post("/api/v1/citizens/", {}, format="json").status_code == 401


@pytest.mark.parametrize("page", ["abc", "-1", "0", "1e9", "9" * 12])
def test_a_page_that_is_no_page_number_is_a_400(role_users, page):
    board = client_for(role_users["canbo"])
    response = board.get("/api/v1/bridge-points/", {"page": page})
    assert response.status_code == 400
    assert response.json()["errors"] == {"page": ["Số trang phải là số nguyên dương."]}
    assert board.get("/api/v1/bridge-points/", {"page": "last"}).status_code == 200
    assert board.get("/api/v1/bridge-points/", {"page": "99999"}).status_code == 404
