"""Property-based run of every operation in the published schema (Schemathesis on
Hypothesis), in process through the WSGI application on the test database: generated
paths, filters and bodies must never make a server error, and every success must match
the schema it documents.

`pytest tests/api/test_schemathesis.py --hypothesis-show-statistics` prints how many
cases each operation ran."""

import json

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from drf_spectacular.generators import SchemaGenerator
from drf_spectacular.renderers import OpenApiJsonRenderer
from hypothesis import HealthCheck, settings
from rest_framework.throttling import UserRateThrottle
from schemathesis.checks import not_a_server_error
from tiep_cong_dan.api.models import ApiToken

# Generated requests from one user far exceed the production rate limit; the limit has
# its own test (test_api.py), here every case must reach its view.
EXAMPLES_PER_OPERATION = 25


def _published_schema() -> dict:
    """The schema /api/v1/schema/ serves, built without a request or the database (so
    the cases can be generated when the tests are collected)."""
    generator = SchemaGenerator()
    return json.loads(OpenApiJsonRenderer().render(generator.get_schema(request=None, public=True)))


schema = schemathesis.openapi.from_dict(_published_schema())
schema.app = get_wsgi_application()


@pytest.fixture
def board_token(placed_petitions, role_users, monkeypatch) -> str:
    """A Board officer's token over a database with cases in several scopes."""
    monkeypatch.setattr(UserRateThrottle, "THROTTLE_RATES", {"user": "100000/minute"})
    # As Django's test client does: a request must not close the test's connection,
    # which holds the transaction every case runs (and is rolled back) in.
    for signal in (request_started, request_finished):
        signal.disconnect(close_old_connections)
    yield ApiToken.issue(role_users["canbo"], "schemathesis")[1]
    for signal in (request_started, request_finished):
        signal.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=EXAMPLES_PER_OPERATION,
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
def test_no_operation_fails_on_generated_input(case, board_token):
    from schemathesis.specs.openapi.checks import response_schema_conformance

    case.call_and_validate(
        headers={"Authorization": f"Token {board_token}"},
        checks=[not_a_server_error, response_schema_conformance],
    )
