"""`academy verify`: check certificates (files, folders, QR links, URLs); a table and CSV of verdicts for HR."""

from __future__ import annotations

from pathlib import Path

import click

from academy.credentials import cli as logic

from .base import command, run


@command(
    "verify",
    "Check certificates as a verifier does: schema, proofs, issuer key, dates and revocation; a credential "
    ".json, a baked badge .png/.svg, a folder of them, a verify link (QR code) or an https URL. "
    "A folder is checked as a batch and shown as a table of verdicts; --csv writes them for a spreadsheet. "
    "A certificate's eddsa-jcs-2022 proof signs every claim; an eddsa-rdfc-2022 proof beside it (the same "
    "claims, for JSON-LD tools) is checked for its purpose and key, and its signature only with --all-proofs: "
    "otherwise each report says it was not checked. "
    "Exit 0 only when every certificate is valid.",
    (
        "academy verify certificate.json",
        "academy verify received/ --csv verdicts.csv",
        "academy verify --all-proofs received/",
        "academy verify --online 'https://academy.example.org/verify/#ACS1:…'",
    ),
    short_help="Check certificates: schema, proof, issuer key, dates, revocation.",
)
@click.argument("inputs", nargs=-1, required=True, metavar="FILE_OR_URL...")
@click.option("--at", metavar="DATETIME", help="Check validity at this time (ISO 8601 with zone; default: now).")
@click.option(
    "--site",
    type=click.Path(path_type=Path),
    metavar="DIR",
    help="Take the issuer profile and status lists from a built site.",
)
@click.option("--online", is_flag=True, help="Fetch the issuer profile and status lists from the live site.")
@click.option(
    "--ob3-schema", type=click.Path(path_type=Path), metavar="FILE", help="Validate against this JSON Schema."
)
@click.option(
    "--all-proofs",
    is_flag=True,
    help="Check the signature of every proof, the eddsa-rdfc-2022 one too (about ten times slower each); "
    "by default it is reported as not checked when an eddsa-jcs-2022 proof covers the same claims.",
)
@click.option("--quiet", "-q", is_flag=True, help="One verdict line per certificate.")
@click.option("--json", "json_", is_flag=True, help="Print the reports as JSON.")
@click.option(
    "--csv",
    "csv_",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="Also write the verdicts as CSV (one line per certificate).",
)
def verify(
    inputs: tuple[str, ...],
    at: str | None,
    site: Path | None,
    online: bool,
    ob3_schema: Path | None,
    quiet: bool,
    json_: bool,
    csv_: Path | None,
    all_proofs: bool,
) -> None:
    if site and online:
        raise click.UsageError("--site and --online do not go together: give one of them")
    if quiet and json_:
        raise click.UsageError("--quiet and --json do not go together: give one of them")
    run(
        logic._verify,
        inputs=list(inputs),
        at=at,
        site=site,
        online=online,
        ob3_schema=ob3_schema,
        quiet=quiet,
        json=json_,
        csv=csv_,
        all_proofs=all_proofs,
    )
