"""The mini fixture with the sandbox: its plugin, its page in the nav and practice threads."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import yaml

from support.harness import academy_theme

NASTY = '<img src=x onerror="alert(1)">'
THREAD = """\
# yaml-language-server: $schema=../plugins/academy/schemas/thread.schema.json
id: {id}
title: "{title}"
module: {module}
platform: threads
role:
  name: Northwind Help
  handle: "@NorthwindHelp"
  brief: "You answer as Sam. <b>Be kind</b>."
people:
  ann:
    name: '{nasty}'
    handle: "@ann<script>"
post:
  by: ann
  minutes: 125
  text: "<script>alert('post')</script> My Aura is offline & cold."
  reactions: {{like: 3, repost: 1}}
comments:
  - id: first
    by: ann
    minutes: 2
    text: Still waiting.
checks:
  - id: name
    label: Signs <i>with</i> your name
    include: [Sam]
    message: Sign as Sam.
  - id: apologise
    label: Apologises
    match: "sorry"
    message: Say sorry.
follow_ups:
  - replies:
      - by: ann
        text: Thanks.
rubric:
  - I signed.
model:
  reply: Sorry, Ann. –Sam
"""


def add_sandbox(project: Path) -> None:
    """The mini project with the sandbox plugin, its page in the nav and two threads."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - academy-certificates\n", "  - academy-certificates\n  - academy-sandbox\n")
    text = text.replace("  - Progress: progress.md\n", "  - Practice: sandbox/index.md\n  - Progress: progress.md\n")
    config.write_text(text, encoding="utf-8")
    (project / "sandbox").mkdir()
    for thread_id, module, title in (("offline", "alpha", "Aura <em>offline</em>"), ("second", "beta", "Second thread")):
        (project / "sandbox" / f"{thread_id}.yml").write_text(
            THREAD.format(id=thread_id, module=module, title=title, nasty=NASTY), encoding="utf-8"
        )
        path = project / "curriculum" / "modules" / f"{module}.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n<!-- academy:thread {thread_id} -->\n", encoding="utf-8")


THREADS = Path(__file__).resolve().parents[1] / "fixtures" / "threads"


def thread_project(target: Path) -> Path:
    """The mini fixture with the practice threads of tests/fixtures/threads/ (copies of example
    threads, kept as test data): a module per thread, named as the thread's `module:`, made from the
    fixture's module alpha and its quiz, in track basics; the academy's theme, the sandbox and its tab."""
    shutil.copytree(THREADS.parent / "mini", target)
    academy_theme(target)
    config = target / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - academy-certificates\n", "  - academy-certificates\n  - academy-sandbox\n")
    text = text.replace(
        "  - Progress: progress.md\n", "  - Practice sandbox: sandbox/index.md\n  - My progress: progress.md\n"
    )
    config.write_text(text, encoding="utf-8")
    (target / "sandbox").mkdir()
    modules, quizzes = target / "curriculum" / "modules", target / "quizzes"
    lesson = (modules / "alpha.md").read_text(encoding="utf-8")
    quiz = (quizzes / "alpha.yml").read_text(encoding="utf-8")
    added = []
    for path in sorted(THREADS.glob("*.yml")):
        thread = yaml.safe_load(path.read_text(encoding="utf-8"))
        module = thread["module"]
        text = lesson.replace("id: alpha\n", f"id: {module}\n", 1).replace("quiz: alpha\n", f"quiz: {module}\n", 1)
        text = re.sub(r"^title: .*$", f'title: "Practice: {module}"', text, count=1, flags=re.M)
        (modules / f"{module}.md").write_text(text + f"\n<!-- academy:thread {thread['id']} -->\n", encoding="utf-8")
        (quizzes / f"{module}.yml").write_text(quiz.replace("id: alpha\n", f"id: {module}\n", 1), encoding="utf-8")
        shutil.copy(path, target / "sandbox" / path.name)
        added.append(module)
    track = target / "curriculum" / "tracks" / "basics.yml"
    text = track.read_text(encoding="utf-8").replace("  - beta\n", "  - beta\n" + "".join(f"  - {m}\n" for m in added))
    track.write_text(text, encoding="utf-8")
    return target
