"""Inserting many rows of a model quickly (the import of past records): the values are
put into the database's form by Django's own field conversions before any transaction
is opened, so the transaction that inserts them only fills in what it alone knows (the
ids of rows it inserted just before, numbers it took) and runs one statement per few
hundred rows. On the embedded SQLite, whose one write lock every officer's save waits
for, that is the difference between seconds and a fraction of one.

Objects inserted here are not saved through `Model.save`: no signal, no `clean`, no
history of their own. Callers validate first, and ask for the first version of each
in the change history (`insert_history`)."""

import datetime
from collections.abc import Callable, Iterable

from django.db import connections, models, router

BATCH = 500


class Prepared:
    """Rows of `model` for `objs` (instances, or plain objects with the fields'
    attribute names), converted for the database. `late` names fields whose values are
    read from the objects only when inserted, with a function giving the value where
    it is not the object's attribute; so is every link to an object not saved yet
    (inserted in the same transaction, before these rows)."""

    def __init__(
        self,
        model: type[models.Model],
        objs: Iterable,
        *,
        late: dict[str, Callable | None] | None = None,
    ) -> None:
        self.model, self.objs = model, list(objs)
        self.connection = connections[router.db_for_write(model)]
        # The database fills a generated column (a citizen's unique paper key) itself.
        self.fields = [
            f
            for f in model._meta.concrete_fields
            if not f.primary_key and not getattr(f, "generated", False)
        ]
        late = dict(late or {})
        named = {
            i: late.get(f.attname) or late.get(f.name)
            for i, f in enumerate(self.fields)
            if f.attname in late or f.name in late
        }
        links = [i for i, f in enumerate(self.fields) if f.is_relation and i not in named]
        self.rows, self.late = [], []
        for obj in self.objs:
            row = [
                None
                if i in named or f.is_relation
                else f.get_db_prep_save(f.pre_save(obj, True), self.connection)
                for i, f in enumerate(self.fields)
            ]
            # A link to an object not saved yet is read when inserted; the others now.
            pending = [(i, self.fields[i], get) for i, get in named.items()]
            for i in links:
                if _unsaved_link(obj, self.fields[i]):
                    pending.append((i, self.fields[i], None))
                else:
                    row[i] = self._late_value(obj, self.fields[i], None)
            self.rows.append(row)
            self.late.append(pending)

    def _late_value(self, obj, field, get):
        if get is not None:
            value = get(obj)
        elif field.is_relation and hasattr(obj, "_state") and field.is_cached(obj):
            related = field.get_cached_value(obj)
            if related is not None and related.pk is None:
                raise ValueError(f"{field.name} of {obj!r} is not saved")
            value = None if related is None else related.pk
        else:
            value = getattr(obj, field.attname)
        if field.is_relation:
            return (
                field.target_field.get_db_prep_save(value, self.connection)
                if value is not None
                else None
            )
        return field.get_db_prep_save(value, self.connection)

    def convert_again(self, attname: str, indexes: Iterable[int]) -> None:
        """Convert `attname` again for the objects at `indexes` (changed since)."""
        i = next(i for i, f in enumerate(self.fields) if f.attname == attname)
        field = self.fields[i]
        for index in indexes:
            self.rows[index][i] = field.get_db_prep_save(
                getattr(self.objs[index], attname), self.connection
            )

    def insert(self, ids_of: models.QuerySet | None = None) -> None:
        """Insert every row (inside the caller's transaction). With `ids_of`, the
        queryset of exactly the rows inserted here, each object gets its id, in the
        order inserted (ids only grow within a transaction)."""
        for obj, row, pending in zip(self.objs, self.rows, self.late, strict=True):
            for i, field, get in pending:
                row[i] = self._late_value(obj, field, get)
                if field.is_relation and get is None:
                    # As Model.save would: the link's id is the object's from now on.
                    setattr(obj, field.attname, row[i])
        _insert(
            self.connection, self.model._meta.db_table, [f.column for f in self.fields], self.rows
        )
        if ids_of is not None:
            ids = list(ids_of.order_by("pk").values_list("pk", flat=True))
            if len(ids) != len(self.objs):
                raise RuntimeError(f"{self.model.__name__}: {len(ids)} rows for {len(self.objs)}")
            for obj, pk in zip(self.objs, ids, strict=True):
                obj.pk = pk
                obj._state.adding, obj._state.db = False, self.connection.alias

    def insert_history(self, *, by, reason: str, at: datetime.datetime) -> None:
        """The first version of each inserted object in its change history
        (django-simple-history's "+" rows), attributed to `by` with `reason`."""
        history = self.model.history.model
        position = {f.attname: i for i, f in enumerate(self.fields)}
        extra = {
            "history_date": history._meta.get_field("history_date").get_db_prep_save(
                at, self.connection
            ),
            "history_change_reason": reason[:100],
            "history_type": "+",
            "history_user_id": by.pk if by is not None else None,
        }
        fields = [f for f in history._meta.concrete_fields if not f.primary_key]
        constants = [extra[f.attname] for f in fields if f.attname in extra]
        # Where each column's value comes from: the row (>= 0), the id (-1), a constant.
        sources, k = [], 0
        for f in fields:
            if f.attname in extra:
                sources.append(-2 - k)
                k += 1
            elif f.attname == self.model._meta.pk.attname:
                sources.append(-1)
            else:
                sources.append(position[f.attname])
        rows = [
            [row[i] if i >= 0 else obj.pk if i == -1 else constants[-2 - i] for i in sources]
            for obj, row in zip(self.objs, self.rows, strict=True)
        ]
        _insert(self.connection, history._meta.db_table, [f.column for f in fields], rows)


def _insert(connection, table: str, columns: list[str], rows: list) -> None:
    if not rows:
        return
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(table), ", ".join(quote(c) for c in columns), ", ".join(["%s"] * len(columns))
    )
    with connection.cursor() as cursor:
        for start in range(0, len(rows), BATCH):
            cursor.executemany(sql, rows[start : start + BATCH])


def _unsaved_link(obj, field) -> bool:
    if not hasattr(obj, "_state") or not field.is_cached(obj):
        return False
    related = field.get_cached_value(obj)
    return related is not None and related.pk is None
