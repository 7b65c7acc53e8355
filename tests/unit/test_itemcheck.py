"""Item-writing checks: warnings per question, quiz and exam; the pass-mark error; the figures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from fractions import Fraction
from pathlib import Path

import pytest

from academy.core import itemcheck
from academy.core.itemcheck import cut_by_comment, figures, longest_guess, random_guess
from academy.core.problems import Problems
from academy.core.project import load_project
from academy.core.quiz import Option, Question

ROOT = Path(__file__).resolve().parents[2]
MINI = ROOT / "tests" / "fixtures" / "mini"


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    target = tmp_path / "mini"
    shutil.copytree(MINI, target)
    return target


def choice(kind: str, *options: tuple[str, bool]) -> Question:
    return Question(
        "q", kind, "Which?", "", 1, 1, options=tuple(Option(t, c, "", n + 2) for n, (t, c) in enumerate(options))
    )


def warnings_of(root: Path) -> list[str]:
    return [str(w) for w in load_project(root).problems.warnings()]


QUIZ = """id: alpha
title: "Check your understanding: alpha"
pass_mark: 80
questions:
  - id: longest
    type: single
    prompt: Which?
    options:
      - text: The long and detailed right answer that says everything
        correct: true
        feedback: Right.
      - text: Short
        feedback: No.
    explanation: Because.
  - id: ticks
    type: multiple
    prompt: Which?
    options:
      - text: One
        correct: true
        feedback: Yes.
      - text: Two
        correct: true
        feedback: Yes.
      - text: Three
        feedback: No.
      - text: All of the above
        correct: true
        feedback: Yes.
    explanation: Because.
  - id: tf-one
    type: true_false
    prompt: Is it so?
    answer: false
    feedback: {correct: Right., incorrect: Wrong.}
    explanation: Because.
  - id: tf-two
    type: true_false
    prompt: Is that so?
    answer: false
    feedback: {correct: Right., incorrect: Wrong.}
    explanation: Because.
"""


def test_the_cues_are_warned_about_at_their_line_and_do_not_fail(mini: Path) -> None:
    (mini / "quizzes/alpha.yml").write_text(QUIZ)
    project = load_project(mini)
    assert not list(project.problems)  # warnings only
    found = "\n".join(str(w) for w in project.problems.warnings())
    assert 'quizzes/alpha.yml:9: warning: question "longest": the right option is the longest (55 characters' in found
    assert 'quizzes/alpha.yml:15: warning: question "ticks": every option but one is right' in found
    assert 'quizzes/alpha.yml:27: warning: question "ticks": the option "All of the above" refers to the other' in found
    assert "quizzes/alpha.yml:31: warning: all 2 true/false questions have the answer false" in found
    assert 'quizzes/alpha.yml:1: warning: quiz "alpha": a blind guesser picking at random expects' in found
    warning = next(w for w in project.problems.warnings() if w.path == "quizzes/alpha.yml")
    assert warning.annotation().startswith("::warning file=quizzes/alpha.yml,line=")


def test_the_fixture_content_has_no_cues() -> None:
    warnings = warnings_of(MINI)
    assert not [w for w in warnings if "/exams/" in w or "curriculum/certificates" in w], warnings


def test_an_unquoted_hash_that_cuts_an_option_is_warned_about(mini: Path) -> None:
    text = (mini / "quizzes/alpha.yml").read_text()
    text = text.replace("      - text: Nothing\n", "      - text: The hashtag #ghostwritten\n")
    (mini / "quizzes/alpha.yml").write_text(text)
    found = [w for w in warnings_of(mini) if "comment" in w]
    assert found == [
        'quizzes/alpha.yml:12: warning: the text reads "The hashtag": YAML took "#ghostwritten" for a comment, '
        'because "#" after a space starts one — put the whole text in double quotes, e.g. text: "… #hashtag"'
    ]
    assert load_project(mini).quizzes["alpha"].questions[0].options[1].text == "The hashtag"


def test_quoted_block_and_non_text_values_with_hash_are_fine() -> None:
    text = (
        'a: "The hashtag #ok"\n'
        "b: >-\n  Folded #ok\n"
        "c: true  # the best option\n"
        "d: 3 # points\n"
        "e: plain#nospace\n"
        "f:\n  - item #cut\n"
        "g: multi line\n  plain #cut\n"
    )
    assert cut_by_comment(text) == [(8, "item", "#cut"), (10, "multi line plain", "#cut")]


def test_a_quiz_pass_mark_below_its_certificate_is_an_error(mini: Path) -> None:
    quiz = mini / "quizzes/beta.yml"
    quiz.write_text(quiz.read_text().replace("pass_mark: 80", "pass_mark: 75"))
    problems = [str(p) for p in load_project(mini).problems]
    assert problems == [
        'quizzes/beta.yml:3: pass_mark 75 is below the min_score 80 of certificate "basics-certificate", so the '
        'page would say "passed" to a learner the certificate does not accept — set pass_mark: 80 or more'
    ]


def test_the_guessers_expectations() -> None:
    four = choice("single", ("right", True), ("b", False), ("cc", False), ("the longest", False))
    assert random_guess(four) == Fraction(1, 4) and longest_guess(four) == 0
    tied = choice("single", ("aaa", True), ("bbb", False), ("c", False))
    assert longest_guess(tied) == Fraction(1, 2)
    # Two options, one right: {a} 1, {b} 0, {a, b} 0 → 1/3.
    pair = choice("multiple", ("a", True), ("b", False))
    assert random_guess(pair) == Fraction(1, 3)
    # The longer half of four: the two longest ticked, one right of two → (1 - 1) / 2 = 0.
    half = choice("multiple", ("long right", True), ("long wrong", False), ("r", True), ("w", False))
    assert longest_guess(half) == 0
    tf = Question("t", "true_false", "?", "", 1, 1, answer=True)
    assert random_guess(tf) == longest_guess(tf) == Fraction(1, 2)
    steps = Question("o", "ordering", "?", "", 2, 1, items=("a", "b", "c", "d"))
    assert random_guess(steps) == Fraction(1, 4)
    assert itemcheck.expected_percent([four, tf, steps], random_guess) == pytest.approx(100 * (0.25 + 0.5 + 0.5) / 4)


def test_the_figures_of_the_fixture_project() -> None:
    result = figures(load_project(MINI))
    assert (result.choice, result.longest_correct) == (8, 3)
    assert (result.true_false, result.true_answers) == (9, 4)
    assert (result.multiple, result.all_but_one, result.above) == (3, 1, 0)
    random, longest = result.exams["basics-certificate"]
    assert random < 40 and longest < 40
    checks = dict(result.checks())
    assert checks["true/false answers true: 4 of 9 (44.4 %, target 35-65 %)"]
    assert not checks["all options but one correct: 1 of 3 multiple-choice questions (33.3 %, target <= 25 %)"]
    assert not result.ok


def test_validate_prints_warnings_and_figures_and_still_passes(mini: Path) -> None:
    (mini / "quizzes/alpha.yml").write_text(QUIZ)
    env = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1", "CI": ""}
    plain = subprocess.run(
        [sys.executable, "-m", "academy.cli", "validate"], cwd=mini, env=env, capture_output=True, text=True
    )
    assert plain.returncode == 0, plain.stdout + plain.stderr
    assert 'warning: question "longest"' in plain.stdout
    # The summary counts what was printed (the fixture's other rules warn too, so count, don't pin).
    lines = [line for line in plain.stdout.splitlines() if ": warning: " in line]
    files = {line.split(":", 1)[0] for line in lines}
    assert f"{len(lines)} warning(s) in {len(files)} file(s): they do not fail validation." in plain.stderr
    assert "All good:" in plain.stdout and "1 exams." in plain.stdout
    figured = subprocess.run(
        [sys.executable, "-m", "academy.cli", "validate", "--figures"], cwd=mini, env=env, capture_output=True, text=True
    )
    assert "Item-writing figures" in figured.stdout and "[NOT MET] all options but one correct: 2 of 4" in figured.stdout
    assert figured.returncode == 1


def test_problems_keep_warnings_apart() -> None:
    problems = Problems()
    problems.warn("a.yml", 3, "looks odd", "check it")
    assert not problems and len(problems) == 0 and list(problems) == []
    assert [str(w) for w in problems.warnings()] == ["a.yml:3: warning: looks odd — check it"]
