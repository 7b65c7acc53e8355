"""`academy new module`: a complete, valid skeleton a trainer fills in."""

from __future__ import annotations

import json
import re
from pathlib import Path

from academy.errors import AcademyError

from .curriculum import CERTIFICATES, MODULES, TRACKS
from .exam import EXAMS
from .layout import Layout
from .problems import Problems
from .project import load_project
from .source import load_yaml
from .yaml_lines import EditError, append_item, set_scalar

_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


class ScaffoldError(AcademyError):
    """Why no file was written."""


def new_module(
    root: Path,
    module_id: str,
    track_id: str,
    title: str | None = None,
    certify: bool = True,
    notes: list[str] | None = None,
) -> list[Path]:
    """Write the module and quiz files and list the module in its track; refuse what exists.

    A trainer who adds a module to a track expects the track's certificate to cover it, so with
    `certify` the module is added to the track's certificate rule too and, when that rule has an
    exam, an exam bank with placeholder questions is written (`academy validate` refuses the
    placeholders until they are replaced). Without `certify` the rule is left alone and a note says
    so. `notes` receives what the trainer should know beyond the files written.
    """
    notes = notes if notes is not None else []
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
    # `academy new track` writes the track with its first module listed already.
    listed = module_id in project.tracks[track_id].modules
    track_text = None if listed else _append_to_track(track_path, module_id)
    module_path.parent.mkdir(parents=True, exist_ok=True)
    quiz_path.parent.mkdir(parents=True, exist_ok=True)
    rule = project.certificates.get(project.tracks[track_id].certificate or "")
    rule_text, bank_path = None, root / layout.curriculum / EXAMS / f"{module_id}.yml"
    if rule is not None and certify:
        try:
            rule_text = append_item(rule.path.read_text(encoding="utf-8"), "modules", module_id)
        except EditError as error:
            raise ScaffoldError(f"{rule.path.name}: {error} — run academy validate and fix it first") from error
    module_path.write_text(module_text(module_id, title, track_id, sections[0]), encoding="utf-8")
    quiz_path.write_text(quiz_text(module_id, title), encoding="utf-8")
    written = [module_path, quiz_path]
    if track_text is not None:
        track_path.write_text(track_text, encoding="utf-8")
        written.append(track_path)
    if rule is not None and rule_text is not None:
        rule.path.write_text(rule_text, encoding="utf-8")
        written.append(rule.path)
        notes.append(f'added {module_id} to the certificate rule "{rule.id}": its certificate now covers the module')
        if rule.exam is not None and not bank_path.exists():
            from .skeleton import bank_text  # skeleton imports this module

            bank_path.parent.mkdir(parents=True, exist_ok=True)
            bank_path.write_text(bank_text(module_id, 4), encoding="utf-8")
            written.append(bank_path)
            notes.append(
                f"write the exam questions in {bank_path.relative_to(root)}: academy validate and academy issue "
                "refuse its placeholder text until you do"
            )
    elif rule is not None:
        notes.append(
            f'warning: {module_id} is not in the certificate rule "{rule.id}", so the certificate does not cover '
            f"it — add - {module_id} to modules: in {rule.path.relative_to(root)} (and write "
            f"curriculum/{EXAMS}/{module_id}.yml if the rule has an exam), or leave it out on purpose"
        )
    return written


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


def _check_id(kind: str, new_id: str) -> None:
    if not _ID.match(new_id):
        raise ScaffoldError(f'"{new_id}" is not a valid {kind} id — use lowercase letters, digits and hyphens')


def new_track(
    root: Path, track_id: str, title: str, first_module: str | None = None, notes: list[str] | None = None
) -> list[Path]:
    """Write a track file and its first module (a track lists at least one); refuse what exists.

    The track comes after the existing ones (`order:`); it has no certificate yet, which
    `academy new certificate ID --track TRACK` adds.
    """
    layout = Layout()
    notes = notes if notes is not None else []
    _check_id("track", track_id)
    if not title.strip():
        raise ScaffoldError("the title is empty — give it with --title TEXT")
    first_module = first_module or f"{track_id}-introduction"
    _check_id("module", first_module)
    track_path = root / layout.curriculum / TRACKS / f"{track_id}.yml"
    project = load_project(root, layout)
    if track_path.exists() or track_id in project.tracks:
        raise ScaffoldError(f"{track_path.relative_to(root)} already exists — choose another id")
    first_files = (layout.curriculum + f"/{MODULES}/{first_module}.md", layout.quizzes + f"/{first_module}.yml")
    for path in (root / name for name in first_files):
        if path.exists():
            raise ScaffoldError(f"{path.relative_to(root)} already exists — choose another first module: --module ID")
    if first_module in project.modules:
        raise ScaffoldError(f'module id "{first_module}" is already used — choose another with --module ID')
    order = max((t.order for t in project.tracks.values()), default=0) + 1
    track_path.parent.mkdir(parents=True, exist_ok=True)
    track_path.write_text(track_text(track_id, title.strip(), order, [first_module]), encoding="utf-8")
    try:
        written = new_module(root, first_module, track_id, notes=notes)
    except ScaffoldError:
        track_path.unlink()
        raise
    return [track_path, *written]


def track_text(track_id: str, title: str, order: int, modules: list[str], certificate: str | None = None) -> str:
    """A track file: the schema line, its fields and the modules in learning order."""
    listed = "".join(f"  - {m}\n" for m in modules)
    tail = f"certificate: {certificate}\n" if certificate else ""
    return f"""# yaml-language-server: $schema=../../plugins/academy/schemas/track.schema.json
id: {track_id}
order: {order}  # its place in the navigation and the catalogue
title: {json.dumps(title, ensure_ascii=False)}
summary: One sentence that tells a learner what the track covers and who it is for.
modules:                   # in learning order; academy new module ID --track {track_id} adds one
{listed}{tail}"""


def new_certificate(
    root: Path,
    certificate_id: str,
    track_id: str,
    title: str | None = None,
    exam: bool = True,
    notes: list[str] | None = None,
) -> list[Path]:
    """Write a certificate rule covering every module of `track_id` and name it in the track.

    With `exam` the rule gets a certification assessment; a module without an exam bank gets one
    with placeholder questions (which `academy validate` refuses until they are written). Refused
    when the id exists or the track already ends in a certificate.
    """
    layout = Layout()
    notes = notes if notes is not None else []
    _check_id("certificate", certificate_id)
    rule_path = root / layout.curriculum / CERTIFICATES / f"{certificate_id}.yml"
    project = load_project(root, layout)
    if rule_path.exists() or certificate_id in project.certificates:
        raise ScaffoldError(f"{rule_path.relative_to(root)} already exists — choose another id")
    track = project.tracks.get(track_id)
    if track is None:
        known = ", ".join(sorted(project.tracks)) or "none yet"
        raise ScaffoldError(f'track "{track_id}" does not exist — use one of: {known}')
    if track.certificate:
        raise ScaffoldError(
            f'track "{track_id}" already ends in the certificate "{track.certificate}" — edit '
            f"{track.path.relative_to(root)}, or choose another track"
        )
    modules = [m for m in track.modules if m in project.modules]
    if not modules:
        raise ScaffoldError(f'track "{track_id}" has no module yet — add one: academy new module ID --track {track_id}')
    title = (title or f"{track.title} certificate").strip()
    banks: list[Path] = []
    pool = 0
    if exam:
        from .skeleton import bank_text  # skeleton imports this module

        for module_id in modules:
            bank = project.banks.get(module_id)
            if bank is not None:
                pool += len(bank.questions)
                continue
            path = root / layout.curriculum / EXAMS / f"{module_id}.yml"
            if path.exists():
                raise ScaffoldError(f"{path.relative_to(root)} cannot be read — run academy validate and fix it first")
            banks.append(path)
            pool += 4
    draw = max(1, min(12, pool // 2))
    track_lines = set_scalar(track.path.read_text(encoding="utf-8"), "certificate", certificate_id)
    rule_path.parent.mkdir(parents=True, exist_ok=True)
    rule_path.write_text(certificate_text(certificate_id, title, modules, draw if exam else None), encoding="utf-8")
    track.path.write_text(track_lines, encoding="utf-8")
    for path in banks:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(bank_text(path.stem, 4), encoding="utf-8")
    if banks:
        notes.append(
            "write the exam questions in "
            + ", ".join(str(p.relative_to(root)) for p in banks)
            + ": academy validate and academy issue refuse their placeholder text until you do"
        )
    notes.append(f"write what the holder can do (description:) and the criteria in {rule_path.relative_to(root)}")
    return [rule_path, track.path, *banks]


def certificate_text(certificate_id: str, title: str, modules: list[str], draw: int | None) -> str:
    """A certificate rule: the schema line, what it certifies, its modules and (optionally) its exam."""
    listed = "".join(f"  - {m}\n" for m in modules)
    how = (
        f"Pass the hub-scored certification assessment with at least 80 percent ({draw} questions drawn for "
        "each learner from the question banks of the modules)."
        if draw
        else "Attend the live workshop of every module; the trainer's roster is the evidence."
    )
    exam = (
        f"""exam:                      # the certification assessment; questions in curriculum/exams/MODULE.yml
  draw: {draw}  # questions per learner; the pool needs at least twice as many
  max_attempts: 3
  wait_hours: 24
  min_median_seconds: 8
"""
        if draw
        else "# exam: none; the certificate is earned through a workshop roster (academy issue --roster)\n"
    )
    return f"""# yaml-language-server: $schema=../../plugins/academy/schemas/certificate.schema.json
id: {certificate_id}
title: {json.dumps(title, ensure_ascii=False)}
description: What the holder can do, in one sentence (shown on the certificate).
criteria: >-
  {how}
modules:                   # the modules it covers; academy new module --track adds new ones
{listed}min_score: 80              # the exam's pass mark; every module quiz's pass mark reaches it
validity_months: 24
{exam}"""
