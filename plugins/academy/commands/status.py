"""`academy status publish`: sign the revocation lists again before they go out of date."""

from __future__ import annotations

from pathlib import Path

from academy.credentials import cli as logic

from .base import command, group, ledger_option, run

status = group(
    "status",
    "Sign the revocation (status) lists again before they go out of date (status_validity_days, default 30).",
    ("academy status publish",),
)


@command(
    "publish",
    "Re-sign the status lists that are past half their validity (status_validity_days); then commit and rebuild.",
    ("academy status publish", "academy status publish --ledger /backup/ledger.sqlite3"),
)
@ledger_option
def publish(ledger: Path | None) -> None:
    run(logic._status_publish, ledger=ledger)


status.add_command(publish)
