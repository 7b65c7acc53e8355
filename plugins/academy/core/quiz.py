"""Quizzes, read from `quizzes/ID.yml`: the model, its validation and its content hashes.

The format and the rules are those of CONTRIBUTING.md ("Quiz file"). `load_quiz`
checks the fields against `schemas/quiz.schema.json` first, then every rule a schema
cannot express, and reports each problem at the line a trainer has to change.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from . import schema
from .answer_text import SPACE, compile_pattern, normalize, pattern_error
from .problems import Problems
from .question_types import TYPE_FIELDS, TYPES
from .source import Node, NodeList, load_yaml

__all__ = ["SPACE", "compile_pattern", "normalize", "pattern_error"]  # re-exported: their old home

QuestionType = Literal["single", "multiple", "true_false", "short_text", "ordering", "matching", "scenario"]

#: Types whose learner picks among `options`; the others carry `feedback: {correct, incorrect}`.
CHOICE_TYPES = frozenset(t.name for t in TYPES.values() if t.choice)

@dataclass(frozen=True)
class Option:
    """One option of a choice or scenario question; for a scenario, a reply."""

    text: str
    correct: bool
    feedback: str
    line: int


@dataclass(frozen=True)
class Feedback:
    """What a true/false, short-text, ordering or matching question says after answering."""

    correct: str
    incorrect: str


@dataclass(frozen=True)
class Post:
    """The situation of a scenario, shown as a mock social post."""

    platform: str
    author: str
    text: str
    handle: str | None = None
    context: str | None = None


@dataclass(frozen=True)
class Pair:
    """A matching pair: `left` is shown, `right` is chosen from the shuffled right-hand sides."""

    left: str
    right: str
    line: int


@dataclass(frozen=True)
class Question:
    """One question; the fields that do not belong to its `type` stay empty."""

    id: str
    type: QuestionType
    prompt: str
    explanation: str
    points: int
    line: int
    options: tuple[Option, ...] = ()
    post: Post | None = None
    answer: bool | None = None
    accept: tuple[str, ...] = ()
    pattern: str | None = None
    items: tuple[str, ...] = ()
    pairs: tuple[Pair, ...] = ()
    feedback: Feedback | None = None
    #: First 16 hex digits of the SHA-256 of what the question asks and what is right.
    content_hash: str = ""


@dataclass(frozen=True)
class Quiz:
    id: str
    title: str
    pass_mark: int
    shuffle_questions: bool
    shuffle_options: bool
    #: How many questions each attempt draws; None draws them all.
    pool: int | None
    questions: tuple[Question, ...]
    path: Path
    line: int
    #: Combines the question hashes: changes exactly when a completion record would score differently.
    content_hash: str = ""
    by_id: dict[str, Question] = field(default_factory=dict, repr=False, compare=False)

    @property
    def attempt_size(self) -> int:
        """Questions in one attempt."""
        return min(self.pool, len(self.questions)) if self.pool else len(self.questions)

    def question(self, question_id: str) -> Question | None:
        return self.by_id.get(question_id)


def load_quiz(path: Path, problems: Problems) -> Quiz | None:
    """Read one quiz file; None when its fields do not fit the format.

    A quiz that fits the format but breaks a rule (two right answers, a duplicate id…)
    is returned, with the problem reported, so that references to it still resolve.
    """
    before = len(problems)
    data = load_yaml(path, problems)
    if not isinstance(data, Node):
        if len(problems) == before:
            problems.add(
                path,
                1,
                "the quiz file is empty or not a set of 'field: value' lines",
                "start from the example in CONTRIBUTING.md (Quiz file)",
            )
        return None
    if not schema.check(data, "quiz", path, problems):
        _check_rules_despite_field_errors(data, path, problems)
        return None
    if data["id"] != path.stem:
        problems.add(
            path,
            data.line_of("id"),
            f'id "{data["id"]}" differs from the file name "{path.name}"',
            f"rename the file to {data['id']}.yml or set id: {path.stem}",
        )
    questions = parse_questions(data["questions"], path, problems)
    shuffle = data.get("shuffle", {})
    pool = data.get("pool")
    if pool is not None and pool > len(questions):
        problems.add(
            path,
            data.line_of("pool"),
            f"pool draws {pool} questions but the quiz has only {len(questions)}, so no attempt can reach the "
            f"pass mark",
            f"set pool to at most {len(questions)}, add questions, or remove pool",
        )
    by_id: dict[str, Question] = {}
    for question in questions:
        by_id.setdefault(question.id, question)
    return Quiz(
        id=data["id"],
        title=data["title"],
        pass_mark=data["pass_mark"],
        shuffle_questions=shuffle.get("questions", False),
        shuffle_options=shuffle.get("options", False),
        pool=pool,
        questions=questions,
        path=path,
        line=data.line,
        content_hash=quiz_hash(questions),
        by_id=by_id,
    )


def parse_questions(nodes: NodeList, path: Path, problems: Problems) -> tuple[Question, ...]:
    """The questions of a quiz or an exam bank (already checked against their schema), with
    every rule a schema cannot express reported at its line.

    Practice quizzes and exam banks share this one parser, so a question reads and scores the
    same wherever it is written. `feedback` and `explanation` may be absent (exam banks): they
    come back empty.
    """
    questions = tuple(_question(q, nodes.line_of(i), path, problems) for i, q in enumerate(nodes))
    _check_ids(nodes, path, problems)
    return questions


def _check_rules_despite_field_errors(data: Node, path: Path, problems: Problems) -> None:
    """A field mistake must not hide the file's other mistakes: check the rules of every question
    whose own fields are sound, and the question ids (the field mistakes are reported already)."""
    nodes = data.get("questions")
    if not isinstance(nodes, NodeList):
        return
    for index, node in enumerate(nodes):
        if isinstance(node, Node) and schema.is_valid_definition(node, "quiz", "question"):
            _question(node, nodes.line_of(index), path, problems)
    if all(isinstance(node, Node) and isinstance(node.get("id"), str) for node in nodes):
        _check_ids(nodes, path, problems)


def _question(node: Node, line: int, path: Path, problems: Problems) -> Question:
    kind = TYPES[node["type"]]
    for key in node:
        if key in TYPE_FIELDS - kind.fields:
            users = [t.label for t in TYPES.values() if key in t.fields]
            problems.add(
                path,
                node.line_of(key),
                f'field "{key}" does not belong to a {kind.label} question',
                f"remove it, or change type (it is used by {' and '.join(users)} questions)",
            )
    # Each field is read only when the type uses it (the rest stay empty), so a question's value
    # never depends on a stray field the check above reports.
    uses = kind.fields.__contains__
    options = (
        tuple(
            Option(o["text"], o.get("correct", False), o.get("feedback", ""), node["options"].line_of(i))
            for i, o in enumerate(node.get("options", []))
        )
        if uses("options")
        else ()
    )
    post = node.get("post") if uses("post") else None
    feedback = node.get("feedback") if uses("feedback") else None
    pairs: NodeList = node["pairs"] if uses("pairs") else NodeList()
    question = Question(
        id=node["id"],
        type=kind.name,  # type: ignore[arg-type]  # the schema admits only registered names
        prompt=node["prompt"],
        explanation=node.get("explanation", ""),
        points=node.get("points", 1),
        line=line,
        options=options,
        post=Post(post["platform"], post["author"], post["text"], post.get("handle"), post.get("context"))
        if post
        else None,
        answer=node.get("answer") if uses("answer") else None,
        accept=tuple(node.get("accept", [])) if uses("accept") else (),
        pattern=node.get("pattern") if uses("pattern") else None,
        items=tuple(node.get("items", [])) if uses("items") else (),
        pairs=tuple(Pair(p["left"], p["right"], pairs.line_of(i)) for i, p in enumerate(pairs)),
        feedback=Feedback(feedback["correct"], feedback["incorrect"]) if feedback else None,
    )
    # The rules of CONTRIBUTING.md that a schema cannot express.
    kind.check(question, node, path, problems)
    return replace(question, content_hash=question_hash(question))


def _check_ids(questions: NodeList, path: Path, problems: Problems) -> None:
    seen: dict[str, int] = {}
    for question in questions:
        line = question.line_of("id")
        if question["id"] in seen:
            problems.add(
                path,
                line,
                f'question id "{question["id"]}" is already used on line {seen[question["id"]]}',
                "give each question its own id; saved answers follow the id",
            )
        else:
            seen[question["id"]] = line


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _digest(value: Any) -> str:
    return hashlib.sha256(_canonical(value)).hexdigest()[:16]


#: Version of what a question's hash covers. Saved answers in learners' browsers and records the hub
#: has not yet scored are keyed by these hashes: a change to the covered set is a new version, made
#: on purpose, with the pinned values of `tests/unit/test_question_hashes.py` updated with it.
HASH_VERSION = 1
#: What version 1 covers, always all of them (empty ones as null or []): the shape hashes had
#: before the version was written down, so that none of them changed.
HASHED_FIELDS = ("id", "type", "points", "prompt", "post", "options", "answer", "accept", "pattern", "items", "pairs")
#: Fields added to the format after version 1 that change what is asked or what is right: each
#: enters a hash only when the question sets it (not empty, not its default), so that adding one
#: changes no existing question's hash. Name a new such field here, in the order it was added.
EXTRA_HASHED_FIELDS: tuple[str, ...] = ()


def _hashed_value(question: Question, name: str) -> Any:
    """A field as its hash sees it: texts and flags only, never source lines."""
    value = getattr(question, name)
    if name == "post":
        return [value.platform, value.author, value.handle, value.text, value.context] if value else None
    if name == "options":
        return [[o.text, o.correct] for o in value]
    if name == "pairs":
        return [[p.left, p.right] for p in value]
    return list(value) if isinstance(value, tuple) else value


def question_hash(question: Question) -> str:
    """First 16 hex digits of the SHA-256 of what the question asks and what is right.

    Covered (version 1, `HASHED_FIELDS`): id, type, points, prompt, the scenario's post (platform,
    author, handle, text, context), each option's text and `correct` flag, answer, accept, pattern,
    items and pairs, as canonical JSON (sorted keys, no spaces, UTF-8). Fields of
    `EXTRA_HASHED_FIELDS` join only when set.

    Not covered, on purpose: feedback, explanation, the quiz's title and settings, source lines and
    comments, and translations (a translated quiz is another file with its own hashes). Fixing a
    typo in feedback or an explanation must neither discard learners' saved answers nor invalidate
    their completion records; a change to a covered field does both, because the learner answered
    something else.
    """
    covered = {name: _hashed_value(question, name) for name in HASHED_FIELDS}
    for name in EXTRA_HASHED_FIELDS:
        value = _hashed_value(question, name)
        if value not in (None, "", [], False):
            covered[name] = value
    return _digest(covered)


def quiz_hash(questions: Iterable[Question]) -> str:
    """Combines the question hashes, in id order: moving a question in the file changes nothing.

    It covers exactly the questions' ids and hashes: the title, pass mark, pool and shuffling are
    outside it (the completion record states the pass mark it was scored against).
    """
    return _digest(sorted([q.id, q.content_hash or question_hash(q)] for q in questions))


def key_json(quiz: Quiz, render: Callable[[str], str] | None = None) -> dict[str, Any]:
    """The answer key as the browser script reads it (`assets/academy/quizzes/ID.json`).

    `render` turns feedback Markdown into HTML; with it the key says `"html": true` and the
    script inserts feedback as HTML, without it feedback stays text for `textContent`.
    Everything the script scores with is here; texts of prompts and options are in the page.
    """
    show = render or (lambda text: text)
    questions = []
    for q in quiz.questions:
        entry: dict[str, Any] = {"id": q.id, "type": q.type, "points": q.points, "hash": q.content_hash}
        # What the script scores with, by the fields the question's type uses.
        fields = TYPES[q.type].fields
        if "options" in fields:
            entry["options"] = [{"correct": o.correct, "feedback": show(o.feedback)} for o in q.options]
        if "answer" in fields:
            entry["answer"] = q.answer
        if "accept" in fields:
            entry["accept"] = list(q.accept)
            entry["pattern"] = q.pattern
        if "items" in fields:
            entry["items"] = len(q.items)
        if "pairs" in fields:
            entry["pairs"] = len(q.pairs)
        if q.feedback:
            entry["feedback"] = {"correct": show(q.feedback.correct), "incorrect": show(q.feedback.incorrect)}
        questions.append(entry)
    return {
        "format": "academy-quiz-key/1",
        "id": quiz.id,
        "title": quiz.title,
        "hash": quiz.content_hash,
        "pass_mark": quiz.pass_mark,
        "pool": quiz.attempt_size if quiz.pool else None,
        "shuffle": {"questions": quiz.shuffle_questions, "options": quiz.shuffle_options},
        "html": render is not None,
        "questions": questions,
    }
