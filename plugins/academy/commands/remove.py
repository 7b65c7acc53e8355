"""`academy remove module ID`: take a module out of the curriculum, with everything that refers to it."""

from __future__ import annotations

import sys
from typing import Any

import click

from .base import command, group, run

remove = group(
    "remove",
    "Remove a module and clean what refers to it, leaving a project that validates and builds.",
    ("academy remove module crisis-post-mortems", "academy remove module crisis-post-mortems --dry-run"),
)


def _module(args: Any) -> int:
    from academy.core.remove import RemoveError, plan_removal, remove_module

    root = args.root.resolve()
    try:
        removal = plan_removal(root, args.id) if args.dry_run else remove_module(root, args.id)
    except RemoveError as error:
        for reason in error.reasons:
            print(f"academy remove module: {reason}", file=sys.stderr)
        print("nothing was changed", file=sys.stderr)
        return 1
    verb = ("would change", "would delete") if args.dry_run else ("changed", "deleted")
    for path, why in removal.why.items():
        print(f"{verb[0]} {_show(path, root)}: {'; '.join(why)}")
    for path in removal.deleted:
        print(f"{verb[1]} {_show(path, root)}")
    for note in removal.notes:
        print(f"note: {note}")
    if args.dry_run:
        print(f"Nothing was changed. Run without --dry-run to remove {args.id}.")
    else:
        print(f"Removed {args.id}. Review the changes (git diff), then run: academy validate && make build")
    return 0


def _show(path: Any, root: Any) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


@command(
    "module",
    "Delete module ID (its lesson, quiz, exam bank and practice threads) and remove it from tracks, certificate "
    "rules, prerequisites, links and the nav; prints every file changed or deleted. Refused, with nothing changed, "
    "when the result would not validate (e.g. a track left with no module).",
    ("academy remove module crisis-post-mortems", "academy remove module crisis-post-mortems --dry-run"),
)
@click.argument("id")
@click.option("--dry-run", is_flag=True, help="Only print what would change; change nothing.")
def module(id: str, dry_run: bool) -> None:  # noqa: A002 - the argument's name in the help
    run(_module, id=id, dry_run=dry_run)


remove.add_command(module)
