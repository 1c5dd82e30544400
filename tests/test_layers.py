"""The layers import only downwards: loaders -> graph -> schema -> api.

Read from the sources (every import statement, also those inside functions and under
TYPE_CHECKING), so an upward import fails here even where no test happens to execute it.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.servers import ROOT

# dutygraph/ itself (the root exception types) sits below every layer.
LAYERS = ["dutygraph", "loaders", "graph", "schema", "api"]


def _imported_layers(path: Path, layer: str) -> list[tuple[int, str]]:
    """(line, layer) of every dutygraph layer the module at `path` imports."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.level:  # from .x / from ..x
            names = [layer] if node.level == 1 else [n.name for n in node.names]
            if node.level > 1 and node.module:
                names = [node.module.split(".")[0]]
            found += [(node.lineno, n) for n in names if n in LAYERS]
            continue
        if isinstance(node, ast.ImportFrom) and node.module:
            modules = [node.module]
            if node.module == "dutygraph":
                modules = [f"dutygraph.{n.name}" for n in node.names]
        elif isinstance(node, ast.Import):
            modules = [n.name for n in node.names]
        else:
            continue
        for module in modules:
            parts = module.split(".")
            if parts[0] == "dutygraph":
                found.append((node.lineno, parts[1] if len(parts) > 1 else "dutygraph"))
    return found


def _violations(layer: str) -> list[str]:
    rank = LAYERS.index(layer)
    out = []
    for path in sorted((ROOT / layer).rglob("*.py")):
        for line, imported in _imported_layers(path, layer):
            if imported in LAYERS and LAYERS.index(imported) > rank:
                out.append(f"{path.relative_to(ROOT)}:{line} imports {imported}")
    return out


@pytest.mark.parametrize("layer", LAYERS)
def test_no_layer_imports_a_later_one(layer: str) -> None:
    assert _violations(layer) == []


def test_an_upward_import_is_found(tmp_path: Path) -> None:
    """The check itself: a graph module importing schema, even inside a function."""
    module = tmp_path / "upward.py"
    module.write_text("def f():\n    from dutygraph.schema import schema\n    return schema\n")
    assert _imported_layers(module, "graph") == [(2, "schema")]
    module.write_text("from dutygraph import api\nfrom .store import Store\n")
    assert _imported_layers(module, "graph") == [(1, "api"), (2, "graph")]
