"""Quizzes, read from `quizzes/ID.yml`: the model, its validation and its content hashes.

The format and the rules are those of CONTRIBUTING.md ("Quiz file"). `load_quiz`
checks the fields against `schemas/quiz.schema.json` first, then every rule a schema
cannot express, and reports each problem at the line a trainer has to change.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from . import schema
from .problems import Problems
from .source import Node, NodeList, load_yaml

QuestionType = Literal["single", "multiple", "true_false", "short_text", "ordering", "matching", "scenario"]

#: Types whose learner picks among `options`; the others carry `feedback: {correct, incorrect}`.
CHOICE_TYPES = frozenset({"single", "multiple", "scenario"})

#: The fields each type uses besides the ones every question has.
TYPE_FIELDS: dict[str, frozenset[str]] = {
    "single": frozenset({"options"}),
    "multiple": frozenset({"options"}),
    "scenario": frozenset({"options", "post"}),
    "true_false": frozenset({"answer", "feedback"}),
    "short_text": frozenset({"accept", "pattern", "feedback"}),
    "ordering": frozenset({"items", "feedback"}),
    "matching": frozenset({"pairs", "feedback"}),
}
_ALL_TYPE_FIELDS = frozenset().union(*TYPE_FIELDS.values())
_TYPE_NAMES = {
    "single": "single-choice",
    "multiple": "multiple-choice",
    "scenario": "scenario",
    "true_false": "true/false",
    "short_text": "short-text",
    "ordering": "ordering",
    "matching": "matching",
}

#: Whitespace as both Python and the browser script understand it (JavaScript's `\s`),
#: spelled out because the two languages' shorthand classes differ at the edges.
SPACE = r"[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
_SPACE = re.compile(SPACE)

#: Regular-expression syntax that Python accepts but JavaScript reads differently or not at all.
_PYTHON_ONLY_GROUPS = ("(?P", "(?#", "(?(", "(?>")
_PYTHON_ONLY_ESCAPES = "AZzNU"
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")


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


def normalize(text: str) -> str:
    """An answer or option as compared: spacing collapsed, case ignored."""
    return _SPACE.sub(" ", text).strip(" ").lower()


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A short-text pattern as the scorer applies it: whole answer, case ignored, ASCII classes.

    ASCII `\\d`, `\\w` and `\\b` are what the browser script's JavaScript gives too.
    """
    return re.compile(pattern, re.IGNORECASE | re.ASCII)


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


def _question(node: Node, line: int, path: Path, problems: Problems) -> Question:
    kind: QuestionType = node["type"]
    name = _TYPE_NAMES[kind]
    for key in node:
        if key in _ALL_TYPE_FIELDS - TYPE_FIELDS[kind]:
            users = [_TYPE_NAMES[t] for t, fields in TYPE_FIELDS.items() if key in fields]
            problems.add(
                path,
                node.line_of(key),
                f'field "{key}" does not belong to a {name} question',
                f"remove it, or change type (it is used by {' and '.join(users)} questions)",
            )
    options = (
        tuple(
            Option(o["text"], o.get("correct", False), o.get("feedback", ""), node["options"].line_of(i))
            for i, o in enumerate(node.get("options", []))
        )
        if kind in CHOICE_TYPES
        else ()
    )
    post = node.get("post") if kind == "scenario" else None
    feedback = node.get("feedback") if kind not in CHOICE_TYPES else None
    pairs: NodeList = node["pairs"] if kind == "matching" else NodeList()
    question = Question(
        id=node["id"],
        type=kind,
        prompt=node["prompt"],
        explanation=node.get("explanation", ""),
        points=node.get("points", 1),
        line=line,
        options=options,
        post=Post(post["platform"], post["author"], post["text"], post.get("handle"), post.get("context"))
        if post
        else None,
        answer=node.get("answer") if kind == "true_false" else None,
        accept=tuple(node.get("accept", [])) if kind == "short_text" else (),
        pattern=node.get("pattern") if kind == "short_text" else None,
        items=tuple(node.get("items", [])) if kind == "ordering" else (),
        pairs=tuple(Pair(p["left"], p["right"], pairs.line_of(i)) for i, p in enumerate(pairs)),
        feedback=Feedback(feedback["correct"], feedback["incorrect"]) if feedback else None,
    )
    _check_question(question, node, path, problems)
    return replace(question, content_hash=question_hash(question))


def _check_question(question: Question, node: Node, path: Path, problems: Problems) -> None:
    """The rules of CONTRIBUTING.md that a schema cannot express."""
    kind, name = question.type, _TYPE_NAMES[question.type]
    if kind in CHOICE_TYPES:
        right = [o for o in question.options if o.correct]
        if kind in {"single", "scenario"} and len(right) != 1:
            best = "reply" if kind == "scenario" else "answer"
            at = right[1].line if len(right) > 1 else node.line_of("options")
            problems.add(
                path,
                at,
                f"a {name} question needs exactly one best {best} (correct: true), this one has {len(right)}",
                "mark the best option with correct: true and no other"
                if right
                else "add correct: true to the best option",
            )
        if kind == "multiple" and not right:
            problems.add(
                path,
                node.line_of("options"),
                "a multiple-choice question needs at least one right option",
                "add correct: true to each right option",
            )
        _check_unique(((o.text, o.line) for o in question.options), "option", path, problems)
    elif kind == "ordering":
        items: NodeList = node["items"]
        _check_unique(((t, items.line_of(i)) for i, t in enumerate(question.items)), "item", path, problems)
    elif kind == "matching":
        _check_unique(((p.left, p.line) for p in question.pairs), "left-hand side", path, problems)
        _check_unique(((p.right, p.line) for p in question.pairs), "right-hand side", path, problems)
    elif kind == "short_text":
        accept: NodeList = node["accept"]
        for i, text in enumerate(question.accept):
            if not normalize(text):
                problems.add(
                    path, accept.line_of(i), "an accepted answer is blank", "write the answer, or remove the entry"
                )
        if question.pattern is not None:
            error = pattern_error(question.pattern)
            if error:
                problems.add(path, node.line_of("pattern"), f'pattern "{question.pattern}" {error[0]}', error[1])


def _check_unique(texts: Iterable[tuple[str, int]], what: str, path: Path, problems: Problems) -> None:
    """Texts that read the same to a learner (case and spacing ignored) cannot be told apart."""
    seen: dict[str, int] = {}
    for text, line in texts:
        key = normalize(text)
        if key in seen:
            where = f" (first on line {seen[key]})" if seen[key] != line else ""
            problems.add(
                path, line, f'{what} "{text}" appears twice{where}', f"make each {what} different, or remove this one"
            )
        else:
            seen[key] = line


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


def pattern_error(pattern: str) -> tuple[str, str] | None:
    """Why a short-text pattern cannot be used, as (what is wrong, how to fix it); None if it can."""
    try:
        compile_pattern(pattern)
    except re.error as error:
        return (
            f"is not a valid regular expression ({error.msg})",
            "fix the expression, or remove pattern and list the answers under accept",
        )
    clash = _python_only(pattern)
    if clash:
        return (
            f'uses "{clash}", which the browser reads differently from Python',
            "use syntax both Python and JavaScript understand: no named groups, inline flags, "
            "\\A, \\Z, possessive or atomic groups",
        )
    return None


def _python_only(pattern: str) -> str | None:
    """The first piece of Python-only syntax in a (valid) pattern, or None."""
    in_class, after_quantifier, i = False, False, 0
    while i < len(pattern):
        char, quantifier = pattern[i], False
        if char == "\\":
            if not in_class and pattern[i + 1 : i + 2] in set(_PYTHON_ONLY_ESCAPES):
                return pattern[i : i + 2]
            i += 1  # the escaped character is a literal, never syntax
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # Python reads a `]` right after `[` or `[^` as a literal, JavaScript as the end of an empty class.
            start = pattern[i : i + 3] if pattern[i + 1 : i + 2] == "^" else pattern[i : i + 2]
            if start.endswith("]"):
                return start
        elif char == "(":
            group = next((g for g in _PYTHON_ONLY_GROUPS if pattern.startswith(g, i)), None)
            flags = _INLINE_FLAGS.match(pattern, i)
            if group or flags:
                return group or (flags.group(0) if flags else None)
        elif char == "+" and after_quantifier:
            return pattern[i - 1 : i + 1]
        elif char == "{" and pattern[i + 1 : i + 2] == ",":
            return "{,"
        elif char in "*+?}":
            quantifier = not (char == "?" and pattern[i - 1 : i] == "(")
        after_quantifier = quantifier
        i += 1
    return None


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def _digest(value: Any) -> str:
    return hashlib.sha256(_canonical(value)).hexdigest()[:16]


def question_hash(question: Question) -> str:
    """Hash over what the question asks and what is right: its id, type, points, prompt,
    post, options with their `correct` flags, answer, accept, pattern, items and pairs.

    Feedback and explanation are left out on purpose: fixing a typo there must neither
    discard learners' saved answers nor invalidate their completion records.
    """
    post = question.post
    return _digest(
        {
            "id": question.id,
            "type": question.type,
            "points": question.points,
            "prompt": question.prompt,
            "post": [post.platform, post.author, post.handle, post.text, post.context] if post else None,
            "options": [[o.text, o.correct] for o in question.options],
            "answer": question.answer,
            "accept": list(question.accept),
            "pattern": question.pattern,
            "items": list(question.items),
            "pairs": [[p.left, p.right] for p in question.pairs],
        }
    )


def quiz_hash(questions: Iterable[Question]) -> str:
    """Combines the question hashes, in id order: moving a question in the file changes nothing."""
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
        if q.type in CHOICE_TYPES:
            entry["options"] = [{"correct": o.correct, "feedback": show(o.feedback)} for o in q.options]
        if q.type == "true_false":
            entry["answer"] = q.answer
        if q.type == "short_text":
            entry["accept"] = list(q.accept)
            entry["pattern"] = q.pattern
        if q.type == "ordering":
            entry["items"] = len(q.items)
        if q.type == "matching":
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
