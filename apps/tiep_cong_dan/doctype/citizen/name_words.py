"""A citizen found by name among a million, from the words of their search column.

`CitizenWord` holds each word of a citizen's search column (core/search.py: the folded
name, the ID number, the initials), one row each, indexed by (word, citizen) and by
(citizen, word). A search term names the citizens whose column has, for each of its
words, a word starting with it: the same as `search_text__words=term`, answered from
these two indexes instead of MariaDB's full-text index, which merges the whole posting
lists of common words ("nguyen", "van": 125,000 and 150,000 entries, about a second).

How the term is answered depends on the size of each word's index range (MariaDB's
estimate, an index dive) and on the people the words together are expected to name:
- many expected (1% of the people or more) and every word common ("nguyen van"): a
  condition checked on each row of the list read in its own order, on the citizen's
  search column joined by key (LIKE per word, `each_word`): a page of 50 is found
  within a few thousand rows precisely because matches are many, and the count stops
  at a cap. (Checked by a look-up per word in this table instead, each row cost two
  dependent subqueries: 33 ms for the Board's page where the join takes 14 ms.)
- otherwise the people's ids: read from the rarest word's range of this table, each
  checked on its search column, when that word is much rarer than the others ("nguyen
  van hung"); else from the search column's own index (full-text on MariaDB), which
  merges the words' lists ("quyet quang pham").
"""

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.db.models import Q

from ...core.search import TITLE_END, fold

# Up to this many people, the ids are read and the rows looked up by them.
PEOPLE_FETCHED = 5000
# Checked case by case only when at least this share of the people is expected: the
# capped count then stops within about TCD_SEARCH_COUNT_CAP / DENSE cases.
DENSE = 0.01
# A candidate checked on its row (read by key, its column matched) costs about as much
# as this many entries merged by the full-text index (measured on a million people).
CANDIDATE_COST = 6
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

    ids: object  # a list of ids, a subquery of them, or None (checked per row)
    words: tuple[str, ...] = ()

    @property
    def per_row(self) -> bool:
        """Whether the rows are checked one by one (every word common), in the list's
        own order."""
        return self.ids is None

    def condition(self, relation: str) -> Q:
        """Rows whose citizen (the foreign key `relation`, "citizen") is named: by id
        when few, else on the joined citizen's search column."""
        if self.ids is not None:
            return Q(**{f"{relation}_id__in": self.ids})
        return Q(**{f"{relation}__search_text__each_word": " ".join(self.words)})


# The estimates of a term, kept this long (in the shared cache): a searched page asks
# them twice (its plan, then its search), paging asks them again, and they only steer
# the plan, never what is found.
ESTIMATES_SECONDS = 60


def _range_sizes(words: list[str]) -> tuple[dict[str, int], int]:
    """How many rows each word's range holds, and how many citizens there are. On
    MariaDB the optimizer's estimates (an index dive each, well under a millisecond),
    kept for ESTIMATES_SECONDS; elsewhere (SQLite, small) counted up to
    PEOPLE_FETCHED + 1."""
    if connection.vendor != "mysql":
        return _counted_sizes(words)
    text = "\x1f".join([connection.settings_dict["NAME"], *words])
    key = "tcd-name-sizes:" + hashlib.sha256(text.encode()).hexdigest()
    found = cache.get(key)
    if found is None:
        found = _estimated_sizes(words)
        cache.set(key, found, ESTIMATES_SECONDS)
    return dict(found[0]), found[1]


def _counted_sizes(words: list[str]) -> tuple[dict[str, int], int]:
    from .models import Citizen, CitizenWord

    sizes = {
        w: CitizenWord.objects.filter(word__istartswith=w)[: PEOPLE_FETCHED + 1].count()
        for w in words
    }
    return sizes, Citizen.objects.count()


def _estimated_sizes(words: list[str]) -> tuple[dict[str, int], int]:
    from .models import Citizen, CitizenWord

    sizes = {}
    with connection.cursor() as cursor:
        for word in words:
            query = CitizenWord.objects.filter(word__istartswith=word).values("citizen_id")
            sql, params = query.query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            names = [c[0] for c in cursor.description]
            sizes[word] = int(dict(zip(names, cursor.fetchone(), strict=True))["rows"] or 0)
        cursor.execute(
            "SELECT table_rows FROM information_schema.tables "
            "WHERE table_schema = DATABASE() AND table_name = %s",
            [Citizen._meta.db_table],
        )
        row = cursor.fetchone()
    return sizes, int(row[0] or 0) if row else 0


def _words(term: str) -> list[str]:
    return list(dict.fromkeys(w[:MAX_WORD] for w in fold(term).split()))


def _common(words: list[str]) -> tuple[bool, str, dict[str, int]]:
    """Whether every row is to be checked (the words name many people), the rarest
    word and each word's range size (see the module)."""
    sizes, citizens = _range_sizes(words)
    rarest = min(words, key=lambda w: sizes[w])
    # The people expected, were the words independent: many, and every row of the list
    # is checked (a page found within a few thousand rows).
    expected = citizens
    for word in words:
        expected *= min(1.0, sizes[word] / citizens) if citizens else 0
    common = sizes[rarest] > PEOPLE_FETCHED and expected > max(PEOPLE_FETCHED, citizens * DENSE)
    return common, rarest, sizes


def names_many(term: str) -> bool:
    """Whether `citizens_named(term)` checks rows one by one, asked without reading
    anyone's id (a few index dives)."""
    words = _words(term)
    return not words or _common(words)[0]


def citizens_named(term: str) -> NameMatch:
    """The citizens whose search column holds every word of `term` (see the module)."""
    from .models import Citizen, CitizenWord

    words = _words(term)
    if not words:
        return NameMatch(ids=None)
    common, rarest, sizes = _common(words)
    if common:
        return NameMatch(ids=None, words=tuple(words))
    if sum(sizes.values()) > CANDIDATE_COST * sizes[rarest]:
        # The rarest word's range of this table names the candidates, each checked on
        # its search column joined by key: "nguyen van hung" reads the 16,000 people
        # called Hùng or Hưng (100 ms), where the full-text index merged the lists of
        # all three words (280 ms), two of them common.
        found = (
            CitizenWord.objects.filter(
                word__istartswith=rarest, citizen__search_text__each_word=" ".join(words)
            )
            .order_by()
            .values_list("citizen_id", flat=True)
            .distinct()  # a person with two words starting with the rarest one
        )
    else:
        # Words about as rare as one another ("quyet quang pham"): the search column's
        # own index (full-text on MariaDB) merges their lists (80 ms; 110 ms by the
        # rarest word's range).
        found = (
            Citizen.objects.filter(search_text__words=term).order_by().values_list("pk", flat=True)
        )
    ids = list(found[: PEOPLE_FETCHED + 1])
    return NameMatch(ids=ids if len(ids) <= PEOPLE_FETCHED else found)
