"""Tallies kept in step with the documents they count, in the same transaction.

A higher layer (reporting's monthly figures) keeps running counts of documents by
their facts and their workflow steps. The layers below it (the workflow engine, a
document type's services) change those documents but may not import it, so they say
"these documents are changing" here and whoever registered a keeper brings its counts
up to date: `before` reads what the documents counted for, `after` what they count for
now, and the keeper writes the difference. A keeper is called inside the caller's
transaction, so a step that rolls back takes its tally change with it.

A change nested in another for the same document (a step's follow-on step on the same
petition) is covered by the outer one: counting it twice would count it twice.
"""

import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Protocol


class Keeper(Protocol):
    def before(self, doctype: str, ids: Sequence[int]) -> object:
        """What the documents count for now (None when they are new)."""

    def after(self, doctype: str, ids: Sequence[int], before: object) -> None:
        """Bring the counts from `before` to what the documents count for now."""


_keepers: list[Keeper] = []
_local = threading.local()


def register(keeper: Keeper) -> None:
    if keeper not in _keepers:
        _keepers.append(keeper)


def _active() -> set[tuple[str, int]]:
    if not hasattr(_local, "active"):
        _local.active = set()
    return _local.active


class Created:
    """The ids of documents saved inside a `kept(new=True)` block: `add` each one as
    soon as it has its id (steps taken on it later in the block are then covered)."""

    def __init__(self, doctype: str, active: set[tuple[str, int]]) -> None:
        self.doctype, self.ids, self._active = doctype, [], active

    def add(self, pk: int) -> None:
        if (self.doctype, pk) not in self._active:
            self._active.add((self.doctype, pk))
            self.ids.append(pk)


@contextmanager
def paused() -> Iterator[None]:
    """A bulk writer that recounts everything once it is done (the demo's history, then
    the figures rebuilt) spares each of its thousands of changes the keepers' reads:
    nothing is kept inside the block. The caller must rebuild the tallies before its
    transaction ends."""
    outer = getattr(_local, "paused", False)
    _local.paused = True
    try:
        yield
    finally:
        _local.paused = outer


@contextmanager
def kept(doctype: str, ids: Sequence[int] = (), *, new: bool = False) -> Iterator[Created]:
    """Around a change of the documents `ids` of `doctype`; with `new`, of documents
    that do not exist yet (`add` their ids to the yielded Created once saved)."""
    active = _active()
    ids = [pk for pk in ids if (doctype, pk) not in active]
    created = Created(doctype, active)
    if not _keepers or (not ids and not new) or getattr(_local, "paused", False):
        yield created
        return
    mine = {(doctype, pk) for pk in ids}
    active |= mine
    try:
        states = [(k, None if new else k.before(doctype, ids)) for k in _keepers]
        yield created
        changed = created.ids if new else ids
        if changed:
            for keeper, before in states:
                keeper.after(doctype, changed, before)
    finally:
        active -= mine | {(doctype, pk) for pk in created.ids}
