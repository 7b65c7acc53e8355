"""`academy new module`: a complete, valid skeleton a trainer fills in."""

from __future__ import annotations

import re
from pathlib import Path

from .curriculum import MODULES, TRACKS
from .problems import Problems
from .project import Layout, load_project
from .source import load_yaml

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    """Why no file was written."""


def new_module(root: Path, module_id: str, track_id: str, title: str | None = None) -> list[Path]:
    """Write the module and quiz files and list the module in its track; refuse what exists."""
    layout = Layout()
    if not _ID.match(module_id):
        raise ScaffoldError(f'"{module_id}" is not a valid id — use lowercase letters, digits and hyphens')
    module_path = root / layout.curriculum / MODULES / f"{module_id}.md"
    quiz_path = root / layout.quizzes / f"{module_id}.yml"
    track_path = root / layout.curriculum / TRACKS / f"{track_id}.yml"
    project = load_project(root, layout)
    for path in (module_path, quiz_path):
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root)} already exists — choose another id")
    if module_id in project.modules:
        raise ScaffoldError(f'module id "{module_id}" is already used — choose another id')
    if track_id not in project.tracks:
        known = ", ".join(sorted(project.tracks)) or "none yet"
        raise ScaffoldError(f'track "{track_id}" does not exist — use one of: {known}')
    sections = sorted(project.sections)
    if not sections:
        raise ScaffoldError("the guide has no citable sections yet — add content/guidelines/ pages first")
    title = title or module_id.replace("-", " ").capitalize()
    track_text = _append_to_track(track_path, module_id)
    module_path.parent.mkdir(parents=True, exist_ok=True)
    quiz_path.parent.mkdir(parents=True, exist_ok=True)
    module_path.write_text(_module_text(module_id, title, track_id, sections[0]), encoding="utf-8")
    quiz_path.write_text(_quiz_text(module_id, title), encoding="utf-8")
    track_path.write_text(track_text, encoding="utf-8")
    return [module_path, quiz_path, track_path]


def _append_to_track(path: Path, module_id: str) -> str:
    """The track file with the module appended to `modules:`, comments and layout kept."""
    problems = Problems()
    data = load_yaml(path, problems)
    if problems or not isinstance(data, dict) or not isinstance(data.get("modules"), list):
        raise ScaffoldError(f"{path.name} cannot be read — run academy validate and fix it first")
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    entries = data["modules"]
    if not entries:
        raise ScaffoldError(f"{path.name} lists no modules — add the first one by hand")
    last = entries.line_of(len(entries) - 1) - 1
    line = lines[last]
    if line.lstrip().startswith("- "):
        indent = line[: len(line) - len(line.lstrip())]
        lines.insert(last + 1, f"{indent}- {module_id}\n")
    else:  # flow style: modules: [a, b]
        lines[last] = re.sub(r"\]\s*$", f", {module_id}]\n", line, count=1)
    return "".join(lines)


def _module_text(module_id: str, title: str, track: str, section: str) -> str:
    return f"""---
id: {module_id}
title: {title}
summary: One or two sentences that tell a learner what they will be able to do afterwards.
track: {track}
level: beginner            # beginner | intermediate | advanced
duration: 60               # minutes; the schedule below adds up to this
format: both               # self-paced | live | both
objectives:                # 3 to 5, each starting with a measurable verb
  - Explain why this topic matters for the company's conversations online
  - Apply the guideline to a realistic post
  - Recognise when to ask the hub for help
prerequisites: []          # module ids to take first
teaches: [{section}]   # guideline sections as PAGE#anchor
quiz: {module_id}
schedule:
  - section: Welcome and warm-up
    minutes: 10
  - section: Lesson and discussion
    minutes: 25
  - section: Exercises
    minutes: 15
  - section: Quiz and wrap-up
    minutes: 10
---

Open with the situation a learner recognises from their own work, and what goes wrong without
this skill.

## The idea

Explain the principle in plain words and link it to the guide, e.g.
[the section this module teaches](../guidelines/{section.replace("#", ".md#")}).

## A worked example

Show a real-looking post or reply, what is weak about it, and a better version with the reasons.

!!! exercise "Exercise 1: Rewrite the post"
    Describe the task and give the learner everything needed to do it.

    ??? answer "Model answer"
        Give a full model answer and explain the reasoning.

!!! exercise "Exercise 2: Decide what to do"
    Describe a second task that practises another objective.

    ??? answer "Model answer"
        Give a full model answer and explain the reasoning.

!!! keypoints "Key points"
    - The first thing to remember.
    - The second thing to remember.

!!! trainer "Trainer notes"
    How to run each part of the schedule, questions participants tend to ask and good answers.

    **On a video call.** How the exercises run online: polls, breakout rooms, shared documents.

    **Self-paced.** What a learner does alone, and what a trainer checks and answers afterwards.
"""


def _quiz_text(module_id: str, title: str) -> str:
    return f"""# yaml-language-server: $schema=../plugins/academy/schemas/quiz.schema.json
id: {module_id}
title: "Check your understanding: {title.lower()}"
pass_mark: 80
shuffle:
  questions: false
  options: true
questions:
  - id: first-question
    type: single
    prompt: Write the question here, in Markdown.
    options:
      - text: The best answer
        correct: true
        feedback: Say why this is right.
      - text: A plausible wrong answer
        feedback: Say why this is not the best choice.
    explanation: Explain the principle behind the answer.
"""
