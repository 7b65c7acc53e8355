"""`academy init [FOLDER]`: a new academy from a few answers, or the full example with `--example`."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .base import command, run


def _init(args: Any) -> int:
    from academy.core.scaffold import ScaffoldError
    from academy.core.skeleton import Answers, init_example, init_skeleton

    folder = Path(args.folder)
    try:
        if args.example:
            written = init_example(folder, args.force)
        else:
            answers = {
                "organisation": args.organisation,
                "url": args.url,
                "issuer": args.issuer,
                "hub_name": args.hub_name,
            }
            questions = {"organisation": "Organisation's name", "url": "Site address (https://…/)"}
            for key, prompt in questions.items():
                if not answers[key]:
                    if args.yes or not sys.stdin.isatty():
                        print(f"academy init: --{key} is needed (or run on a terminal to be asked)", file=sys.stderr)
                        return 1
                    answers[key] = click.prompt(prompt)
            # Every code is kept: the first is the source language, the others are translations.
            languages = tuple(code.strip() for code in (args.languages or "en").split(","))
            written = init_skeleton(
                folder,
                Answers(**{k: v or "" for k, v in answers.items()}, language=languages[0], languages=languages),
                args.force,
            )
    except ScaffoldError as error:
        print(f"academy init: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files in {folder}")
    print(f"Next: cd {folder} && academy validate && mkdocs build --strict")
    return 0


@command(
    "init",
    "Create a new academy in FOLDER: a minimal skeleton from a few answers, or the full example with --example.",
    (
        "academy init my-academy --organisation 'Acme' --url https://academy.acme.example/ --yes",
        "academy init demo --example",
    ),
)
@click.argument("folder", default=".", type=click.Path(path_type=Path, file_okay=False))
@click.option("--organisation", metavar="NAME", help="The organisation's name.")
@click.option("--url", metavar="URL", help="The site's public address, e.g. https://academy.acme.example/.")
@click.option("--issuer", metavar="NAME", help="Who signs the certificates (default: the organisation).")
@click.option(
    "--languages", metavar="CODES", help="Language codes, comma-separated, the source first, e.g. nl,en (default: en)."
)
@click.option(
    "--hub-name",
    metavar="TEXT",
    help="What the interface calls the central team that scores exams and issues certificates "
    "(default: the social-media team).",
)
@click.option("--example", is_flag=True, help="Copy the full example organisation instead.")
@click.option("--force", is_flag=True, help="Add the files to a folder that is not empty (never overwrites).")
@click.option("--yes", is_flag=True, help="Ask nothing: every answer from the options.")
def init(folder: Path, **values: Any) -> None:
    run(_init, folder=folder, **values)
