"""The house by stage: one package per stage, imports only downward, no cycles, no module over
300 lines, and every third-party library in one module. Run as a script, it prints the
largest modules: `.venv/bin/python tests/test_layout.py`."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "src" / "protocolgen"
MAX_LINES = 300

LAYERS = ["version", "errors", "shipped", "load", "schema", "checks", "model", "render",
          "write", "commands", "cli", "__init__", "__main__"]
"""Bottom first: a module may import from its own stage and the stages below it."""

ONE_MODULE = {"yaml": "load/yamllib.py", "cerberus": "checks/shape.py", "jinja2": "render/env.py",
              "markdown_it": "render/markdown.py", "markupsafe": "render/markdown.py",
              "weasyprint": "write/layout.py", "pikepdf": "write/pdf.py",
              "fontTools": "render/diagrams.py", "PIL": "checks/logo.py",
              "docx": "write/word.py", "pypdfium2": "write/raster.py"}
"""Each third-party library and the one module that imports it."""


def modules() -> dict[str, Path]:
    return {".".join(p.relative_to(PACKAGE).with_suffix("").parts): p
            for p in sorted(PACKAGE.rglob("*.py"))}


def stage(module: str) -> int:
    return LAYERS.index(module.split(".")[0])


def imports(path: Path) -> list[str]:
    """Return the protocolgen modules `path` imports at run time (typing-only imports under
    `if TYPE_CHECKING:` left out), by dotted name below protocolgen."""
    found = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    typing_only = {id(n) for node in ast.walk(tree) if isinstance(node, ast.If)
                   and getattr(node.test, "id", "") == "TYPE_CHECKING"
                   for n in ast.walk(node)}
    known = modules()
    for node in ast.walk(tree):
        if id(node) in typing_only or not isinstance(node, ast.ImportFrom | ast.Import):
            continue
        names = ([node.module] if isinstance(node, ast.ImportFrom) and node.module
                 else [a.name for a in getattr(node, "names", [])])
        for name in names:
            if not name.startswith("protocolgen"):
                continue
            inner = name.removeprefix("protocolgen").lstrip(".")
            subs = [f"{inner}.{a.name}".lstrip(".") for a in node.names] \
                if isinstance(node, ast.ImportFrom) else []
            found += [s for s in subs if s in known] or ([inner] if inner in known else
                                                          [f"{inner}.__init__".lstrip(".")])
    return [f for f in found if f in known or f.endswith("__init__")]


def third_party(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names |= {a.name.split(".")[0] for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


def largest() -> list[tuple[int, str]]:
    return sorted(((len(p.read_text(encoding="utf-8").splitlines()), m)
                   for m, p in modules().items()), reverse=True)


def test_every_module_belongs_to_a_stage() -> None:
    assert {m.split(".")[0] for m in modules()} <= set(LAYERS)
    for package in ("load", "schema", "checks", "model", "render", "write", "commands", "cli"):
        assert (PACKAGE / package / "__init__.py").is_file(), package


def test_imports_only_go_down() -> None:
    upward = [(m, i) for m, p in modules().items() for i in imports(p)
              if stage(i) > stage(m)]
    assert upward == []


def test_no_import_cycles() -> None:
    graph = {m: {i for i in imports(p) if i != m} for m, p in modules().items()}
    state: dict[str, int] = {}

    def visit(node: str, trail: list[str]) -> None:
        state[node] = 1
        for nxt in sorted(graph.get(node, ())):
            assert state.get(nxt) != 1, " → ".join([*trail, node, nxt])
            if nxt not in state:
                visit(nxt, [*trail, node])
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node, [])


def test_no_module_over_300_lines() -> None:
    size, name = largest()[0]
    print(f"grootste module: {name} met {size} regels")
    assert size <= MAX_LINES, (name, size)


def test_each_third_party_library_is_imported_in_one_module() -> None:
    for library, home in ONE_MODULE.items():
        users = [str(p.relative_to(PACKAGE)) for p in PACKAGE.rglob("*.py")
                 if library in third_party(p)]
        assert users == [home], (library, users)


if __name__ == "__main__":
    for size, name in largest()[:10]:
        print(f"{size:5} {name}")
    sys.exit(0 if largest()[0][0] <= MAX_LINES else 1)
