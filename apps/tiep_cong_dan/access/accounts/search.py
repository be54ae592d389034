"""The users list searched as every other list is (core/search.py): words in any
order, accents or not, the name first (equal, then starting with the words), through
the folded words kept beside each account (`UserWords`).

Django's user table is written by more than the desk (`createsuperuser`, the demo's
commands, the shell), and no signal may keep a copy in step: so the desk's save keeps
it, and each search first brings up to date the accounts whose copy is missing or
differs from the account (one query over a table of a few hundred rows)."""

from collections.abc import Iterable

from django.contrib.auth import get_user_model
from django.db.models import F, Q, QuerySet

from ...core.search import word_search
from .models import UserWords

COLUMN = "tcd_words__search_text"


def keep_user_words(users: Iterable) -> int:
    """Write the copy and the search column of each of `users`; how many."""
    count = 0
    for user in users:
        copies = {name: getattr(user, name) or "" for name in UserWords.COPIED}
        UserWords.objects.update_or_create(user_id=user.pk, defaults=copies)
        count += 1
    return count


def behind() -> QuerySet:
    """The accounts whose copy is missing or no longer the account's."""
    differs = Q(tcd_words__isnull=True)
    for name in UserWords.COPIED:
        differs |= ~Q(**{name: F(f"tcd_words__{name}")})
    return get_user_model().objects.filter(differs).only("pk", *UserWords.COPIED)


def search_users(qs: QuerySet, term: str) -> QuerySet:
    """The accounts of `qs` that `term` finds, best matches first."""
    term = " ".join((term or "").split())
    if not term:
        return qs
    keep_user_words(behind())
    return word_search(qs, term, column=COLUMN)
