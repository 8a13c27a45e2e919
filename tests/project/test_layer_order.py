"""The rule-set package sits below the user apps: no module under frameworks/ imports compliance
(brief: "frameworks/ never imports compliance/"). An AST scan, so imports inside functions count too."""

import ast
from pathlib import Path

FRAMEWORKS = Path(__file__).resolve().parents[2] / "frameworks"


def _imported_modules(path: Path) -> list[tuple[int, str]]:
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            found.append((node.lineno, node.module))
        elif isinstance(node, ast.Call) and getattr(node.func, "id", getattr(node.func, "attr", "")) in (
                "import_module", "__import__") and node.args and isinstance(node.args[0], ast.Constant):
            found.append((node.lineno, str(node.args[0].value)))
    return found


def test_no_module_under_frameworks_imports_compliance():
    offenders = [f"{path.relative_to(FRAMEWORKS.parent)}:{line} imports {module}"
                 for path in sorted(FRAMEWORKS.rglob("*.py"))
                 for line, module in _imported_modules(path)
                 if module == "compliance" or module.startswith("compliance.")]
    assert offenders == []


def test_the_scan_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from compliance.upgrades import services\n    import compliance.reports\n")
    assert [m for _, m in _imported_modules(sample)] == ["compliance.upgrades", "compliance.reports"]
