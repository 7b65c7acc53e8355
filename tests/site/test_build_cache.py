"""The build reuses the checked project (core/cache.py) and still sees every edit: whole builds
with a cache folder of the test's own."""

from __future__ import annotations

from pathlib import Path

import pytest

from support.harness import build


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(folder))  # the builds' subprocesses inherit it
    monkeypatch.delenv("ACADEMY_CACHE", raising=False)
    return folder


def test_a_build_keeps_the_project_and_the_next_one_still_sees_an_edit(
    mini_project: Path, tmp_path: Path, cache: Path
) -> None:
    site = tmp_path / "site"
    assert build(mini_project, site).returncode == 0
    [entry] = cache.glob("*.pickle")
    assert entry.stat().st_mode & 0o777 == 0o600
    kept = entry.stat().st_ino
    # Unchanged sources: the entry is read, not written again (a write replaces the file).
    assert build(mini_project, site).returncode == 0
    assert entry.stat().st_ino == kept
    quiz = mini_project / "quizzes/alpha.yml"
    quiz.write_text(quiz.read_text().replace("pass_mark: 80", "pass_mark: 800"))
    broken = build(mini_project, site)
    assert broken.returncode == 1
    assert "quizzes/alpha.yml:3: pass_mark is 800" in broken.stderr
    # A miss writes a new entry (created while the old one exists: another inode).
    assert entry.stat().st_ino != kept
    kept = entry.stat().st_ino
    quiz.write_text(quiz.read_text().replace("pass_mark: 800", "pass_mark: 80"))
    assert build(mini_project, site).returncode == 0
    assert entry.stat().st_ino != kept


def test_the_plugin_option_turns_the_cache_off(mini_project: Path, tmp_path: Path, cache: Path) -> None:
    config = mini_project / "mkdocs.yml"
    text = config.read_text()
    assert "\n  - academy\n" in text
    config.write_text(text.replace("\n  - academy\n", "\n  - academy:\n      cache: false\n", 1))
    assert build(mini_project, tmp_path / "site").returncode == 0
    assert not cache.exists() or list(cache.iterdir()) == []


def test_academy_cache_0_turns_it_off_for_a_run(
    mini_project: Path, tmp_path: Path, cache: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ACADEMY_CACHE", "0")
    assert build(mini_project, tmp_path / "site").returncode == 0
    assert not cache.exists()
