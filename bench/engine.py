"""Which engine builds the site, MkDocs 1.6 or ProperDocs 1.6, for the tests and the benchmarks.

`ENGINE=properdocs make test|serve|build|bench` selects ProperDocs and its own venv
(`.venv-properdocs/`, from `requirements-properdocs.lock`); the default is MkDocs in `.venv/`.
Without `ENGINE`, the engine is the one installed next to the running Python.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENGINES = ("mkdocs", "properdocs")
#: The venv each engine is installed in by `make setup` (see the Makefile).
VENVS = {"mkdocs": ROOT / ".venv", "properdocs": ROOT / ".venv-properdocs"}


def selected() -> str:
    """`$ENGINE`, or the engine installed in this venv when it is unset."""
    name = os.environ.get("ENGINE", "").strip().lower()
    if not name:
        return "mkdocs" if (BIN / "mkdocs").exists() or not (BIN / "properdocs").exists() else "properdocs"
    if name not in ENGINES:
        raise SystemExit(f"ENGINE={name}: unknown engine — use one of {', '.join(ENGINES)}")
    return name


ENGINE = selected()


def executable(engine: str = ENGINE) -> Path | None:
    """The engine's command: in this venv, else in the venv `make setup` gives it; None if absent."""
    for folder in (BIN, VENVS[engine] / "bin"):
        if (folder / engine).is_file():
            return folder / engine
    return None


def command(engine: str = ENGINE) -> Path:
    """The selected engine's command in this venv, as `make` runs it."""
    path = BIN / engine
    if not path.is_file():
        raise SystemExit(
            f"ENGINE={engine}, but {BIN.parent} has no {engine} — run `ENGINE={engine} make setup` "
            f"and use {VENVS[engine]}/bin/python, or unset ENGINE"
        )
    return path


def alias_imports() -> None:
    """Make `mkdocs.*` imports resolve to ProperDocs in this process, as `properdocs build` does.

    Tests and benchmarks that load a config in-process (not through the engine's command) call
    this first; under MkDocs it does nothing.
    """
    if ENGINE == "properdocs":
        import properdocs.replacement  # noqa: F401  (importing it installs the alias)
