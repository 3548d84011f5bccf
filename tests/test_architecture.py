"""The shape of the code holds: arrows point one way, and each layer imports only what is below it
(docs/architecture.md). Read from the source, imports inside functions included."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Modules that import nothing of the project but each other: anything may use them.
LEAVES = {
    "core.text",
    "core.numbers",
    "core.model.fields",
    "core.money.currency",
    "core.money.tax",
    "core.shown",
}


def _modules() -> dict[str, Path]:
    found = {}
    for folder in ("core", "ui", "pages"):
        for path in (ROOT / folder).rglob("*.py"):
            name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found[name.removesuffix(".__init__")] = path
    found["streamlit_app"] = ROOT / "streamlit_app.py"
    return found


MODULES = _modules()


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, at the top or inside a function."""
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {a.name for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out.add(node.module)
            out |= {f"{node.module}.{a.name}" for a in node.names if f"{node.module}.{a.name}" in MODULES}
    return out


IMPORTS = {name: _imports(path) for name, path in MODULES.items()}


def _ours(name: str) -> set[str]:
    return {m for m in IMPORTS[name] if m in MODULES and m != name}


def test_no_module_imports_itself_back():
    """No import circle, however long: a depth-first walk finds no way back to where it started."""
    done: set[str] = set()

    def walk(name: str, path: list[str]) -> None:
        for dep in sorted(_ours(name)):
            assert dep not in path, "import circle: " + " -> ".join([*path[path.index(dep) :], dep])
            if dep not in done:
                walk(dep, [*path, dep])
        done.add(name)

    for name in MODULES:
        walk(name, [name])


def test_core_never_imports_the_app():
    for name in MODULES:
        if name.startswith("core"):
            app = {m for m in IMPORTS[name] if m.split(".")[0] in ("streamlit", "ui", "pages")}
            assert not app, f"{name} imports {app}"


def test_the_leaves_import_nothing_of_the_project_but_each_other():
    for name in LEAVES:
        project = {m for m in IMPORTS[name] if m.split(".")[0] in ("core", "ui", "pages")}
        assert project <= LEAVES, f"{name} imports {project - LEAVES}"


def test_the_model_uses_only_itself_and_the_leaves():
    for name in MODULES:
        if name.startswith("core.model."):
            assert _ours(name) <= {m for m in MODULES if m.startswith("core.model")} | LEAVES, name


def test_money_and_the_decision_never_reach_up_to_files_storage_or_the_search():
    for name in MODULES:
        if name.startswith(("core.money.", "core.decision.")):
            up = {m for m in _ours(name) if m.startswith(("core.files", "core.storage", "core.process"))}
            assert not up, f"{name} imports {up}"
        if name.startswith("core.money."):
            assert not {m for m in _ours(name) if m.startswith("core.decision")}, name


def test_saving_a_scenario_loads_no_scoring():
    """Opening the database and reading or writing scenario and options files loads nothing of the
    decision or the job search (it once loaded the scoring engine for the comparison CSV)."""
    code = (
        "import sys; import core.storage.database, core.storage.workspace, core.storage.backup, "
        "core.files.scenario_json, core.files.options_csv.read, core.files.options_csv.write; "
        "print(sorted(m for m in sys.modules if m.startswith(('core.decision', 'core.process'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
