"""Item analysis: how each exam question performed, from the requests stored in the ledger.

Every stored response is scored again with the current key, by the hub's own scorer
(`credentials.issue.requests.to_indices` and `core.scoring.credit`), so the analysis and the
certificates never disagree. Per question:

* difficulty: the mean credit (0 to 1; for a right/wrong question the share answering right);
* point-biserial: the Pearson correlation between the credit on the question and the
  rest-score (the percentage the learner scored on the *other* questions of the request);
* upper/lower groups: the mean credit of the 27 % of responses with the highest rest-score
  minus that of the 27 % with the lowest (k = 27 % of n rounded half up, at least 1; ties in
  rest-score keep the older attempt in the upper group);
* option choices: how often each option was chosen (ticked, for multiple choice), by text;
* flags a trainer acts on: `FLAGS` below.

A stored request that cannot be read is named in `skipped` and left out, never counted.
"""

from __future__ import annotations

import json
import math
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from academy.core import exam as exams
from academy.core.scoring import credit
from academy.credentials.issue.requests import to_indices

from .figures import Period
from .store import AttemptRow, Data

#: Flags with their thresholds (the report's glossary shows them).
TOO_EASY = 0.9
TOO_HARD = 0.3
RARE_OPTION = 0.05
RARE_OPTION_MIN_N = 20
#: Responses a question needs before difficulty and discrimination flags are raised.
MIN_N = 5
UPPER_LOWER = 0.27
FLAGS = {
    "too-easy": f"difficulty above {TOO_EASY:g}",
    "too-hard": f"difficulty below {TOO_HARD:g}",
    "negative-discrimination": "point-biserial or upper-lower difference below 0",
    "unused-distractor": f"a wrong option chosen by fewer than {RARE_OPTION:.0%} of at least {RARE_OPTION_MIN_N}",
    "content-changed": "responses in the period were given to more than one version of the question",
}


@dataclass(frozen=True)
class Flag:
    kind: str
    message: str


@dataclass(frozen=True)
class Choice:
    """How often one option (or answer) was chosen."""

    text: str
    correct: bool
    chosen: int
    share: float


@dataclass
class ItemStats:
    """The figures of one question of one exam."""

    exam: str
    id: str
    module: str
    type: str
    prompt: str
    path: Path | None
    line: int
    n: int = 0
    difficulty: float | None = None
    point_biserial: float | None = None
    upper_lower: float | None = None
    choices: list[Choice] = field(default_factory=list)
    versions: int = 1
    old_versions: int = 0
    flags: list[Flag] = field(default_factory=list)


@dataclass(frozen=True)
class ModuleStats:
    module: str
    title: str
    responses: int
    percent: float


@dataclass
class ExamItems:
    """The item analysis of one exam."""

    exam: str
    title: str
    requests: int = 0
    items: list[ItemStats] = field(default_factory=list)
    modules: list[ModuleStats] = field(default_factory=list)
    #: Responses to questions that are no longer in the pool (left out).
    retired: int = 0

    @property
    def flagged(self) -> list[ItemStats]:
        return [i for i in self.items if i.flags]


@dataclass
class ItemAnalysis:
    exams: list[ExamItems] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float | None:
    """The correlation of two equally long series; None when either does not vary."""
    n = len(xs)
    if n < 2:
        return None
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return sxy / math.sqrt(sxx * syy)


def upper_lower(pairs: Sequence[tuple[float, float, int]]) -> float | None:
    """Upper minus lower 27 % group's mean credit; `pairs` = (rest-score, credit, attempt id)."""
    n = len(pairs)
    if n < 2:
        return None
    k = max(1, int(UPPER_LOWER * n + 0.5))
    k = min(k, n // 2)
    ranked = sorted(pairs, key=lambda p: (-p[0], p[2]))
    upper, lower = ranked[:k], ranked[-k:]
    return sum(p[1] for p in upper) / k - sum(p[1] for p in lower) / k


@dataclass(slots=True)
class _Response:
    attempt: int
    question: exams.ExamQuestion
    hash: str
    #: The response as the scorer takes it (YAML indices; None when malformed).
    indices: Any
    credit: float


def _key(value: Any) -> Any:
    """A hashable stand-in for a JSON response (equal responses, equal keys; `true` is not `1`)."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or value is None:
        return ("json", value)
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return ("list", *value)  # multiple choice and ordering: lists of public ids
    if isinstance(value, dict) and all(isinstance(v, str) or v is None for v in value.values()):
        return ("dict", *sorted(value.items(), key=lambda kv: kv[0]))  # matching: left id -> right id
    return ("json", json.dumps(value, sort_keys=True))


class _Scorer:
    """The hub's scorer with a memory: learners give the same few responses to a question many times."""

    def __init__(self) -> None:
        self.known: dict[tuple[str, Any], tuple[Any, float]] = {}

    def __call__(self, question: exams.ExamQuestion, response: Any) -> tuple[Any, float]:
        key = (question.id, _key(response))
        found = self.known.get(key)
        if found is None:
            indices = to_indices(question, response)
            found = self.known[key] = (indices, float(credit(question.question, indices)))
        return found


def _responses(exam: exams.Exam, row: AttemptRow, score: _Scorer) -> tuple[list[_Response], int] | str:
    """The scored responses of one stored request and the number of retired questions; or why it cannot be read."""
    if row.unusable or row.answers is None:
        return row.unusable or "it has no answers"
    found: list[_Response] = []
    retired = 0
    for qid, digest, response in row.answers:
        question = exam.question(qid)
        if question is None:
            retired += 1
            continue
        indices, value = score(question, response)
        found.append(_Response(row.id, question, digest, indices, value))
    return found, retired


def analyse(
    data: Data, period: Period, exams_by_id: Mapping[str, exams.Exam], module_titles: Mapping[str, str], banks: Any
) -> ItemAnalysis:
    """The item analysis of every exam with stored requests in the period."""
    analysis = ItemAnalysis()
    by_exam: dict[str, list[AttemptRow]] = defaultdict(list)
    for row in data.attempts:
        if (row.answers is not None or row.unusable) and row.submitted in period:
            by_exam[row.certificate].append(row)
    for exam_id in sorted(by_exam):
        exam = exams_by_id.get(exam_id)
        if exam is None:
            analysis.skipped.append(
                f"{len(by_exam[exam_id])} stored request(s) of {exam_id}: the certificate has no exam any more"
            )
            continue
        result = ExamItems(exam.id, exam.title)
        per_request: list[list[_Response]] = []
        scorer = _Scorer()
        for row in by_exam[exam_id]:
            scored = _responses(exam, row, scorer)
            if isinstance(scored, str):
                analysis.skipped.append(f"attempt {row.id} ({row.source}): the stored request is unusable: {scored}")
                continue
            responses, retired = scored
            result.retired += retired
            if responses:
                per_request.append(responses)
        result.requests = len(per_request)
        result.items = _items(exam, per_request, banks)
        result.modules = _modules(exam, per_request, module_titles)
        analysis.exams.append(result)
    return analysis


def _items(exam: exams.Exam, per_request: list[list[_Response]], banks: Any) -> list[ItemStats]:
    rest: dict[str, list[tuple[float, float, int]]] = defaultdict(list)
    given: dict[str, list[_Response]] = defaultdict(list)
    for responses in per_request:
        earned = sum(r.question.points * r.credit for r in responses)
        available = sum(r.question.points for r in responses)
        for r in responses:
            others = available - r.question.points
            score = (earned - r.question.points * r.credit) * 100 / others if others else 0.0
            rest[r.question.id].append((score, r.credit, r.attempt))
            given[r.question.id].append(r)
    items = []
    for question in exam.questions:
        bank = banks.get(question.module) if banks else None
        stats = ItemStats(
            exam.id,
            question.id,
            question.module,
            question.type,
            question.question.prompt,
            bank.path if bank else None,
            question.question.line,
        )
        responses = given.get(question.id, [])
        stats.n = len(responses)
        if responses:
            pairs = rest[question.id]
            stats.difficulty = sum(p[1] for p in pairs) / len(pairs)
            stats.point_biserial = pearson([p[1] for p in pairs], [p[0] for p in pairs])
            stats.upper_lower = upper_lower(pairs)
            stats.choices = _choices(question, responses)
            hashes = Counter(r.hash for r in responses)
            stats.versions = len(hashes | Counter({question.hash: 0}))
            stats.old_versions = sum(n for h, n in hashes.items() if h != question.hash)
        stats.flags = _flags(stats)
        items.append(stats)
    return items


def _choices(question: exams.ExamQuestion, responses: Sequence[_Response]) -> list[Choice]:
    q = question.question
    n = len(responses)
    counts: Counter[int | str] = Counter()
    for r in responses:
        value = r.indices
        if value is None:
            counts["none"] += 1
        elif q.type in {"single", "scenario"}:
            counts[int(value)] += 1
        elif q.type == "multiple":
            counts.update(int(i) for i in value) if value else counts.update(["none"])
        elif q.type == "true_false":
            counts["true" if value else "false"] += 1
    if q.type in {"single", "scenario", "multiple"}:
        choices = [Choice(o.text, o.correct, counts.get(i, 0), counts.get(i, 0) / n) for i, o in enumerate(q.options)]
    elif q.type == "true_false":
        choices = [
            Choice(text, q.answer is value, counts.get(key, 0), counts.get(key, 0) / n)
            for text, key, value in (("True", "true", True), ("False", "false", False))
        ]
    else:
        return []
    if counts.get("none"):
        choices.append(Choice("(no answer)", False, counts["none"], counts["none"] / n))
    return choices


def _flags(stats: ItemStats) -> list[Flag]:
    flags: list[Flag] = []
    n = stats.n
    if n >= MIN_N and stats.difficulty is not None:
        if stats.difficulty > TOO_EASY:
            flags.append(
                Flag(
                    "too-easy",
                    f"too easy: difficulty {stats.difficulty:.2f} (n={n}) — make the wrong options mistakes learners "
                    "really make, or ask something that needs the module",
                )
            )
        elif stats.difficulty < TOO_HARD:
            flags.append(
                Flag(
                    "too-hard",
                    f"too hard: difficulty {stats.difficulty:.2f} (n={n}) — check the key and the wording, and "
                    "whether the module teaches it",
                )
            )
    negative = [
        f"{label} {value:+.2f}"
        for label, value in (("point-biserial", stats.point_biserial), ("upper-lower", stats.upper_lower))
        if value is not None and value < 0
    ]
    if n >= MIN_N and negative:
        flags.append(
            Flag(
                "negative-discrimination",
                f"negative discrimination ({', '.join(negative)}, n={n}): learners who did well on the rest got it "
                "wrong more often — check the key and look for an ambiguity",
            )
        )
    if n >= RARE_OPTION_MIN_N and stats.type in {"single", "scenario", "multiple"}:
        for choice in stats.choices:
            if not choice.correct and choice.text != "(no answer)" and choice.share < RARE_OPTION:
                flags.append(
                    Flag(
                        "unused-distractor",
                        f'the wrong option "{_short(choice.text)}" was chosen by {choice.share:.0%} (n={n}) — '
                        "replace it with a mistake learners actually make",
                    )
                )
    if stats.old_versions:
        flags.append(
            Flag(
                "content-changed",
                f"the question changed during the period: {stats.old_versions} of {n} responses were given to an "
                "earlier version — the figures mix versions; compare them from the change on (--from DATE)",
            )
        )
    return flags


def _short(text: str, limit: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def terminal_lines(analysis: ItemAnalysis, root: Path) -> list[str]:
    """One `path:line: exam question: flag` line per flag, for a trainer's pull request."""
    lines = []
    for exam in analysis.exams:
        for item in exam.flagged:
            where = _where(item, root)
            for flag in item.flags:
                lines.append(f"{where}: {exam.exam} {item.id}: {flag.message}")
    return lines


def _where(item: ItemStats, root: Path) -> str:
    if item.path is None:
        return f"curriculum/exams/{item.module}.yml:{item.line}"
    try:
        shown = item.path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        shown = str(item.path)
    return f"{shown}:{item.line}"


def _modules(
    exam: exams.Exam, per_request: list[list[_Response]], module_titles: Mapping[str, str]
) -> list[ModuleStats]:
    """Modules by the share of their points earned, weakest first."""
    earned: dict[str, float] = defaultdict(float)
    available: Counter[str] = Counter()
    responses: Counter[str] = Counter()
    for rows in per_request:
        for r in rows:
            earned[r.question.module] += r.question.points * r.credit
            available[r.question.module] += r.question.points
            responses[r.question.module] += 1
    found = [
        ModuleStats(m, module_titles.get(m, m), responses[m], earned[m] * 100 / available[m])
        for m in exam.modules
        if available[m]
    ]
    return sorted(found, key=lambda m: (m.percent, m.module))
