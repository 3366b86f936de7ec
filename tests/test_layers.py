"""The Zaken, Documenten and Besluiten services call down into ``koppelingen`` and never each other.

Read from the source with ``ast``: every import counts, also one inside a function, and what a module imports
through another module counts too.
"""

import ast
from functools import cache
from pathlib import Path

import zaakgericht

ROOT = Path(zaakgericht.__file__).parent

SERVICES = {
    "zaakgericht.zaken.service": "zaken",
    "zaakgericht.zaken.parts": "zaken",
    "zaakgericht.documenten.service": "documenten",
    "zaakgericht.besluiten.service": "besluiten",
}
KOPPELINGEN = "zaakgericht.koppelingen.service"


def _path(module: str) -> Path | None:
    relative = Path(*module.split(".")[1:])
    if not relative.parts:
        return ROOT / "__init__.py"
    for candidate in (ROOT / relative.with_suffix(".py"), ROOT / relative / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


@cache
def imports(module: str) -> frozenset[str]:
    """The modules of this package that ``module`` imports anywhere in its source."""
    path = _path(module)
    package = module if path.name == "__init__.py" else module.rsplit(".", 1)[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parent = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                base = f"{parent}.{base}" if base else parent
            found.add(base)
            found.update(f"{base}.{alias.name}" for alias in node.names)
    return frozenset(name for name in found if name.startswith("zaakgericht") and _path(name) is not None)


def reachable(module: str) -> set[str]:
    """Every module of this package that importing ``module`` may import, directly or through others."""
    seen: set[str] = set()
    todo = [module]
    while todo:
        for name in imports(todo.pop()) - seen:
            seen.add(name)
            todo.append(name)
    return seen


def test_the_modules_are_found():
    assert {"zaakgericht.koppelingen.service", "zaakgericht.zaken.models"} <= imports("zaakgericht.zaken.parts")
    assert "zaakgericht.zaken.ref" in imports(KOPPELINGEN)


def test_no_service_reaches_the_service_of_another_of_the_three():
    for module, domain in SERVICES.items():
        others = {name for name, other in SERVICES.items() if other != domain}
        assert reachable(module) & others == set(), module


def test_koppelingen_reaches_none_of_the_services():
    assert reachable(KOPPELINGEN) & SERVICES.keys() == set()


def test_koppelingen_uses_only_the_models_and_the_zaak_reference_of_the_three():
    domains = {f"zaakgericht.{domain}" for domain in SERVICES.values()}
    used = {name for name in imports(KOPPELINGEN) if name.rsplit(".", 1)[0] in domains}
    assert used <= {f"{domain}.models" for domain in domains} | {"zaakgericht.zaken.ref"}


def _modules(package: str) -> list[str]:
    folder = ROOT / Path(*package.split(".")[1:])
    return [f"{package}.{path.stem}" for path in sorted(folder.glob("*.py")) if path.stem != "__init__"]


def test_the_domains_import_nothing_of_the_web_applications():
    """The reads of one application live beside it (``web/pip/queries.py``, ``web/kcc/queries.py``, ...); a
    domain folder keeps what the API and every application share, and so never reaches into ``web``."""
    domains = [
        path.name
        for path in sorted(ROOT.iterdir())
        if path.is_dir() and (path / "__init__.py").is_file() and path.name not in ("web", "migrations")
    ]
    assert "zaken" in domains and "burgers" in domains
    for domain in domains:
        for module in _modules(f"zaakgericht.{domain}"):
            web = {name for name in reachable(module) if name.startswith("zaakgericht.web")}
            assert web == set(), module
