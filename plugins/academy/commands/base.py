"""What every `academy` command shares: the group that suggests commands, `--root`, the handler bridge.

The verbs' logic lives next to what they act on (`credentials/cli.py`, `report/cli.py`); each
module of this package declares one verb's options with click and hands the parsed values to
that logic as one `args` object, so a verb's behaviour does not depend on the parser.
"""

from __future__ import annotations

import difflib
import sys
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any, NoReturn, TypeVar

import click

F = TypeVar("F", bound=Callable[..., Any])
Handler = Callable[[Any], int]

#: The exit codes, as `academy --help` and the README list them.
OK, PROBLEMS, USAGE, INTERNAL = 0, 1, 2, 3
ROOT_KEY = "academy.root"


class SuggestingGroup(click.Group):
    """A group that answers a misspelt command with the nearest ones ("did you mean validate?")."""

    def resolve_command(
        self, ctx: click.Context, args: list[str]
    ) -> tuple[str | None, click.Command | None, list[str]]:
        name = args[0] if args else ""
        if name and not name.startswith("-") and self.get_command(ctx, name) is None:
            close = difflib.get_close_matches(name, self.list_commands(ctx), n=3, cutoff=0.6)
            known = ", ".join(self.list_commands(ctx))
            hint = f" — did you mean {' or '.join(close)}?" if close else f" — the commands are: {known}"
            ctx.fail(f'no command "{name}"{hint}')
        return super().resolve_command(ctx, args)


def _remember_root(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    """`--root` given anywhere (before or after the subcommand) sets the project folder; the last one wins."""
    if value is not None:
        ctx.find_root().meta[ROOT_KEY] = value


def root_option(function: F) -> F:
    """`--root DIR` on a group or command; the value is read back with `project_root()`."""
    return click.option(
        "--root",
        type=click.Path(path_type=Path, file_okay=False),
        expose_value=False,
        is_eager=True,
        callback=_remember_root,
        help="The project folder (default: the current one); before or after the command.",
    )(function)


def ledger_option(function: F) -> F:
    """`--ledger PATH`, the ledger file of the issuing commands."""
    from academy.credentials.store.ledger import DEFAULT_LEDGER

    return click.option(
        "--ledger",
        type=click.Path(path_type=Path, dir_okay=False),
        metavar="PATH",
        help=f"The ledger file (default: $ACADEMY_LEDGER or {DEFAULT_LEDGER}).",
    )(function)


def project_root() -> Path:
    ctx = click.get_current_context()
    root = ctx.find_root().meta.get(ROOT_KEY)
    return root if isinstance(root, Path) else Path(".")


class _Usage:
    """What the handlers call `args.parser.error(...)` on: a usage error (exit 2) for the current command."""

    def error(self, message: str) -> NoReturn:
        raise click.UsageError(message, click.get_current_context(silent=True))


def run(handler: Handler, **values: Any) -> None:
    """Call a verb's logic with the parsed options as `args` (plus `root` and `parser`); exit with its code."""
    args = SimpleNamespace(root=project_root(), parser=_Usage(), **values)
    code = int(handler(args))
    sys.stdout.flush()
    click.get_current_context().exit(code)


def example(*lines: str) -> str:
    """A help epilog with examples, kept as typed (click does not rewrap a paragraph after \\b)."""
    return "\b\nExamples:\n" + "\n".join(f"  {line}" for line in lines)


def command(name: str, summary: str, examples: tuple[str, ...], **settings: Any) -> Callable[[F], click.Command]:
    """Declare the command `name` with its help, examples and `--root`; the app adds it to its group."""

    settings.setdefault("short_help", _first_sentence(summary))

    def declare(function: F) -> click.Command:
        return click.command(name, help=summary, epilog=example(*examples), **settings)(root_option(function))

    return declare


def group(name: str, summary: str, examples: tuple[str, ...]) -> click.Group:
    """A group of actions (`academy keys …`, `academy ledger …`); without an action: its help on stderr, exit 2."""

    @click.group(
        name,
        cls=SuggestingGroup,
        help=summary,
        short_help=_first_sentence(summary),
        epilog=example(*examples),
        invoke_without_command=True,
    )
    @root_option
    @click.pass_context
    def actions(ctx: click.Context) -> None:
        if ctx.invoked_subcommand is None:
            click.echo(ctx.get_help(), err=True)
            ctx.exit(USAGE)

    return actions


def _first_sentence(text: str) -> str:
    """The command's one-line summary in the list of commands (click would cut it mid-word)."""
    head, _, _ = text.partition(". ")
    return head.rstrip(".")
