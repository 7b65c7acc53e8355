"""Content hashes stay what they were: a learner's saved answers and the hub's outstanding records
are keyed by them, so a hash that moves discards work without a word.

`question_hashes.json` holds the hashes of every shipped and fixture quiz and exam question as
the code computed them before hashing was given its written definition (`HASH_VERSION` 1). A
failure here means a change altered what a hash covers: either undo it, or make it a deliberate
new version (see CONTRIBUTING.md, "Adding a question type").
"""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from academy.core import quiz as quiz_module
from academy.core.exam import load_bank
from academy.core.problems import Problems
from academy.core.quiz import HASH_VERSION, HASHED_FIELDS, Question, load_quiz, question_hash, quiz_hash
from academy.i18n.languages import is_translation

ROOT = Path(__file__).resolve().parents[2]
PINNED = json.loads((Path(__file__).with_name("question_hashes.json")).read_text(encoding="utf-8"))


def _file(key: str, kind: str) -> Path:
    """The file a pinned key names: `ID` is shipped, `fixture:ID` lives in a test fixture project."""
    if not key.startswith("fixture:"):
        return ROOT / ("quizzes" if kind == "quizzes" else "curriculum/exams") / f"{key}.yml"
    pattern = "quizzes" if kind == "quizzes" else "curriculum/exams"
    found = sorted((ROOT / "tests/fixtures").glob(f"**/{pattern}/{key.removeprefix('fixture:')}.yml"))
    assert found, f"no fixture file for {key}"
    return found[0]


def _present(kind: str) -> list[str]:
    """The pinned keys whose file this checkout holds: every fixture's, and the example's while it
    ships (an academy that replaced the example keeps the fixtures' pins, which cover every type)."""
    return sorted(key for key in PINNED[kind] if key.startswith("fixture:") or _file(key, kind).is_file())


def test_every_fixture_quiz_and_bank_is_pinned() -> None:
    fixtures = ROOT / "tests/fixtures"
    assert {f"fixture:{p.stem}" for p in fixtures.glob("*/quizzes/*.yml")} <= set(PINNED["quizzes"])
    assert {f"fixture:{p.stem}" for p in fixtures.glob("*/curriculum/exams/*.yml")} <= set(PINNED["exams"])


def test_the_pinned_example_quizzes_and_banks_are_all_there_or_all_gone() -> None:
    """Half an example is a removal gone wrong: the example's pins are either all present or none."""
    for kind in ("quizzes", "exams"):
        shipped = [key for key in PINNED[kind] if not key.startswith("fixture:")]
        present = [key for key in shipped if _file(key, kind).is_file()]
        assert present in ([], shipped), (kind, sorted(set(shipped) - set(present)))
        if present:  # the example ships: each of its quizzes and banks is pinned
            folder = ROOT / ("quizzes" if kind == "quizzes" else "curriculum/exams")
            # Translations (`ID.nl.yml`) give text only and keep their source's hashes (tests/i18n).
            assert {p.stem for p in folder.glob("*.yml") if not is_translation(p)} <= set(shipped), kind


@pytest.mark.parametrize("key", _present("quizzes"))
def test_quiz_hashes_are_unchanged(key: str) -> None:
    problems = Problems()
    quiz = load_quiz(_file(key, "quizzes"), problems)
    assert quiz is not None, problems
    assert {q.id: q.content_hash for q in quiz.questions} == PINNED["quizzes"][key]["questions"]
    assert quiz.content_hash == PINNED["quizzes"][key]["hash"]


@pytest.mark.parametrize("key", _present("exams"))
def test_exam_question_hashes_are_unchanged(key: str) -> None:
    problems = Problems()
    bank = load_bank(_file(key, "exams"), problems)
    assert bank is not None, problems
    assert {q.id: q.content_hash for q in bank.questions} == PINNED["exams"][key]


def test_the_covered_fields_are_those_of_version_1() -> None:
    """Changing what a hash covers is a new version: this list and HASH_VERSION change together."""
    assert HASH_VERSION == 1
    assert HASHED_FIELDS == (
        "id", "type", "points", "prompt", "post", "options", "answer", "accept", "pattern", "items", "pairs"
    )


def _sample() -> Question:
    problems = Problems()
    quiz = load_quiz(_file("fixture:all-types", "quizzes"), problems)
    assert quiz is not None, problems
    return next(q for q in quiz.questions if q.type == "single")


def test_wording_outside_the_covered_fields_leaves_the_hash_alone() -> None:
    question = _sample()
    assert question_hash(replace(question, explanation="Rewritten.", line=999)) == question.content_hash


def test_a_covered_field_changes_the_hash() -> None:
    question = _sample()
    assert question_hash(replace(question, prompt=question.prompt + " Really?")) != question.content_hash
    assert question_hash(replace(question, points=question.points + 1)) != question.content_hash


def test_a_field_added_later_changes_no_hash_while_it_is_empty(monkeypatch: pytest.MonkeyPatch) -> None:
    """A field beyond version 1 enters the hash only when a question sets it, so adding a field to
    the format keeps every existing question's hash."""
    question = _sample()
    monkeypatch.setattr(quiz_module, "EXTRA_HASHED_FIELDS", ("explanation",))
    assert question_hash(replace(question, explanation="")) == question.content_hash
    assert question_hash(replace(question, explanation="Set.")) != question.content_hash


def test_quiz_hash_ignores_question_order() -> None:
    problems = Problems()
    quiz = load_quiz(_file("fixture:all-types", "quizzes"), problems)
    assert quiz is not None, problems
    assert quiz_hash(reversed(quiz.questions)) == quiz.content_hash
