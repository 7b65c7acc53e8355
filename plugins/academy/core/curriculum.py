"""Workshop modules, tracks and certificate rules, read from `curriculum/`."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..routes import ROUTES
from . import markdown, schema
from .problems import Problems
from .source import Node, load_markdown, load_yaml

MODULES = "modules"
TRACKS = "tracks"
CERTIFICATES = "certificates"

#: Admonition kinds with a meaning in module files.
EXERCISE, ANSWER, KEYPOINTS, TRAINER = "exercise", "answer", "keypoints", "trainer"


@dataclass(frozen=True)
class ScheduleItem:
    section: str
    minutes: int


@dataclass(frozen=True)
class Exercise:
    title: str
    line: int
    has_answer: bool


@dataclass
class Module:
    """A workshop module: front matter plus the lesson, split into its parts."""

    id: str
    title: str
    summary: str
    track: str
    level: str
    duration: int
    format: str
    objectives: list[str]
    prerequisites: list[str]
    teaches: list[str]
    quiz: str
    path: Path
    meta: Node = field(repr=False)
    #: The learner's Markdown: the body without trainer notes and key points.
    lesson: str = field(repr=False, default="")
    #: The key points' Markdown (dedented), shown after the quiz.
    key_points: str = field(repr=False, default="")
    #: The trainer notes' Markdown (dedented), empty when there are none.
    trainer_notes: str = field(repr=False, default="")
    #: The whole body as written, trainer notes included.
    body: str = field(repr=False, default="")
    body_line: int = 1
    schedule: list[ScheduleItem] = field(default_factory=list)
    exercises: list[Exercise] = field(default_factory=list)
    #: Words of the lesson proper: exercises, key points and trainer notes excluded.
    lesson_words: int = 0

    @property
    def src(self) -> str:
        """The module page's place in the site (MkDocs `src_uri`)."""
        return ROUTES.module(self.id)

    def line_of(self, key: str) -> int:
        return self.meta.line_of(key)


@dataclass
class Track:
    id: str
    title: str
    summary: str
    modules: list[str]
    certificate: str | None
    path: Path
    data: Node = field(repr=False)
    #: Position in the navigation and the catalogue.
    order: int = 100

    @property
    def src(self) -> str:
        """The track page's place in the site (MkDocs `src_uri`)."""
        return ROUTES.track(self.id)


@dataclass(frozen=True)
class ExamSettings:
    """The `exam` block of a certificate rule: how its certification assessment is drawn and taken."""

    #: Questions each learner is asked.
    draw: int
    #: Attempts per person (passed or failed) until a certificate is held; counted again after a pass.
    max_attempts: int = 3
    #: Minimum hours between the `submitted` times of two attempts.
    wait_hours: float = 24
    #: A request whose median seconds per question is below this is held for review.
    min_median_seconds: float = 8
    #: Lines of `exam:` and of `draw:` in the rule file.
    line: int = 1
    draw_line: int = 1


@dataclass
class CertificateRule:
    id: str
    title: str
    description: str
    criteria: str
    modules: list[str]
    min_score: float | None
    validity_months: int | None
    path: Path
    line: int
    data: Node = field(repr=False)
    #: The certification assessment; None: the certificate is earned only through a workshop roster.
    exam: ExamSettings | None = None


def load_module(path: Path, problems: Problems) -> Module | None:
    """Read one module file; None when its front matter is unusable."""
    source = load_markdown(path, problems, require_front_matter=True)
    meta = source.meta
    if not source.readable:
        return None
    if not meta or not schema.check(meta, "module", path, problems, line=2):
        # A field mistake must not hide the lesson's: check what does not need the fields.
        if isinstance(meta.get("id"), str) and meta["id"] != path.stem:
            _check_id(meta, path, problems)
        _check_lesson(source.body, source.body_line, path, problems)
        return None
    if meta["id"] != path.stem:
        problems.add(
            path,
            meta.line_of("id"),
            f'id "{meta["id"]}" differs from the file name "{path.name}"',
            f"rename the file to {meta['id']}.md or set id: {path.stem}",
        )
    found = markdown.blocks(source.body, {EXERCISE, ANSWER, KEYPOINTS, TRAINER}, source.body_line)
    trainer = [b for b in found if b.kind == TRAINER]
    key_points = [b for b in found if b.kind == KEYPOINTS and b.indent == 0]
    exercises = [b for b in found if b.kind == EXERCISE]
    answers = [b for b in found if b.kind == ANSWER]
    lesson_only = markdown.remove_blocks(source.body, [b for b in found if b.indent == 0])
    module = Module(
        id=meta["id"],
        title=meta["title"],
        summary=meta["summary"],
        track=meta["track"],
        level=meta["level"],
        duration=meta["duration"],
        format=meta["format"],
        objectives=list(meta["objectives"]),
        prerequisites=list(meta["prerequisites"]),
        teaches=list(meta["teaches"]),
        quiz=meta["quiz"],
        path=path,
        meta=meta,
        lesson=markdown.remove_blocks(source.body, trainer + key_points),
        key_points="\n\n".join(b.body for b in key_points),
        trainer_notes="\n\n".join(b.body for b in trainer),
        body=source.body,
        body_line=source.body_line,
        schedule=[ScheduleItem(s["section"], s["minutes"]) for s in meta.get("schedule", [])],
        exercises=[
            Exercise(b.title, b.line, any(b.line < a.line and a.indent > b.indent and _within(a, b) for a in answers))
            for b in exercises
        ],
        lesson_words=markdown.word_count(lesson_only),
    )
    for exercise in module.exercises:
        if not exercise.has_answer:
            problems.add(
                path,
                exercise.line,
                f'exercise "{exercise.title}" has no model answer',
                'add an indented ??? answer "Model answer" block inside the exercise',
            )
    if module.schedule and sum(s.minutes for s in module.schedule) != module.duration:
        total = sum(s.minutes for s in module.schedule)
        problems.add(
            path,
            meta.line_of("schedule"),
            f"schedule adds up to {total} minutes but duration is {module.duration}",
            "make the minutes of the schedule add up to duration",
        )
    if module.format in {"live", "both"} and not module.schedule:
        problems.add(
            path,
            meta.line_of("format"),
            f"a {module.format} module needs a schedule for the live session",
            "add schedule: with the section timings, or set format: self-paced",
        )
    return module


def _check_lesson(body: str, first_line: int, path: Path, problems: Problems) -> None:
    """The lesson checks of `load_module`, for a module whose front matter has mistakes."""
    found = markdown.blocks(body, {EXERCISE, ANSWER}, first_line)
    answers = [b for b in found if b.kind == ANSWER]
    for block in found:
        if block.kind == EXERCISE and not any(
            block.line < a.line and a.indent > block.indent and _within(a, block) for a in answers
        ):
            problems.add(
                path,
                block.line,
                f'exercise "{block.title}" has no model answer',
                'add an indented ??? answer "Model answer" block inside the exercise',
            )


def _within(inner: markdown.Block, outer: markdown.Block) -> bool:
    return outer.start < inner.start < outer.end


def load_track(path: Path, problems: Problems) -> Track | None:
    data = load_yaml(path, problems)
    if not _is_mapping(data, path, problems) or not schema.check(data, "track", path, problems):
        return None
    _check_id(data, path, problems)
    return Track(
        data["id"],
        data["title"],
        data["summary"],
        list(data["modules"]),
        data.get("certificate"),
        path,
        data,
        data.get("order", 100),
    )


def load_certificate(path: Path, problems: Problems) -> CertificateRule | None:
    data = load_yaml(path, problems)
    if not _is_mapping(data, path, problems) or not schema.check(data, "certificate", path, problems):
        return None
    _check_id(data, path, problems)
    exam = data.get("exam")
    return CertificateRule(
        exam=ExamSettings(
            draw=exam["draw"],
            max_attempts=exam.get("max_attempts", 3),
            wait_hours=exam.get("wait_hours", 24),
            min_median_seconds=exam.get("min_median_seconds", 8),
            line=data.line_of("exam"),
            draw_line=exam.line_of("draw"),
        )
        if exam is not None
        else None,
        id=data["id"],
        title=data["title"],
        description=data["description"],
        criteria=data["criteria"],
        modules=list(data["modules"]),
        min_score=data.get("min_score"),
        validity_months=data.get("validity_months"),
        path=path,
        line=data.line,
        data=data,
    )


def _is_mapping(data: object, path: Path, problems: Problems) -> bool:
    if isinstance(data, Node):
        return True
    if data is not None:
        problems.add(path, 1, "the file must be a set of 'field: value' lines", "see CONTRIBUTING.md for the format")
    elif not problems or all(p.path != problems.display(path) for p in problems):
        problems.add(path, 1, "the file is empty", "see CONTRIBUTING.md for the format")
    return False


def _check_id(data: Node, path: Path, problems: Problems) -> None:
    if data["id"] != path.stem:
        problems.add(
            path,
            data.line_of("id"),
            f'id "{data["id"]}" differs from the file name "{path.name}"',
            f"rename the file to {data['id']}{path.suffix} or set id: {path.stem}",
        )
