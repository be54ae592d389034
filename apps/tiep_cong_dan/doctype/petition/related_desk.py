"""Related cases in the desk: the panel on a petition's page (related.py as the viewer
may see it), its two actions through the services (link this petition to an earlier
case of the same matter; prepare the Law Art. 9(3) refusal citing the resolved case
it repeats), and the rows the registration form shows beside the likely duplicates."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ...access.confidential import MASK, log_confidential_access
from ...access.rules import rule_for
from ...workflow.loader import definition, step_open_to
from .models import Petition
from .related import REFUSAL_GROUND_FOR_REPEAT, RelatedCase, related_cases, resolved_repeat
from .services import cite_resolved_case, link_same_matter

REFUSE = "refuse"


def shown_related(rows: list[RelatedCase], user) -> list[dict]:
    """The related cases as rows of the panel (the workflow's labels read once)."""
    wf = definition("petition")
    rule = rule_for(Petition)
    shown = []
    for r in rows:
        p = r.petition
        visible = rule.identity_visible(user, p)
        shown.append(
            {
                "pk": p.pk,
                "number": p.registration_number,
                "url": reverse("admin:tiep_cong_dan_petition_change", args=[p.pk]),
                "received": p.received_date,
                "kind": p.get_kind_display(),
                "state": wf.label_of(p.state),
                "petitioner": p.citizen.full_name if visible else str(MASK),
                "summary": p.summary if visible else str(MASK),
                "reasons": r.reason_labels,
                "reason_codes": list(r.reasons),
                "score": round(r.score),
                "closing_document": r.closing_document,
                "resolved": r.resolved,
                "repeats_resolved": r.repeats_resolved,
                "same_matter": bool(p.same_matter_as_id),
                "denunciation_shown": p.is_denunciation and visible,
            }
        )
    return shown


def log_related_shown(request, rows: list[dict]) -> None:
    shown = [row["pk"] for row in rows if row["denunciation_shown"]]
    if shown:
        log_confidential_access(
            request, object_type="petition", object_ids=shown, fields={"citizen"}
        )


def may_refuse(user, petition: Petition) -> bool:
    steps = {t.action for t in definition("petition").transitions_from(petition.state)}
    return REFUSE in steps and step_open_to(user, "petition", REFUSE)


def panel_context(request, petition: Petition) -> dict:
    """What the petition's page shows of its related cases."""
    found = related_cases(petition, request.user)
    rows = shown_related(found, request.user)
    log_related_shown(request, rows)
    repeat = resolved_repeat(found)
    can_change = rule_for(Petition).can_change(request.user, petition)
    offer = None
    if repeat is not None and may_refuse(request.user, petition):
        offer = {
            "pk": repeat.petition.pk,
            "number": repeat.petition.registration_number,
            "closing_document": repeat.closing_document,
            "cited": petition.refusal_cites_id == repeat.petition.pk
            and petition.refusal_ground == REFUSAL_GROUND_FOR_REPEAT,
            "url": reverse("admin:tiep_cong_dan_petition_cite_resolved", args=[petition.pk]),
        }
    return {
        "rows": rows,
        "repeat": repeat is not None,
        "offer": offer,
        "can_link": can_change and petition.same_matter_as_id is None,
        "link_url": reverse("admin:tiep_cong_dan_petition_same_matter", args=[petition.pk]),
        "petition": petition,
    }


def _chosen(request, petition: Petition) -> Petition:
    try:
        pk = int(request.POST.get("case", ""))
    except ValueError:
        raise Http404 from None
    # Only a case the panel could show: the viewer's rule, related to this petition.
    found = {r.petition.pk: r.petition for r in related_cases(petition, request.user)}
    if pk not in found:
        raise Http404
    return Petition.objects.get(pk=pk)


def _back(petition: Petition) -> HttpResponseRedirect:
    url = reverse("admin:tiep_cong_dan_petition_change", args=[petition.pk])
    return HttpResponseRedirect(f"{url}#related-cases")


def same_matter_view(admin, request, object_id):
    """POST: link this petition to the related case chosen ("cùng vụ việc với …")."""
    if request.method != "POST":
        raise Http404
    petition = admin.get_object(request, object_id)
    if petition is None:
        raise Http404
    if not rule_for(Petition).can_change(request.user, petition):
        raise PermissionDenied
    matter = _chosen(request, petition)
    try:
        link_same_matter(petition, matter=matter, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(petition)
    messages.success(
        request,
        _("Petition %(number)s is recorded as the same matter as %(matter)s.")
        % {"number": petition, "matter": petition.same_matter_as},
    )
    return _back(petition)


def cite_resolved_view(admin, request, object_id):
    """POST: prepare the refusal (Law Art. 9(3)) citing the resolved case chosen; the
    officer then takes the step "refuse" with its notice."""
    if request.method != "POST":
        raise Http404
    petition = admin.get_object(request, object_id)
    if petition is None:
        raise Http404
    if not may_refuse(request.user, petition):
        raise PermissionDenied
    earlier = _chosen(request, petition)
    try:
        cite_resolved_case(petition, earlier=earlier, by=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return _back(petition)
    messages.success(
        request,
        _(
            "The refusal ground (Law on Citizen Reception Art. 9(3)) and the case %(number)s "
            "are recorded: take the step “Refuse” with the refusal notice (form 01/TCD)."
        )
        % {"number": earlier},
    )
    return _back(petition)
