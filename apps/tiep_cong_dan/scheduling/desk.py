"""Desk pages the admin's forms cannot give: the month calendar, the queue and a
session's agenda board. Every page asks the same permission rules as the lists."""

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, F, IntegerField, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from ..access.confidential import MASK
from ..access.list_calendar import month_weeks, neighbours
from ..access.roles import PROVINCE_WIDE, Role, roles_of
from ..access.rules import rule_for
from ..core import typed
from ..core.params import BadParameter, parse_month, parse_whole_number
from ..doctype.citizen.personal_data import log_denouncers_shown
from ..doctype.notification.services import desk_link
from ..doctype.petition.models import Petition
from ..doctype.reception_session.models import AgendaItem, ReceptionSession
from ..workflow.loader import definition
from .agenda import build_agenda, double_booked_points, move_hearing, points_readiness
from .calendar import generate_periodic_sessions
from .forecast_words import explained
from .planning import set_wait_threshold, shared_plan
from .queue import queue, queue_length, waiting_days

# A session takes 12-15 cases: a page of 100 shows several sessions ahead and renders
# in a few milliseconds (500 rows took most of the page's time).
QUEUE_PAGE = 100
NAME = frozenset({"full_name"})  # what the queue and the board show of a petitioner


def _context(admin, request, title, **extra):
    base = admin.admin_site.each_context(request)
    return {**base, "title": title, "opts": admin.model._meta, **extra}


def _petitioner(rule, user, petition) -> str:
    # The same masking as the petition list: a denouncer is named only to the cleared.
    return petition.citizen.full_name if rule.identity_visible(user, petition) else MASK


def calendar_view(admin, request):
    """A month at a glance: its sessions, holidays and days off."""
    if not rule_for(ReceptionSession).can_view(request.user):
        raise PermissionDenied
    today = timezone.localdate()
    month = request.GET.get("month", "")
    first = parse_month(month) if month else today.replace(day=1)
    if request.method == "POST":
        if not rule_for(ReceptionSession).can_add(request.user):
            raise PermissionDenied
        created = generate_periodic_sessions(first, 12, by=request.user)
        messages.success(
            request, _("%(count)s periodic session(s) created.") % {"count": len(created)}
        )
        return HttpResponseRedirect(request.get_full_path())
    visible = rule_for(ReceptionSession).queryset(request.user)
    wf = definition("reception_session")
    sessions: dict[datetime.date, list] = {}
    for s in visible.filter(date__year=first.year, date__month=first.month):
        sessions.setdefault(s.date, []).append(
            {
                "title": f"{s.get_kind_display()} {s.start_time:%H:%M}"
                if s.start_time
                else str(s.get_kind_display()),
                "note": wf.label_of(s.state),
                "url": desk_link(s),
            }
        )
    previous, following = neighbours(first)
    upcoming = visible.filter(kind="periodic", date__gte=today).order_by("date")[:12]
    return TemplateResponse(
        request,
        "tiep_cong_dan/scheduling/calendar.html",
        _context(
            admin,
            request,
            _("Reception calendar, %(month)s") % {"month": first.strftime("%m/%Y")},
            weeks=month_weeks(first, sessions),
            month=first,
            previous=previous,
            following=following,
            upcoming=upcoming,
            may_generate=rule_for(ReceptionSession).can_add(request.user),
        ),
    )


def _rollovers():
    """How many times each case was not reached and went back to the queue."""
    from ..workflow.models import WorkflowEvent

    return (
        WorkflowEvent.objects.filter(
            doctype="petition", object_id=OuterRef("pk"), action="mark_not_reached"
        )
        .values("object_id")
        .annotate(n=Count("id"))
        .values("n")
    )


def _threshold_post(request) -> None:
    """The Board head sets the expected-wait threshold (a number of days)."""
    if Role.BOARD_HEAD not in roles_of(request.user):
        raise PermissionDenied
    try:
        days = parse_whole_number(request.POST.get("threshold", ""), _("The threshold"))
        if days is None:
            raise ValidationError(_("The threshold is a number of days from 1 to 730."))
        set_wait_threshold(days, by=request.user)
    except BadParameter as exc:
        messages.error(request, exc.message)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request, _("Threshold of expected wait set to %(days)s days.") % {"days": days}
        )


def queue_view(admin, request):
    """The approved cases in the order they will be heard, with their waiting time and
    the wait the forecast expects (scheduling/planning.py)."""
    rule = rule_for(Petition)
    if not rule.can_view(request.user):
        raise PermissionDenied
    if request.method == "POST":
        _threshold_post(request)
        return HttpResponseRedirect(request.get_full_path())
    today = timezone.localdate()
    forecast = shared_plan(today)
    visible = rule.queryset(request.user)
    waiting = queue(visible)
    page = parse_whole_number(request.GET.get("page", "1"), _("The page")) or 1
    first = (page - 1) * QUEUE_PAGE
    # The forecast counted the whole queue already: the same number for a viewer who
    # sees every case. Another's is counted from the cases they see (queue_length
    # takes the open agendas' cases away itself: given `waiting`, MariaDB asked the
    # agenda of each of a district's approved cases, 126 ms).
    if rule.sees_all(request.user):
        total = forecast.queue_size
    else:
        branches = rule.scope_branches(request.user)
        total = queue_length(visible, branches.parts if branches is not None else ())
    # The page's keys first, along the queue's own index; then its rows by key. Joined
    # to the units in one query, MariaDB read a backlog of a quarter of a million cases
    # unit by unit and sorted it (8 s).
    keys = list(waiting.values_list("pk", flat=True)[first : first + QUEUE_PAGE])
    found = (
        Petition.objects.filter(pk__in=keys)
        # The unit is named with its district (AdministrativeUnit.__str__): one join,
        # not a query per row.
        .select_related("citizen", "residence_unit__parent")
        .annotate(rolled_over=Coalesce(Subquery(_rollovers(), output_field=IntegerField()), 0))
        .in_bulk()
    )
    rows = [
        {
            "place": place,
            "petition": p,
            "url": desk_link(p),
            "petitioner": _petitioner(rule, request.user, p),
            "unit": p.residence_unit,
            "waiting": waiting_days(p, today),
            "rolled_over": p.rolled_over,
            "expected": forecast.base.cases.get(p.pk),
            "flagged": forecast.flagged(p.pk),
        }
        for place, p in enumerate((found[key] for key in keys), start=first + 1)
    ]
    log_denouncers_shown(
        request, [(r["petition"].citizen_id, r["petition"]) for r in rows], fields=NAME
    )
    return TemplateResponse(
        request,
        "tiep_cong_dan/scheduling/queue.html",
        _context(
            admin,
            request,
            _("The Chairman's queue"),
            rows=rows,
            total=total,
            first=first + 1,
            last=first + len(rows),
            previous=page - 1 if page > 1 else None,
            following=page + 1 if first + QUEUE_PAGE < total else None,
            # The province's plan is the Board's and the Chairman's; a unit officer
            # sees the expected dates of their own cases only.
            plan=explained(forecast) if roles_of(request.user) & PROVINCE_WIDE else None,
            threshold=forecast.threshold,
            may_set_threshold=Role.BOARD_HEAD in roles_of(request.user),
        ),
    )


def _typed_move(item, kept: typed.Typed) -> dict:
    """A row's move form: as typed on the refused post about this hearing, else its
    current place and no reason."""
    if kept.value("item") != str(item.pk):
        kept = typed.Typed()
    return {
        "position": kept.value("position", item.position),
        "reason": kept.value("reason"),
        "errors": kept.errors,
    }


def agenda_view(admin, request, object_id):
    """A session's agenda board: ordered hearings with their points and readiness."""
    session = admin.get_object(request, object_id)  # the rule's queryset: scope applies
    if session is None:
        raise Http404  # as for a session that does not exist
    may_change = rule_for(ReceptionSession).can_change(request.user, session)
    if request.method == "POST":
        if not may_change:
            raise PermissionDenied
        where, errors, refused = f"agenda:{session.pk}", {}, False
        try:
            if "build" in request.POST:
                added = build_agenda(session, by=request.user)
                messages.success(
                    request, _("%(count)s case(s) taken from the queue.") % {"count": len(added)}
                )
            else:
                item_id = parse_whole_number(request.POST.get("item"), _("The hearing"))
                item = get_object_or_404(AgendaItem, pk=item_id, session=session)
                reason = request.POST.get("reason", "").strip()
                try:
                    position = parse_whole_number(request.POST.get("position"), _("The position"))
                except BadParameter as exc:
                    errors["position"] = [exc.message]
                if not reason:
                    errors["reason"] = [_("Give the reason for the new order.")]
                if not errors:
                    move_hearing(session, item, position, by=request.user, reason=reason)
                    messages.success(request, _("The agenda was reordered."))
        except ValidationError as exc:
            refused = True
            if getattr(exc, "code", None) == "bad_position":
                errors["position"] = list(exc.messages)
            else:
                messages.error(request, " ".join(exc.messages))
        except ValueError as exc:
            refused = True
            messages.error(request, str(exc))
        except BadParameter as exc:
            refused = True
            messages.error(request, exc.message)
        if errors or (refused and "build" not in request.POST):
            # The row's position and reason come back as typed, each error beside it.
            typed.keep(request, where, request.POST, ("item", "position", "reason"), errors)
            if errors:
                messages.error(request, _("Not saved: correct the marked fields below."))
        return HttpResponseRedirect(request.path)
    kept = typed.take(request, f"agenda:{session.pk}")
    petitions = rule_for(Petition)
    shown = set(
        rule_for(AgendaItem)
        .queryset(request.user, session.agenda_items)
        .values_list("pk", flat=True)
    )
    operator = rule_for(ReceptionSession).can_operate_conference(request.user, session)
    items = [
        item
        for item in session.agenda_items.select_related(
            "petition__citizen", "bridge_point", "petition__residence_unit"
        )
        .prefetch_related("petition__agencies_concerned")
        # In the day's order: the morning's in-person hearings before the afternoon's
        # online ones, whatever their places in the queue; unslotted ones last.
        .order_by(F("slot_start").asc(nulls_last=True), "position")
        # A hearing outside the viewer's scope is only its slot and point, for those
        # who run the room (as on the console); nothing for anyone else.
        if item.pk in shown or operator
    ]
    ready = points_readiness([i.bridge_point for i in items], session.date)
    rows = []
    for item in items:
        p, case_shown = item.petition, item.pk in shown
        rows.append(
            {
                "item": item,
                "case_shown": case_shown,
                "url": desk_link(p) if case_shown else "",
                "petitioner": _petitioner(petitions, request.user, p) if case_shown else "",
                "group": p.group_size if case_shown and p.is_group else None,
                "agencies": ", ".join(a.name for a in p.agencies_concerned.all())
                if case_shown
                else "",
                "test": ready.get(item.bridge_point_id),
                **_typed_move(item, kept),
            }
        )
    named = [(r["item"].petition.citizen_id, r["item"].petition) for r in rows if r["case_shown"]]
    log_denouncers_shown(request, named, fields=NAME)
    return TemplateResponse(
        request,
        "tiep_cong_dan/scheduling/agenda.html",
        _context(
            admin,
            request,
            _("Agenda of %(session)s") % {"session": session},
            session=session,
            session_url=desk_link(session),
            state_label=definition("reception_session").label_of(session.state),
            rows=rows,
            clashes=double_booked_points(session),
            may_change=may_change,
            may_build=may_change and session.state == "draft",
        ),
    )


def special_session_view(admin, request, object_id):
    """An ad hoc (Law Art. 18(3)) or central-request session for one approved case."""
    from django import forms

    from ..doctype.reception_session.constants import AdHocGround
    from .adhoc import create_special_session

    if not rule_for(ReceptionSession).can_add(request.user):
        raise PermissionDenied
    petition = admin.get_object(request, object_id)
    if petition is None:
        raise Http404  # as for a case that does not exist

    class SpecialSessionForm(forms.Form):
        day = forms.DateField(label=_("Date"))
        start = forms.TimeField(label=_("Start"), initial=datetime.time(14, 0))
        kind = forms.ChoiceField(
            label=_("Kind"),
            choices=[
                ("a", AdHocGround.A.label),
                ("b", AdHocGround.B.label),
                ("central", _("At the central board's request")),
            ],
            widget=forms.RadioSelect,
        )

    form = SpecialSessionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            session = create_special_session(
                petition,
                day=data["day"],
                start=data["start"],
                ground="" if data["kind"] == "central" else data["kind"],
                central=data["kind"] == "central",
                by=request.user,
            )
        except ValidationError as exc:
            # The session's errors beside this form's fields where they have one (a
            # date the session cannot take shows at the date), else above the form.
            names = {"date": "day", "start_time": "start", "ad_hoc_ground": "kind"}
            for name, texts in typed.errors_by_field(exc, names).items():
                for text in texts:
                    form.add_error(name if name in form.fields else None, text)
        else:
            messages.success(request, _("Session created: %(session)s.") % {"session": session})
            return HttpResponseRedirect(
                reverse("admin:tiep_cong_dan_receptionsession_agenda", args=[session.pk])
            )
    return TemplateResponse(
        request,
        "tiep_cong_dan/scheduling/special_session.html",
        _context(
            admin,
            request,
            _("A session of its own for %(petition)s") % {"petition": petition},
            form=form,
            petition=petition,
        ),
    )
