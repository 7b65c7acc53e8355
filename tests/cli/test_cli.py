"""The `academy` validate and new commands, run in-process through `academy.commands.main` (the
same exit codes and output as from a shell, without starting Python each time); the command as a
user runs it from a shell is tested in test_commands.py and tests/site/test_build_gate.py."""

from __future__ import annotations

import contextlib
import io
import subprocess
from pathlib import Path

import pytest

from academy.commands import main
from support.adoptkit import write_bank_questions
from support.harness import build


def academy(*args: str, cwd: Path, ci: bool = False) -> subprocess.CompletedProcess[str]:
    """`academy ARGS` from `cwd`, in this process; `ci` as under CI=true (GitHub annotations)."""
    out, err = io.StringIO(), io.StringIO()
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        if ci:
            patch.setenv("CI", "true")
        else:
            patch.delenv("CI", raising=False)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(args))
    return subprocess.CompletedProcess(["academy", *args], code, out.getvalue(), err.getvalue())


def test_validate_passes_on_a_valid_project(mini_project: Path) -> None:
    result = academy("validate", cwd=mini_project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.splitlines()[-1] == "All good: 5 pages, 2 modules, 1 tracks, 4 quizzes, 1 certificates, 1 exams."


def test_validate_reports_file_line_and_fix_and_exits_1(mini_project: Path) -> None:
    module = mini_project / "curriculum/modules/alpha.md"
    module.write_text(module.read_text().replace("title:", "titel:", 1))
    result = academy("validate", cwd=mini_project)
    assert result.returncode == 1
    assert 'curriculum/modules/alpha.md:3: unknown field "titel" (did you mean "title"?) — use one of:' in result.stdout
    assert "problem(s) in 1 file(s)." in result.stderr


def test_validate_prints_github_annotations_under_ci(mini_project: Path) -> None:
    module = mini_project / "curriculum/modules/alpha.md"
    module.write_text(module.read_text().replace("quiz: alpha", "quiz: nope"))
    result = academy("validate", cwd=mini_project, ci=True)
    assert result.returncode == 1
    assert (
        '::error file=curriculum/modules/alpha.md,line=15::quiz "nope" does not exist — create quizzes/nope.yml'
        in result.stdout
    )


def test_validate_from_another_folder_with_root(mini_project: Path, tmp_path: Path) -> None:
    result = academy("--root", str(mini_project), "validate", cwd=tmp_path)
    assert result.returncode == 0, result.stdout


def test_new_module_writes_a_valid_skeleton_that_builds(mini_project: Path, tmp_path: Path) -> None:
    result = academy("new", "module", "crisis-role-play", "--track", "basics", cwd=mini_project)
    assert result.returncode == 0, result.stderr
    module = mini_project / "curriculum/modules/crisis-role-play.md"
    quiz = mini_project / "quizzes/crisis-role-play.yml"
    assert module.is_file() and quiz.is_file()
    track = (mini_project / "curriculum/tracks/basics.yml").read_text()
    assert "  - beta\n  - crisis-role-play\n" in track
    assert "certificate: basics-certificate" in track, "the rest of the track file is kept"
    # The track's certificate covers the new module: it is in the rule, with an exam bank to write.
    assert "added crisis-role-play to the certificate rule" in result.stdout
    bank = mini_project / "curriculum/exams/crisis-role-play.yml"
    assert academy("validate", cwd=mini_project).returncode == 1, "the bank's placeholders are refused"
    write_bank_questions(bank)
    assert academy("validate", cwd=mini_project).returncode == 0
    site = tmp_path / "site"
    built = build(mini_project, site)
    assert built.returncode == 0, built.stderr
    assert (site / "workshops/crisis-role-play/index.html").is_file()
    assert (site / "trainers/crisis-role-play/index.html").is_file()


def test_new_module_refuses_an_existing_id(mini_project: Path) -> None:
    before = (mini_project / "curriculum/modules/alpha.md").read_text()
    result = academy("new", "module", "alpha", "--track", "basics", cwd=mini_project)
    assert result.returncode == 1
    assert "academy new module: curriculum/modules/alpha.md already exists — choose another id" in result.stderr
    assert (mini_project / "curriculum/modules/alpha.md").read_text() == before


def test_new_module_refuses_an_unknown_track_and_a_bad_id(mini_project: Path) -> None:
    result = academy("new", "module", "gamma", "--track", "nope", cwd=mini_project)
    assert result.returncode == 1 and 'track "nope" does not exist — use one of: basics' in result.stderr
    result = academy("new", "module", "Gamma Module", "--track", "basics", cwd=mini_project)
    assert result.returncode == 1 and "is not a valid id" in result.stderr
    assert not (mini_project / "curriculum/modules/gamma.md").exists()
