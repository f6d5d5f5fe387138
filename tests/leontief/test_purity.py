"""The numerical core is pure NumPy/SciPy: it never imports pandas, nor anything of the package
above it except the exception classes of ``creative_econ.errors`` (which import nothing)."""

from __future__ import annotations

import ast
from pathlib import Path

import creative_econ.leontief as core

CORE = Path(core.__file__).parent


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            found.add("." * node.level + (node.module or ""))
    return found


def test_errors_module_imports_nothing_heavy() -> None:
    errors = CORE.parent / "errors.py"
    assert _imports(errors) <= {"__future__", "difflib", "collections.abc"}


def test_core_never_imports_pandas_or_the_labelled_layer() -> None:
    files = sorted(CORE.glob("*.py"))
    assert len(files) >= 5
    for path in files:
        for name in _imports(path):
            assert not name.startswith("pandas"), f"{path.name} imports {name}"
            if name.startswith("..") and name != "..errors":
                raise AssertionError(f"{path.name} imports {name} from above the core")
            assert not name.startswith("creative_econ"), f"{path.name} imports {name}"
