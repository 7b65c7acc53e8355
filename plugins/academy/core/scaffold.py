"""`academy new module`: a complete, valid skeleton a trainer fills in."""

from __future__ import annotations

import json
import re
from pathlib import Path

from academy.errors import AcademyError

from .curriculum import MODULES, TRACKS
from .problems import Problems
from .project import Layout, load_project
from .source import load_yaml

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScaffoldError(AcademyError):
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
    module_path.write_text(module_text(module_id, title, track_id, sections[0]), encoding="utf-8")
    quiz_path.write_text(quiz_text(module_id, title), encoding="utf-8")
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


def module_text(module_id: str, title: str, track: str, section: str) -> str:
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


def quiz_text(module_id: str, title: str) -> str:
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


def new_thread(root: Path, thread_id: str, module_id: str, title: str | None = None) -> list[Path]:
    """Write a valid practice thread and place it at the end of its module's lesson; refuse what exists."""
    layout = Layout()
    if not _ID.match(thread_id):
        raise ScaffoldError(f'"{thread_id}" is not a valid id — use lowercase letters, digits and hyphens')
    thread_path = root / layout.sandbox / f"{thread_id}.yml"
    if thread_path.exists():
        raise ScaffoldError(f"{thread_path.relative_to(root)} already exists — choose another id")
    project = load_project(root, layout)
    if thread_id in project.threads:
        raise ScaffoldError(f'thread id "{thread_id}" is already used — choose another id')
    module = project.modules.get(module_id)
    if module is None:
        known = ", ".join(sorted(project.modules)) or "none yet"
        raise ScaffoldError(f'module "{module_id}" does not exist — use one of: {known}')
    title = title or thread_id.replace("-", " ").capitalize()
    thread_path.parent.mkdir(parents=True, exist_ok=True)
    thread_path.write_text(_thread_text(thread_id, title, module_id), encoding="utf-8")
    text = module.path.read_text(encoding="utf-8")
    module.path.write_text(text.rstrip("\n") + f"\n\n<!-- academy:thread {thread_id} -->\n", encoding="utf-8")
    return [thread_path, module.path]


def _thread_text(thread_id: str, title: str, module_id: str) -> str:
    return f"""# yaml-language-server: $schema=../plugins/academy/schemas/thread.schema.json
id: {thread_id}
title: {json.dumps(title, ensure_ascii=False)}
module: {module_id}           # the module's lesson holds the line <!-- academy:thread {thread_id} -->
platform: x                  # sets the reply limit: x 280, threads 500, linkedin 1250… (or set limit:)
role:
  name: Customer Care
  handle: "@CustomerCare"
  brief: >-
    Who the learner is and what they know: "You answer for @CustomerCare as Sam from the care team."
people:                      # everyone who writes in the thread, by a short key
  customer:
    name: Alex Morgan
    handle: "@alexmorgan"
post:
  by: customer
  minutes: 20                # minutes ago
  text: The post the learner answers, as the customer wrote it.
  reactions: {{like: 12, repost: 2}}
comments:
  - id: first-comment        # an id, so that a check can name it (hide: / keep:)
    by: customer
    minutes: 5
    text: A comment under the post.
checks:                      # each with exactly one of: include, exclude, match, no_match, min_length,
                             # max_length, hide, keep, delete_unfinished
  - id: apologise
    label: Apologises
    match: "\\\\b(sorry|apologi[sz]e)"
    message: What the learner reads when the reply fails this check, and how to do better.
  - id: name
    label: Signs with your name
    include: [Sam]
    message: Sign with your first name.
follow_ups:                  # tried in order; the first whose when: holds adds its replies
  - when: {{fails: [apologise]}}
    replies:
      - by: customer
        after: 3             # minutes after the learner's reply
        text: What the customer writes when the reply has no apology.
  - replies:                 # no when: applies always; keep it last
      - by: customer
        text: What the customer writes otherwise.
rubric:                      # statements the learner ticks honestly
  - I apologised for the experience.
  - I signed with my name.
model:
  reply: I'm sorry about this, Alex. I've sent you a DM so we can sort it out. –Sam
  why: Why the model reply works; shown with it after the first attempt.
"""
