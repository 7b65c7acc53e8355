"""`academy revoke`: revoke a certificate; the next build publishes it in the status list."""

from __future__ import annotations

from pathlib import Path

import click

from academy.credentials import cli as logic

from .base import command, ledger_option, run


@command(
    "revoke",
    "Revoke a certificate (its bit is set in the signed status list); the next build publishes it.",
    ("academy revoke urn:uuid:0b9c…  --reason 'issued in error'",),
)
@click.argument("id", metavar="ID")
@click.option("--reason", required=True, metavar="TEXT", help="Why, for the ledger.")
@ledger_option
def revoke(id: str, reason: str, ledger: Path | None) -> None:  # noqa: A002 - the argument's name in the help
    run(logic._revoke, id=id, reason=reason, ledger=ledger)
