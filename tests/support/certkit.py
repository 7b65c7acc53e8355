"""Helpers for the certificate tests: a scratch project, the CLI as a subprocess, completion records.

A module of its own (not conftest.py) so that `from certkit import …` never picks up another conftest."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
PROJECT = ROOT / "tests" / "credentials" / "fixtures" / "project"
CONFORMANCE = ROOT.parent / "shared" / "conformance"
OB3_SCHEMA = CONFORMANCE / "ob3" / "ob_v3p0_achievementcredential_schema.json"


def conformance(*parts: str) -> Path:
    """A file of the read-only conformance data; skips the test with the reason when it is absent."""
    path = CONFORMANCE.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"conformance data not found at {path} (expected ../shared/conformance beside the project)")
    return path


def academy(
    *args: str | Path, cwd: Path, env: dict[str, str] | None = None, timeout: float = 300
) -> subprocess.CompletedProcess[str]:
    """`python -m academy.cli ARGS` in `cwd`, as an issuer runs it."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    if "ACADEMY_LEDGER" not in (env or {}):
        environment.pop("ACADEMY_LEDGER", None)
    return subprocess.run(
        [sys.executable, "-m", "academy.cli", *map(str, args)],
        cwd=cwd,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of tests/credentials/fixtures/project."""
    target = tmp_path / "project"
    shutil.copytree(PROJECT, target)
    return target


@pytest.fixture
def keyed(project: Path) -> Path:
    """The scratch project with the issuer's first key."""
    result = academy("keys", "generate", cwd=project)
    assert result.returncode == 0, result.stderr
    return project


def record(
    project: Path,
    quiz_id: str,
    *,
    name: str = "Ada Lovelace",
    email: str = "ada@example.org",
    right: bool = True,
    **changes: Any,
) -> dict[str, Any]:
    """A completion record of the fixture project's module `quiz_id` (both questions right, or none)."""
    from academy.core.project import load_project

    quiz = load_project(project).quizzes[quiz_id]
    responses = {"disclose": 0, "always": False} if right else {"disclose": 1, "always": True}
    data: dict[str, Any] = {
        "format": "academy-completion/1",
        "learner": {"name": name, "email": email},
        "module": quiz_id,
        "quiz": {"id": quiz_id, "hash": quiz.content_hash},
        "questions": ["disclose", "always"],
        "responses": responses,
        "score": 100 if right else 0,
        "passed": right,
        "completed": "2026-03-01T10:15:00.000Z",
    }
    data.update(changes)
    return data


def write_json(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def tree(folder: Path) -> dict[str, bytes]:
    """Every file below `folder` with its bytes: to show that nothing changed."""
    if not folder.exists():
        return {}
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}
