"""Import cycles in the app, drawn from its imports (those inside functions too):
modules in a circle (strongly connected components of more than one module), and the
document types' packages that import each other. Run from the repository's root:

    .venv/bin/python scripts/import_cycles.py
"""

import sys
from pathlib import Path

import grimp

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT / "apps"), str(ROOT)]
DOCTYPES = "tiep_cong_dan.doctype."


def module_cycles(graph) -> list[list[str]]:
    """Tarjan's strongly connected components, iteratively (the graph is deep)."""
    index, low, on_stack, stack, found, counter = {}, {}, set(), [], [], 0

    def imported(module: str):
        return iter(sorted(graph.find_modules_directly_imported_by(module)))

    for root in sorted(graph.modules):
        if root in index:
            continue
        work = [(root, imported(root))]
        index[root] = low[root] = counter
        counter += 1
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = counter
                    counter += 1
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, imported(child)))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(component)
    return found


def doctype_pairs(graph) -> list[tuple[str, str]]:
    def package(module: str) -> str | None:
        return module.split(".")[2] if module.startswith(DOCTYPES) else None

    edges = {
        (package(a), package(b))
        for a in graph.modules
        for b in graph.find_modules_directly_imported_by(a)
        if package(a) and package(b) and package(a) != package(b)
    }
    return sorted({tuple(sorted(edge)) for edge in edges if (edge[1], edge[0]) in edges})


def main() -> None:
    graph = grimp.build_graph("tiep_cong_dan")
    cycles = module_cycles(graph)
    print(f"{len(graph.modules)} modules, {len(cycles)} import cycles between modules")
    for cycle in cycles:
        print("  ", " -> ".join(sorted(cycle)))
    pairs = doctype_pairs(graph)
    print(f"{len(pairs)} pairs of document types importing each other")
    for a, b in pairs:
        print(f"   {a} <-> {b}")


if __name__ == "__main__":
    main()
