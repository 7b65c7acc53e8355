"""`academy reissue`: issue a certificate again; the old one is revoked as superseded."""

from __future__ import annotations

from pathlib import Path

import click

from academy.credentials import cli as logic

from .base import command, ledger_option, run


@command(
    "reissue",
    "Issue a certificate again (a correction, a renewal); the old one is revoked as superseded.",
    ("academy reissue urn:uuid:0b9c… --reason 'name misspelt' --name 'Zoë Ångström'",),
)
@click.argument("id", metavar="ID")
@click.option("--reason", required=True, metavar="TEXT", help="Why, for the ledger.")
@click.option("--name", metavar="NAME", help="The corrected name of the holder (default: as before).")
@click.option("--out", type=click.Path(path_type=Path), metavar="DIR", help="Where to write the .json and .pdf.")
@ledger_option
def reissue(id: str, reason: str, name: str | None, out: Path | None, ledger: Path | None) -> None:  # noqa: A002
    run(logic._reissue, id=id, reason=reason, name=name, out=out, ledger=ledger)
