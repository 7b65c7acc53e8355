"""The question types: one entry per type, the one place that says what a type is.

Each `QuestionType` declares the fields a question of that type uses (besides those every question
has), the rules a schema cannot express, how a response is checked and scored, which renderer of
`plugins/quiz/render.py` draws it and which behaviour of `plugins/quiz/assets/quiz.js` runs it in
the browser (exams draw it with the type's entry in `TYPES` of `plugins/exams/assets/exam.js`).
The JSON Schema (`schemas/quiz.schema.json`) still states the fields' shapes for editors;
`tests/unit/test_question_registry.py` holds the schema, this registry, the renderer and the
scripts to the same set of types. CONTRIBUTING.md ("Adding a question type") lists the steps.

Responses, as the script stores them and completion records carry them, are described per type
in `response`; a missing or malformed response scores 0.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .answer_text import compile_pattern, normalize, pattern_error
from .problems import Problems
from .source import Node, NodeList

if TYPE_CHECKING:
    from .quiz import Question


@dataclass(frozen=True)
class QuestionType:
    """What one `type:` of question is, everywhere it matters."""

    #: The value of `type:` in the YAML.
    name: str
    #: How messages name it: "a {label} question".
    label: str
    #: The fields it uses besides id, type, points, prompt and explanation.
    fields: frozenset[str]
    #: The response the script stores and a completion record carries.
    response: str
    #: The entry of `BEHAVIOURS` in quiz.js that reads, restores and scores it in the browser.
    behaviour: str
    #: The entry of `BODIES` in plugins/quiz/render.py that draws its answer area.
    render: str
    #: The rules of CONTRIBUTING.md that the schema cannot express, reported at their lines.
    check: Callable[[Question, Node, Path, Problems], None]
    #: Whether a response has the form this type takes.
    valid: Callable[[Question, Any], bool]
    #: The share of the points a valid response earns, 0 to 1, exact.
    credit: Callable[[Question, Any], Fraction]

    @property
    def choice(self) -> bool:
        """The learner picks among `options` (each with its own feedback)."""
        return "options" in self.fields


# Helpers ------------------------------------------------------------------------------------


def index(value: Any, size: int) -> int | None:
    """`value` as an index below `size`; JSON may write 2 as 2.0, but never as true."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    if isinstance(value, float) and not value.is_integer():
        return None
    number = int(value)
    return number if 0 <= number < size else None


def check_unique(texts: Iterable[tuple[str, int]], what: str, path: Path, problems: Problems) -> None:
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


def short_text_right(question: Question, answer: str) -> bool:
    """Right when it equals an accepted answer, or matches the pattern as a whole; blank is never right."""
    typed = normalize(answer)
    if not typed:
        return False
    if typed in {normalize(a) for a in question.accept}:
        return True
    return bool(question.pattern and compile_pattern(question.pattern).fullmatch(typed))


# Rules --------------------------------------------------------------------------------------


def _check_one_best(question: Question, node: Node, path: Path, problems: Problems) -> None:
    right = [o for o in question.options if o.correct]
    if len(right) != 1:
        best = "reply" if question.type == "scenario" else "answer"
        at = right[1].line if len(right) > 1 else node.line_of("options")
        problems.add(
            path,
            at,
            f"a {TYPES[question.type].label} question needs exactly one best {best} (correct: true), "
            f"this one has {len(right)}",
            "mark the best option with correct: true and no other" if right else "add correct: true to the best option",
        )
    check_unique(((o.text, o.line) for o in question.options), "option", path, problems)


def _check_some_right(question: Question, node: Node, path: Path, problems: Problems) -> None:
    if not any(o.correct for o in question.options):
        problems.add(
            path,
            node.line_of("options"),
            "a multiple-choice question needs at least one right option",
            "add correct: true to each right option",
        )
    check_unique(((o.text, o.line) for o in question.options), "option", path, problems)


def _check_nothing(question: Question, node: Node, path: Path, problems: Problems) -> None:
    """True/false: the schema says it all."""


def _check_short_text(question: Question, node: Node, path: Path, problems: Problems) -> None:
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


def _check_ordering(question: Question, node: Node, path: Path, problems: Problems) -> None:
    items: NodeList = node["items"]
    check_unique(((t, items.line_of(i)) for i, t in enumerate(question.items)), "item", path, problems)


def _check_matching(question: Question, node: Node, path: Path, problems: Problems) -> None:
    check_unique(((p.left, p.line) for p in question.pairs), "left-hand side", path, problems)
    check_unique(((p.right, p.line) for p in question.pairs), "right-hand side", path, problems)


# Responses ----------------------------------------------------------------------------------


def _valid_pick(question: Question, response: Any) -> bool:
    return index(response, len(question.options)) is not None


def _valid_picks(question: Question, response: Any) -> bool:
    if not isinstance(response, list):
        return False
    indices = [index(v, len(question.options)) for v in response]
    return None not in indices and len(set(indices)) == len(indices)


def _valid_bool(question: Question, response: Any) -> bool:
    return isinstance(response, bool)


def _valid_text(question: Question, response: Any) -> bool:
    return isinstance(response, str)


def _valid_permutation(question: Question, response: Any) -> bool:
    if not isinstance(response, list):
        return False
    placed = [index(v, len(question.items)) for v in response]
    return None not in placed and sorted(placed) == list(range(len(question.items)))  # type: ignore[type-var]


def _valid_matches(question: Question, response: Any) -> bool:
    if not isinstance(response, list) or len(response) != len(question.pairs):
        return False
    return all(v is None or index(v, len(question.pairs)) is not None for v in response)


def _credit_pick(question: Question, response: Any) -> Fraction:
    return Fraction(int(question.options[int(response)].correct))


def _credit_picks(question: Question, response: Any) -> Fraction:
    right = sum(1 for o in question.options if o.correct)
    ticked = [question.options[int(i)] for i in response]
    hits = sum(1 for o in ticked if o.correct)
    return max(Fraction(0), Fraction(hits - (len(ticked) - hits), right))


def _credit_bool(question: Question, response: Any) -> Fraction:
    return Fraction(int(response == question.answer))


def _credit_text(question: Question, response: Any) -> Fraction:
    return Fraction(int(short_text_right(question, response)))


def _in_place(response: Any, size: int) -> Fraction:
    """Ordering and matching: element i is right when it is item (or right-hand side) i."""
    return Fraction(sum(1 for i, v in enumerate(response) if v is not None and int(v) == i), size)


# The registry -------------------------------------------------------------------------------

#: Every question type, in the order CONTRIBUTING.md and the schema list them.
TYPES: dict[str, QuestionType] = {
    t.name: t
    for t in (
        QuestionType(
            "single", "single-choice", frozenset({"options"}), "index of the chosen option in the YAML (int)",
            "choice", "choices", _check_one_best, _valid_pick, _credit_pick,
        ),
        QuestionType(
            "multiple", "multiple-choice", frozenset({"options"}),
            "indices of the ticked options (list of distinct ints, sorted)",
            "multiple", "choices", _check_some_right, _valid_picks, _credit_picks,
        ),
        QuestionType(
            "true_false", "true/false", frozenset({"answer", "feedback"}), "true or false",
            "true_false", "true_false", _check_nothing, _valid_bool, _credit_bool,
        ),
        QuestionType(
            "short_text", "short-text", frozenset({"accept", "pattern", "feedback"}), "the text typed",
            "short_text", "short_text", _check_short_text, _valid_text, _credit_text,
        ),
        QuestionType(
            "ordering", "ordering", frozenset({"items", "feedback"}),
            "item indices (YAML order) in the learner's order: a permutation",
            "ordering", "ordering", _check_ordering, _valid_permutation,
            lambda q, r: _in_place(r, len(q.items)),
        ),
        QuestionType(
            "matching", "matching", frozenset({"pairs", "feedback"}),
            "element i: index of the right-hand side chosen for pair i, or null",
            "matching", "matching", _check_matching, _valid_matches,
            lambda q, r: _in_place(r, len(q.pairs)),
        ),
        QuestionType(
            "scenario", "scenario", frozenset({"options", "post"}), "index of the chosen reply in the YAML (int)",
            "scenario", "choices", _check_one_best, _valid_pick, _credit_pick,
        ),
    )
}

#: Every field some type uses: a question may hold only those of its own type.
TYPE_FIELDS: frozenset[str] = frozenset().union(*(t.fields for t in TYPES.values()))
