"""`academy reissue`: issue a certificate again; the old one is revoked as superseded."""

from __future__ import annotations

from pathlib import Path

import click

from academy.credentials import cli as logic

from .base import command, ledger_option, run


@command(
    "reissue",
    "Issue a certificate again (a correction, a renewal), the old one revoked as superseded: "
    "academy reissue ID --reason TEXT [--name NAME]. Or every certificate a revoked key signed, with the "
    "current key: academy reissue --key KEY.",
    (
        "academy reissue urn:uuid:0b9c… --reason 'name misspelt' --name 'Zoë Ångström'",
        "academy reissue --key key-2",
    ),
    short_help="Issue a certificate again (correction, renewal), or every certificate a revoked key signed.",
)
@click.argument("id", required=False, metavar="[ID]")
@click.option("--key", metavar="KEY", help="Instead of ID: the revoked key, key-N.")
@click.option("--reason", metavar="TEXT", help="Why, for the ledger (required with ID).")
@click.option("--name", metavar="NAME", help="The corrected name of the holder (default: as before).")
@click.option("--out", type=click.Path(path_type=Path), metavar="DIR", help="Where to write the .json and .pdf.")
@ledger_option
def reissue(  # noqa: PLR0913 - the command's options
    id: str | None,  # noqa: A002 - the argument's name in the help
    key: str | None,
    reason: str | None,
    name: str | None,
    out: Path | None,
    ledger: Path | None,
) -> None:
    run(logic._reissue, id=id, key=key, reason=reason, name=name, out=out, ledger=ledger)
