"""Certification assessments (exams): question banks, the per-learner draw and the published exam.

A certificate rule with an `exam` block is assessed by the hub, never by the browser. Its
questions live in one bank per module, `curriculum/exams/<module>.yml`, written in exactly the
quiz question format (one parser, `academy.core.quiz.parse_questions`). The key material of a
bank (correct flags, accepted answers and patterns, the right order and pairs, feedback and
explanations) stays in the repository: `public_exam` builds the only view the site publishes,
with options, items and pair sides under opaque public ids, each list sorted by id.

Every learner gets their own draw, reproducible from (certificate id, e-mail, attempt): the
exam page (JavaScript) and the hub (`draw`) compute the same questions in the same order, with
the same option order, so the hub knows exactly what was asked. The algorithm is the shared
contract of issue #11; `tests/fixtures/exam_draws.json` holds test vectors for both sides.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from html import escape
from pathlib import Path
from typing import Any

from .. import routes
from ..i18n.languages import is_translation
from . import schema
from .curriculum import CertificateRule, ExamSettings
from .problems import Problems
from .quiz import CHOICE_TYPES, Question, parse_questions
from .source import Node, load_yaml

#: Folder of the banks inside `curriculum/`.
EXAMS = "exams"
#: `format` of the published exam file.
PUBLIC_FORMAT = "academy-exam/1"
#: Certificate ids that cannot have an exam page: `certificates/status/` holds the status lists.
RESERVED_IDS = routes.RESERVED_CERTIFICATE_IDS
#: Questions a module's bank needs at least, so that draws differ between learners.
MIN_BANK = 2


@dataclass(frozen=True)
class Bank:
    """The exam questions of one module, as written in `curriculum/exams/<module>.yml`."""

    module: str
    questions: tuple[Question, ...]
    path: Path
    line: int


@dataclass(frozen=True)
class ExamQuestion:
    """A bank question as the exam uses it: under its composite id `<module>/<question id>`."""

    id: str
    module: str
    question: Question
    #: The public content hash (`public_hash`): what the learner saw, never the key.
    hash: str
    #: The source-language question of a translated one (academy.i18n): public ids come from it, so
    #: a request in any language names the options the hub's one key knows.
    source: Question | None = None

    @property
    def keyed(self) -> Question:
        """The question the public ids are derived from: the source's."""
        return self.source or self.question

    @property
    def type(self) -> str:
        return self.question.type

    @property
    def points(self) -> int:
        return self.question.points


@dataclass(frozen=True)
class Exam:
    """The certification assessment of one certificate rule; its id is the rule's id."""

    id: str
    title: str
    rule: CertificateRule
    settings: ExamSettings
    #: The rule's modules, in the rule's order.
    modules: tuple[str, ...]
    #: The pool: every question of the modules' banks, module by module, each bank in file order.
    questions: tuple[ExamQuestion, ...]
    by_id: dict[str, ExamQuestion] = field(default_factory=dict, repr=False, compare=False)

    @property
    def draw_size(self) -> int:
        return self.settings.draw

    @property
    def pool_size(self) -> int:
        return len(self.questions)

    @property
    def pass_mark(self) -> float:
        """The rule's `min_score` (percent); validation requires it on a rule with an exam."""
        return self.rule.min_score if self.rule.min_score is not None else 100

    def question(self, composite_id: str) -> ExamQuestion | None:
        return self.by_id.get(composite_id)

    def of_module(self, module: str) -> list[ExamQuestion]:
        return [q for q in self.questions if q.module == module]


# Reading the banks --------------------------------------------------------------------------


def load_bank(path: Path, problems: Problems) -> Bank | None:
    """Read one bank file; None when its fields do not fit the format (each problem reported)."""
    before = len(problems)
    data = load_yaml(path, problems)
    if not isinstance(data, Node):
        if len(problems) == before:
            problems.add(
                path,
                1,
                "the exam bank is empty or not a set of 'field: value' lines",
                "start from the example in CONTRIBUTING.md (Exam bank)",
            )
        return None
    if not schema.check(data, "exam", path, problems):
        return None
    if data["module"] != path.stem:
        problems.add(
            path,
            data.line_of("module"),
            f'module "{data["module"]}" differs from the file name "{path.name}"',
            f"rename the file to {data['module']}.yml or set module: {path.stem}",
        )
    return Bank(path.stem, parse_questions(data["questions"], path, problems), path, data.line)


def load_banks(folder: Path, problems: Problems) -> tuple[dict[str, Bank], set[str]]:
    """Every bank in `folder` by module id, and the stems of the files that could not be read."""
    banks: dict[str, Bank] = {}
    unreadable: set[str] = set()
    for path in sorted(p for p in [*folder.glob("*.yml"), *folder.glob("*.yaml")] if not is_translation(p)):
        bank = load_bank(path, problems)
        if bank is None:
            unreadable.add(path.stem)
        elif bank.module in banks:
            problems.add(path, 1, f'module "{bank.module}" already has a bank', "keep one bank file per module")
        else:
            banks[bank.module] = bank
    return banks, unreadable


def build_exams(
    rules: Mapping[str, CertificateRule],
    banks: Mapping[str, Bank],
    modules: Iterable[str],
    problems: Problems,
    unreadable: Iterable[str] = (),
) -> dict[str, Exam]:
    """One Exam per certificate rule with an `exam` block, each rule checked (problems reported).

    `modules` are the curriculum's module ids (a bank for another module is reported);
    `unreadable` the stems of files already reported, so that nothing is reported twice.
    """
    known, skipped = set(modules), set(unreadable)
    for module, bank in banks.items():
        if module not in known and module not in skipped:
            problems.add(
                bank.path,
                bank.line,
                f'module "{module}" does not exist, so no exam can use this bank',
                f"rename the file after an existing module (curriculum/modules/{module}.md is missing)",
            )
    exams: dict[str, Exam] = {}
    for rule in rules.values():
        if rule.id in RESERVED_IDS:
            problems.add(
                rule.path,
                rule.data.line_of("id"),
                f'certificate id "{rule.id}" is reserved: certificates/{rule.id}/ holds the revocation lists',
                "choose another id (and rename the file)",
            )
        if rule.exam is None:
            continue
        settings, ok = rule.exam, rule.id not in RESERVED_IDS
        if rule.min_score is None:
            problems.add(
                rule.path,
                settings.line,
                "a certificate with an exam needs min_score: the exam's pass mark",
                "add min_score: 80 (percent)",
            )
            ok = False
        pool: list[ExamQuestion] = []
        for index, module in enumerate(rule.modules):
            in_bank = banks.get(module)
            if in_bank is None:
                if module in skipped:
                    ok = False
                    continue
                problems.add(
                    rule.path,
                    rule.data["modules"].line_of(index),
                    f'module "{module}" has no exam bank, so the exam cannot cover it',
                    f"write curriculum/{EXAMS}/{module}.yml with at least {MIN_BANK} questions",
                )
                ok = False
                continue
            bank = in_bank
            if len(bank.questions) < MIN_BANK:
                problems.add(
                    bank.path,
                    bank.line,
                    f'the bank of module "{module}" has {len(bank.questions)} question(s); '
                    f'the exam of "{rule.id}" needs at least {MIN_BANK} from each module',
                    f"add questions until the bank has at least {MIN_BANK}",
                )
                ok = False
            for question in bank.questions:
                qid = f"{module}/{question.id}"
                pool.append(ExamQuestion(qid, module, question, public_hash(question, qid)))
        if len(pool) < 2 * settings.draw and all(m in banks for m in rule.modules):
            problems.add(
                rule.path,
                settings.draw_line,
                f"the exam draws {settings.draw} questions from a pool of {len(pool)}; the pool needs at least "
                f"{2 * settings.draw} (twice the draw) so that learners' draws differ",
                f"add questions to the banks of {', '.join(rule.modules)}, or lower draw to at most {len(pool) // 2}",
            )
            ok = False
        if ok:
            exams[rule.id] = Exam(
                rule.id,
                rule.title,
                rule,
                settings,
                tuple(rule.modules),
                tuple(pool),
                {q.id: q for q in pool},
            )
    return exams


# Public ids, hashes and the draw ------------------------------------------------------------


def pid(*parts: str) -> str:
    """The public id of an option, item or pair side: 10 hex digits that reveal nothing."""
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:10]


def option_pids(question: ExamQuestion) -> list[str]:
    """Public ids of a choice question's options, in YAML order (index i is option i)."""
    return [pid(question.id, "option", o.text) for o in question.keyed.options]


def item_pids(question: ExamQuestion) -> list[str]:
    """Public ids of an ordering question's items, in the right (YAML) order."""
    return [pid(question.id, "item", text) for text in question.keyed.items]


def left_pids(question: ExamQuestion) -> list[str]:
    """Public ids of a matching question's left sides, in YAML order (pair i)."""
    return [pid(question.id, "left", p.left) for p in question.keyed.pairs]


def right_pids(question: ExamQuestion) -> list[str]:
    """Public ids of a matching question's right sides, in YAML order (pair i's partner)."""
    return [pid(question.id, "right", p.right) for p in question.keyed.pairs]


def _canonical(value: Any) -> bytes:
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def public_hash(question: Question, composite_id: str) -> str:
    """The question's public content hash: changes when what the learner sees changes.

    Over the source of the public fields only (never correct flags, accepted answers,
    feedback or explanation); lists sorted, so moving the right option first changes nothing.
    """
    post = question.post
    fields: dict[str, Any] = {
        "id": composite_id,
        "type": question.type,
        "points": question.points,
        "prompt": question.prompt,
        "post": {
            k: v
            for k, v in (
                ("platform", post.platform),
                ("author", post.author),
                ("handle", post.handle),
                ("text", post.text),
                ("context", post.context),
            )
            if v
        }
        if post
        else None,
        "options": sorted(o.text for o in question.options),
        "items": sorted(question.items),
        "left": sorted(p.left for p in question.pairs),
        "right": sorted(p.right for p in question.pairs),
    }
    return hashlib.sha256(_canonical({k: v for k, v in fields.items() if v})).hexdigest()[:16]


def seed(exam_id: str, email: str, attempt: int) -> str:
    """The draw's seed: certificate id, e-mail (trimmed, lower-cased) and attempt number."""
    return f"{exam_id}\n{email.strip().lower()}\n{attempt}"


def rank(draw_seed: str, *parts: str) -> str:
    """A sort key derived from the seed: hex SHA-256, compared as a string."""
    return hashlib.sha256("\n".join([draw_seed, *parts]).encode("utf-8")).hexdigest()


def draw(exam: Exam, email: str, attempt: int) -> list[ExamQuestion]:
    """The questions asked of `email` at `attempt`, in the order asked.

    Round by round, each module (in an order of its own per round) gives its next question
    until `draw` questions are picked: every module is covered before any gives a second.
    """
    s = seed(exam.id, email, attempt)
    groups = {m: sorted(exam.of_module(m), key=lambda q: rank(s, "pick", q.id)) for m in exam.modules}
    picked: list[ExamQuestion] = []
    r = 0
    while len(picked) < exam.draw_size and any(r < len(g) for g in groups.values()):
        for module in sorted(exam.modules, key=lambda m: rank(s, "round", str(r), m)):
            if r < len(groups[module]) and len(picked) < exam.draw_size:
                picked.append(groups[module][r])
        r += 1
    return sorted(picked, key=lambda q: rank(s, "order", q.id))


def shown(question: ExamQuestion, email: str, attempt: int, exam_id: str) -> dict[str, list[str]]:
    """The order in which the exam page shows a drawn question's options, items or pair sides."""
    s = seed(exam_id, email, attempt)
    kind = question.type
    if kind in CHOICE_TYPES:
        return {"options": sorted(option_pids(question), key=lambda p: rank(s, "option", question.id, p))}
    if kind == "ordering":
        return {"items": sorted(item_pids(question), key=lambda p: rank(s, "item", question.id, p))}
    if kind == "matching":
        return {
            "left": sorted(left_pids(question), key=lambda p: rank(s, "left", question.id, p)),
            "right": sorted(right_pids(question), key=lambda p: rank(s, "right", question.id, p)),
        }
    return {}


# The published exam -------------------------------------------------------------------------


def public_exam(
    exam: Exam,
    render: Callable[[str], str] | None = None,
    module_titles: Mapping[str, str] | None = None,
    render_block: Callable[[str], str] | None = None,
) -> dict[str, Any]:
    """The exam as the site publishes it (`assets/academy/exams/<id>.json`): no key material.

    `render` turns inline Markdown into HTML (prompts, options, items, sides, post context);
    `render_block` block Markdown (the post's text; default: `render`). Without them the
    texts are HTML-escaped. The fields `prompt`, `html`, `post.text` and `post.context` are
    HTML; `title`, `modules[].title`, `post.platform`, `post.author` and `post.handle` are
    plain text, for `textContent`. Options, items and sides are sorted by public id, so
    nothing about the authored order (where the right option often stands) is published.
    """
    inline = render or escape
    block = render_block or inline
    titles = module_titles or {}
    questions = []
    for q in exam.questions:
        source = q.question
        entry: dict[str, Any] = {
            "id": q.id,
            "module": q.module,
            "type": q.type,
            "points": q.points,
            "hash": q.hash,
            "prompt": inline(source.prompt),
        }
        if source.post is not None:
            post = source.post
            entry["post"] = {"platform": post.platform, "author": post.author, "text": block(post.text)}
            if post.handle:
                entry["post"]["handle"] = post.handle
            if post.context:
                entry["post"]["context"] = inline(post.context)
        if q.type in CHOICE_TYPES:
            entry["options"] = _sides(option_pids(q), [o.text for o in source.options], inline)
        elif q.type == "ordering":
            entry["items"] = _sides(item_pids(q), list(source.items), inline)
        elif q.type == "matching":
            entry["left"] = _sides(left_pids(q), [p.left for p in source.pairs], inline)
            entry["right"] = _sides(right_pids(q), [p.right for p in source.pairs], inline)
        questions.append(entry)
    pass_mark = exam.pass_mark
    return {
        "format": PUBLIC_FORMAT,
        "id": exam.id,
        "title": exam.title,
        "draw": exam.draw_size,
        "pool": exam.pool_size,
        "pass_mark": int(pass_mark) if float(pass_mark).is_integer() else pass_mark,
        "max_attempts": exam.settings.max_attempts,
        "wait_hours": exam.settings.wait_hours,
        "modules": [{"id": m, "title": titles.get(m, m)} for m in exam.modules],
        "questions": questions,
    }


def _sides(ids: list[str], texts: list[str], render: Callable[[str], str]) -> list[dict[str, str]]:
    return [{"id": i, "html": render(t)} for i, t in sorted(zip(ids, texts, strict=True))]
