"""`load_master_data` brings a database holding the two eras of the earlier releases
up to three eras in place (every row keeps its id, every link to a unit stays), hands
merged agencies' open tasks over, and a second run changes nothing."""

import datetime
import io

import pytest
from django.core.management import call_command
from tiep_cong_dan.access.models import UserScope
from tiep_cong_dan.access.scope import unit_scope_ids
from tiep_cong_dan.doctype.admin_unit.constants import Era
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit, UnitSuccession
from tiep_cong_dan.doctype.admin_unit.services import (
    current_unit_for,
    invalidate_scope_cache,
    scope_unit_ids,
)
from tiep_cong_dan.doctype.agency.models import Agency, AgencySuccession
from tiep_cong_dan.doctype.bridge_point.models import BridgePoint
from tiep_cong_dan.doctype.reception_session.models import ReceptionSession
from tiep_cong_dan.doctype.result_notice.models import Assignment, ResultNotice
from tiep_cong_dan.workflow.models import WorkflowEvent

from ...conftest import make_citizen, make_petition, new_unit, old_unit

MERGER = datetime.date(2024, 12, 1)


def _as_two_eras() -> None:
    """The master data as the earlier releases left it (after the migration, whose new
    columns take their defaults): no communes of before 2024-12-01, Thị trấn Thất Khê
    without its start date, successions without source or main part, agencies
    without validity or successors."""
    UnitSuccession.objects.filter(effective_on=MERGER).delete()
    AdministrativeUnit.objects.filter(era=Era.BEFORE_2024).delete()
    AdministrativeUnit.objects.filter(valid_from=MERGER).update(valid_from=None)
    UnitSuccession.objects.update(source="", main=False)
    AgencySuccession.objects.all().delete()
    Agency.objects.update(valid_from=None, valid_to=None)
    invalidate_scope_cache()


def _state() -> dict:
    """What the command writes, as plain values (change history counted)."""
    return {
        "units": sorted(
            AdministrativeUnit.objects.values_list(
                "id", "code", "era", "name", "level", "parent_id", "valid_from", "valid_to"
            )
        ),
        "successions": sorted(
            UnitSuccession.objects.values_list(
                "id", "old_unit_id", "new_unit_id", "whole", "main", "effective_on", "source"
            )
        ),
        "agencies": sorted(
            Agency.objects.values_list(
                "id", "code", "name", "active", "valid_from", "valid_to", "unit_id", "parent_id"
            )
        ),
        "agency_successions": sorted(
            AgencySuccession.objects.values_list(
                "id", "old_agency_id", "new_agency_id", "effective_on", "source"
            )
        ),
        "unit_history": AdministrativeUnit.history.count(),
        "agency_history": Agency.history.count(),
        "points": sorted(BridgePoint.objects.values_list("id", "code", "unit_id", "active")),
        "tasks": sorted(Assignment.objects.values_list("id", "agency_id", "state")),
        "events": WorkflowEvent.objects.count(),
    }


@pytest.fixture
def two_era_site(role_users):
    """Given a site of the earlier releases with its records: a case of Thị trấn Thất
    Khê from January 2025, the demo users' scopes, the bridge points, an open task of
    Sở Kế hoạch và Đầu tư."""
    _as_two_eras()
    that_khe = old_unit("06040")
    case = make_petition(
        that_khe,
        make_citizen(that_khe, "Nông Văn Khê", "020070002501"),
        received=datetime.date(2025, 1, 6),
    )
    session = ReceptionSession.objects.create(
        kind="periodic",
        date=datetime.date(2025, 1, 15),
        state="closed",
        presiding_official="Chủ tịch UBND tỉnh",
        host_bridge_point=BridgePoint.objects.get(code="LS-TSTCD"),
    )
    notice = ResultNotice.objects.create(session=session, state="issued")
    task = Assignment.objects.create(
        notice=notice,
        petition=case,
        agency=Agency.objects.get(code="SKHDT"),
        task="Rà soát dự án.",
        deadline=datetime.date(2025, 2, 20),
    )
    keys = {(u.code, u.era): u.id for u in AdministrativeUnit.objects.exclude(era=Era.BEFORE_2024)}
    return {"case": case, "task": task, "keys": keys}


def _load() -> str:
    out = io.StringIO()
    call_command("load_master_data", stdout=out)
    return out.getvalue()


def test_a_two_era_database_is_brought_up_to_three_eras_in_place(two_era_site):
    assert not AdministrativeUnit.objects.filter(era=Era.BEFORE_2024).exists()
    output = _load()
    assert (
        "Administrative units: 7 communes ended on 2024-12-01; 11 districts and 194 "
        "communes before 2025-07-01; 65 communes from 2025-07-01; 8 successions on "
        "2024-12-01 and 196 on 2025-07-01"
    ) in output
    assert "Open tasks handed to the successors of merged agencies: 1" in output
    # Every unit of the earlier releases kept its id; the 7 communes of before the
    # merger were added under their districts.
    earlier = AdministrativeUnit.objects.exclude(era=Era.BEFORE_2024)
    now = {(u.code, u.era): u.id for u in earlier}
    assert now == two_era_site["keys"]
    son_ha = AdministrativeUnit.objects.get(code="06454", era=Era.BEFORE_2024)
    assert son_ha.parent == old_unit("186") and current_unit_for(son_ha) == new_unit("06385")
    assert old_unit("06040").valid_from == MERGER
    assert UnitSuccession.objects.filter(source="").count() == 0
    # The links to units are the same rows: the case, its citizen, the scopes, the rooms.
    case = two_era_site["case"]
    case.refresh_from_db()
    assert case.matter_unit_id == two_era_site["keys"][("06040", Era.BEFORE_2025)]
    assert case.matter_unit.is_valid_on(case.received_date)
    for scope in UserScope.objects.filter(unit__isnull=False):
        assert scope.unit_id in two_era_site["keys"].values()
    assert not BridgePoint.objects.filter(unit__era=Era.BEFORE_2024).exists()
    assert BridgePoint.objects.filter(active=True).count() == 68
    # The scopes cross the new era too: Xã Hữu Lũng's officer reaches Sơn Hà.
    assert son_ha.id in scope_unit_ids({new_unit("06385").id})
    # The task followed Sở Kế hoạch và Đầu tư into Sở Tài chính.
    task = Assignment.objects.get(pk=two_era_site["task"].pk)
    assert task.agency.code == "STC"


def test_loading_again_changes_nothing(two_era_site):
    _load()
    first = _state()
    output = _load()
    assert _state() == first
    assert "Open tasks handed to the successors of merged agencies: 0" in output


def test_the_scoped_demo_users_keep_their_scopes(two_era_site, role_users):
    _load()
    assert old_unit("188").id in unit_scope_ids(role_users["huyen_locbinh"])
    assert new_unit("05977").id in unit_scope_ids(role_users["xa_dongkinh"])
