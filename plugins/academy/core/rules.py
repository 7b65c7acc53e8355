"""Content-quality rules of `academy validate`, with thresholds an organisation tunes in site.yml.

The shipped example is held to a bar (a 900-word lesson, six quiz questions, readable brand
colours…). An adopter's academy starts small, so these are rules with thresholds, not tests of
the example: `checks:` in `site_config/site.yml` sets them, and each finding names the file, the
line and the fix. By default a finding is a warning (shown, never failing); `severity: error`
makes it fail validation and the strict build, as the shipped example does.

    checks:
      severity: warning            # warning | error
      lesson_min_words: 900        # 0 turns a numeric rule off
      quiz_min_questions: 6
      brand_contrast: AA           # AA | AAA | off
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, fields
from typing import TYPE_CHECKING

from .colours import SLATE_BG, WHITE, contrast, readable
from .problems import Problems
from .source import Node, load_yaml

if TYPE_CHECKING:
    from .curriculum import Module
    from .project import Project

#: WCAG 2 contrast ratios for normal text.
LEVELS = {"AA": 4.5, "AAA": 7.0}
OPTION_TYPES = {"single", "multiple", "scenario"}
#: Trainer notes that point to slides: there are none, notes point to the lesson or the guide.
SLIDES = re.compile(r"\b(?:on|in) (?:a|the) slides?\b|\bslide ?deck|\bdecks?\b", re.I)


@dataclass(frozen=True)
class Checks:
    """The thresholds of `checks:` in site.yml; each default is what an adopter gets without it."""

    #: "warning": findings are shown and do not fail; "error": they fail validate and the strict build.
    severity: str = "warning"
    #: Words in a lesson proper (exercises, key points and trainer notes not counted).
    lesson_min_words: int = 900
    #: Learning objectives per module, at least and at most.
    objectives_min: int = 3
    objectives_max: int = 5
    #: Exercises per module, each with a model answer.
    exercises_min: int = 2
    #: Words of trainer notes per module.
    trainer_notes_min_words: int = 80
    #: Trainer notes say how to run a live module on a video call and a self-paced one alone.
    trainer_notes_cover_formats: bool = True
    #: Trainer notes do not point to slides (the academy has none).
    trainer_notes_no_slides: bool = True
    #: Key points after the quiz.
    key_points_required: bool = True
    #: Questions per practice quiz, and different question types in it.
    quiz_min_questions: int = 6
    quiz_min_types: int = 3
    #: Every practice quiz holds at least one scenario question.
    quiz_scenario_required: bool = True
    #: Every question explains its answer; every option (or answer) has feedback.
    quiz_feedback_required: bool = True
    #: Every track ends in a certificate.
    track_certificate_required: bool = True
    #: Exactly one module has no prerequisites: the curriculum is one path from one start.
    single_starting_module: bool = False
    #: Contrast of the brand colours (site.yml `colors:`) with the page: "AA", "AAA" or "off".
    brand_contrast: str = "AA"


#: What each threshold means, for the message that names it.
_NUMBERS = {f.name for f in fields(Checks) if f.type in {"int", int}}
_FLAGS = {f.name for f in fields(Checks) if f.type in {"bool", bool}}


def load_checks(project: Project) -> tuple[Checks, Node | None]:
    """The thresholds from site.yml (defaults for what is not set) and the `checks:` node, for lines."""
    path = project.root / project.layout.site_file
    if not path.is_file():
        return Checks(), None
    data = load_yaml(path, Problems(project.root))  # its own problems are reported by load_site
    node = data.get("checks") if isinstance(data, Node) else None
    if not isinstance(node, Node):
        return Checks(), None
    values: dict[str, object] = {}
    for key, value in node.items():
        line = node.line_of(key)
        number = key in _NUMBERS and isinstance(value, int) and not isinstance(value, bool) and value >= 0
        flag = key in _FLAGS and isinstance(value, bool)
        if number or flag or (key == "severity" and value in {"warning", "error"}):
            values[key] = value
        elif key == "brand_contrast" and (value in LEVELS or value in {"off", False}):
            values[key] = "off" if value is False else value
        elif key in _NUMBERS | _FLAGS | {"severity", "brand_contrast"}:
            project.problems.add(path, line, f'checks.{key} has the value "{value}"', _expected(key))
        # Unknown keys are refused by the schema (site.schema.json), with a suggestion.
    return Checks(**values), node  # type: ignore[arg-type]


def _expected(key: str) -> str:
    if key in _NUMBERS:
        return f"use a whole number (0 turns the rule off), e.g. {key}: {getattr(Checks(), key)}"
    if key in _FLAGS:
        return f"use true or false, e.g. {key}: {str(getattr(Checks(), key)).lower()}"
    if key == "severity":
        return "use warning (shown, never failing) or error (fails validate and the build)"
    return "use AA, AAA or off"


def check_rules(project: Project) -> None:
    """Apply every content-quality rule to the project; findings go to `project.problems`."""
    checks, node = load_checks(project)
    report: Callable[..., None] = project.problems.add if checks.severity == "error" else project.problems.warn
    tune = f"(the bar is set by checks: in {project.layout.site_file})"
    for module in project.modules.values():
        _module_rules(project, module, checks, report, tune)
    for quiz_id in sorted({m.quiz for m in project.modules.values()}):
        if quiz_id in project.quizzes:
            _quiz_rules(project, quiz_id, checks, report, tune)
    if checks.track_certificate_required:
        for track in project.tracks.values():
            if not track.certificate:
                report(
                    track.path,
                    track.data.line,
                    f'track "{track.id}" ends in no certificate',
                    f"add certificate: ID (academy new certificate ID --track {track.id}), "
                    f"or set track_certificate_required: false {tune}",
                )
    if checks.single_starting_module and project.modules:
        starts = sorted(m.id for m in project.modules.values() if not m.prerequisites)
        if len(starts) != 1:
            first = project.modules[starts[1]] if len(starts) > 1 else next(iter(project.modules.values()))
            report(
                first.path,
                first.line_of("prerequisites"),
                f"{len(starts)} modules have no prerequisites ({', '.join(starts) or 'none'}): the curriculum "
                "should start at one module",
                f"list a prerequisite in all but the first module, or set single_starting_module: false {tune}",
            )
    _brand_rules(project, checks, report, node)


def _module_rules(project: Project, module: Module, checks: Checks, report: Callable[..., None], tune: str) -> None:
    path, body = module.path, module.body_line
    if checks.lesson_min_words and module.lesson_words < checks.lesson_min_words:
        report(
            path,
            body,
            f"the lesson has {module.lesson_words} words, fewer than {checks.lesson_min_words}",
            f"write out the idea, a worked example and the reasons, or lower lesson_min_words {tune}",
        )
    count = len(module.objectives)
    if (checks.objectives_min and count < checks.objectives_min) or (
        checks.objectives_max and count > checks.objectives_max
    ):
        report(
            path,
            module.line_of("objectives"),
            f"the module has {count} objectives, not {checks.objectives_min} to {checks.objectives_max}",
            f"state what a learner can do afterwards in {checks.objectives_min} to {checks.objectives_max} "
            f"measurable objectives, or change objectives_min/objectives_max {tune}",
        )
    if checks.exercises_min and len(module.exercises) < checks.exercises_min:
        report(
            path,
            body,
            f"the lesson has {len(module.exercises)} exercise(s), fewer than {checks.exercises_min}",
            f'add !!! exercise "Exercise N: …" blocks with a ??? answer, or lower exercises_min {tune}',
        )
    for exercise in module.exercises:
        if not exercise.has_answer:
            report(
                path,
                exercise.line,
                f'exercise "{exercise.title}" has no model answer',
                'add an indented ??? answer "Model answer" block inside the exercise',
            )
    if checks.key_points_required and not module.key_points.strip():
        report(path, body, "the module has no key points", f'add a !!! keypoints "Key points" block {tune}')
    words = len(module.trainer_notes.split())
    if checks.trainer_notes_min_words and words < checks.trainer_notes_min_words:
        report(
            path,
            body,
            f"the trainer notes have {words} words, fewer than {checks.trainer_notes_min_words}",
            f'say in a !!! trainer "Trainer notes" block how to run each part of the schedule, '
            f"or lower trainer_notes_min_words {tune}",
        )
    if checks.trainer_notes_cover_formats:
        needed = []
        if module.format in {"live", "both"} and "**On a video call.**" not in module.trainer_notes:
            needed.append("**On a video call.**")
        if module.format in {"self-paced", "both"} and "**Self-paced.**" not in module.trainer_notes:
            needed.append("**Self-paced.**")
        if needed:
            report(
                path,
                module.line_of("format"),
                f"format: {module.format}, but the trainer notes have no paragraph {' or '.join(needed)}",
                f"start a paragraph of the trainer notes with {' and one with '.join(needed)} {tune}",
            )
    if checks.trainer_notes_no_slides:
        match = SLIDES.search(module.trainer_notes)
        if match:
            report(
                path,
                body,
                f'the trainer notes point to slides ("{match.group(0)}"), which the academy does not have',
                "point to the lesson, the guide or a shared document instead",
            )
    if not any(line.startswith("## ") for line in module.lesson.splitlines()):
        report(path, body, "the lesson has no ## section", "give the lesson at least one ## heading")


def _quiz_rules(project: Project, quiz_id: str, checks: Checks, report: Callable[..., None], tune: str) -> None:
    quiz = project.quizzes[quiz_id]
    count, types = len(quiz.questions), {q.type for q in quiz.questions}
    if checks.quiz_min_questions and count < checks.quiz_min_questions:
        report(
            quiz.path,
            quiz.line,
            f"the quiz has {count} question(s), fewer than {checks.quiz_min_questions}",
            f"add questions, or lower quiz_min_questions {tune}",
        )
    if checks.quiz_min_types and len(types) < checks.quiz_min_types:
        report(
            quiz.path,
            quiz.line,
            f"the quiz uses {len(types)} question type(s) ({', '.join(sorted(types))}), fewer than "
            f"{checks.quiz_min_types}",
            f"vary the types (single, multiple, scenario, true-false, order…), or lower quiz_min_types {tune}",
        )
    if checks.quiz_scenario_required and "scenario" not in types:
        report(
            quiz.path,
            quiz.line,
            "the quiz has no scenario question",
            f"add a question with type: scenario and a post: to answer, or set quiz_scenario_required: false {tune}",
        )
    if not checks.quiz_feedback_required:
        return
    for question in quiz.questions:
        missing = []
        if not question.explanation.strip():
            missing.append("an explanation")
        if question.type in OPTION_TYPES:
            if not all(option.feedback.strip() for option in question.options):
                missing.append("feedback on every option")
        elif not (question.feedback and question.feedback.correct and question.feedback.incorrect):
            missing.append("feedback: {correct, incorrect}")
        if missing:
            report(
                quiz.path,
                question.line,
                f'question "{question.id}" has no {" and no ".join(missing)}',
                f"tell the learner why, or set quiz_feedback_required: false {tune}",
            )


def _brand_rules(project: Project, checks: Checks, report: Callable[..., None], node: Node | None) -> None:
    """The configured colours as the site shows them: white text on the primary colour (the header),
    the accent as link and button colour on white and, in the dark scheme, on Material's slate."""
    site = project.site
    if site is None or checks.brand_contrast == "off":
        return
    minimum = LEVELS[checks.brand_contrast]
    path = project.root / project.layout.site_file
    colors = getattr(site, "colors", {}) or {}
    for key, against, where in (
        ("primary", WHITE, "white header text on it"),
        ("accent", WHITE, "on the white page"),
        ("accent", SLATE_BG, "on the dark scheme's page"),
    ):
        colour = colors.get(key)
        if not isinstance(colour, str) or not re.fullmatch(r"#(?:[0-9a-fA-F]{3}){1,2}", colour):
            continue
        ratio = contrast(colour, against)
        if ratio < minimum:
            shade = readable(colour, against, minimum)
            # Always a warning: the site stays readable, it shows the nearest readable shade instead.
            project.problems.warn(
                path,
                _colour_line(project, key),
                f"colors.{key} {colour} has a contrast of {ratio:.1f}:1 {where}, below WCAG "
                f"{checks.brand_contrast} ({minimum}:1), so the site shows {shade} there instead",
                f"choose a brand shade that reaches it (e.g. {shade}, {contrast(shade, against):.1f}:1), "
                f"or set brand_contrast (the bar is set by checks: in {project.layout.site_file})",
            )


def _colour_line(project: Project, key: str) -> int:
    """The line of `colors.KEY` in site.yml (1 when it cannot be found)."""
    data = load_yaml(project.root / project.layout.site_file, Problems(project.root))
    colors = data.get("colors") if isinstance(data, Node) else None
    return colors.line_of(key) if isinstance(colors, Node) and key in colors else 1
