"""The bar every shipped module meets, so it holds as the content changes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from academy.core.project import load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT)
OPTION_TYPES = {"single", "multiple", "scenario"}


def test_curriculum_size() -> None:
    assert len(PROJECT.modules) >= 36
    assert len(PROJECT.tracks) >= 5
    for track in PROJECT.tracks.values():
        assert track.certificate in PROJECT.certificates, f"track {track.id} ends in a certificate"


@pytest.mark.parametrize("module_id", sorted(PROJECT.modules))
def test_module_meets_the_bar(module_id: str) -> None:
    module = PROJECT.modules[module_id]
    assert module.title and module.summary
    assert 3 <= len(module.objectives) <= 5
    assert module.lesson_words >= 900, f"lesson has {module.lesson_words} words"
    assert len(module.exercises) >= 2 and all(e.has_answer for e in module.exercises)
    assert module.key_points.strip()
    assert len(module.trainer_notes.split()) >= 80, "trainer notes"
    assert module.schedule and sum(s.minutes for s in module.schedule) == module.duration
    assert module.teaches and all(ref in PROJECT.sections for ref in module.teaches)
    assert "## " in module.lesson


@pytest.mark.parametrize("module_id", sorted(PROJECT.modules))
def test_trainer_notes_cover_each_declared_format(module_id: str) -> None:
    """A module offered live has notes for a video call; one offered self-paced, for learners alone."""
    module = PROJECT.modules[module_id]
    if module.format in {"live", "both"}:
        assert "**On a video call.**" in module.trainer_notes, "live delivery needs notes for a video call"
    if module.format in {"self-paced", "both"}:
        assert "**Self-paced.**" in module.trainer_notes, "self-paced delivery needs its own notes"


@pytest.mark.parametrize("module_id", sorted(PROJECT.modules))
def test_trainer_notes_point_only_to_material_that_exists(module_id: str) -> None:
    """There are no slide decks: notes point to the lesson, the guide or a shared document."""
    notes = PROJECT.modules[module_id].trainer_notes
    assert not re.search(r"\b(?:on|in) (?:a|the) slides?\b|\bslide ?deck|\bdecks?\b", notes, re.I)


@pytest.mark.parametrize("module_id", sorted(PROJECT.modules))
def test_quiz_meets_the_bar(module_id: str) -> None:
    quiz = PROJECT.quizzes[PROJECT.modules[module_id].quiz]
    types = {q.type for q in quiz.questions}
    assert len(quiz.questions) >= 6
    assert len(types) >= 3, types
    assert "scenario" in types, "every module has a practice scenario"
    for question in quiz.questions:
        assert question.explanation.strip(), question.id
        if question.type in OPTION_TYPES:
            assert all(option.feedback.strip() for option in question.options), question.id
        else:
            assert question.feedback and question.feedback.correct and question.feedback.incorrect, question.id
        if question.type == "scenario":
            assert question.post is not None and question.post.text.strip()


def test_prerequisites_form_a_path_from_the_foundations() -> None:
    roots = [m.id for m in PROJECT.modules.values() if not m.prerequisites]
    assert roots == ["why-social-business"]
