"""Scoring: the shared fixtures through Python (issuance) and the page's JavaScript (Node) alike."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest

from academy.core.problems import Problems
from academy.core.quiz import Quiz, key_json, load_quiz
from academy.core.scoring import credit, percent_of, score_attempt, valid_response

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = sorted((ROOT / "tests" / "fixtures" / "scoring").glob("*.json"))
QUIZ_JS = ROOT / "plugins" / "academy" / "plugins" / "quiz" / "assets" / "quiz.js"
IN_CI = os.environ.get("CI", "").lower() == "true"

# Reads {key, cases} on stdin, prints the script's result for each case.
NODE_RUNNER = """
const quiz = require(process.env.QUIZ_JS);
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {
  const { key, cases } = JSON.parse(input);
  const results = cases.map((c) => quiz.scoreAttempt(key, c.responses, c.questions));
  process.stdout.write(JSON.stringify(results));
});
"""


def fixture_quiz(fixture: dict[str, Any], tmp_path: Path) -> Quiz:
    """The fixture's quiz through the real loader: JSON is YAML, so it reads as a quiz file would."""
    path = tmp_path / f"{fixture['quiz']['id']}.yml"
    path.write_text(json.dumps(fixture["quiz"], indent=2, ensure_ascii=False), encoding="utf-8")
    problems = Problems(tmp_path)
    quiz = load_quiz(path, problems)
    assert quiz is not None and not problems, [str(p) for p in problems]
    return quiz


def read(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_python_scores_the_fixtures(path: Path, tmp_path: Path) -> None:
    fixture = read(path)
    quiz = fixture_quiz(fixture, tmp_path)
    for case in fixture["cases"]:
        result = score_attempt(quiz, case["responses"], case["questions"]).to_json()
        assert result == case["expected"], case["name"]


@pytest.mark.parametrize("path", FIXTURES, ids=[p.stem for p in FIXTURES])
def test_javascript_scores_the_fixtures(path: Path, tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        if IN_CI:
            pytest.fail("node is not installed (CI=true: the JavaScript scoring must be tested)")
        pytest.skip("node is not installed: the page's scoring is not checked against the fixtures")
    fixture = read(path)
    key = key_json(fixture_quiz(fixture, tmp_path))
    result = subprocess.run(
        [node, "-e", NODE_RUNNER],
        input=json.dumps({"key": key, "cases": fixture["cases"]}),
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "QUIZ_JS": str(QUIZ_JS)},
        check=True,
    )
    for case, got in zip(fixture["cases"], json.loads(result.stdout), strict=True):
        assert got == case["expected"], case["name"]


def test_fixtures_cover_every_type() -> None:
    types = {q["type"] for path in FIXTURES for q in read(path)["quiz"]["questions"]}
    assert types == {"single", "multiple", "true_false", "short_text", "ordering", "matching", "scenario"}


def test_percent_rounds_down_exactly() -> None:
    assert percent_of(Fraction(2, 3), 1) == 66.66
    assert percent_of(Fraction(7), 10) == 70.0
    assert percent_of(Fraction(0), 0) == 0.0
    # 0.1 + 0.2 in floats is 0.30000000000000004; fractions never drift.
    assert percent_of(Fraction(1, 10) + Fraction(2, 10), 1) == 30.0


def test_to_revisit_lists_questions_not_fully_right(tmp_path: Path) -> None:
    quiz = fixture_quiz(read(ROOT / "tests" / "fixtures" / "scoring" / "attempt.json"), tmp_path)
    score = score_attempt(quiz, {"a": 0, "b": [0, 1], "c": [0, 1, 2]}, ["c", "b", "a"])
    assert score.to_revisit == ["b"]
    assert [q.earned for q in score.questions] == [3, Fraction(4, 3), 1]


def test_malformed_responses_score_zero_and_are_invalid(tmp_path: Path) -> None:
    quiz = fixture_quiz(read(ROOT / "tests" / "fixtures" / "scoring" / "attempt.json"), tmp_path)
    single, multiple, ordering, true_false = quiz.questions
    for question, response in [
        (single, True),
        (single, "0"),
        (multiple, [0, 0]),
        (ordering, [0, 1]),
        (true_false, 1),
        (ordering, None),
    ]:
        assert not valid_response(question, response)
        assert credit(question, response) == 0
    assert valid_response(multiple, []) and credit(multiple, []) == 0
