"""Item-writing checks: the cues that let someone who never read the lesson guess right.

`check_items` adds them to a project's problems as warnings (validation still passes), per
question (the right option is the longest; all options but one are right; "all/none of the
above"; text cut by an unquoted `#`), per quiz (true/false answers all alike) and per quiz or
exam (the expected score of a blind guesser, random or "always the longest", at 40 % or more).
One is an error: a module quiz whose pass mark is below its certificate's `min_score`, since the
page would then tell a learner they passed what the certificate does not accept.

`figures` computes the shared targets of issue #11 over every practice quiz and exam bank;
`format_figures` prints them (`academy validate --figures`, `scripts/item_figures.py`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import TYPE_CHECKING

import yaml

from .problems import Problems
from .quiz import Question
from .scoring import credit

if TYPE_CHECKING:  # project.py imports this module to run its checks
    from .project import Project

#: Options that a guesser reads as a cue (or that make the others depend on them).
ABOVE = re.compile(
    r"\b(all|none|both|neither)\s+(of\s+)?the\s+(above|options\s+above|previous\s+options)\b"
    r"|^\W*(all|none|both|neither)\s+of\s+(these|them|those)\W*$",
    re.I,
)
#: A blind guesser's expected score at or above this (percent) is warned about.
GUESS_LIMIT = 40
#: The shared targets (issue #11), over all shipped quizzes and exam banks.
LONGEST_LIMIT = 40
TRUE_RANGE = (35, 65)
ALL_BUT_ONE_LIMIT = 25
_AFTER_TEXT = re.compile(r"\S[ \t]+#")
#: libyaml's scanner where PyYAML has it (the same tokens and marks, several times faster than
#: the pure-Python one, which took a fifth of the academy's own build time on large curricula).
_SCANNER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_NOT_TEXT = re.compile(r"(?i)(true|false|yes|no|on|off|null|~|[-+]?[0-9][0-9_.eE+-]*)")

Guesser = Callable[[Question], Fraction]
#: random_guess of a multiple-choice question, by its options' correct flags (in order).
_MULTIPLE_ODDS: dict[tuple[bool, ...], Fraction] = {}


# What a guesser gets ------------------------------------------------------------------------


def longest_is_correct(question: Question) -> bool:
    """Whether the one right option of a single-choice or scenario question is strictly the longest."""
    if question.type not in {"single", "scenario"} or len(question.options) < 2:
        return False
    lengths = sorted(((len(o.text.strip()), o.correct) for o in question.options), reverse=True)
    return lengths[0][1] and lengths[0][0] > lengths[1][0]


def all_but_one(question: Question) -> bool:
    """A multiple-choice question whose options are all right but one: "tick all" nearly wins."""
    right = sum(o.correct for o in question.options)
    return question.type == "multiple" and len(question.options) >= 2 and right == len(question.options) - 1


def random_guess(question: Question) -> Fraction:
    """Expected credit of a guesser who picks at random (any non-empty set of ticks alike)."""
    kind, n = question.type, len(question.options)
    if kind in {"single", "scenario"}:
        return Fraction(1, n)
    if kind == "multiple":
        # A multiple-choice credit depends on nothing but which options are right, so the odds
        # over every subset are counted once per pattern (at 320 modules they were a fifth of
        # the checks); still through `credit`, so that they follow the scoring rule exactly.
        key = tuple(o.correct for o in question.options)
        if key not in _MULTIPLE_ODDS:
            subsets = [s for size in range(1, n + 1) for s in itertools.combinations(range(n), size)]
            _MULTIPLE_ODDS[key] = sum((credit(question, list(s)) for s in subsets), Fraction(0)) / len(subsets)
        return _MULTIPLE_ODDS[key]
    if kind == "true_false":
        return Fraction(1, 2)
    if kind == "ordering":
        return Fraction(1, len(question.items))  # a random order has one item in place on average
    if kind == "matching":
        return Fraction(1, len(question.pairs))
    return Fraction(0)  # short text: nothing to pick from


def longest_guess(question: Question) -> Fraction:
    """Expected credit of "always pick the longest option" (multiple: tick the longer half).

    Ties are broken by the text, not by the authored order or the key. Types without options
    are guessed at random.
    """
    kind = question.type
    options = question.options
    order = sorted(range(len(options)), key=lambda i: (-len(options[i].text.strip()), options[i].text))
    if kind in {"single", "scenario"}:
        top = len(question.options[order[0]].text.strip())
        tied = [i for i in order if len(question.options[i].text.strip()) == top]
        return Fraction(sum(question.options[i].correct for i in tied), len(tied))
    if kind == "multiple":
        half = max(1, len(order) // 2)
        return credit(question, sorted(order[:half]))
    return random_guess(question)


def expected_percent(questions: Iterable[Question], guesser: Guesser) -> float:
    """A guesser's expected score over `questions`, in percent (points-weighted)."""
    items = list(questions)
    available = sum(q.points for q in items)
    if not available:
        return 0.0
    earned = sum((q.points * guesser(q) for q in items), Fraction(0))
    return float(earned * 100 / available)


# Raw YAML: text cut by an unquoted `#` -------------------------------------------------------


def cut_by_comment(text: str) -> list[tuple[int, str, str]]:
    """(line, value as YAML reads it, the comment) of each plain text cut short by ` #`.

    YAML starts a comment at a `#` after a space, so `- text: the hashtag #ghost` reads
    "the hashtag". Quoted and block (`|`, `>`) scalars are not affected.
    """
    if not _AFTER_TEXT.search(text):
        return []  # most files: no `#` after any text, nothing to scan
    lines = text.splitlines()
    found = []
    try:
        tokens = list(yaml.scan(text, Loader=_SCANNER))
    except yaml.YAMLError:
        return []  # the loader reports the syntax error itself
    for token in tokens:
        if not isinstance(token, yaml.ScalarToken) or not token.plain or _NOT_TEXT.fullmatch(token.value):
            continue
        end = token.end_mark
        rest = lines[end.line][end.column :] if end.line < len(lines) else ""
        if re.match(r"[ \t]+#", rest):
            found.append((end.line + 1, token.value, rest.strip()))
    return found


# The checks -----------------------------------------------------------------------------------


def check_items(project: Project) -> None:
    """Add the item-writing warnings, and the pass-mark error, to `project.problems`."""
    problems = project.problems
    for quiz in project.quizzes.values():
        _check_questions(quiz.questions, quiz.path, problems)
        _check_true_false(quiz.questions, quiz.path, problems)
        _check_guessers(quiz.questions, quiz.path, quiz.line, f'quiz "{quiz.id}"', problems)
        _check_comments(quiz.path, problems)
    for bank in project.banks.values():
        _check_questions(bank.questions, bank.path, problems)
        _check_true_false(bank.questions, bank.path, problems)
        _check_comments(bank.path, problems)
    for exam in project.exams.values():
        questions = [q.question for q in exam.questions]
        _check_guessers(questions, exam.rule.path, exam.settings.line, f'the exam of "{exam.id}"', problems)
    for rule in project.certificates.values():
        if rule.min_score is None:
            continue
        for module_id in rule.modules:
            module = project.modules.get(module_id)
            module_quiz = project.quizzes.get(module.quiz) if module else None
            if module_quiz is not None and module_quiz.pass_mark < rule.min_score:
                problems.add(
                    module_quiz.path,
                    _line_of_key(module_quiz.path, "pass_mark") or module_quiz.line,
                    f"pass_mark {module_quiz.pass_mark} is below the min_score {rule.min_score:g} of certificate "
                    f'"{rule.id}", so the page would say "passed" to a learner the certificate does not accept',
                    f"set pass_mark: {_ceil(rule.min_score)} or more",
                )


def _ceil(value: float) -> int:
    return int(value) if float(value).is_integer() else int(value) + 1


def _line_of_key(path: Path, key: str) -> int | None:
    try:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if line.startswith(f"{key}:"):
                return number
    except (OSError, UnicodeDecodeError):
        return None
    return None


def _check_questions(questions: Sequence[Question], path: Path, problems: Problems) -> None:
    for q in questions:
        if longest_is_correct(q):
            right = next(o for o in q.options if o.correct)
            second = max(len(o.text.strip()) for o in q.options if not o.correct)
            problems.warn(
                path,
                right.line,
                f'question "{q.id}": the right option is the longest ({len(right.text.strip())} characters, the next '
                f"{second}); a guesser who picks the longest gets it right",
                "make a wrong option as long and as specific, or say the right one more briefly",
            )
        if all_but_one(q):
            problems.warn(
                path,
                q.line,
                f'question "{q.id}": every option but one is right, so ticking all of them nearly wins',
                "add wrong options a learner has to rule out, or make fewer of them right",
            )
        elif q.type == "multiple" and q.options and all(o.correct for o in q.options):
            problems.warn(
                path,
                q.line,
                f'question "{q.id}": every option is right, so ticking all of them wins',
                "add wrong options a learner has to rule out",
            )
        for option in q.options:
            if ABOVE.search(option.text):
                problems.warn(
                    path,
                    option.line,
                    f'question "{q.id}": the option "{option.text.strip()}" refers to the other options',
                    "replace it with an option that stands on its own; with shuffled options it reads oddly, "
                    "and it is a well-known cue",
                )


def _check_true_false(questions: Sequence[Question], path: Path, problems: Problems) -> None:
    answers = [q for q in questions if q.type == "true_false"]
    if len(answers) >= 2 and len({q.answer for q in answers}) == 1:
        value = "true" if answers[0].answer else "false"
        problems.warn(
            path,
            answers[0].line,
            f"all {len(answers)} true/false questions have the answer {value}: a guesser who always answers "
            f"{value} gets them all",
            "rewrite some statements so that about half are true",
        )


def _check_guessers(questions: Sequence[Question], path: Path, line: int, what: str, problems: Problems) -> None:
    scores = [
        ("picking at random", expected_percent(questions, random_guess)),
        ('always picking the longest option ("multiple": the longer half)', expected_percent(questions, longest_guess)),
    ]
    for who, score in scores:
        if score >= GUESS_LIMIT:
            problems.warn(
                path,
                line,
                f"{what}: a blind guesser {who} expects {score:.0f} % (the limit is under {GUESS_LIMIT} %)",
                "use more options, fewer true/false questions, more short-text, ordering and matching questions, "
                "and right options that are not the longest",
            )


def _check_comments(path: Path, problems: Problems) -> None:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return
    for line, value, comment in cut_by_comment(text):
        problems.warn(
            path,
            line,
            f'the text reads "{value}": YAML took "{comment}" for a comment, because "#" after a space starts one',
            'put the whole text in double quotes, e.g. text: "… #hashtag"',
        )


# The figures ----------------------------------------------------------------------------------


@dataclass
class Figures:
    """The item-writing figures over every practice quiz and exam bank of a project."""

    choice: int = 0
    longest_correct: int = 0
    true_false: int = 0
    true_answers: int = 0
    multiple: int = 0
    all_but_one: int = 0
    above: int = 0
    #: Exam id → (random guesser %, longest guesser %), over its pool.
    exams: dict[str, tuple[float, float]] = field(default_factory=dict)
    #: Quiz id → (random guesser %, longest guesser %).
    quizzes: dict[str, tuple[float, float]] = field(default_factory=dict)

    def checks(self) -> list[tuple[str, bool]]:
        """Each target as (what it says, whether it holds)."""
        pct = _percent
        lines = [
            (
                f"correct option strictly the longest: {self.longest_correct} of {self.choice} single-choice and "
                f"scenario questions ({pct(self.longest_correct, self.choice)} %, target <= {LONGEST_LIMIT} %)",
                self.longest_correct * 100 <= LONGEST_LIMIT * self.choice,
            ),
            (
                f"true/false answers true: {self.true_answers} of {self.true_false} "
                f"({pct(self.true_answers, self.true_false)} %, target {TRUE_RANGE[0]}-{TRUE_RANGE[1]} %)",
                self.true_false == 0
                or TRUE_RANGE[0] * self.true_false <= self.true_answers * 100 <= TRUE_RANGE[1] * self.true_false,
            ),
            (
                f"all options but one correct: {self.all_but_one} of {self.multiple} multiple-choice questions "
                f"({pct(self.all_but_one, self.multiple)} %, target <= {ALL_BUT_ONE_LIMIT} %)",
                self.all_but_one * 100 <= ALL_BUT_ONE_LIMIT * self.multiple,
            ),
            (f'"all/none of the above" options: {self.above} (target 0)', self.above == 0),
        ]
        for exam, (random, longest) in sorted(self.exams.items()):
            lines.append(
                (
                    f"exam {exam}: random guesser {random:.1f} %, longest guesser {longest:.1f} % "
                    f"(target < {GUESS_LIMIT} %)",
                    random < GUESS_LIMIT and longest < GUESS_LIMIT,
                )
            )
        return lines

    @property
    def ok(self) -> bool:
        return all(ok for _, ok in self.checks())


def _percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f}" if whole else "0.0"


def figures(project: Project) -> Figures:
    """The figures over `project.quizzes` and `project.banks`; guessers per exam and per quiz."""
    result = Figures()
    questions = [q for quiz in project.quizzes.values() for q in quiz.questions]
    questions += [q for bank in project.banks.values() for q in bank.questions]
    for q in questions:
        if q.type in {"single", "scenario"}:
            result.choice += 1
            result.longest_correct += longest_is_correct(q)
        elif q.type == "multiple":
            result.multiple += 1
            result.all_but_one += all_but_one(q)
        elif q.type == "true_false":
            result.true_false += 1
            result.true_answers += bool(q.answer)
        result.above += sum(1 for o in q.options if ABOVE.search(o.text))
    for exam in project.exams.values():
        pool = [q.question for q in exam.questions]
        result.exams[exam.id] = (expected_percent(pool, random_guess), expected_percent(pool, longest_guess))
    for quiz in project.quizzes.values():
        result.quizzes[quiz.id] = (
            expected_percent(quiz.questions, random_guess),
            expected_percent(quiz.questions, longest_guess),
        )
    return result


def format_figures(result: Figures, certificates: Iterable[str] = ()) -> str:
    """The figures as a short report, one line per target with ok / NOT MET."""
    lines = ["Item-writing figures (all practice quizzes and exam banks):"]
    lines += [f"  [{'ok' if ok else 'NOT MET'}] {text}" for text, ok in result.checks()]
    without = sorted(set(certificates) - set(result.exams))
    if without:
        lines.append(f"  certificates without an exam (roster only): {', '.join(without)}")
    if result.quizzes:
        worst = max(result.quizzes.items(), key=lambda item: max(item[1]))
        lines.append(
            f"  practice quizzes: highest blind-guesser expectation {max(worst[1]):.1f} % ({worst[0]}); "
            "they are for learning and earn no certificate"
        )
    return "\n".join(lines)
