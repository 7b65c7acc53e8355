"""Write `tests/fixtures/exam_draws.json`: test vectors of the per-learner exam draw.

The hub (Python, `academy.core.exam`) and the exam page (JavaScript) must draw the same
questions in the same order and show options, items and pair sides in the same order. The
vectors hold the published exam of the fixture project `tests/fixtures/mini` (what the page
reads) and, for a few learners and attempts, what the Python side draws. The unit test
`tests/unit/test_exam.py` recomputes them; the browser side checks its own draw against them.

Run after changing the fixture banks or the draw: `.venv/bin/python scripts/exam_draw_vectors.py`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))

from academy.core import exam as exams  # noqa: E402
from academy.core.project import load_project  # noqa: E402

FIXTURE = ROOT / "tests" / "fixtures" / "mini"
OUTPUT = ROOT / "tests" / "fixtures" / "exam_draws.json"
EXAM = "basics-certificate"
#: Learners as typed: case and surrounding spaces must not change the draw; non-ASCII must work.
LEARNERS = [
    ("ana.ruiz@example.com", 1),
    ("ana.ruiz@example.com", 2),
    ("  Ana.Ruiz@Example.COM ", 1),
    ("zoë.müller@example.org", 1),
    ("b@example.org", 3),
    ("c.d@example.net", 1),
]


def vectors() -> dict[str, Any]:
    """The vectors, computed from the fixture project."""
    project = load_project(FIXTURE)
    exam = project.exams[EXAM]
    cases = []
    for email, attempt in LEARNERS:
        asked = exams.draw(exam, email, attempt)
        cases.append(
            {
                "email": email,
                "attempt": attempt,
                "seed": exams.seed(exam.id, email, attempt),
                "asked": [q.id for q in asked],
                "shown": {q.id: exams.shown(q, email, attempt, exam.id) for q in asked},
            }
        )
    parts = [
        ["why-social-business/q1", "option", "Zoë’s reply — “quoted”"],
        ["a", "item", ""],
        ["x/y", "right", "A\nB"],
    ]
    return {
        "about": "Per-learner exam draws (issue #11); regenerate with scripts/exam_draw_vectors.py",
        "pid": [{"parts": p, "pid": exams.pid(*p)} for p in parts],
        "rank": [{"seed": "s\n1", "parts": ["pick", "m/q"], "rank": exams.rank("s\n1", "pick", "m/q")}],
        "exam": exams.public_exam(exam, module_titles={m: project.modules[m].title for m in exam.modules}),
        "cases": cases,
    }


def main() -> int:
    OUTPUT.write_text(json.dumps(vectors(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUTPUT.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
