"""An adopter's first afternoon, from a shell: init, validate, build strictly, issue and verify."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from support.harness import engine_command

ACADEMY = [str(Path(sys.executable).with_name("academy"))]
EXAMPLE_WORDS = ("northwind", "aura thermostat", "why-social-business", "foundations-certificate")


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=300)


def test_init_builds_issues_and_verifies_with_nothing_of_the_example(tmp_path: Path) -> None:
    folder = tmp_path / "acme"
    made = _run(*ACADEMY, "init", str(folder), "--organisation", "Acme Co", "--url", "https://academy.acme.example/",
                "--yes", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    for path in folder.rglob("*"):
        if path.is_file() and path.suffix in {".md", ".yml", ".svg", ".html", ".txt"}:
            text = path.read_text(encoding="utf-8").lower()
            assert not [w for w in EXAMPLE_WORDS if w in text], path
    checked = _run(*ACADEMY, "validate", cwd=folder)
    assert checked.returncode == 0, checked.stderr
    # The selected engine (MkDocs or ProperDocs), as `make` runs it.
    built = _run(*engine_command("build", "--strict", "-q", "-d", tmp_path / "site", project=folder), cwd=folder)
    assert built.returncode == 0, built.stderr
    assert (tmp_path / "site" / "workshops" / "first-steps" / "index.html").is_file()
    assert _run(*ACADEMY, "keys", "generate", cwd=folder).returncode == 0
    roster = folder / "attendees.csv"
    roster.write_text("name,email\nAna Ruiz,ana@acme.example\n", encoding="utf-8")
    issued = _run(*ACADEMY, "issue", "--roster", str(roster), "--certificate", "getting-started-certificate",
                  cwd=folder)
    assert issued.returncode == 0, issued.stderr
    certificates = sorted((folder / ".academy" / "issued").rglob("*.json"))
    assert certificates
    verified = _run(*ACADEMY, "verify", str(certificates[0]), cwd=folder)
    assert verified.returncode == 0, verified.stdout + verified.stderr


def test_init_refuses_a_folder_that_is_not_empty(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    refused = _run(*ACADEMY, "init", str(tmp_path), "--organisation", "Acme", "--url", "https://a.example/", "--yes",
                   cwd=tmp_path)
    assert refused.returncode == 1 and "not empty" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
