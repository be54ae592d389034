"""The related-cases panel answered from MariaDB's FULLTEXT index (committed rows: a
transactional test), on the same 500 petitions: precision and recall at least 0.9."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from tiep_cong_dan.demo.users import create_demo_users

from ...conftest import PASSWORD, ensure_master_data
from .related_fixture import build_related_set
from .test_related_cases import THRESHOLD, measure


@pytest.mark.django_db(transaction=True)
def test_panel_finds_what_is_planted_by_fulltext(capsys):
    if connection.vendor != "mysql":
        pytest.skip("the FULLTEXT index is MariaDB's")
    ensure_master_data()
    create_demo_users(PASSWORD)
    planted = build_related_set()
    assert not connection.in_atomic_block  # the index answers
    precision, recall = measure(planted, User.objects.get(username="canbo"))
    with capsys.disabled():
        print(f"\nrelated cases, FULLTEXT: precision {precision:.3f}, recall {recall:.3f}")
    assert precision >= THRESHOLD and recall >= THRESHOLD
