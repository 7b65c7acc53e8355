"""The project as one language's site shows it: the source's structure with the translation's text.

`localize` returns a copy of the project in which every module, track, certificate rule, practice
quiz and exam question that has a translation carries the translated text, and everything that
decides scoring (ids, types, correct flags, answers, option order, pools, points, content hashes)
is still the source's: a quiz scores the same in every language, and an exam request in any
language matches the one key the hub holds. `status` says, per page of the site, whether the
reader sees a current translation, one that may be out of date, or the source (a fallback).
"""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from ..core.curriculum import load_module
from ..core.exam import Exam, ExamQuestion
from ..core.guidelines import load_page
from ..core.problems import Problems
from ..core.project import Project
from ..core.quiz import Feedback, Option, Pair, Post, Question, Quiz
from ..core.source import Node, load_yaml
from .structure import check_structure
from .translations import HEADER, Translation

CURRENT, OUTDATED, FALLBACK = "current", "outdated", "fallback"


@dataclass
class Localized:
    """One language's project and, per page `src_uri`, what the reader sees."""

    language: str
    project: Project
    status: dict[str, str] = field(default_factory=dict)
    #: Content pages with a translation: `src_uri` -> the translation file.
    pages: dict[str, Translation] = field(default_factory=dict)

    def page_status(self, src_uri: str) -> str:
        return self.status.get(src_uri, FALLBACK)


def localize(project: Project, language: str, translations: list[Translation]) -> Localized:
    """`project` in `language`: a copy; the source project is not changed."""
    mine = [t for t in translations if t.language == language and t.current_sha is not None]
    result = Localized(language, replace(project))
    local = result.project
    local.modules = dict(project.modules)
    local.tracks = dict(project.tracks)
    local.certificates = dict(project.certificates)
    local.quizzes = dict(project.quizzes)
    local.exams = dict(project.exams)
    local.pages = dict(project.pages)
    root = project.root
    banks: dict[str, Node] = {}
    for t in mine:
        state = CURRENT if t.current else OUTDATED
        scratch = Problems(root)  # validate reports the translation's problems; the build uses what is sound
        if t.kind == "page":
            src = t.source.relative_to(root / project.layout.content).as_posix()
            if src in project.pages:
                result.pages[src] = t
                result.status[src] = state
                # Its title and sections (cited by modules, the changes page) and its body (the
                # print page) in this language; the source's ids, which a translation keeps.
                local.pages[src] = load_page(src, t.path, scratch)
        elif t.kind == "module" and t.stem in project.modules:
            module = _module(project.modules[t.stem], t)
            if module is not None:
                local.modules[t.stem] = module
                result.status[module.src] = state
                result.status[f"trainers/{module.id}.md"] = state
        elif t.kind == "track" and t.stem in project.tracks:
            data = _data(t)
            track = project.tracks[t.stem]
            local.tracks[t.stem] = replace(
                track, title=_text(data, "title", track.title), summary=_text(data, "summary", track.summary)
            )
            result.status[track.src] = state
        elif t.kind == "certificate" and t.stem in project.certificates:
            data = _data(t)
            rule = project.certificates[t.stem]
            local.certificates[t.stem] = replace(
                rule,
                title=_text(data, "title", rule.title),
                description=_text(data, "description", rule.description),
                criteria=_text(data, "criteria", rule.criteria),
            )
            result.status[f"certificates/{rule.id}.md"] = state
        elif t.kind == "quiz" and t.stem in project.quizzes:
            node = check_structure(t, scratch)
            if node is not None and not scratch:
                quiz = project.quizzes[t.stem]
                local.quizzes[t.stem] = _quiz(quiz, node, _text(_data(t), "title", quiz.title))
        elif t.kind == "exam":
            node = check_structure(t, scratch)
            if node is not None and not scratch:
                banks[t.stem] = node
    for exam_id, exam in project.exams.items():
        local.exams[exam_id] = _exam(exam, banks, local.certificates.get(exam_id, exam.rule))
    return result


def _data(t: Translation) -> Node:
    data = load_yaml(t.path, Problems())
    return data if isinstance(data, Node) else Node()


def _text(node: Any, key: str, default: str) -> str:
    value = node.get(key) if isinstance(node, dict) else None
    return value if isinstance(value, str) and value.strip() else default


def _module(source: Any, t: Translation) -> Any:
    """The module with the translation's text: read by the module reader itself, so the lesson,
    key points and trainer notes split the same way; the structure stays the source's."""
    text = t.path.read_text(encoding="utf-8")
    # The header lines become YAML comments, so every other line keeps its number.
    text = re.sub(rf"(?m)^({'|'.join(HEADER)}):", r"# \1:", text)
    with tempfile.TemporaryDirectory(prefix="academy-i18n-") as folder:
        copy = Path(folder) / f"{source.id}.md"
        copy.write_text(text, encoding="utf-8")
        read = load_module(copy, Problems())
    if read is None:
        return None
    return replace(
        source,
        title=read.title,
        summary=read.summary,
        objectives=read.objectives,
        lesson=read.lesson,
        key_points=read.key_points,
        trainer_notes=read.trainer_notes,
        body=read.body,
        schedule=[replace(s, section=r.section) for s, r in zip(source.schedule, read.schedule, strict=False)]
        + source.schedule[len(read.schedule) :],
    )


def _question(question: Question, node: Node) -> Question:
    """`question` with the translated text of `node` (already checked against it); hash unchanged."""
    changes: dict[str, Any] = {}
    for key in ("prompt", "explanation"):
        if isinstance(node.get(key), str):
            changes[key] = node[key]
    if isinstance(node.get("options"), list):
        changes["options"] = tuple(
            replace(o, text=_text(n, "text", o.text), feedback=_text(n, "feedback", o.feedback))
            for o, n in zip(question.options, node["options"], strict=True)
        )
    if isinstance(node.get("pairs"), list):
        changes["pairs"] = tuple(
            Pair(_text(n, "left", p.left), _text(n, "right", p.right), p.line)
            for p, n in zip(question.pairs, node["pairs"], strict=True)
        )
    if isinstance(node.get("items"), list):
        changes["items"] = tuple(
            n if isinstance(n, str) else i for i, n in zip(question.items, node["items"], strict=True)
        )
    if question.feedback and isinstance(node.get("feedback"), dict):
        f = node["feedback"]
        changes["feedback"] = Feedback(
            _text(f, "correct", question.feedback.correct), _text(f, "incorrect", question.feedback.incorrect)
        )
    if question.post and isinstance(node.get("post"), dict):
        p, q = node["post"], question.post
        changes["post"] = Post(
            q.platform, _text(p, "author", q.author), _text(p, "text", q.text), q.handle, p.get("context") or q.context
        )
    if question.accept and isinstance(node.get("accept"), list):
        # The language's answers are added to the source's: an answer right in the source stays right.
        extra = [a for a in node["accept"] if isinstance(a, str) and a not in question.accept]
        changes["accept"] = (*question.accept, *extra)
    return replace(question, **changes)


def _quiz(quiz: Quiz, node: Node, title: str) -> Quiz:
    questions = tuple(_question(q, node[q.id]) if isinstance(node.get(q.id), Node) else q for q in quiz.questions)
    return replace(quiz, title=title, questions=questions, by_id={q.id: q for q in questions})


def _exam(exam: Exam, banks: dict[str, Node], rule: Any) -> Exam:
    questions = []
    for item in exam.questions:
        node = banks.get(item.module, Node()).get(item.question.id)
        question = _question(item.question, node) if isinstance(node, Node) else item.question
        questions.append(ExamQuestion(item.id, item.module, question, item.hash, item.keyed))
    local = tuple(questions)
    return replace(exam, title=rule.title, rule=rule, questions=local, by_id={q.id: q for q in local})


__all__ = ["CURRENT", "FALLBACK", "OUTDATED", "Localized", "Option", "localize"]
