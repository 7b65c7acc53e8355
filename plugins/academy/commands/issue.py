"""`academy issue`: score certificate requests and issue, or issue to a workshop roster."""

from __future__ import annotations

from pathlib import Path

import click

from academy.credentials import cli as logic

from .base import command, ledger_option, run

PATH = click.Path(path_type=Path)


@command(
    "issue",
    "Score learners' certificate requests and issue the certificates they earned, or issue to the attendees of "
    "a live workshop (--roster). Each certificate is a signed .json and a .pdf with a QR code; a run that is "
    "interrupted leaves nothing half-issued (the next command finishes or rolls it back).",
    (
        "academy issue --requests inbox/",
        "academy issue --roster attendees.csv --certificate basics-certificate --workshop-date 2026-03-02",
    ),
    short_help="Score certificate requests and issue, or issue to a workshop roster.",
)
@click.option(
    "--requests",
    multiple=True,
    type=PATH,
    metavar="FILE_OR_FOLDER",
    help="Certificate requests: request-….json files, e-mails (.txt/.eml) with the ACR1: code, or folders of them "
    "(repeat the option, or list several after it).",
)
@click.argument("more", nargs=-1, type=PATH, metavar="[FILE_OR_FOLDER]...")
@click.option("--roster", type=PATH, metavar="FILE.csv", help="Attendees of a live workshop: columns name,email.")
@click.option("--completion", multiple=True, type=PATH, hidden=True)
@click.option("--certificate", metavar="ID", help="The certificate rule (required with --roster).")
@click.option("--workshop-date", metavar="YYYY-MM-DD", help="With --roster: the day of the workshop (default: today).")
@click.option("--out", type=PATH, metavar="DIR", help="Where to write the .json and .pdf (default: .academy/issued).")
@click.option(
    "--results",
    type=PATH,
    metavar="DIR",
    help=f"With --requests: where to write each learner's result (default: {logic.DEFAULT_RESULTS}; never site/).",
)
@click.option(
    "--reissue",
    is_flag=True,
    help="Issue again to people who hold the certificate (a correction); the old one is revoked as superseded.",
)
@ledger_option
def issue(
    requests: tuple[Path, ...],
    more: tuple[Path, ...],
    roster: Path | None,
    completion: tuple[Path, ...],
    certificate: str | None,
    workshop_date: str | None,
    out: Path | None,
    results: Path | None,
    reissue: bool,
    ledger: Path | None,
) -> None:
    sources = (("--requests", requests), ("--roster", roster), ("--completion", completion))
    given = [name for name, value in sources if value]
    if len(given) != 1:
        what = " and ".join(given) if given else "none of them"
        raise click.UsageError(f"give one of --requests, --roster (got {what})")
    if more and not (requests or completion):
        raise click.UsageError(f"unexpected {more[0]}: files and folders go after --requests")
    run(
        logic._issue,
        requests=[*requests, *more] if requests else None,
        roster=roster,
        completion=[*completion, *more] if completion else None,
        certificate=certificate,
        workshop_date=workshop_date,
        out=out,
        results=results,
        reissue=reissue,
        ledger=ledger,
    )
