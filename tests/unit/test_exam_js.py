"""exam.js's draw and request code in Node, against the Python side: the shared vectors of
tests/fixtures/exam_draws.json (written by scripts/exam_draw_vectors.py from academy.core.exam)
must come out exactly, and an `ACR1:` code must decode in Python (zlib, raw DEFLATE) to the request.
tests/browser/test_exam.py runs the same script on the built page in Chromium."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import zlib
from pathlib import Path
from typing import Any

import pytest

from academy.core import exam as core

ROOT = Path(__file__).resolve().parents[2]
EXAM_JS = ROOT / "plugins/academy/plugins/exams/assets/exam.js"
VECTORS = json.loads((ROOT / "tests/fixtures/exam_draws.json").read_text(encoding="utf-8"))
NODE = shutil.which("node")

# stdin: {"exam": …, "cases": [[email, attempt]], "seeds": [[seed, parts]], "request": …};
# stdout: the draws, ranks and the request's code, as JSON.
RUNNER = r"""
const api = require(process.argv[1]);
let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", async () => {
  const job = JSON.parse(input);
  const draws = [];
  for (const [email, attempt] of job.cases) {
    const drawn = await api.drawExam(job.exam, email, attempt);
    draws.push({
      seed: api.seedOf(job.exam.id, email, attempt),
      asked: drawn.map((d) => d.question.id),
      shown: Object.fromEntries(drawn.map((d) => {
        const lists = {};
        for (const k of ["options", "items", "left", "right"]) if (d[k].length) lists[k] = d[k];
        return [d.question.id, lists];
      })),
    });
  }
  const ranks = [];
  for (const [seed, parts] of job.seeds) ranks.push(await api.sha256hex([seed, ...parts].join("\n")));
  const code = await api.encodeRequest(job.request);
  process.stdout.write(JSON.stringify({ draws, ranks, code }));
});
"""


def node(job: dict[str, Any]) -> dict[str, Any]:
    if NODE is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is not installed (CI=true: the exam.js tests must run)")
        pytest.skip("node is not installed: exam.js's draw is then only tested in the browser")
    result = subprocess.run(
        [NODE, "-e", RUNNER, str(EXAM_JS)], input=json.dumps(job), capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    answer: dict[str, Any] = json.loads(result.stdout)
    return answer


REQUEST = {
    "format": "academy-request/1",
    "certificate": "basics-certificate",
    "learner": {"name": "Zoë <b>Ruiz</b> — “quoted”", "email": "zoe@example.com"},
    "attempt": 1,
    "questions": [{"id": "alpha/q", "hash": "0" * 16, "response": {"a": None}, "seconds": 3}],
}


def test_the_js_draw_reproduces_every_python_vector() -> None:
    cases = VECTORS["cases"]
    assert cases, "the vectors hold draws"
    answer = node(
        {
            "exam": VECTORS["exam"],
            "cases": [[c["email"], c["attempt"]] for c in cases],
            "seeds": [[r["seed"], r["parts"]] for r in VECTORS["rank"]],
            "request": REQUEST,
        }
    )
    for case, mine in zip(cases, answer["draws"], strict=True):
        assert mine["seed"] == case["seed"]
        assert mine["asked"] == case["asked"], case["email"]
        assert mine["shown"] == case["shown"], case["email"]
    assert answer["ranks"] == [r["rank"] for r in VECTORS["rank"]]


def test_the_js_draw_agrees_with_python_on_unusual_addresses() -> None:
    """Spacing, case and non-ASCII addresses seed the same draw on both sides (Python's strip/lower)."""
    exam = VECTORS["exam"]
    emails = ["  Ana.Ruiz@Example.COM\t", "zoë@exämple.org", "\u3000x@y.z\u00a0", "A@B.C\n", "ÅSA@EXAMPLE.SE"]
    emails += ["\x1cq@r.s\x85", "\ufeffbom@x.y"]  # Python strips the first pair, not the BOM; JS trim() differs
    answer = node({"exam": exam, "cases": [[e, 3] for e in emails], "seeds": [], "request": REQUEST})
    # The published exam is all the draw needs: rebuild the pool from it, as the browser sees it.
    for email, mine in zip(emails, answer["draws"], strict=True):
        assert mine["seed"] == core.seed(exam["id"], email, 3)
        expected = python_draw(exam, email, 3)
        assert mine["asked"] == expected, email


def python_draw(exam: dict[str, Any], email: str, attempt: int) -> list[str]:
    """The contract's draw over a published exam, with academy.core.exam's seed and rank."""
    s = core.seed(exam["id"], email, attempt)
    modules = [m["id"] for m in exam["modules"]]
    groups = {
        m: sorted([q["id"] for q in exam["questions"] if q["module"] == m], key=lambda q: core.rank(s, "pick", q))
        for m in modules
    }
    picked: list[str] = []
    r = 0
    while len(picked) < exam["draw"] and any(r < len(g) for g in groups.values()):
        for m in sorted(modules, key=lambda m: core.rank(s, "round", str(r), m)):
            if r < len(groups[m]) and len(picked) < exam["draw"]:
                picked.append(groups[m][r])
        r += 1
    return sorted(picked, key=lambda q: core.rank(s, "order", q))


def test_the_request_code_is_raw_deflate_in_base64url_that_python_reads() -> None:
    answer = node({"exam": VECTORS["exam"], "cases": [], "seeds": [], "request": REQUEST})
    code: str = answer["code"]
    assert code.startswith("ACR1:")
    body = code.removeprefix("ACR1:")
    assert "=" not in body and "+" not in body and "/" not in body
    data = zlib.decompress(base64.urlsafe_b64decode(body + "=" * (-len(body) % 4)), wbits=-15)
    assert json.loads(data.decode("utf-8")) == REQUEST
