"""Query plans MariaDB would choose badly for a few lists, steered for their duration.

MariaDB rewrites `EXISTS (SELECT … WHERE inner.key = outer.id)` into `outer.id IN
(SELECT inner.key …)` and may then build the whole inner set first (exists_to_in). For
"is this person a denouncer" asked of the fifty people of a page, that meant reading
the 200,000 denunciations of a million cases (3 s) where fifty index look-ups (1 ms)
answer. `exists_looked_up` turns that rewrite off on the connection for a block and
puts the previous setting back; elsewhere (SQLite) it does nothing.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection


@contextmanager
def exists_looked_up() -> Iterator[None]:
    """Within the block, each EXISTS is answered by a look-up per outer row."""
    if connection.vendor != "mysql" or not connection.mysql_is_mariadb:
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT @@SESSION.optimizer_switch")
        (before,) = cursor.fetchone()
        cursor.execute("SET SESSION optimizer_switch = 'exists_to_in=off'")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("SET SESSION optimizer_switch = %s", [before])
