"""`academy ledger list | export | check | expiring | erase | prune`: the record of issued certificates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from academy.credentials import cli as logic
from academy.report import cli as report_logic

from .base import F, command, group, ledger_option, run

ledger = group(
    "ledger",
    "List, export (CSV for HR) and check the issued certificates; remind, erase and prune for data protection.",
    (
        "academy ledger list --year 2026",
        "academy ledger export -o certificates.csv",
        "academy ledger check --repair",
        "academy ledger expiring --within 30d -o reminders.csv",
    ),
)


def _filters(function: F) -> F:
    """--person, --certificate, --year, --ledger."""
    for option in (
        click.option("--person", metavar="TEXT", help="Part of the name, or the whole e-mail address."),
        click.option("--certificate", metavar="ID", help="One certificate rule."),
        click.option("--year", type=int, metavar="YYYY", help="Issued in this year."),
    ):
        function = option(function)
    return ledger_option(function)


@command("list", "Print the issued certificates as a table.", ("academy ledger list --person ana@example.org",))
@_filters
def listing(**values: Any) -> None:
    run(logic._ledger_list, **values)


@command(
    "export",
    "Write the issued certificates as CSV (for HR), one line per certificate; formulas are defused.",
    ("academy ledger export -o certificates.csv", "academy ledger export --certificate basics-certificate"),
)
@click.option("--csv", "csv_", is_flag=True, default=True, hidden=True, help="CSV (the default).")
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE", help="Write to FILE.")
@_filters
def export(csv_: bool, **values: Any) -> None:
    run(logic._ledger_export, csv=csv_, **values)


@command(
    "check",
    "Check that the ledger, the issued files and the status lists agree (exit 1 when not); --repair finishes "
    "interrupted runs and mends what disagrees.",
    ("academy ledger check", "academy ledger check --repair"),
)
@click.option("--repair", is_flag=True, help="Finish interrupted runs and mend what disagrees.")
@click.option(
    "--out", type=click.Path(path_type=Path), metavar="DIR", help="The issued files (default: .academy/issued)."
)
@ledger_option
def check(**values: Any) -> None:
    run(logic._ledger_check, **values)


@command(
    "expiring",
    "Who to remind: the certificates that expire soon, as CSV for a mail merge.",
    ("academy ledger expiring --within 30d -o reminders.csv",),
)
@click.option("--within", default="60d", metavar="DAYS", help="E.g. 30d, 60d (default) or 8w.")
@click.option("--csv", "csv_", is_flag=True, help="CSV even on a terminal (the default when piped).")
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE", help="Write the CSV to FILE.")
@ledger_option
def expiring(csv_: bool, **values: Any) -> None:
    run(report_logic._expiring, csv=csv_, **values)


@command(
    "erase",
    "Erase a learner's personal data (anonymous counts and revocation stay).",
    ("academy ledger erase --learner ana@example.org",),
)
@click.option("--learner", required=True, metavar="EMAIL", help="The learner's e-mail address.")
@ledger_option
def erase(**values: Any) -> None:
    run(report_logic._erase, **values)


@command(
    "prune",
    "Remove stored certificate requests older than the retention setting.",
    ("academy ledger prune", "academy ledger prune --months 12"),
)
@click.option(
    "--months", type=int, metavar="N", help="Older than N months (default: site.yml report.request_retention_months)."
)
@ledger_option
def prune(**values: Any) -> None:
    run(report_logic._prune, **values)


actions: list[Callable[..., Any]] = [listing, export, check, expiring, erase, prune]
for action in actions:
    ledger.add_command(action)  # type: ignore[arg-type]
