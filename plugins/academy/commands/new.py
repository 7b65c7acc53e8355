"""`academy new module | thread`: scaffold a complete, valid module or practice thread."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .base import command, group, run

new = group(
    "new",
    "Scaffold a new module (with its quiz) or practice thread that validates as written.",
    ("academy new module crisis-role-play --track crisis-risk", "academy new thread angry-customer --module trolls"),
)


def _written(kind: str, written: list[Path] | None, error: str | None, next_step: str) -> int:
    if error is not None:
        print(f"academy new {kind}: {error}", file=sys.stderr)
        return 1
    for path in written or []:
        print(f"wrote {path}")
    print(next_step)
    return 0


def _module(args: Any) -> int:
    from academy.core.scaffold import ScaffoldError, new_module

    try:
        written = new_module(args.root.resolve(), args.id, args.track, args.title)
    except ScaffoldError as error:
        return _written("module", None, str(error), "")
    return _written("module", written, None, "Next: write the lesson and the quiz, then run: academy validate")


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
def module(id: str, track: str, title: str | None) -> None:  # noqa: A002 - the argument's name in the help
    run(_module, id=id, track=track, title=title)


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
