"""The `academy` command: validate the sources, scaffold modules, issue and verify certificates."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .core.project import load_project
from .core.scaffold import ScaffoldError, new_module


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not hasattr(args, "func"):
        parser.print_help()
        return 2
    try:
        return int(args.func(args))
    except KeyboardInterrupt:
        print("academy: interrupted", file=sys.stderr)
        return 130


def build_parser() -> argparse.ArgumentParser:
    from .credentials.cli import register as register_credentials

    parser = argparse.ArgumentParser(
        prog="academy", description="Social-media guidelines and curriculum: validate, scaffold, issue, verify."
    )
    parser.add_argument("--version", action="version", version=f"mkdocs-academy {__version__}")
    parser.add_argument("--root", type=Path, default=Path("."), help="project folder (default: the current one)")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check every source file and report each problem")
    validate.add_argument(
        "--format",
        choices=["text", "github"],
        default=None,
        help="github prints ::error annotations (default when the CI variable is set)",
    )
    validate.add_argument(
        "--figures",
        action="store_true",
        help="also print the item-writing figures over every quiz and exam bank (exit 1 when one is not met)",
    )
    validate.set_defaults(func=_validate)

    new = commands.add_parser("new", help="scaffold a new module")
    kinds = new.add_subparsers(title="what", metavar="WHAT")
    module = kinds.add_parser("module", help="write a complete, valid module skeleton and its quiz")
    module.add_argument("id", help="the new module's id, e.g. crisis-role-play")
    module.add_argument("--track", required=True, help="the track to add it to, e.g. crisis-risk")
    module.add_argument("--title", help="the module's title (default: from the id)")
    module.set_defaults(func=_new_module)

    register_credentials(commands)
    return parser


def _validate(args: argparse.Namespace) -> int:
    project = load_project(args.root)
    github = args.format == "github" or (args.format is None and os.environ.get("CI", "").lower() in {"1", "true"})
    problems = list(project.problems)
    warnings = project.problems.warnings()
    for problem in [*problems, *warnings]:
        print(problem)
        if github:
            print(problem.annotation())
    if warnings:
        files = len({p.path for p in warnings})
        print(f"\n{len(warnings)} warning(s) in {files} file(s): they do not fail validation.", file=sys.stderr)
    code = 0
    if getattr(args, "figures", False):
        from .core.itemcheck import figures, format_figures

        result = figures(project)
        print(format_figures(result, project.certificates))
        code = 0 if result.ok else 1
    if problems:
        files = len({p.path for p in problems})
        print(f"\n{len(problems)} problem(s) in {files} file(s).", file=sys.stderr)
        return 1
    print(
        f"All good: {len(project.pages)} pages, {len(project.modules)} modules, {len(project.tracks)} tracks, "
        f"{len(project.quizzes)} quizzes, {len(project.certificates)} certificates, {len(project.exams)} exams."
    )
    return code


def _new_module(args: argparse.Namespace) -> int:
    try:
        written = new_module(args.root.resolve(), args.id, args.track, args.title)
    except ScaffoldError as error:
        print(f"academy new module: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"wrote {path}")
    print("Next: write the lesson and the quiz, then run: academy validate")
    return 0


if __name__ == "__main__":
    sys.exit(main())
