"""The `academy` command line (click): one module per verb, one place that turns failures into exit codes.

Exit codes: 0 done, 1 problems found (or a command refused, one line per problem on stderr),
2 wrong usage, 3 internal error (a short message; the traceback only with `--debug`),
130 interrupted.
"""

from __future__ import annotations

import os
import sys
import traceback
from collections.abc import Sequence

import click

from academy import __version__
from academy.errors import AcademyError

from . import (
    init,
    issue,
    keys,
    ledger,
    new,
    reissue,
    remove,
    report,
    review,
    revoke,
    status,
    translations,
    validate,
    verify,
)
from .base import INTERNAL, OK, PROBLEMS, USAGE, SuggestingGroup, root_option

EPILOG = """\b
Exit codes:
  0  done: everything checked is fine
  1  problems found, or the command refused (each problem on stderr: where, what, how to fix it)
  2  wrong usage (a misspelt command or option, a missing argument)
  3  internal error: a short message; rerun with --debug for the traceback
\b
Examples:
  academy validate
  academy --root ../academy issue --roster attendees.csv --certificate basics-certificate
  academy verify received/ --csv verdicts.csv
\b
Shell completion (bash; zsh and fish likewise with zsh_source, fish_source):
  eval "$(_ACADEMY_COMPLETE=bash_source academy)"
Help on one command: academy COMMAND --help"""


@click.group(
    "academy",
    cls=SuggestingGroup,
    help="Social-media guidelines and curriculum: validate, scaffold, issue and verify certificates, report.",
    epilog=EPILOG,
    context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
)
@click.version_option(__version__, "--version", package_name="mkdocs-academy", message="mkdocs-academy %(version)s")
@root_option
@click.option("--debug", is_flag=True, help="On an internal error, print the traceback too.")
def academy(debug: bool) -> None:
    """The group: its options apply to every command."""


VERBS = (init, validate, new, remove, keys, issue, review, ledger, status, revoke, reissue, verify, report,
         translations)
for verb in VERBS:
    academy.add_command(getattr(verb, verb.__name__.rsplit(".", 1)[-1]))


def main(argv: Sequence[str] | None = None) -> int:
    """Run `academy ARGV`; the exit code (the one place where failures become codes)."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args or os.environ.get("ACADEMY_DEBUG", "") not in {"", "0"}
    try:
        # Not standalone: click returns the code of `ctx.exit(code)` instead of leaving the process.
        code = academy.main(args, prog_name="academy", standalone_mode=False)
        return int(code) if isinstance(code, int) else OK
    except click.exceptions.Exit as done:
        return int(done.exit_code)
    except click.UsageError as error:
        error.show()
        return USAGE
    except click.ClickException as error:
        error.show()
        return PROBLEMS if error.exit_code == 1 else int(error.exit_code)
    except (KeyboardInterrupt, click.Abort):
        print("\nacademy: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        sys.stderr.close()  # the reader went away (`academy ledger list | head`): nothing more to say
        return OK
    except Exception as error:  # noqa: BLE001 - the one place that turns a bug into exit 3
        known = _project_error(error)
        if known is not None:
            print(f"academy: {known}", file=sys.stderr)
            return PROBLEMS
        if debug:
            traceback.print_exc()
        where = traceback.extract_tb(error.__traceback__)[-1] if error.__traceback__ else None
        at = f" (at {os.path.basename(where.filename)}:{where.lineno})" if where else ""
        print(f"academy: internal error: {type(error).__name__}: {error}{at}", file=sys.stderr)
        if not debug:
            print("academy: this is a bug, not your input; rerun with --debug for the traceback", file=sys.stderr)
        return INTERNAL


def _project_error(error: Exception) -> str | None:
    """The message of an error the project raises for something a user can fix; None for a bug.

    Every such error is an `AcademyError` (see academy.errors), whichever part of the project raised it."""
    if isinstance(error, AcademyError):
        return "; ".join(error.lines())
    return None
