"""Exam banks that still hold the placeholder questions of `academy init` / `academy new`.

A bank scaffolded by `academy new module` or `academy new certificate` (`skeleton.bank_text`)
validates structurally, so without this check an exam could be drawn from "Write exam question 1
here" and a certificate issued on it. While a trainer writes, the build (and `mkdocs serve`) goes
on, so that the new lesson can be previewed; `academy validate` (the pull-request check) and
`academy issue` make these warnings errors (`promote`), naming each question's file and line.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .problems import Problem

if TYPE_CHECKING:
    from .project import Project

#: The placeholder lines of `skeleton.bank_text`, and what to write instead of each.
_WRONG = "two wrong answers as long as the right one"
PLACEHOLDERS = (
    (re.compile(r"\bprompt:\s*Write exam question \d+ here\b"), "prompt", "the question"),
    (re.compile(r"- text:\s*The right answer, said briefly\s*$"), "right answer", "the right answer"),
    (re.compile(r"- text:\s*A wrong answer as long as the right one\s*$"), "wrong answer", _WRONG),
    (re.compile(r"- text:\s*Another plausible wrong answer\s*$"), "wrong answer", _WRONG),
    (
        re.compile(r"explanation:\s*Why the right answer is right \(used in the hub's item analysis\)\.?\s*$"),
        "explanation",
        "the explanation",
    ),
)
_QUESTION = re.compile(r"^\s*-\s+id:\s*(\S+)")
#: How the findings are told apart from other warnings, to promote them.
MESSAGE = "still holds the placeholder text of academy new"


def check_placeholders(project: Project) -> None:
    """Warn on every exam question that still holds placeholder text (one finding per question)."""
    for bank in sorted(project.banks.values(), key=lambda b: b.path):
        try:
            lines = bank.path.read_text(encoding="utf-8").splitlines()
        except OSError:
            continue
        found: dict[str, tuple[int, list[str], list[str]]] = {}
        question = ""
        for number, line in enumerate(lines, 1):
            start = _QUESTION.match(line)
            if start:
                question = start.group(1)
            for pattern, part, what in PLACEHOLDERS:
                if pattern.search(line):
                    first, parts, todo = found.setdefault(question, (number, [], []))
                    if part not in parts:
                        parts.append(part)
                    if what not in todo:
                        todo.append(what)
        for question, (at, parts, todo) in found.items():
            project.problems.warn(
                bank.path,
                at,
                f'exam question "{question}" {MESSAGE} ({", ".join(parts)}), so no exam may be drawn from it',
                f"write {_listing(todo)} in place of the placeholders (learners see the prompt and the options, "
                "never the key), or delete the question",
            )


def is_placeholder(problem: Problem) -> bool:
    """A finding of `check_placeholders`."""
    return MESSAGE in problem.message


def promote_placeholders(project: Project) -> int:
    """Make the placeholder findings errors, for `academy validate` and `academy issue`."""
    return project.problems.promote(is_placeholder)


def _listing(parts: list[str]) -> str:
    """"a, b and c"."""
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
