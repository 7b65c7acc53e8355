"""sandbox.js's checks and follow-up rules, run in Node against academy/core/thread.py on every shipped
thread: the model reply, replies built from each check's own phrases, and the empty reply, with and
without the comments hidden and the unfinished reply deleted. tests/browser/test_sandbox.py runs the page."""

from __future__ import annotations

import itertools
import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from academy.core.project import load_project
from academy.core.thread import Attempt, Thread, evaluate, follow_up, has_phrase, thread_json
from support.sandboxkit import thread_project

ROOT = Path(__file__).resolve().parents[2]
SANDBOX_JS = ROOT / "plugins/academy/plugins/sandbox/assets/sandbox.js"
NODE = shutil.which("node")
RUNNER = """
const api = require(process.argv[1]);
let input = "";
process.stdin.on("data", (d) => (input += d)).on("end", () => {
  const out = JSON.parse(input).map(([thread, attempt]) => {
    const rule = api.followUp(thread, attempt);
    return { results: api.evaluate(thread, attempt), rule: rule ? thread.follow_ups.indexOf(rule) : null,
             initials: thread.people ? Object.values(thread.people).map((p) => [api.initials(p.name), api.hue(p.name)]) : [] };
  });
  process.stdout.write(JSON.stringify(out));
});
"""


#: Phrases that trip the shipped threads' patterns (dates, figures, denials, passwords) or satisfy them.
TRIGGERS = [
    "We'll have it fixed tomorrow",
    "by Friday",
    "within 2 days",
    "They are closing the plant",
    "that's not true",
    "4,200 leads and 18% more",
    "£300 off",
    "in three weeks",
    "next quarter",
    "send us your password",
    "I apologise",
    "northwind.example/aura/matter",
    "northwind.example/careers/apprenticeships",
    "I work in finance at Northwind",
    "#NorthwindEmployee",
]


def run_node(cases: list[tuple[dict[str, Any], dict[str, Any]]]) -> list[dict[str, Any]]:
    if NODE is None:
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("node is not installed (CI=true: the JavaScript rules must be tested)")
        pytest.skip("node is not installed: sandbox.js's rules are then only tested in the browser")
    result = subprocess.run(
        [NODE, "-e", RUNNER, str(SANDBOX_JS)], input=json.dumps(cases), capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def replies(thread: Thread) -> list[str]:
    """Replies that pass and fail each check: the model, each phrase alone, and mixtures."""
    texts = [thread.model_reply, "", "ok", thread.post.text, thread.model_reply.upper(), thread.brief]
    texts += [c.text for c in thread.comments] + [f.text for r in thread.rules for f in r.replies]
    texts += TRIGGERS
    for check in thread.checks:
        if check.kind in {"include", "exclude"}:
            texts += list(check.value)
            texts.append(thread.model_reply + " " + check.value[0])
            texts.append("x" + check.value[0] + "x")  # glued to letters: not the phrase
    texts += [" ".join(c.label for c in thread.checks), "a" * thread.limit, "é" * 90 + " 😀" * 5]
    return texts


def test_javascript_rules_agree_with_python(tmp_path: Path) -> None:
    from academy.plugins.sandbox.render import hue, initials

    # The fixture threads (copies of example threads), not the shipped sandbox/: an academy that
    # replaced the example may have no threads, and this tests the scripts, not the content.
    project = load_project(thread_project(tmp_path / "project"))
    cases, expected = [], []
    for thread in project.threads.values():
        data = thread_json(thread)
        comments = [c.id for c in thread.comments if c.id]
        hidden_sets = [frozenset(), frozenset(comments)] + [frozenset([c]) for c in comments]
        for text, hidden, deleted in itertools.product(replies(thread), hidden_sets, [False, True]):
            attempt = Attempt(text, hidden, deleted)
            rule = follow_up(thread, attempt)
            cases.append((data, {"reply": text, "hidden": sorted(hidden), "unfinishedDeleted": deleted}))
            expected.append(
                {
                    "results": evaluate(thread, attempt),
                    "rule": thread.rules.index(rule) if rule else None,
                    "initials": [[initials(p.name), hue(p.name)] for p in thread.people.values()],
                }
            )
    got = run_node(cases)
    assert len(got) == len(expected) > 200
    mismatches = [(c[1], g, e) for c, g, e in zip(cases, got, expected, strict=True) if g != e]
    assert not mismatches, mismatches[:3]
    # The cases are not trivial: every check both passes and fails somewhere.
    for thread in project.threads.values():
        outcomes = {(c.id, e["results"][c.id]) for e, (d, _) in zip(expected, cases, strict=True) if d["id"] == thread.id for c in thread.checks}
        assert {(c.id, v) for c in thread.checks for v in (True, False)} <= outcomes, thread.id


def test_phrase_edges_agree() -> None:
    thread = {"checks": [{"id": "p", "kind": "include", "value": ["sam"]}], "follow_ups": []}
    texts = ["Sam", "same", "-Sam", "Sam.", "sams", "I'm Sam!", "SAM\u00a0here", "Samuel", "s a m"]
    got = run_node([(thread, {"reply": t, "hidden": [], "unfinishedDeleted": False}) for t in texts])
    assert [g["results"]["p"] for g in got] == [has_phrase(t, "sam") for t in texts]
    assert [g["results"]["p"] for g in got] == [True, False, True, True, False, True, True, False, False]


def test_published_script_is_the_source_without_comment_lines(tmp_path: Path) -> None:
    """The plugin publishes sandbox.js compacted: it still loads and exports the same rules."""
    from academy.plugins.compact import compact

    source = SANDBOX_JS.read_text(encoding="utf-8")
    published = compact(source)
    assert len(published) < len(source) * 0.9 and "/*" not in published.splitlines()[0]
    code = [line.strip() for line in source.splitlines() if line.strip() and not line.strip().startswith(("//", "/*", "*"))]
    assert [line for line in code if line not in published.splitlines()] == []
    if NODE is None:
        pytest.skip("node is not installed")
    check = "const a = require(process.argv[1]); process.stdout.write(Object.keys(a).sort().join(','))"
    path = tmp_path / "sandbox.js"
    path.write_text(published, encoding="utf-8")
    result = subprocess.run([NODE, "-e", check, str(path)], capture_output=True, text=True, timeout=60)
    assert result.stdout == "ago,evaluate,followUp,hasPhrase,hue,initials,length,normalize,passes", result.stderr
