"""The monthly figures kept ready (reporting/cube.py) give exactly what the direct
counts give, for every scope that reads them and any span of months, on a varied
history: several districts, communes and eras, matters placed apart from residences,
steps at the edges of months (local midnight), approvals repeated by roll-overs in other
months, notes that change no state, overrides, denunciations, withdrawals, cases naming
a department, a body merged into it, another department or none; and they stay in step
as the workflow engine, the petition services and the import of past records change
petitions."""

import datetime
import random

import pytest
from django.core.cache import cache
from django.utils import timezone
from tiep_cong_dan import workflow
from tiep_cong_dan.access.scope import agency_scope_ids, agency_scope_roots
from tiep_cong_dan.core.period import Period
from tiep_cong_dan.doctype.admin_unit.models import AdministrativeUnit
from tiep_cong_dan.doctype.agency.models import Agency
from tiep_cong_dan.doctype.petition.constants import PetitionKind
from tiep_cong_dan.doctype.petition.models import Petition
from tiep_cong_dan.doctype.petition.services import set_agencies_concerned, update_petition
from tiep_cong_dan.reporting import cube
from tiep_cong_dan.reporting.figures import compute
from tiep_cong_dan.reporting.models import FigureCount
from tiep_cong_dan.workflow.models import WorkflowEvent

from ..conftest import make_citizen, make_petition, new_unit, old_unit
from ..workflow.helpers import make_eligible

SCOPES = ("canbo", "chutich", "huyen_locbinh", "xa_dongkinh", "so_nnmt", None)
PARTS = frozenset({"received", "outcomes", "backlog"})
# Paths through the workflow a case may take (states after its receipt).
PATHS = (
    ["classified", "not_proposed", "replied", "closed"],
    ["classified", "proposed", "endorsed", "approved", "scheduled", "heard", "concluded"],
    [
        "classified",
        "proposed",
        "endorsed",
        "approved",
        "scheduled",
        "approved",
        "scheduled",
        "approved",
        "scheduled",
        "heard",
        "concluded",
    ],
    ["classified", "proposed", "rejected", "replied"],
    ["classified", "proposed", "classified", "proposed", "endorsed", "approved", "withdrawn"],
    ["classified", "approved", "scheduled", "approved", "refused"],
    ["transferred"],
    ["classified", "refused", "closed"],
    [],
    ["classified", "voided"],  # a duplicate registration: no figure anywhere
)


def _moment(day: datetime.date, rnd: random.Random) -> datetime.datetime:
    """A time of day, often at the very edges of the local day."""
    hour, minute = rnd.choice([(0, 0), (0, 5), (9, 30), (16, 0), (23, 55), (23, 59)])
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def _department_and_others(department) -> tuple[list[Agency], list[Agency]]:
    """The agencies the department's officer answers for (theirs and those merged into
    it), and two departments outside it."""
    family = list(Agency.objects.filter(pk__in=agency_scope_ids(department)).order_by("pk"))
    others = list(
        Agency.objects.filter(kind="department").exclude(pk__in=[a.pk for a in family])[:2]
    )
    return family, others


def _history(seed: int = 7, department=None) -> list[Petition]:
    """Sixty cases from 2024 to 2026 across Lộc Bình's and two other districts' old
    communes and today's communes (Đông Kinh among them); with `department` (its
    officer), each names one of the agencies it answers for, two of them (the
    department and a body merged into it), another department, one of its own and
    another, or none."""
    rnd = random.Random(seed)
    family, outside = _department_and_others(department) if department else ([], [])
    locbinh = list(old_unit("188").children.order_by("code")[:4])
    others = list(
        AdministrativeUnit.objects.filter(era="before_2025", level="commune")
        .exclude(parent__code="188")
        .order_by("code")[:4]
    )
    today_units = [new_unit("05977"), new_unit("06187")]
    cases = []
    for i in range(60):
        received = datetime.date(2024, 1, 1) + datetime.timedelta(days=rnd.randrange(900))
        era_units = (locbinh + others) if received < datetime.date(2025, 7, 1) else today_units
        home = rnd.choice(era_units)
        matter = home if rnd.random() < 0.7 else rnd.choice(era_units)
        kind = PetitionKind.DENUNCIATION if rnd.random() < 0.2 else PetitionKind.COMPLAINT
        petition = make_petition(
            matter,
            make_citizen(home, f"Công dân {i}", f"0201{i:08d}"),
            kind=kind,
            received=received,
        )
        if family:
            named = rnd.choice(
                [[], [rnd.choice(family)], [rnd.choice(outside)]] * 2
                + [[rnd.choice(family), rnd.choice(outside)], rnd.sample(family, 2)]
            )
            petition.agencies_concerned.set(named, through_defaults=petition.link_copy())
        state, day = "received", received
        for target in rnd.choice(PATHS):
            day += datetime.timedelta(days=rnd.choice([0, 1, 3, 12, 20, 40]))
            WorkflowEvent.objects.create(
                doctype="petition",
                object_id=petition.pk,
                action="step",
                action_label="step",
                from_state=state,
                to_state=target,
                at=_moment(day, rnd),
                overridden=["Quá hạn."] if rnd.random() < 0.1 else [],
            )
            state = target
            if rnd.random() < 0.15:  # a note: the state stays, no outcome
                WorkflowEvent.objects.create(
                    doctype="petition",
                    object_id=petition.pk,
                    action="note",
                    action_label="note",
                    from_state=state,
                    to_state=state,
                    at=_moment(day, rnd),
                )
        Petition.objects.filter(pk=petition.pk).update(state=state)
        cases.append(petition)
    return cases


def _spans() -> list[Period]:
    months = [Period.month(y, m) for y in (2024, 2025, 2026) for m in (1, 2, 6, 7, 12)]
    return months + [
        Period.year(2024),
        Period.year(2025),
        Period.quarter(2025, 3),
        Period.half(2026, 1),
        Period.years(2024, 2026),
    ]


def _figures(period, user) -> tuple:
    f = compute(period, user, parts=PARTS)
    return f.received, f.outcomes, f.backlog, f.rolled_over


def _direct_and_kept(users, periods) -> tuple[dict, dict]:
    """Every figure counted directly (the table not built), then from the table."""
    FigureCount.objects.all().delete()
    assert not cube.built()
    direct = {(p, u): _figures(p, users.get(u)) for p in periods for u in SCOPES}
    cube.rebuild()
    assert cube.built()
    kept = {(p, u): _figures(p, users.get(u)) for p in periods for u in SCOPES}
    return direct, kept


@pytest.mark.django_db
def test_the_kept_figures_are_the_direct_counts_for_every_scope_and_span(role_users):
    from tiep_cong_dan.reporting import figures

    department = role_users["so_nnmt"]
    cases = _history(department=department)
    assert len(_department_and_others(department)[0]) > 1  # a department and its predecessors
    direct, kept = _direct_and_kept(role_users, _spans())
    assert kept == direct
    # The department's were read from its own agency's rows (its cases naming a body
    # merged into it, or both, among them).
    year = Period.year(2025)
    assert figures._Kept.of(year, department).agencies == agency_scope_roots(department)
    family = _department_and_others(department)[0]
    assert any(len(set(c.agencies_concerned.all()) & set(family)) == 2 for c in cases)
    # The history is varied enough to mean something: every scope sees cases, some
    # approvals repeat within a year, a district's backlog is not empty.
    assert all(direct[(year, u)][0] > 0 for u in SCOPES)
    assert direct[(year, "canbo")][3] > 0
    assert any(direct[(Period.month(2025, m), "huyen_locbinh")][2] for m in (1, 2, 6))
    assert any(direct[(Period.month(2025, m), "so_nnmt")][2] for m in (1, 2, 6, 7, 12))
    assert len(cases) == 60


@pytest.mark.django_db
def test_an_officer_of_two_agencies_a_case_names_together_is_counted_directly(role_users):
    """Adding up two agencies' rows would count a case naming both twice: the kept
    figures do not answer, the direct counts do, once each; named by one of them only,
    the rows answer again, as a recount gives them."""
    from tiep_cong_dan.access.models import UserScope
    from tiep_cong_dan.reporting import figures

    department = role_users["so_nnmt"]
    cases = _history(department=department)
    family, outside = _department_and_others(department)
    UserScope.objects.create(user=department, agency=outside[0])
    officer = type(department).objects.get(pk=department.pk)  # scopes read afresh
    twice = next(c for c in cases if c.agencies_concerned.exists())
    set_agencies_concerned(twice, [family[0], outside[0]])
    cube.rebuild()
    spans = [Period.year(2024), Period.year(2025), Period.years(2024, 2026)]
    assert all(figures._Kept.of(span, officer) is None for span in spans)
    # Counted directly, each case once (the one named by both among them).
    assert all(_figures(span, officer)[0] == _received(span, officer) for span in spans)
    assert any(span.start <= twice.received_date <= span.end for span in spans)
    both = {outside[0].pk, *(a.pk for a in family)}
    for case in cases:
        named = {a.pk for a in case.agencies_concerned.all()}
        if outside[0].pk in named and len(named & both) > 1:
            set_agencies_concerned(case, family[:1])
    assert all(figures._Kept.of(span, officer) is not None for span in spans)
    kept = {span: _figures(span, officer) for span in spans}
    assert all(kept[span][0] == _received(span, officer) for span in spans)
    FigureCount.objects.all().delete()
    assert kept == {span: _figures(span, officer) for span in spans}


@pytest.mark.django_db
def test_a_department_beyond_the_id_list_is_counted_through_its_links(role_users, monkeypatch):
    """The direct counts of a department's officer restrict to its cases by a list of
    ids up to NARROWED_IDS, else by the links' subquery; more links than the limit
    (a case naming two of its agencies counts two) take the subquery though the cases
    would fit. Each way gives the same figures, each case once."""
    from tiep_cong_dan.reporting import figures

    department = role_users["so_nnmt"]
    _history(department=department)
    FigureCount.objects.all().delete()  # counted directly
    links = Petition.agencies_concerned.through.objects.filter(
        agency_id__in=agency_scope_ids(department)
    )
    cases = links.values("petition_id").distinct().count()
    assert links.count() > cases > 2  # some case names two of the department's agencies
    spans = [Period.year(2024), Period.year(2025), Period.years(2024, 2026)]
    found = {}
    for limit in (links.count(), cases, 2):  # ids; ids by links, subquery; subquery
        monkeypatch.setattr(figures, "NARROWED_IDS", limit)
        found[limit] = {span: _figures(span, department) for span in spans}
        narrowed = figures._narrowed(department)
        assert isinstance(narrowed, list) == (limit == links.count())
    assert found[links.count()] == found[cases] == found[2]
    assert all(found[2][span][0] == _received(span, department) for span in spans)


def _received(span: Period, officer) -> int:
    """The counted cases received in `span` that name an agency the officer answers
    for, each once: read from the links, not through the figures."""
    return (
        Petition.objects.counted()
        .filter(
            received_date__range=(span.start, span.end),
            agencies_concerned__in=agency_scope_ids(officer),
        )
        .distinct()
        .count()
    )


@pytest.mark.django_db
def test_a_merger_recorded_after_the_count_is_not_read_until_the_recount(role_users):
    """The rows follow the mergers they were counted under: once another is recorded,
    a department's figures are counted directly (its new predecessor's cases among
    them) until the recount puts them on its rows."""
    from tiep_cong_dan.doctype.agency.models import AgencySuccession
    from tiep_cong_dan.reporting import figures

    department = role_users["so_nnmt"]
    _history(department=department)
    family, outside = _department_and_others(department)
    cube.rebuild()
    year = Period.year(2025)
    before = _figures(year, department)
    AgencySuccession.objects.create(
        old_agency=outside[0],
        new_agency=family[0],
        effective_on=datetime.date(2025, 3, 1),
        source="Quyết định thử",
    )
    cache.clear()  # the predecessors the scope reads are kept an hour
    officer = type(department).objects.get(pk=department.pk)
    assert figures._Kept.of(year, officer) is None
    direct = _figures(year, officer)
    assert direct != before  # the merged body's cases count for the department now
    cube.rebuild()
    assert figures._Kept.of(year, officer) is not None
    assert _figures(year, officer) == direct
    # Recorded and removed again between two recounts, with a change kept meanwhile:
    # the mergers are those of the recount again, the rows moved under the other not.
    succession = AgencySuccession.objects.get(old_agency=outside[0], new_agency=family[0])
    succession.delete()
    cube.rebuild()
    succession.pk = None
    succession.save()
    merged = next(
        c
        for c in Petition.objects.filter(agencies_concerned=outside[0]).order_by("pk")
        if list(c.agencies_concerned.all()) == [outside[0]]
    )
    merged.received_date -= datetime.timedelta(days=31)  # its figures move a month
    update_petition(merged, by=role_users["canbo"], fields=["received_date"])
    AgencySuccession.objects.filter(pk=succession.pk).delete()
    cache.clear()
    officer = type(department).objects.get(pk=department.pk)
    assert figures._Kept.of(year, officer) is None
    assert _figures(year, officer) == before


@pytest.mark.django_db
def test_the_scoped_reads_are_the_rules_rows(role_users):
    """The cases waiting now, read per unit column for a viewer scoped by units, are
    those the permission rule gives."""
    from tiep_cong_dan.reporting import figures

    cases = _history()
    waiting = [p.pk for p in cases[::3]]  # a third of them waiting now, in every unit
    Petition.objects.filter(pk__in=waiting[::2]).update(state="approved")
    Petition.objects.filter(pk__in=waiting[1::2]).update(state="scheduled")
    for username in SCOPES:
        user = role_users.get(username)
        expected = figures.visible_petitions(user).filter(state__in=figures.WAITING).count()
        assert figures._waiting_now(user) == expected, username
    district = role_users["huyen_locbinh"]
    assert figures._waiting_now(district) > 0


@pytest.mark.django_db
def test_a_span_counts_a_case_once_though_it_reached_the_state_in_two_months(role_users):
    unit = old_unit("188").children.order_by("code").first()
    petition = make_petition(
        unit, make_citizen(unit, "Lăng Văn A", "020070000201"), received=datetime.date(2024, 1, 3)
    )
    for src, dst, day in (
        ("received", "classified", datetime.date(2024, 1, 4)),
        ("classified", "approved", datetime.date(2024, 1, 5)),
        ("approved", "scheduled", datetime.date(2024, 1, 10)),
        ("scheduled", "approved", datetime.date(2024, 1, 15)),  # rolled over, approved again
        ("approved", "scheduled", datetime.date(2024, 2, 10)),
        ("scheduled", "approved", datetime.date(2024, 2, 15)),  # and again in February
    ):
        WorkflowEvent.objects.create(
            doctype="petition",
            object_id=petition.pk,
            action="step",
            action_label="step",
            from_state=src,
            to_state=dst,
            at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))),
        )
    Petition.objects.filter(pk=petition.pk).update(state="approved")
    cube.rebuild()
    district = role_users["huyen_locbinh"]
    for period, approved, rolled in (
        (Period.month(2024, 1), 1, 1),
        (Period.month(2024, 2), 1, 1),
        (Period.months_of((2024, 1), (2024, 2)), 1, 1),
        (Period.year(2024), 1, 1),
    ):
        f = compute(period, district, parts=PARTS)
        assert (f.outcomes["approved"], f.rolled_over) == (approved, rolled)
    assert compute(Period.month(2024, 2), district, parts=PARTS).backlog == 1


def _cells() -> dict:
    return {
        (c.figure, c.month, c.since, c.residence_unit, c.matter_unit, c.agency): c.count
        for c in FigureCount.objects.exclude(figure="")
        if c.count
    }


@pytest.mark.django_db
def test_steps_edits_and_new_cases_keep_the_table_as_a_recount_makes_it(role_users):
    cube.rebuild()  # an empty site: built, kept from the first case
    head, officer = role_users["truongban"], role_users["canbo"]
    dongkinh, kylua = new_unit("05977"), new_unit("06187")
    first = make_petition(dongkinh, make_citizen(dongkinh, "Hoàng Văn An", "020090000011"))
    second = make_petition(
        kylua,
        make_citizen(kylua, "Nông Thị Bích", "020190000012"),
        kind=PetitionKind.DENUNCIATION,
    )
    assert _cells()[("received", 202603, 0, dongkinh.pk, dongkinh.pk, 0)] == 1
    for petition in (first, second):
        workflow.apply(make_eligible(petition), "classify", by=officer, comment="Xét.")
    workflow.apply(first, "admit_in_person", by=head, comment="Tiếp trực tiếp.")
    workflow.apply(second, "withdraw", by=officer, comment="Công dân rút đơn.")
    # An edit that moves the case to another unit and month moves its figures.
    first.matter_unit = kylua
    first.received_date = datetime.date(2026, 2, 27)
    update_petition(first, by=officer, fields=["matter_unit", "received_date"])
    # Naming its agencies moves its figures onto theirs; naming others moves them on.
    family, others = _department_and_others(role_users["so_nnmt"])
    set_agencies_concerned(first, [family[0], others[0]])
    assert _cells()[("received", 202602, 0, 0, 0, family[0].pk)] == 1
    set_agencies_concerned(first, [others[0]])
    kept = _cells()
    assert ("received", 202602, 0, 0, 0, family[0].pk) not in kept
    assert kept[("received", 202602, 0, 0, 0, others[0].pk)] == 1
    assert kept[("received", 202602, 0, dongkinh.pk, kylua.pk, 0)] == 1
    assert (
        kept[
            (
                "outcome:approved",
                timezone.localdate().year * 100 + timezone.localdate().month,
                0,
                dongkinh.pk,
                kylua.pk,
                0,
            )
        ]
        == 1
    )
    cube.rebuild()
    assert _cells() == kept


@pytest.mark.django_db
def test_a_refused_step_leaves_the_table_as_it_was(role_users):
    cube.rebuild()
    unit = new_unit("05977")
    petition = make_petition(unit, make_citizen(unit, "Hoàng Văn An", "020090000021"))
    before = _cells()
    with pytest.raises(workflow.TransitionRefused):
        workflow.apply(petition, "hear", by=role_users["canbo"])  # not from "received"
    assert _cells() == before


@pytest.mark.django_db
def test_a_table_never_built_is_not_read(role_users):
    """A site upgraded with its history counts directly until the first rebuild."""
    unit = new_unit("05977")
    make_petition(unit, make_citizen(unit, "Hoàng Văn An", "020090000031"))
    assert not cube.built() and not FigureCount.objects.exists()
    month = Period.month(2026, 3)
    assert compute(month, role_users["xa_dongkinh"], parts=PARTS).received == 1


@pytest.mark.django_db
def test_the_import_of_past_records_counts_its_cases_in_the_table(tmp_path, role_users):
    from tiep_cong_dan.imports.history import import_history

    from ..imports.scheme_records import scheme_register

    cube.rebuild()
    path = tmp_path / "so-tiep-cong-dan-2023-2024.xlsx"
    scheme_register(path, son_ha=False)
    result = import_history(path, by=role_users["canbo"], commit=True)
    assert result.ok, result.errors[:5]
    kept = _cells()
    assert sum(n for cell, n in kept.items() if cell[0] == "received") == Petition.objects.count()
    assert any(cell[0] == "outcome:heard" for cell in kept)
    cube.rebuild()
    assert _cells() == kept
    year = Period.year(2023)
    assert (
        compute(year, parts=PARTS).received
        == Petition.objects.filter(received_date__year=2023).count()
    )
