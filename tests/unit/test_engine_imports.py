"""The plugins run on MkDocs 1.6 and on ProperDocs: they import only what both engines have.

ProperDocs answers `mkdocs.*` imports with its own modules (properdocs/replacement.py), so the
plugins import `mkdocs.*` and nothing else from an engine. Each check runs in each engine's venv
that is installed (both under CI=true), in a child process of that venv's Python.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import tomllib
from pathlib import Path

import pytest

from engine import ENGINES
from support.harness import ROOT, installed

PACKAGE = ROOT / "plugins" / "academy"
#: What only one engine's lock holds; every other pin is the same in both.
ENGINE_ONLY = {"mkdocs": {"mkdocs", "mkdocs-get-deps", "mergedeep"}, "properdocs": {"properdocs"}}
LOCKS = {"mkdocs": ROOT / "requirements.lock", "properdocs": ROOT / "requirements-properdocs.lock"}

_CHECK = """
import importlib, importlib.util, json, sys
if sys.argv[1] == "properdocs":
    import properdocs.replacement  # what `properdocs build` does before it loads plugins
missing, origins = [], set()
for module, names in json.loads(sys.argv[2]):
    try:
        loaded = importlib.import_module(module)
    except ImportError as error:
        missing.append(f"{module}: {error}")
        continue
    origins.add(loaded.__name__.split(".")[0])  # the real module's name: the alias keeps it
    for name in names:
        if not hasattr(loaded, name) and importlib.util.find_spec(f"{module}.{name}") is None:
            missing.append(f"{module}.{name}")
print(json.dumps({"missing": missing, "origins": sorted(origins)}))
"""


def engine_imports(path: Path) -> list[tuple[str, list[str]]]:
    """Every `import mkdocs…` / `from mkdocs… import …` (or properdocs) in one source file."""
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
    return [(module, names) for module, names in found if module.split(".")[0] in ENGINES]


def all_engine_imports() -> dict[Path, list[tuple[str, list[str]]]]:
    return {path: engine_imports(path) for path in sorted(PACKAGE.rglob("*.py")) if engine_imports(path)}


def test_the_scan_sees_the_plugins_engine_imports() -> None:
    imports = all_engine_imports()
    modules = {module for found in imports.values() for module, _ in found}
    assert {"mkdocs.plugins", "mkdocs.config.defaults", "mkdocs.structure.files"} <= modules
    assert len(imports) >= 6, "every plugin module imports its engine"


def test_only_the_adapters_import_an_engine_and_only_the_shared_mkdocs_names() -> None:
    adapters = PACKAGE / "plugins"
    wrong = [
        f"{path.relative_to(ROOT)}: {module}"
        for path, found in all_engine_imports().items()
        for module, _ in found
        if not path.is_relative_to(adapters) or not module.startswith("mkdocs.")
    ]
    assert wrong == [], "core and credentials import no engine; adapters import `mkdocs.*`, which both engines have"


@pytest.mark.parametrize("engine", ENGINES)
def test_every_engine_has_every_name_the_plugins_import(engine: str) -> None:
    python = installed(engine).parent / "python"
    wanted = sorted({(module, tuple(names)) for found in all_engine_imports().values() for module, names in found})
    result = subprocess.run(
        [str(python), "-c", _CHECK, engine, json.dumps(wanted)], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert report["missing"] == []
    # Under ProperDocs every `mkdocs.*` module is ProperDocs' own: no MkDocs is installed to fall back on.
    assert report["origins"] == [engine]


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engines_venv_has_what_its_packages_require(engine: str) -> None:
    python = installed(engine).parent / "python"
    result = subprocess.run([str(python), "-m", "pip", "check"], capture_output=True, text=True, timeout=120)
    problems = result.stdout.strip().splitlines()
    if engine == "properdocs":  # Material and this project declare mkdocs; ProperDocs stands in for it
        problems = [line for line in problems if not line.endswith("requires mkdocs, which is not installed.")]
    assert [p for p in problems if p != "No broken requirements found."] == []


def _pins(lock: Path) -> dict[str, str]:
    pins = {}
    for line in lock.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            name, version = line.split("==")
            pins[re.sub(r"[-_.]+", "-", name).lower()] = version.strip()
    return pins


def test_the_two_locks_pin_the_same_versions_apart_from_the_engine() -> None:
    mkdocs, properdocs = (_pins(LOCKS[e]) for e in ENGINES)
    assert ENGINE_ONLY["mkdocs"] <= mkdocs.keys() and ENGINE_ONLY["properdocs"] <= properdocs.keys()
    shared_mk = {k: v for k, v in mkdocs.items() if k not in ENGINE_ONLY["mkdocs"]}
    shared_pd = {k: v for k, v in properdocs.items() if k not in ENGINE_ONLY["properdocs"]}
    differences = sorted(
        f"{name}: requirements.lock {shared_mk.get(name, '-')}, requirements-properdocs.lock {shared_pd.get(name, '-')}"
        for name in shared_mk.keys() | shared_pd.keys()
        if shared_mk.get(name) != shared_pd.get(name)
    )
    assert differences == [], "add or change a dependency in both locks"


def test_plugins_are_registered_for_both_engines() -> None:
    entry_points = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["entry-points"]
    assert entry_points["mkdocs.plugins"] == entry_points["properdocs.plugins"]
    assert "academy" in entry_points["mkdocs.plugins"]
