"""A citizen found by name among a million, from the words of their search column.

`CitizenWord` holds each word of a citizen's search column (core/search.py: the folded
name, the ID number, the initials), one row each, indexed by (word, citizen) and by
(citizen, word). A search term names the citizens whose column has, for each of its
words, a word starting with it: the same as `search_text__words=term`, answered from
these two indexes instead of MariaDB's full-text index, which merges the whole posting
lists of common words ("nguyen", "van": 125,000 and 150,000 entries, about a second).

How the term is answered depends on its rarest word, found by counting each word's
index range up to PEOPLE_FETCHED entries:
- some word is rare ("hung", "quyet"): the people are read from that word's range and
  each checked for the other words by its own index (at most PEOPLE_FETCHED look-ups);
- every word is common ("nguyen van"): a condition checked on each row of the list read
  in its own order, one look-up per word (`exists_looked_up`): a page of 50 is found
  within a few thousand rows precisely because matches are many.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q

from ...core.plans import exists_looked_up
from ...core.search import TITLE_END, fold

# Up to this many people, the ids are read and the rows looked up by them.
PEOPLE_FETCHED = 5000
MAX_WORD = 64  # CitizenWord.word's length: a longer word is kept (and sought) by its start


def words_of(search_text: str) -> list[str]:
    """The distinct words of a search column, in order ("nguyen van an | 0201 nva")."""
    return list(dict.fromkeys(w[:MAX_WORD] for w in search_text.split() if w != TITLE_END))


def keep_words(citizens: Iterable, *, new: bool = False) -> None:
    """Each saved citizen's word rows as its search column holds them now. `new`: the
    citizens were just inserted and have none yet (nothing to read or delete)."""
    from .models import CitizenWord

    wanted = {c.pk: set(words_of(c.search_text or "")) for c in citizens if c.pk is not None}
    if not wanted:
        return
    have: dict[int, set[str]] = defaultdict(set)
    if not new:
        rows = CitizenWord.objects.filter(citizen_id__in=list(wanted))
        for citizen_id, word in rows.values_list("citizen_id", "word"):
            have[citizen_id].add(word)
    for citizen_id, words in wanted.items():
        gone = have[citizen_id] - words
        if gone:
            CitizenWord.objects.filter(citizen_id=citizen_id, word__in=gone).delete()
    CitizenWord.objects.bulk_create(
        CitizenWord(citizen_id=citizen_id, word=word)
        for citizen_id, words in wanted.items()
        for word in sorted(words - have[citizen_id])
    )


@dataclass(frozen=True)
class NameMatch:
    """The citizens a term names: their ids when few, else the words every row is
    checked for. `condition(path)` narrows rows whose citizen id is at `path`."""

    ids: list[int] | None
    words: tuple[str, ...] = ()

    @property
    def per_row(self) -> bool:
        """Whether the rows are checked one by one (every word common): the caller
        reads them inside `exists_looked_up`, in the list's own order."""
        return self.ids is None

    def condition(self, path: str) -> Q:
        from .models import CitizenWord

        if self.ids is not None:
            return Q(**{f"{path}__in": self.ids})
        condition = Q()
        for word in self.words:
            condition &= Q(
                Exists(
                    CitizenWord.objects.filter(citizen_id=OuterRef(path), word__istartswith=word)
                )
            )
        return condition


def citizens_named(term: str) -> NameMatch:
    """The citizens whose search column holds every word of `term` (see the module)."""
    from .models import CitizenWord

    words = list(dict.fromkeys(w[:MAX_WORD] for w in fold(term).split()))
    if not words:
        return NameMatch(ids=None)
    # The longest words first: usually the rarest, so the first range under the cap
    # is most often the only one counted.
    for word in sorted(words, key=len, reverse=True):
        in_range = CitizenWord.objects.filter(word__istartswith=word)
        if in_range[: PEOPLE_FETCHED + 1].count() > PEOPLE_FETCHED:
            continue
        found = in_range.values_list("citizen_id", flat=True)
        for other in words:
            if other != word:
                found = found.filter(
                    Exists(
                        CitizenWord.objects.filter(
                            citizen_id=OuterRef("citizen_id"), word__istartswith=other
                        )
                    )
                )
        with exists_looked_up():  # a look-up per person, not the common word's range
            return NameMatch(ids=sorted(set(found.order_by())))
    return NameMatch(ids=None, words=tuple(words))
