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
