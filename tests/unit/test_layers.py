"""The layers of DESIGN.md §1: what each package may import."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "infcrm"


def _modules_loaded_by(statement: str) -> set[str]:
    code = f"import sys; {statement}; print('\\n'.join(sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    return set(out.split())


def test_services_and_the_command_line_load_without_qt() -> None:
    loaded = _modules_loaded_by(
        "import infcrm.services.people.influencers, infcrm.services.people.influencer_list, "
        "infcrm.demo.generate, infcrm.cli, infcrm.__main__"
    )
    assert "PySide6" not in loaded
    for heavy in ("openpyxl", "xlsxwriter"):
        assert heavy not in loaded, "heavy imports are deferred until a file is read or written"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


def test_domain_imports_only_the_standard_library() -> None:
    allowed = set(sys.stdlib_module_names) | {"infcrm"}
    for path in (PACKAGE / "domain").rglob("*.py"):
        assert _imports(path) <= allowed, f"{path.name} imports {_imports(path) - allowed}"


def test_only_the_ui_and_app_import_qt() -> None:
    for path in PACKAGE.rglob("*.py"):
        relative = path.relative_to(PACKAGE).as_posix()
        if relative.startswith("ui/") or relative == "app.py":
            continue
        assert "PySide6" not in _imports(path), f"{relative} imports Qt"


def test_the_ui_never_reaches_into_the_database_layer_for_sessions() -> None:
    for path in (PACKAGE / "ui").rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert ".transaction()" not in source and ".reader()" not in source, (
            f"{path.name} opens a session; the UI calls services instead"
        )


def _infcrm_imports(path: Path) -> set[str]:
    """The infcrm packages (`infcrm.services`, `infcrm.files`…) a module imports."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found.update(".".join(n.split(".")[:2]) for n in names if n.startswith("infcrm."))
    return found


def test_services_and_lower_layers_never_import_files_or_the_ui() -> None:
    # files/ sits on top of services (DESIGN.md §1): the services are the scripting API and
    # must not depend on file formats.
    # The demo generators sit on top of services too: they are a recipe, not a use case.
    for layer in ("services", "db", "domain"):
        for path in (PACKAGE / layer).rglob("*.py"):
            wrong = _infcrm_imports(path) & {
                "infcrm.files",
                "infcrm.ui",
                "infcrm.app",
                "infcrm.demo",
            }
            assert not wrong, f"{layer}/{path.name} imports {wrong}"
    for path in (PACKAGE / "demo").rglob("*.py"):
        wrong = _infcrm_imports(path) & {"infcrm.files", "infcrm.ui", "infcrm.app"}
        assert not wrong, f"demo/{path.name} imports {wrong}"


def test_services_live_in_feature_packages() -> None:
    # DESIGN.md §1: services/ is split by feature (people, outreach, campaigns, exchange,
    # maintenance); only what every feature shares sits at its top.
    shared = {
        "__init__.py",
        "common.py",
        "errors.py",
        "changes.py",
        "progress.py",
        "restore_points.py",
        "restore_parts.py",  # the parts a restore point is made of
    }
    loose = sorted(p.name for p in (PACKAGE / "services").glob("*.py") if p.name not in shared)
    assert not loose, f"services/ modules outside a feature package: {loose}"
    packages = {p.name for p in (PACKAGE / "services").iterdir() if (p / "__init__.py").exists()}
    assert packages == {"people", "outreach", "campaigns", "exchange", "maintenance"}


def test_files_never_write_the_database_themselves() -> None:
    # One writer (DESIGN.md: services are the only writer): files/ reads and maps, then hands
    # plain rows to services. It may hold a Database handle to pass on, nothing more of db/.
    for path in (PACKAGE / "files").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            modules: list[str] = []
            if isinstance(node, ast.Import):
                modules = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                modules = [node.module]
                if node.module == "infcrm.db":
                    modules = [f"infcrm.db.{alias.name}" for alias in node.names]
            for module in modules:
                if module.startswith("infcrm.db") and module != "infcrm.db.engine":
                    raise AssertionError(f"files/{path.name} imports {module}")
            if isinstance(node, ast.Attribute) and node.attr in ("transaction", "execute"):
                raise AssertionError(f"files/{path.name} runs SQL itself ({node.attr})")


def test_services_never_hand_orm_objects_to_their_callers() -> None:
    # DESIGN.md: services return frozen dataclasses or ids. A function taking the Database
    # (the public API) must say what it returns, and never a mapped class: such an object
    # outlives its session and loads lazily from whichever thread touches it next.
    for path in (PACKAGE / "services").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        mapped: set[str] = set()
        for node in ast.walk(tree):
            module = node.module or "" if isinstance(node, ast.ImportFrom) else ""
            if module.startswith("infcrm.db.") and module.endswith("models"):
                mapped.update(alias.asname or alias.name for alias in node.names)
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef) or not node.args.args:
                continue
            first = node.args.args[0]
            if first.annotation is None or ast.unparse(first.annotation) != "Database":
                continue
            where = f"{path.relative_to(PACKAGE).as_posix()}:{node.name}"
            assert node.returns is not None, f"{where} does not say what it returns"
            named = {n.id for n in ast.walk(node.returns) if isinstance(n, ast.Name)}
            assert not named & mapped, f"{where} returns a database row ({named & mapped})"
