"""Following links between records (a merged body to its successor, a unit to the
units it became) to everything they lead to."""

from collections.abc import Iterable, Mapping


def reachable(start: Iterable[int], edges: Mapping[int, Iterable[int]]) -> set[int]:
    """`start` and every key reached from it along `edges`, link after link (a cycle
    in the data ends the walk rather than looping)."""
    seen = set(start)
    stack = list(seen)
    while stack:
        for key in edges.get(stack.pop(), ()):
            if key not in seen:
                seen.add(key)
                stack.append(key)
    return seen
