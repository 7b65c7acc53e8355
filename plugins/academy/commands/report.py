"""`academy report`: the programme report (private HTML) or its item-analysis flags."""

from __future__ import annotations

from pathlib import Path

import click

from academy.report import cli as logic

from .base import command, ledger_option, run


@command(
    "report",
    "Write the programme report (private HTML): certificates, pass rates, expiry, cohorts and item analysis; "
    f"by default into {logic.DEFAULT_REPORTS}/, never site/ or content/.",
    ("academy report --from 2026-01-01 --to 2026-06-30", "academy report --items"),
    short_help="The programme report (HTML, private): certificates, pass rates, expiry, cohorts, item analysis.",
)
@click.option("--from", "start", metavar="YYYY-MM-DD", help="First day of the period (default: all).")
@click.option("--to", "end", metavar="YYYY-MM-DD", help="Last day of the period (default: all).")
@click.option("--out", type=click.Path(path_type=Path), metavar="FILE", help="Where to write the report.")
@click.option("--items", is_flag=True, help="Print the item-analysis flags (path:line of each question) instead.")
@ledger_option
def report(start: str | None, end: str | None, out: Path | None, items: bool, ledger: Path | None) -> None:
    run(logic._report, start=start, end=end, out=out, items=items, ledger=ledger)
