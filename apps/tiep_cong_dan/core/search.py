"""Searching names as people type them: Vietnamese with or without accents, the words
in any order, each word a prefix ("hoang van thu", "Thụ Hoàng", "dong kinh").

A record keeps its searchable words folded (lower case, no accents, "đ" as "d") in a
SearchWordsField kept in step by the model's save(). On MariaDB the column has a
FULLTEXT index (added by the migration that adds the column, see `fulltext_index`) and
`field__words=term` is one index look-up; on SQLite (the embedded default, small data)
it is a LIKE per word. MariaDB's full-text index skips words shorter than
innodb_ft_min_token_size (3 by default, not settable per table), and Vietnamese has
many (Lê, Vũ, Hà, Đỗ): those words are matched with LIKE on the rows the longer words
found, or on the whole column when every word is short. InnoDB adds rows to the
full-text index when their transaction commits: inside a transaction (a step's own
checks, a test) the rows it wrote are not found there yet, so the words are matched
with LIKE, which sees them.
"""

import re
import unicodedata

from django.db import models
from django.db.models import Lookup

FULLTEXT_MIN_WORD = 3  # MariaDB's innodb_ft_min_token_size default
_WORD = re.compile(r"[a-z0-9]+")


def strip_accents(text: str) -> str:
    """Lower case, without diacritics, "đ" as "d"; everything else kept ("Chủ_tịch.1"
    -> "chu_tich.1"). The one folding of Vietnamese the app compares text by."""
    text = unicodedata.normalize("NFD", text.casefold().replace("đ", "d"))
    return "".join(c for c in text if not unicodedata.combining(c))


def fold(text: str) -> str:
    """'Hoàng Văn Thụ, P. Đông Kinh' -> 'hoang van thu p dong kinh': the words alone."""
    return " ".join(_WORD.findall(strip_accents(text)))


def search_words(*parts: object) -> str:
    """The folded words of every non-empty part, for a SearchWordsField."""
    return " ".join(filter(None, (fold(str(p)) for p in parts if p)))


class SearchWordsField(models.TextField):
    """Folded words to search by; never edited, never shown."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("editable", False)
        kwargs.setdefault("blank", True)
        kwargs.setdefault("default", "")
        super().__init__(*args, **kwargs)

    def pre_save(self, model_instance, add):
        # Every write of the row computes it: save(), bulk_create() and the import's
        # bulk insert (core/bulk.py) all ask each field for its value here.
        model = type(model_instance)
        title = getattr(model, "search_title", None)
        if title is None:  # a migration's historical model, or a column of its own
            return super().pre_save(model_instance, add)
        value = search_text_of(model_instance, title, model.search_also)
        setattr(model_instance, self.attname, value)
        return value


def _like_word(word: str) -> str:
    # A word starts the column or follows a space; folded words hold no LIKE wildcards.
    return word + "%", "% " + word + "%"


@SearchWordsField.register_lookup
class Words(Lookup):
    """`field__words="hoang thu"`: every word of the term starts a word of the field."""

    lookup_name = "words"
    prepare_rhs = False

    def _words(self) -> list[str]:
        return fold(str(self.rhs)).split()

    def _likes(self, lhs: str, lhs_params, words: list[str]) -> tuple[list[str], list]:
        sql, params = [], []
        for word in words:
            sql.append(f"({lhs} LIKE %s OR {lhs} LIKE %s)")
            start, inside = _like_word(word)
            params.extend([*lhs_params, start, *lhs_params, inside])
        return sql, params

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        words = self._words()
        if not words:
            return "1=1", []
        sql, params = self._likes(lhs, lhs_params, words)
        return " AND ".join(sql), params

    def as_mysql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        words = self._words()
        long = [w for w in words if len(w) >= FULLTEXT_MIN_WORD]
        if not long or connection.in_atomic_block:
            return self.as_sql(compiler, connection)
        short = [w for w in words if len(w) < FULLTEXT_MIN_WORD]
        against = " ".join(f"+{w}*" for w in long)
        sql, params = self._likes(lhs, lhs_params, short)
        where = " AND ".join([f"MATCH ({lhs}) AGAINST (%s IN BOOLEAN MODE)", *sql])
        return where, [*lhs_params, against, *params]


@SearchWordsField.register_lookup
class EachWord(Words):
    """`field__each_word="hoang thu"`: as `words`, always checked on the row itself
    (LIKE), never through the full-text index: for a row already read (a list walked
    in its order, a joined record), where the index would merge the whole posting
    lists of common words to answer about one row."""

    lookup_name = "each_word"

    def as_mysql(self, compiler, connection):
        return self.as_sql(compiler, connection)


def fulltext_index(table: str, column: str):
    """A migration operation adding (and, reversed, dropping) the FULLTEXT index of a
    SearchWordsField on MariaDB; nothing on other databases."""
    from django.db import migrations

    name = f"{table}_{column}_ft"[:64]

    def add(apps, schema_editor):
        if schema_editor.connection.vendor == "mysql":
            schema_editor.execute(f"ALTER TABLE {table} ADD FULLTEXT INDEX {name} ({column})")

    def drop(apps, schema_editor):
        if schema_editor.connection.vendor == "mysql":
            schema_editor.execute(f"ALTER TABLE {table} DROP INDEX {name}")

    return migrations.RunPython(add, drop, elidable=False)


# -- a record's search column ---------------------------------------------------------
# The column holds the record's title words, a separator, then its other words and the
# title's initials ("cong an tinh | ca catls"): a picker ranks the records whose title
# is the term, then those whose title starts with it, then those whose title holds every
# word, then the rest ("Công an" offers "Công an tỉnh" before "Ban Tiếp công dân…").
TITLE_END = "|"


def _part_text(obj: models.Model, name: str) -> str:
    """A field's value as people type it: a choice by its label (in the site's
    language), a date as dd/mm/yyyy, anything else as text."""
    from django.conf import settings
    from django.utils import translation

    field = obj._meta.get_field(name)
    value = getattr(obj, field.attname)
    if value in (None, ""):
        return ""
    if field.choices:
        with translation.override(settings.LANGUAGE_CODE):
            return str(dict(field.flatchoices).get(value, value))
    if isinstance(field, models.DateField) and hasattr(value, "strftime"):
        return value.strftime("%d/%m/%Y")
    return str(value)


def initials(words: str) -> str:
    """'ban tiep cong dan trung uong' -> 'btcdtu', for abbreviations (UBND, CA, BTCD)."""
    parts = words.split()
    return "".join(p[0] for p in parts) if len(parts) >= 2 else ""


def search_text_of(obj: models.Model, title: tuple[str, ...], also: tuple[str, ...]) -> str:
    """The search column of `obj` from its declared fields (works on a migration's
    historical model too: it reads fields, not methods)."""
    head = search_words(*(_part_text(obj, n) for n in title))
    rest = search_words(*(_part_text(obj, n) for n in also), initials(head))
    return f"{head} {TITLE_END} {rest}".strip()


class SearchableModel(models.Model):
    """A record found by words: `search_title` names the fields of its title (ranked
    first), `search_also` the other fields searched. Every insert and save computes the
    column (save, bulk_create, core/bulk.py); QuerySet.update() does not, so no update()
    may change the fields it is made of."""

    search_title: tuple[str, ...] = ()
    search_also: tuple[str, ...] = ()
    search_text = SearchWordsField()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs) -> None:
        # The column computes itself (SearchWordsField.pre_save); a save of some
        # fields writes it too.
        fields = kwargs.get("update_fields")
        if fields is not None:
            kwargs["update_fields"] = {*fields, "search_text"}
        super().save(*args, **kwargs)

    @classmethod
    def search_sources(cls) -> frozenset[str]:
        return frozenset(cls.search_title) | frozenset(cls.search_also)


class SearchRank(models.Func):
    """How well a search column matches a term: 0 the title is the term, 1 the title
    starts with it, 2 the title holds every word, 3 otherwise (only other words)."""

    output_field = models.IntegerField()

    def __init__(self, column: str, term: str) -> None:
        super().__init__(models.F(column))
        self.term = " ".join(fold(term).split())

    def as_sql(self, compiler, connection, **extra):
        col, col_params = compiler.compile(self.source_expressions[0])
        words = self.term.split()
        if not words:
            return "0", []
        in_title = " AND ".join(f"({col} LIKE %s OR {col} LIKE %s)" for _ in words)
        title_params = []
        for word in words:
            title_params += [*col_params, f"{word}%{TITLE_END}%", *col_params]
            title_params.append(f"% {word}%{TITLE_END}%")
        sql = (
            f"CASE WHEN {col} LIKE %s THEN 0 WHEN {col} LIKE %s THEN 1 "
            f"WHEN {in_title} THEN 2 ELSE 3 END"
        )
        params = [*col_params, f"{self.term} {TITLE_END}%", *col_params, f"{self.term}%"]
        return sql, [*params, *title_params]


def word_search(qs, term: str, column: str = "search_text"):
    """The rows whose column holds every word of `term` (each a prefix, any order,
    accents ignored), ranked (SearchRank) before the queryset's own order."""
    qs = qs.filter(**{f"{column}__words": term})
    order = list(qs.query.order_by or qs.model._meta.ordering)
    return qs.annotate(search_rank=SearchRank(column, term)).order_by("search_rank", *order)
