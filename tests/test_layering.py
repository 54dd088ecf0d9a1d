"""The pipeline's direction, checked on the source: outputs never import another output, the api or the cli;
the cli reaches the library only through the api."""

from __future__ import annotations

import ast
from pathlib import Path

import trainkit

PACKAGE = Path(trainkit.__file__).parent
OUTPUTS = ("site", "scorm", "documents")


def imported_modules(path: Path) -> set[str]:
    """Absolute names of the trainkit modules `path` imports (relative imports resolved)."""
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    package = ".".join(("trainkit", *parts[:-1]))  # the package holding the module (or the __init__)
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            names.add(target)
            names.update(f"{target}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
    return {n for n in names if n.startswith("trainkit")}


def test_no_output_imports_another_output_the_api_or_the_cli():
    found = []
    for output in OUTPUTS:
        for path in sorted((PACKAGE / "outputs" / output).rglob("*.py")):
            for name in imported_modules(path):
                others = [f"trainkit.outputs.{o}" for o in OUTPUTS if o != output]
                if name in ("trainkit.api", "trainkit.cli") or any(name.startswith(o) for o in others):
                    found.append(f"{path.relative_to(PACKAGE)} → {name}")
    assert found == []


def test_lower_layers_never_import_outputs_the_api_or_the_cli():
    found = []
    for layer in ("load", "model", "check", "views", "render"):
        for path in sorted((PACKAGE / layer).rglob("*.py")):
            for name in imported_modules(path):
                if name.startswith(("trainkit.outputs", "trainkit.api", "trainkit.cli")):
                    found.append(f"{path.relative_to(PACKAGE)} → {name}")
    assert found == []


def test_the_cli_reaches_the_library_only_through_the_api():
    allowed = {"trainkit", "trainkit.__version__", "trainkit.api", "trainkit.diagnostics",
               "trainkit.diagnostics.RENDERERS", "trainkit.diagnostics.Report", "trainkit.errors",
               "trainkit.errors.TrainkitError"}
    assert imported_modules(PACKAGE / "cli.py") - allowed == set()
