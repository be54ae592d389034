"""A session's dossiers as one reader may see them, hearing by hearing (the console during
the session, the Chairman's briefing pack): the dossiers the rule lets the reader see,
each briefing and its files only where the rule does not mask them, read in two queries
whatever the number of hearings and agencies. A cleared reader shown a denunciation's
briefing is logged."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType

from ...access.attachments.models import Attachment
from ...access.confidential import log_confidential_access
from ...access.rules import rule_for
from ...core.files import file_url
from .models import HearingDossier

# What the access log names when a denunciation's briefing is shown.
LOGGED_FIELDS = frozenset({"dossier_briefing"})


@dataclass
class ShownDossier:
    dossier: HearingDossier
    words_shown: bool  # the briefing and its files (masked for a denunciation otherwise)
    files: list = field(default_factory=list)  # [(attachment, its download address)]


def dossiers_by_hearing(user, session) -> dict[int, list[ShownDossier]]:
    """agenda item id -> the dossiers of that hearing `user` may see, by agency name."""
    rule = rule_for(HearingDossier)
    rows = list(
        rule.queryset(user, HearingDossier.objects.filter(session=session))
        .select_related("agency", "petition")
        .order_by("agenda_item_id", "agency__name", "pk")
    )
    shown = [ShownDossier(d, not rule.masked_fields(user, d)) for d in rows]
    readable = [s.dossier.pk for s in shown if s.words_shown]
    files = defaultdict(list)
    if readable:
        kind = ContentType.objects.get_for_model(HearingDossier)
        for attachment in Attachment.objects.filter(content_type=kind, object_id__in=readable):
            files[attachment.object_id].append((attachment, file_url(attachment.file.name)))
    found: dict[int, list[ShownDossier]] = defaultdict(list)
    for s in shown:
        s.files = files.get(s.dossier.pk, [])
        found[s.dossier.agenda_item_id].append(s)
    return dict(found)


def log_briefings_shown(request, by_hearing: dict[int, list[ShownDossier]]) -> None:
    """The denunciations whose briefings a cleared reader was just shown."""
    ids = sorted(
        {
            s.dossier.petition_id
            for dossiers in by_hearing.values()
            for s in dossiers
            if s.words_shown and s.dossier.petition.is_denunciation
        }
    )
    log_confidential_access(request, object_type="petition", object_ids=ids, fields=LOGGED_FIELDS)
