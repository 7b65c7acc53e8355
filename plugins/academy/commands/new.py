"""`academy new module | thread | track | certificate`: scaffold files that validate as written."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .base import command, group, run

new = group(
    "new",
    "Scaffold a new module (with its quiz), practice thread, track or certificate rule that validates as written.",
    (
        "academy new module crisis-role-play --track crisis-risk",
        "academy new thread angry-customer --module trolls",
        "academy new track onboarding --title 'Onboarding'",
        "academy new certificate onboarding-certificate --track onboarding",
    ),
)


def _written(
    kind: str,
    written: list[Path] | None,
    error: str | None,
    next_step: str,
    notes: list[str] | None = None,
    existed: set[Path] | None = None,
) -> int:
    """Print each file written (or changed, when it existed before) and the notes; or the error."""
    if error is not None:
        print(f"academy new {kind}: {error}", file=sys.stderr)
        return 1
    for path in written or []:
        print(f"{'changed' if path in (existed or set()) else 'wrote'} {path}")
    for note in notes or []:
        print(note, file=sys.stderr if note.startswith("warning:") else sys.stdout)
    print(next_step)
    return 0


def _existing(root: Path) -> set[Path]:
    """The curriculum files before a scaffold, to tell a changed file from a new one."""
    return {p for p in (root / "curriculum").rglob("*.yml")} if (root / "curriculum").is_dir() else set()


def _module(args: Any) -> int:
    from academy.core.scaffold import ScaffoldError, new_module

    root, notes = args.root.resolve(), []
    existed = _existing(root)
    try:
        written = new_module(root, args.id, args.track, args.title, certify=args.certify, notes=notes)
    except ScaffoldError as error:
        return _written("module", None, str(error), "")
    return _written(
        "module", written, None, "Next: write the lesson and the quiz, then run: academy validate", notes, existed
    )


def _track(args: Any) -> int:
    from academy.core.scaffold import ScaffoldError, new_track

    root, notes = args.root.resolve(), []
    existed = _existing(root)
    try:
        written = new_track(root, args.id, args.title, args.module, notes=notes)
    except ScaffoldError as error:
        return _written("track", None, str(error), "")
    return _written(
        "track",
        written,
        None,
        f"Next: write the track's summary and its first module, then: academy new certificate {args.id}-certificate "
        f"--track {args.id}",
        notes,
        existed,
    )


def _certificate(args: Any) -> int:
    from academy.core.scaffold import ScaffoldError, new_certificate

    root, notes = args.root.resolve(), []
    existed = _existing(root)
    try:
        written = new_certificate(root, args.id, args.track, args.title, exam=args.exam, notes=notes)
    except ScaffoldError as error:
        return _written("certificate", None, str(error), "")
    return _written("certificate", written, None, "Then run: academy validate", notes, existed)


def _thread(args: Any) -> int:
    from academy.core.scaffold import ScaffoldError, new_thread

    try:
        written = new_thread(args.root.resolve(), args.id, args.module, args.title)
    except ScaffoldError as error:
        return _written("thread", None, str(error), "")
    return _written(
        "thread",
        written,
        None,
        "Next: write the post, comments, checks, follow-ups, rubric and model reply, then run: academy validate",
    )


@command(
    "module",
    "Write a complete, valid module skeleton and its quiz, and add it to TRACK.",
    ("academy new module crisis-role-play --track crisis-risk --title 'Crisis role play'",),
)
@click.argument("id")
@click.option("--track", required=True, metavar="ID", help="The track to add it to, e.g. crisis-risk.")
@click.option("--title", metavar="TEXT", help="The module's title (default: from the id).")
@click.option(
    "--certify/--no-certify",
    default=True,
    help="Also add it to the track's certificate rule, with an exam bank to write if the rule has an exam "
    "(default); --no-certify leaves the rule alone and warns.",
)
def module(id: str, track: str, title: str | None, certify: bool) -> None:  # noqa: A002 - the argument's name in the help
    run(_module, id=id, track=track, title=title, certify=certify)


@command(
    "track",
    "Write a track file and its first module (a track lists at least one); it comes after the existing tracks.",
    ("academy new track onboarding --title 'Onboarding' --module onboarding-first-day",),
)
@click.argument("id")
@click.option("--title", required=True, metavar="TEXT", help="The track's title, e.g. 'Onboarding'.")
@click.option("--module", "module_", metavar="ID", help="Its first module's id (default: ID-introduction).")
def track(id: str, title: str, module_: str | None) -> None:  # noqa: A002 - the argument's name in the help
    run(_track, id=id, title=title, module=module_)


@command(
    "certificate",
    "Write a certificate rule covering every module of TRACK, with an exam (default) or roster-only.",
    ("academy new certificate onboarding-certificate --track onboarding --title 'Onboarded'",),
)
@click.argument("id")
@click.option("--track", required=True, metavar="ID", help="The track it certifies; the track then ends in it.")
@click.option("--title", metavar="TEXT", help="The achievement's name on the certificate (default: from the track).")
@click.option(
    "--exam/--no-exam",
    default=True,
    help="A hub-scored assessment (default; modules without an exam bank get one to write), or --no-exam: "
    "earned only through a workshop roster.",
)
def certificate(id: str, track: str, title: str | None, exam: bool) -> None:  # noqa: A002 - the argument's name in the help
    run(_certificate, id=id, track=track, title=title, exam=exam)


@command(
    "thread",
    "Write a valid practice thread and place it in its module.",
    ("academy new thread angry-customer-at-night --module trolls-and-harassment",),
)
@click.argument("id")
@click.option("--module", "module_", required=True, metavar="ID", help="The module it practises.")
@click.option("--title", metavar="TEXT", help="The thread's title (default: from the id).")
def thread(id: str, module_: str, title: str | None) -> None:  # noqa: A002 - the argument's name in the help
    run(_thread, id=id, module=module_, title=title)


new.add_command(module)
new.add_command(thread)
new.add_command(track)
new.add_command(certificate)
