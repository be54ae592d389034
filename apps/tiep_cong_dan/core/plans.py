"""Query plans MariaDB would choose badly for a few lists, steered for their duration.

MariaDB rewrites `EXISTS (SELECT … WHERE inner.key = outer.id)` into `outer.id IN
(SELECT inner.key …)` and may then build the whole inner set first (exists_to_in). For
"is this person a denouncer" asked of the fifty people of a page, that meant reading
the 200,000 denunciations of a million cases (3 s) where fifty index look-ups (1 ms)
answer. `exists_looked_up` turns that rewrite off on the connection for a block and
puts the previous setting back; elsewhere (SQLite) it does nothing.

A district's cases searched by a common name ("nguyen van": one case in fifty) are a
tenth of the table: walked along the list's order, the page is found within 30,000
rows (130 ms). MariaDB, unable to guess how many rows a name on a joined table keeps,
merges the district's two unit indexes instead, reads and joins every one of its
100,000 cases and sorts them (820 ms). `along_the_order` turns the index merge off
for a block.

A department's cases are those naming it among the agencies concerned: `id IN (the
cases of its agencies)`, some 23,000 of a million. MariaDB joins that set to the cases
and sorts all 23,000 for a page of 50 (270 ms); `subqueries_as_sets` has it read the
set once into a keyed table and walk the list's order, checking each case against it
(38 ms). Searched by a common name, the department's own links are walked in the
list's order instead, each case asked whether the search keeps it
(`subqueries_looked_up`: MariaDB would otherwise read every case the name keeps, a
hundred thousand, into a set first).
"""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from django.db import connection


@contextmanager
def _switched(setting: str) -> Iterator[None]:
    if connection.vendor != "mysql" or not connection.mysql_is_mariadb:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT @@SESSION.optimizer_switch")
        (before,) = cursor.fetchone()
        cursor.execute("SET SESSION optimizer_switch = %s", [setting])
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET SESSION optimizer_switch = %s", [before])


def exists_looked_up() -> AbstractContextManager[None]:
    """Within the block, each EXISTS is answered by a look-up per outer row."""
    return _switched("exists_to_in=off")


def along_the_order() -> AbstractContextManager[None]:
    """Within the block, a condition on several indexes never merges them: a list
    with a LIMIT is read along its order's index instead."""
    return _switched("index_merge=off")


def subqueries_as_sets() -> AbstractContextManager[None]:
    """Within the block, `IN (subquery)` is never turned into a join: the subquery's
    rows are read once into a set each outer row is checked against, so a list with a
    LIMIT is read along its order's index."""
    return _switched("semijoin=off")


def subqueries_looked_up() -> AbstractContextManager[None]:
    """Within the block, `IN (subquery)` is answered for each outer row by a look-up
    (neither turned into a join nor read whole into a set first)."""
    return _switched("semijoin=off,materialization=off")
