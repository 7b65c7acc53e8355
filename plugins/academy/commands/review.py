"""`academy review`: the certificate requests held for review; approve or reject them."""

from __future__ import annotations

from pathlib import Path

import click

from academy.credentials import cli as logic

from .base import command, ledger_option, run


@command(
    "review",
    "List the certificate requests held for review (an unusual score or timing), then approve one (its "
    "certificate is issued) or reject it (it still counts as an attempt).",
    ("academy review", "academy review --approve 3f2a", "academy review --reject 3f2a --reason 'taken twice at once'"),
    short_help="List the certificate requests held for review; approve or reject.",
)
@click.option("--approve", metavar="ID", help="Issue the certificate of a held request.")
@click.option("--reject", metavar="ID", help="Refuse a held request (it still counts as an attempt).")
@click.option("--all", "all_", is_flag=True, help="List every attempt recorded, with its outcome.")
@click.option("--reason", metavar="TEXT", help="With --reject: why, for the ledger and the learner.")
@click.option("--certificate", metavar="ID", help="With --all: one certificate rule.")
@click.option("--out", type=click.Path(path_type=Path), metavar="DIR", help="Where to write the .json and .pdf.")
@click.option(
    "--results",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help=f"Where results go (default: {logic.DEFAULT_RESULTS}).",
)
@ledger_option
def review(
    approve: str | None,
    reject: str | None,
    all_: bool,
    reason: str | None,
    certificate: str | None,
    out: Path | None,
    results: Path | None,
    ledger: Path | None,
) -> None:
    chosen = [name for name, value in (("--approve", approve), ("--reject", reject), ("--all", all_)) if value]
    if len(chosen) > 1:
        raise click.UsageError(f"{' and '.join(chosen)} do not go together: give one of them")
    run(
        logic._review,
        approve=approve,
        reject=reject,
        all=all_,
        reason=reason,
        certificate=certificate,
        out=out,
        results=results,
        ledger=ledger,
    )
