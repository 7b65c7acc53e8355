"""Scoring of quiz attempts, exactly as CONTRIBUTING.md states it.

The browser script (`plugins/quiz/assets/quiz.js`) scores the page with the same
rules; the shared fixtures in `tests/fixtures/scoring/` hold both to the same results.
`check_completion` (below) checks a practice quiz's completion record and re-scores it
against the current key; practice never earns a certificate (certificates come from the
hub-scored exam, `academy.credentials.issue.requests`, which reuses `credit`).

Responses, as the script stores them and completion records carry them (each type's entry in
`academy.core.question_types.TYPES` states its own and checks and scores it):

| type | response |
| --- | --- |
| `single`, `scenario` | index of the chosen option in the YAML (int) |
| `multiple` | indices of the ticked options (list of distinct ints, sorted) |
| `true_false` | true or false |
| `short_text` | the text typed |
| `ordering` | item indices (YAML order) in the learner's order: a permutation |
| `matching` | element i: index of the right-hand side chosen for pair i, or null |

A missing or malformed response scores 0. Arithmetic is exact (fractions), so the
Python and JavaScript results agree to the last digit.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Any

from .question_types import TYPES, short_text_right
from .quiz import Question, Quiz

__all__ = ["short_text_right"]  # re-exported: its old home

Response = int | bool | str | list[int] | list[int | None] | None


@dataclass(frozen=True)
class QuestionScore:
    id: str
    points: int
    #: Share of the points earned, 0 to 1.
    credit: Fraction

    @property
    def earned(self) -> Fraction:
        return self.points * self.credit

    @property
    def correct(self) -> bool:
        return self.credit == 1


@dataclass(frozen=True)
class Score:
    """The result of one attempt over the questions drawn for it."""

    #: 100 × earned ÷ available, rounded down to two decimals.
    percent: float
    passed: bool
    earned: Fraction
    available: int
    questions: tuple[QuestionScore, ...]

    @property
    def to_revisit(self) -> list[str]:
        """Ids of the questions not fully right, in attempt order."""
        return [q.id for q in self.questions if not q.correct]

    def to_json(self) -> dict[str, Any]:
        """The result as the shared fixtures state it (fractions as [numerator, denominator])."""
        return {
            "percent": self.percent,
            "passed": self.passed,
            "earned": [self.earned.numerator, self.earned.denominator],
            "available": self.available,
            "questions": {q.id: [q.credit.numerator, q.credit.denominator] for q in self.questions},
        }


def valid_response(question: Question, response: Any) -> bool:
    """Whether `response` has the form its question type takes (see the module docstring)."""
    kind = TYPES.get(question.type)
    return kind is not None and kind.valid(question, response)


def credit(question: Question, response: Any) -> Fraction:
    """Share of the question's points that `response` earns, from 0 to 1."""
    if not valid_response(question, response):
        return Fraction(0)
    return TYPES[question.type].credit(question, response)


def percent_of(earned: Fraction, available: int) -> float:
    """100 × earned ÷ available, rounded down to two decimals (exactly, as the script does)."""
    if available <= 0:
        return 0.0
    return (earned * 10000 // available) / 100


def score_attempt(quiz: Quiz, responses: Mapping[str, Any], drawn: Sequence[str] | None = None) -> Score:
    """Score the questions `drawn` for an attempt (all questions when None).

    Ids in `drawn` that the quiz does not have are skipped; `check_completion` refuses
    them before it gets here. `passed` compares exactly: earned ÷ available ≥ pass mark.
    """
    ids = list(drawn) if drawn is not None else [q.id for q in quiz.questions]
    results = []
    for question_id in ids:
        question = quiz.question(question_id)
        if question is not None:
            results.append(QuestionScore(question.id, question.points, credit(question, responses.get(question.id))))
    earned = sum((r.earned for r in results), Fraction(0))
    available = sum(r.points for r in results)
    passed = available > 0 and earned * 100 >= quiz.pass_mark * available
    return Score(percent_of(earned, available), passed, earned, available, tuple(results))


# Completion records ---------------------------------------------------------

#: The `format` of a completion record: the file a learner downloads after passing.
COMPLETION_FORMAT = "academy-completion/1"
_RECORD_FIELDS = ("format", "learner", "module", "quiz", "questions", "responses", "score", "passed", "completed")
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")


@dataclass(frozen=True)
class Learner:
    name: str
    email: str


@dataclass(frozen=True)
class CompletionCheck:
    """What `check_completion` found.

    `ok` is True when the record is well formed and made for the current quiz; only then
    are `score`, `quiz`, `learner`, `module` and `completed` set. `percent` and `passed`
    come from re-scoring against the key, never from the record's own claim.
    """

    errors: tuple[str, ...] = ()
    quiz: Quiz | None = None
    #: The module id the record names (None for a quiz on a page outside the curriculum).
    module: str | None = None
    learner: Learner | None = None
    score: Score | None = None
    completed: datetime | None = None
    #: The record's own `score`, for reference only.
    claimed_percent: float | None = None

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def percent(self) -> float | None:
        return self.score.percent if self.score else None

    @property
    def passed(self) -> bool:
        return bool(self.ok and self.score and self.score.passed)

    @property
    def claim_matches(self) -> bool:
        """Whether the page scored it as the issuer does; a mismatch hints at an edited record."""
        return self.score is not None and self.claimed_percent == self.score.percent


def check_completion(record: object, quizzes: Mapping[str, Quiz]) -> CompletionCheck:
    """Check a completion record (parsed JSON) and re-score it against the current quiz key.

    The record has the form
    `{"format": "academy-completion/1", "learner": {"name", "email"}, "module": id or null,
    "quiz": {"id", "hash"}, "questions": [ids drawn], "responses": {question id: response},
    "score": percent, "passed": bool, "completed": ISO-8601 date-time with time zone}`.

    Never raises for bad input: every mistake comes back in `errors`, each naming the
    field. A record whose quiz hash differs from the current quiz is refused ("made for
    a changed quiz"). Whether `module` really uses this quiz is for the caller to check.
    It earns no certificate: issuance refuses completion records.
    """
    if not isinstance(record, Mapping):
        return CompletionCheck(("the record is not a JSON object",))
    errors: list[str] = [f'unknown field "{k}"' for k in record if k not in _RECORD_FIELDS]
    errors += [f'field "{k}" is missing' for k in _RECORD_FIELDS if k not in record]
    if record.get("format", COMPLETION_FORMAT) != COMPLETION_FORMAT:
        errors.append(f'field "format" is {json.dumps(record["format"])}, expected "{COMPLETION_FORMAT}"')
    learner = _learner(record.get("learner"), errors)
    module = record.get("module")
    if not (module is None or isinstance(module, str) and module):
        errors.append('field "module" must be a module id or null')
    claimed = record.get("score")
    if "score" in record and (
        isinstance(claimed, bool) or not isinstance(claimed, int | float) or not 0 <= claimed <= 100
    ):
        errors.append('field "score" must be a number from 0 to 100')
    if "passed" in record and not isinstance(record["passed"], bool):
        errors.append('field "passed" must be true or false')
    completed = _when(record.get("completed"), errors) if "completed" in record else None
    quiz = _quiz(record.get("quiz"), quizzes, errors)
    drawn = _drawn(record.get("questions"), quiz, errors) if quiz else None
    responses = record.get("responses")
    if not isinstance(responses, Mapping):
        if "responses" in record:
            errors.append('field "responses" must be an object of question id: response')
        responses = {}
    elif quiz and drawn is not None:
        for question_id, response in responses.items():
            question = quiz.question(question_id) if question_id in drawn else None
            if question is None:
                errors.append(f'field "responses" answers "{question_id}", which is not among the questions drawn')
            elif response is not None and not valid_response(question, response):
                errors.append(f'field "responses.{question_id}" is not a valid {question.type} response')
    if errors or quiz is None or drawn is None:
        return CompletionCheck(tuple(errors))
    return CompletionCheck(
        (),
        quiz,
        module,
        learner,
        score_attempt(quiz, responses, drawn),
        completed,
        float(claimed) if isinstance(claimed, int | float) else None,
    )


def _learner(value: object, errors: list[str]) -> Learner | None:
    if not isinstance(value, Mapping):
        if value is not None:
            errors.append('field "learner" must be an object with "name" and "email"')
        return None
    errors += [f'unknown field "learner.{k}"' for k in value if k not in {"name", "email"}]
    name, email = value.get("name"), value.get("email")
    if not isinstance(name, str) or not name.strip():
        errors.append('field "learner.name" must be the learner\'s name')
    if not isinstance(email, str) or not _EMAIL.fullmatch(email.strip()):
        errors.append('field "learner.email" must be an e-mail address')
    return Learner(name.strip(), email.strip()) if isinstance(name, str) and isinstance(email, str) else None


def _when(value: object, errors: list[str]) -> datetime | None:
    try:
        when = datetime.fromisoformat(value) if isinstance(value, str) else None
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        errors.append('field "completed" must be an ISO-8601 date and time with time zone')
        return None
    return when


def _quiz(value: object, quizzes: Mapping[str, Quiz], errors: list[str]) -> Quiz | None:
    if not isinstance(value, Mapping) or not isinstance(value.get("id"), str) or not isinstance(value.get("hash"), str):
        if value is not None:
            errors.append('field "quiz" must be an object with "id" and "hash"')
        return None
    errors += [f'unknown field "quiz.{k}"' for k in value if k not in {"id", "hash"}]
    quiz = quizzes.get(value["id"])
    if quiz is None:
        errors.append(f'field "quiz.id": quiz "{value["id"]}" does not exist')
    elif value["hash"] != quiz.content_hash:
        errors.append(
            f'field "quiz.hash": the record was made for a changed quiz (hash {value["hash"]}, the quiz '
            f'"{quiz.id}" is now {quiz.content_hash}); the learner needs to take the quiz again'
        )
        return None
    return quiz


def _drawn(value: object, quiz: Quiz, errors: list[str]) -> list[str] | None:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        if value is not None:
            errors.append('field "questions" must be a list of question ids')
        return None
    if len(value) != quiz.attempt_size:
        errors.append(
            f'field "questions" lists {len(value)} questions, an attempt at "{quiz.id}" has {quiz.attempt_size}'
        )
    seen: set[str] = set()
    for question_id in value:
        if quiz.question(question_id) is None:
            errors.append(f'field "questions" names "{question_id}", which quiz "{quiz.id}" does not have')
        elif question_id in seen:
            errors.append(f'field "questions" names "{question_id}" twice')
        seen.add(question_id)
    return list(value)
