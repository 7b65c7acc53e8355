"""`academy validate`: check every source file and report each problem at once."""

from __future__ import annotations

import os
import sys
from typing import Any

import click

from .base import command, run


def check(args: Any) -> int:
    """Print every problem (`path:line: what — how to fix it`) and warning; 1 when there is a problem."""
    from academy.core.cache import load_project_cached
    from academy.core.placeholders import promote_placeholders

    from .progress import Progress

    with Progress("validating") as progress:
        project = load_project_cached(args.root, progress=progress)
    # Placeholder exam questions only warn in the build (a trainer previews the lesson); here they fail.
    promote_placeholders(project)
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
    if args.figures:
        from academy.core.itemcheck import figures, format_figures

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


@command(
    "validate",
    "Check every source file (pages, modules, tracks, quizzes, exams, threads, settings) and report each "
    "problem as path:line: what is wrong — how to fix it. Exit 1 when there is one.",
    ("academy validate", "academy validate --format github --figures"),
)
@click.option(
    "--format",
    "format_",
    type=click.Choice(["text", "github"]),
    default=None,
    help="github also prints ::error annotations (the default when the CI variable is set).",
)
@click.option(
    "--figures",
    is_flag=True,
    help="Also print the item-writing figures over every quiz and exam bank (exit 1 when one is not met).",
)
def validate(format_: str | None, figures: bool) -> None:
    run(check, format=format_, figures=figures)
