"""Completion records: the shape check, the changed-quiz refusal and the re-scoring issuance relies on."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from academy.core.problems import Problems
from academy.core.quiz import Quiz, load_quiz
from academy.core.scoring import COMPLETION_FORMAT, CompletionCheck, Learner, check_completion

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "scoring" / "attempt.json"


@pytest.fixture
def quiz(tmp_path: Path) -> Quiz:
    """The `attempt` scoring fixture: pass mark 70, pool 3 of a (1 pt), b (2), c (3), d (1)."""
    data = json.loads(FIXTURE.read_text(encoding="utf-8"))["quiz"]
    path = tmp_path / "attempt.yml"
    path.write_text(json.dumps(data), encoding="utf-8")
    loaded = load_quiz(path, Problems(tmp_path))
    assert loaded is not None
    return loaded


@pytest.fixture
def record(quiz: Quiz) -> dict[str, Any]:
    """A record as the page writes it: b and c fully right, d wrong: 5 of 6 points."""
    return {
        "format": COMPLETION_FORMAT,
        "learner": {"name": "Ada Lovelace", "email": "ada@example.org"},
        "module": "crisis-role-play",
        "quiz": {"id": "attempt", "hash": quiz.content_hash},
        "questions": ["b", "c", "d"],
        "responses": {"b": [0, 1, 3], "c": [0, 1, 2], "d": False},
        "score": 83.33,
        "passed": True,
        "completed": "2025-03-01T10:15:00.000Z",
    }


def check(record: object, quiz: Quiz) -> CompletionCheck:
    return check_completion(record, {quiz.id: quiz})


def test_a_good_record_is_rescored(record: dict[str, Any], quiz: Quiz) -> None:
    result = check(record, quiz)
    assert result.ok and result.errors == ()
    assert (result.percent, result.passed, result.claim_matches) == (83.33, True, True)
    assert result.learner == Learner("Ada Lovelace", "ada@example.org")
    assert (result.module, result.quiz) == ("crisis-role-play", quiz)
    assert result.completed == datetime(2025, 3, 1, 10, 15, tzinfo=UTC)
    assert result.score is not None and result.score.to_revisit == ["d"]


def test_the_claim_never_decides(record: dict[str, Any], quiz: Quiz) -> None:
    record["responses"] = {"b": [2], "c": [1, 2, 0], "d": False}
    record["score"], record["passed"] = 100, True
    result = check(record, quiz)
    assert result.ok
    assert (result.percent, result.passed, result.claim_matches) == (0.0, False, False)


def test_a_record_for_a_changed_quiz_is_refused(record: dict[str, Any], quiz: Quiz) -> None:
    record["quiz"]["hash"] = "0123456789abcdef"
    result = check(record, quiz)
    assert not result.ok and not result.passed and result.score is None
    assert result.errors == (
        f'field "quiz.hash": the record was made for a changed quiz (hash 0123456789abcdef, the quiz "attempt" is '
        f"now {quiz.content_hash}); the learner needs to take the quiz again",
    )


def test_module_may_be_null(record: dict[str, Any], quiz: Quiz) -> None:
    record["module"] = None
    assert check(record, quiz).ok and check(record, quiz).module is None


def test_unanswered_questions_score_zero(record: dict[str, Any], quiz: Quiz) -> None:
    record["responses"] = {"b": [0, 1, 3], "c": None}
    result = check(record, quiz)
    assert result.ok and result.percent == 33.33 and not result.passed


@pytest.mark.parametrize(
    ("change", "error"),
    [
        (lambda r: r.pop("learner"), 'field "learner" is missing'),
        (lambda r: r.update(extra=1), 'unknown field "extra"'),
        (
            lambda r: r.update(format="academy-completion/0"),
            'field "format" is "academy-completion/0", expected "academy-completion/1"',
        ),
        (lambda r: r["learner"].update(name="  "), 'field "learner.name" must be the learner\'s name'),
        (lambda r: r["learner"].update(email="ada at example"), 'field "learner.email" must be an e-mail address'),
        (lambda r: r["learner"].update(phone="1"), 'unknown field "learner.phone"'),
        (lambda r: r.update(learner="Ada"), 'field "learner" must be an object with "name" and "email"'),
        (lambda r: r.update(module=3), 'field "module" must be a module id or null'),
        (lambda r: r.update(quiz="attempt"), 'field "quiz" must be an object with "id" and "hash"'),
        (lambda r: r["quiz"].update(id="nope"), 'field "quiz.id": quiz "nope" does not exist'),
        (
            lambda r: r.update(questions=["b", "c"]),
            'field "questions" lists 2 questions, an attempt at "attempt" has 3',
        ),
        (
            lambda r: r.update(questions=["b", "c", "x"]),
            'field "questions" names "x", which quiz "attempt" does not have',
        ),
        (lambda r: r.update(questions=["b", "c", "c"]), 'field "questions" names "c" twice'),
        (lambda r: r.update(questions="b c d"), 'field "questions" must be a list of question ids'),
        (lambda r: r["responses"].update(a=0), 'field "responses" answers "a", which is not among the questions drawn'),
        (lambda r: r["responses"].update(b=[0, 0]), 'field "responses.b" is not a valid multiple response'),
        (lambda r: r["responses"].update(d="no"), 'field "responses.d" is not a valid true_false response'),
        (lambda r: r.update(responses=[]), 'field "responses" must be an object of question id: response'),
        (lambda r: r.update(score=101), 'field "score" must be a number from 0 to 100'),
        (lambda r: r.update(score=True), 'field "score" must be a number from 0 to 100'),
        (lambda r: r.update(passed="yes"), 'field "passed" must be true or false'),
        (
            lambda r: r.update(completed="2025-03-01T10:15:00"),
            'field "completed" must be an ISO-8601 date and time with time zone',
        ),
        (
            lambda r: r.update(completed="yesterday"),
            'field "completed" must be an ISO-8601 date and time with time zone',
        ),
    ],
)
def test_shape_errors_name_the_field(record: dict[str, Any], quiz: Quiz, change: Any, error: str) -> None:
    broken = copy.deepcopy(record)
    change(broken)
    result = check(broken, quiz)
    assert not result.ok and not result.passed and result.score is None
    assert error in result.errors, result.errors


@pytest.mark.parametrize("record", [None, [], "{}", 3])
def test_not_an_object(record: object, quiz: Quiz) -> None:
    assert check(record, quiz).errors == ("the record is not a JSON object",)


def test_every_error_at_once(quiz: Quiz) -> None:
    result = check({"format": COMPLETION_FORMAT}, quiz)
    assert len(result.errors) == 8 and all(e.endswith("is missing") for e in result.errors)
