"""Writes to the public pages: the Board's edits in the desk and the shipped pages a
new site starts with."""

from django.db import transaction

from ...core.records import save_changes
from .defaults import default_pages
from .models import PublicPage


@transaction.atomic
def create_public_page(page: PublicPage, *, by=None) -> PublicPage:
    """A new page, validated as a whole, its author in its history."""
    page.full_clean()
    if by is not None:
        page._history_user = by
    page.save()
    return page


def edit_public_page(page: PublicPage, changes: dict, *, by=None) -> PublicPage:
    """The Board's edit of a page (title, content, order, whether it is published)."""
    return save_changes(page, changes, by=by)


@transaction.atomic
def seed_public_pages() -> int:
    """Add the shipped pages whose address is not taken. A page already there (however
    the Board has changed or unpublished it) is left as it is. Returns how many were
    added."""
    taken = set(PublicPage.objects.values_list("slug", flat=True))
    added = 0
    for fields in default_pages():
        if fields["slug"] in taken:
            continue
        create_public_page(PublicPage(**fields))
        added += 1
    return added
