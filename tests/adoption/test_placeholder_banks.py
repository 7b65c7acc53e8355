"""Exam banks that still hold the placeholder questions of a scaffold: `academy validate` and
`academy issue` refuse them (file:line, what to write); the build goes on, for previewing."""

from __future__ import annotations

from pathlib import Path

from support.adoptkit import write_bank_questions
from support.harness import BIN, build, run


def test_validate_and_issue_refuse_placeholder_questions_the_build_goes_on(mini_project: Path, tmp_path: Path) -> None:
    made = run(BIN / "academy", "new", "module", "gamma", "--track", "basics", cwd=mini_project)
    assert made.returncode == 0, made.stderr
    bank = mini_project / "curriculum/exams/gamma.yml"
    lines = bank.read_text(encoding="utf-8").splitlines()
    first = next(n for n, line in enumerate(lines, 1) if "Write exam question 1 here" in line)

    checked = run(BIN / "academy", "validate", cwd=mini_project)
    assert checked.returncode == 1
    refusal = f'curriculum/exams/gamma.yml:{first}: exam question "question-1" still holds the placeholder text'
    assert refusal in checked.stdout
    assert "write the question, the right answer, two wrong answers as long as the right one and the explanation" in (
        checked.stdout
    )
    assert checked.stdout.count("curriculum/exams/gamma.yml:") == 4, "one finding per question"
    assert "warning: exam question" not in checked.stdout, "an error in validate, not also a warning"

    # The build does not stop (a trainer previews the lesson with make serve); validate gates the PR.
    built = build(mini_project, tmp_path / "site")
    assert built.returncode == 0, built.stderr

    roster = tmp_path / "attendees.csv"
    roster.write_text("name,email\nAna Ruiz,ana@mini.example\n", encoding="utf-8")
    issued = run(BIN / "academy", "issue", "--roster", roster, "--certificate", "basics-certificate", cwd=mini_project)
    assert issued.returncode == 1 and refusal in issued.stderr and "nothing was issued" in issued.stderr

    write_bank_questions(bank)
    assert run(BIN / "academy", "validate", cwd=mini_project).returncode == 0


def test_half_written_question_is_still_refused(mini_project: Path) -> None:
    run(BIN / "academy", "new", "module", "gamma", "--track", "basics", cwd=mini_project, check=True)
    bank = mini_project / "curriculum/exams/gamma.yml"
    write_bank_questions(bank)
    text = bank.read_text(encoding="utf-8")
    # The trainer wrote question 1 but left one of its wrong answers as scaffolded.
    bank.write_text(text.replace("Never ask the team anything", "Another plausible wrong answer", 1), encoding="utf-8")
    checked = run(BIN / "academy", "validate", cwd=mini_project)
    assert checked.returncode == 1
    assert 'exam question "question-1" still holds the placeholder text of academy new (wrong answer)' in checked.stdout
