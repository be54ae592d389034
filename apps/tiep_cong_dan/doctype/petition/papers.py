"""A petition's own papers (the files its receipt 02/TCD lists) added and removed
outside its form, as the API does: each asks the petition rule as the form's inline
does (whoever may edit the petition in its state), and is checked by core/uploads.py
through the model's validation before anything is stored."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from ...access.rules import rule_for
from .models import Petition, PetitionAttachment


def may_read_papers(user, petition: Petition) -> bool:
    """Those who read the petition, a denunciation's scans only those cleared (they
    carry the denouncer's handwriting and papers)."""
    rule = rule_for(Petition)
    return rule.can_view(user, petition) and "attachments" not in rule.masked_fields(user, petition)


def may_add_papers(user, petition: Petition) -> bool:
    return may_read_papers(user, petition) and rule_for(Petition).can_change(user, petition)


@transaction.atomic
def add_paper(petition: Petition, *, title: str, file, by) -> PetitionAttachment:
    if not may_add_papers(by, petition):
        raise PermissionDenied
    paper = PetitionAttachment(petition=petition, title=title, file=file)
    paper.full_clean()
    paper._history_user = by
    paper.save()
    return paper


@transaction.atomic
def remove_paper(paper: PetitionAttachment, *, by) -> None:
    """Remove the paper (its row kept in the change history); the stored bytes go with it."""
    if not may_add_papers(by, paper.petition):
        raise PermissionDenied
    name = paper.file.name
    paper._history_user = by
    paper.delete()
    transaction.on_commit(lambda: paper.file.storage.delete(name))
