"""The notifications app sits beside `core`: it imports no domain app (producers call it, never the reverse)."""

import ast
from pathlib import Path

APP = Path(__file__).resolve().parents[1]
DOMAIN_APPS = {
    "orgs",
    "accounts",
    "registry",
    "plans",
    "par",
    "reports",
    "emulation",
    "awards",
    "demo",
}


def imported_apps(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module]
        for name in names:
            parts = name.split(".")
            if parts[0] == "cchc" and len(parts) > 1:
                found.add(parts[1])
    return found


def test_the_notifications_app_imports_only_core_and_itself():
    sources = [p for p in APP.rglob("*.py") if "tests" not in p.parts]
    assert len(sources) >= 8
    offending = {
        str(p.relative_to(APP)): imported_apps(p) & DOMAIN_APPS
        for p in sources
        if imported_apps(p) & DOMAIN_APPS
    }
    assert offending == {}
    assert {app for p in sources for app in imported_apps(p)} <= {"core", "notifications"}
