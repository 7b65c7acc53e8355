"""Certificate requests for the tests: genuine ones (built with the key, as a learner who knows the
answers would answer) and forged ones (built only from the published exam JSON, as an attacker would)."""

from __future__ import annotations

import hashlib
import random
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from academy.core import exam as exams
from academy.core.project import load_project

EXAM = "basics-certificate"
START = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


def stamp(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def right_response(question: exams.ExamQuestion) -> Any:
    """The fully right response by public ids (uses the withheld key)."""
    q = question.question
    if q.type in {"single", "scenario"}:
        return next(p for p, o in zip(exams.option_pids(question), q.options, strict=True) if o.correct)
    if q.type == "multiple":
        return sorted(p for p, o in zip(exams.option_pids(question), q.options, strict=True) if o.correct)
    if q.type == "true_false":
        return q.answer
    if q.type == "short_text":
        return q.accept[0]
    if q.type == "ordering":
        return exams.item_pids(question)
    if q.type == "matching":
        return dict(zip(exams.left_pids(question), exams.right_pids(question), strict=True))
    raise AssertionError(q.type)


def wrong_response(question: exams.ExamQuestion) -> Any:
    """A response that earns nothing."""
    q = question.question
    if q.type in {"single", "scenario"}:
        return next(p for p, o in zip(exams.option_pids(question), q.options, strict=True) if not o.correct)
    if q.type == "multiple":
        return sorted(p for p, o in zip(exams.option_pids(question), q.options, strict=True) if not o.correct)
    if q.type == "true_false":
        return not q.answer
    if q.type == "short_text":
        return "no idea"
    if q.type == "ordering":
        return list(reversed(exams.item_pids(question)))
    if q.type == "matching":
        lefts, rights = exams.left_pids(question), exams.right_pids(question)
        return dict(zip(lefts, rights[1:] + rights[:1], strict=True))
    raise AssertionError(q.type)


def genuine(
    project: Path,
    *,
    email: str = "ana.ruiz@example.com",
    name: str = "Ana Ruiz",
    attempt: int = 1,
    right: int | None = None,
    seconds: float = 30,
    submitted: datetime | None = None,
    certificate: str = EXAM,
) -> dict[str, Any]:
    """A request as the exam page makes it; the first `right` questions answered right (all when None)."""
    exam = load_project(project).exams[certificate]
    asked = exams.draw(exam, email, attempt)
    end = submitted or START + timedelta(days=2 * (attempt - 1), minutes=30)
    questions = []
    for n, q in enumerate(asked):
        response = right_response(q) if right is None or n < right else wrong_response(q)
        questions.append({"id": q.id, "hash": q.hash, "response": response, "seconds": seconds})
    return {
        "format": "academy-request/1",
        "certificate": certificate,
        "learner": {"name": name, "email": email, "department": "Sales"},
        "cohort": "pilot-2026",
        "language": "en",
        "attempt": attempt,
        "started": stamp(end - timedelta(seconds=seconds * len(asked) + 20)),
        "submitted": stamp(end),
        "practice": {"alpha": 100},
        "questions": questions,
    }


# Forgeries from the public exam JSON only -------------------------------------------------------

STRATEGIES = ("first", "last", "longest", "shortest", "all", "random")


def forged(public: dict[str, Any], email: str, attempt: int, strategy: str, seed: int = 0) -> dict[str, Any]:
    """A request an attacker builds from the published exam alone: the draw is public (it must be, for
    the page), the key is not. `strategy` picks options by shown position, length, all, or at random."""
    s = exams.seed(public["id"], email, attempt)
    by_module: dict[str, list[dict[str, Any]]] = {}
    for q in public["questions"]:
        by_module.setdefault(q["module"], []).append(q)
    groups = {
        m["id"]: sorted(by_module.get(m["id"], []), key=lambda q: exams.rank(s, "pick", q["id"]))
        for m in public["modules"]
    }
    picked: list[dict[str, Any]] = []
    r = 0
    while len(picked) < public["draw"] and any(r < len(g) for g in groups.values()):
        for m in sorted(groups, key=lambda m: exams.rank(s, "round", str(r), m)):
            if r < len(groups[m]) and len(picked) < public["draw"]:
                picked.append(groups[m][r])
        r += 1
    asked = sorted(picked, key=lambda q: exams.rank(s, "order", q["id"]))
    rng = random.Random(f"{seed}:{email}:{attempt}:{strategy}")
    questions = []
    for q in asked:
        questions.append({"id": q["id"], "hash": q["hash"], "response": _guess(q, s, strategy, rng), "seconds": 30})
    end = START + timedelta(days=2 * (attempt - 1), minutes=30)
    return {
        "format": "academy-request/1",
        "certificate": public["id"],
        "learner": {"name": "Mallory", "email": email},
        "attempt": attempt,
        "started": stamp(end - timedelta(minutes=10)),
        "submitted": stamp(end),
        "questions": questions,
    }


def _guess(q: dict[str, Any], s: str, strategy: str, rng: random.Random) -> Any:
    def shown(key: str, kind: str) -> list[dict[str, Any]]:
        return sorted(q[key], key=lambda o: exams.rank(s, kind, q["id"], o["id"]))

    if q["type"] in {"single", "scenario", "multiple"}:
        options = shown("options", "option")
        by_length = sorted(options, key=lambda o: len(o["html"]))
        if q["type"] == "multiple":
            half = max(1, len(options) // 2)
            chosen = {
                "first": options[:1],
                "last": options[-1:],
                "longest": by_length[-half:],
                "shortest": by_length[:half],
                "all": options,
                "random": rng.sample(options, rng.randint(1, len(options))),
            }[strategy]
            return sorted(o["id"] for o in chosen)
        one = {
            "first": options[0],
            "last": options[-1],
            "longest": by_length[-1],
            "shortest": by_length[0],
            "all": options[0],
            "random": rng.choice(options),
        }[strategy]
        return one["id"]
    if q["type"] == "true_false":
        return {"first": True, "last": False, "longest": False, "shortest": True, "all": True}.get(
            strategy, rng.random() < 0.5
        )
    if q["type"] == "short_text":
        return hashlib.sha256(q["prompt"].encode()).hexdigest()[:6] if strategy == "random" else "yes"
    if q["type"] == "ordering":
        items = [o["id"] for o in shown("items", "item")]
        if strategy == "random":
            rng.shuffle(items)
        return items if strategy != "last" else list(reversed(items))
    if q["type"] == "matching":
        lefts = [o["id"] for o in shown("left", "left")]
        rights = [o["id"] for o in shown("right", "right")]
        if strategy == "random":
            rng.shuffle(rights)
        return dict(zip(lefts, rights, strict=True))
    raise AssertionError(q["type"])


def answer_shown(page: Any, question: exams.ExamQuestion, answer_label: str) -> None:
    """Answer the exam question the page shows, right, with the controls a learner uses (a Playwright
    page; `answer_label` names the short-text field in the page's language)."""
    box = page.locator(".academy-exam__question:not([hidden])")
    assert box.get_attribute("data-question") == question.id
    response: Any = right_response(question)
    kind = question.type
    if kind in {"single", "scenario", "multiple", "true_false"}:
        values = [str(response).lower()] if kind == "true_false" else [response] if isinstance(response, str) else response
        for value in values:
            control = box.locator(f'input[value="{value}"]')
            box.locator(f'label[for="{control.get_attribute("id")}"]').click()
    elif kind == "short_text":
        box.get_by_label(answer_label).fill(response)
    elif kind == "ordering":
        for place, pid in enumerate(response):
            while box.locator("li[data-item]").evaluate_all("(els) => els.map((e) => e.dataset.item)").index(pid) > place:
                box.locator(f'li[data-item="{pid}"] button[data-move="up"]').click()
    else:
        for left, right in response.items():
            box.locator(f'select[data-left="{left}"]').select_option(right)
