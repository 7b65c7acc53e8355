"""The project cache (core/cache.py): a hit skips the load, any change to a source is a miss, and
an entry that is not the user's own, or is damaged, is never loaded."""

from __future__ import annotations

import os
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from academy.core import cache
from academy.core.project import Project, load_project


class CountingLoad:
    """`load_project`, counting its calls (a hit must not call it)."""

    def __init__(self) -> None:
        self.calls = 0

    def __call__(self, root: Path, layout: object = None, progress: Callable[[int, int], None] | None = None) -> Project:
        self.calls += 1
        return load_project(root, layout, progress)  # type: ignore[arg-type]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    target = tmp_path / "cache"
    monkeypatch.setenv("ACADEMY_CACHE_DIR", str(target))
    monkeypatch.delenv("ACADEMY_CACHE", raising=False)
    return target


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle"))


def test_a_hit_skips_the_load_and_gives_the_same_project(mini_project: Path, folder: Path) -> None:
    load = CountingLoad()
    first = cache.load_project_cached(mini_project, load=load)
    second = cache.load_project_cached(mini_project, load=load)
    assert load.calls == 1
    assert sorted(second.modules) == sorted(first.modules) == ["alpha", "beta"]
    assert sorted(second.quizzes) == sorted(first.quizzes)
    assert list(second.problems) == list(first.problems) == []
    [entry] = _entries(folder)
    assert entry.stat().st_mode & 0o777 == 0o600
    assert folder.stat().st_mode & 0o777 == 0o700


def test_an_edited_quiz_is_a_miss_and_its_problem_is_reported(mini_project: Path, folder: Path) -> None:
    load = CountingLoad()
    cache.load_project_cached(mini_project, load=load)
    quiz = mini_project / "quizzes/alpha.yml"
    info = quiz.stat()
    # Same size, same time: only the bytes tell (a checkout or an editor can keep both).
    quiz.write_text(quiz.read_text().replace("pass_mark: 80", "pass_mark: 8O"))
    os.utime(quiz, ns=(info.st_atime_ns, info.st_mtime_ns))
    project = cache.load_project_cached(mini_project, load=load)
    assert load.calls == 2
    assert any("quizzes/alpha.yml" in str(problem) and "pass_mark" in str(problem) for problem in project.problems)
    # Put back, the first entry's key again: a miss (one entry per project), then a hit.
    quiz.write_text(quiz.read_text().replace("pass_mark: 8O", "pass_mark: 80"))
    assert list(cache.load_project_cached(mini_project, load=load).problems) == []
    assert list(cache.load_project_cached(mini_project, load=load).problems) == []
    assert load.calls == 3


def test_an_added_file_is_a_miss(mini_project: Path, folder: Path) -> None:
    load = CountingLoad()
    cache.load_project_cached(mini_project, load=load)
    (mini_project / "content/guidelines/chart.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    cache.load_project_cached(mini_project, load=load)
    (mini_project / "curriculum/modules/gamma.md").write_text("---\nid: gamma\n---\n# Gamma\n")
    project = cache.load_project_cached(mini_project, load=load)
    assert load.calls == 3
    assert "gamma" in project.modules or any("gamma.md" in str(problem) for problem in project.problems)


def test_an_entry_others_can_write_is_not_loaded(mini_project: Path, folder: Path) -> None:
    load = CountingLoad()
    cache.load_project_cached(mini_project, load=load)
    [entry] = _entries(folder)
    entry.chmod(0o620)
    cache.load_project_cached(mini_project, load=load)
    assert load.calls == 2
    assert entry.stat().st_mode & 0o777 == 0o600  # replaced by the user's own again


def test_a_damaged_entry_is_a_miss_and_is_written_again(mini_project: Path, folder: Path) -> None:
    load = CountingLoad()
    cache.load_project_cached(mini_project, load=load)
    [entry] = _entries(folder)
    data = entry.read_bytes()
    entry.write_bytes(data[: len(data) // 2])
    assert sorted(cache.load_project_cached(mini_project, load=load).modules) == ["alpha", "beta"]
    assert load.calls == 2
    cache.load_project_cached(mini_project, load=load)  # the entry was written again: a hit
    assert load.calls == 2


def test_an_entry_that_is_not_a_project_is_not_used(mini_project: Path, folder: Path) -> None:
    load = CountingLoad()
    cache.load_project_cached(mini_project, load=load)
    [entry] = _entries(folder)
    key = cache.source_key(mini_project.resolve(), load_project(mini_project).layout)
    entry.write_bytes(key + pickle.dumps({"not": "a project"}))
    assert sorted(cache.load_project_cached(mini_project, load=load).modules) == ["alpha", "beta"]
    assert load.calls == 2


@pytest.mark.parametrize("value", ["0", "off", "false", "no"])
def test_academy_cache_0_writes_nothing(mini_project: Path, folder: Path, monkeypatch: pytest.MonkeyPatch, value: str) -> None:
    monkeypatch.setenv("ACADEMY_CACHE", value)
    load = CountingLoad()
    cache.load_project_cached(mini_project, load=load)
    cache.load_project_cached(mini_project, load=load)
    assert load.calls == 2
    assert not folder.exists()


def test_only_the_most_recent_projects_are_kept(tmp_path: Path, mini_project: Path, folder: Path) -> None:
    for number in range(cache.KEEP + 2):
        copy = shutil.copytree(mini_project, tmp_path / f"copy-{number}")
        cache.load_project_cached(copy)
    assert len(_entries(folder)) == cache.KEEP


def test_an_edit_to_any_file_of_the_academy_itself_is_a_miss(tmp_path: Path) -> None:
    package = tmp_path / "academy"
    (package / "templates").mkdir(parents=True)
    (package / "__pycache__").mkdir()
    (package / "core.py").write_text("x = 1\n")
    template = package / "templates" / "module.md.j2"
    template.write_text("# {{ title }}\n")
    before = cache.package_key(package)
    (package / "__pycache__" / "core.cpython-311.pyc").write_bytes(b"compiled")
    assert cache.package_key(package) == before  # Python's own bytecode is not the academy's code
    template.write_text("# {{ title }} (edited)\n")  # a built-in template, not only the .py files
    assert cache.package_key(package) != before
