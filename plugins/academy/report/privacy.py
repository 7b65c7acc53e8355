"""Data protection: erasing one learner, and the retention of stored certificate requests.

`erase` honours an erasure request (GDPR art. 17). In one ledger write transaction it:

* replaces the e-mail address of the learner's certificates and attempts with an anonymous
  token (`erased:<random>`, the same for all their rows, so counts per person stay right, and
  not derived from the address, so it cannot be guessed back), blanks the name, the signed
  credential JSON (the learner holds their copy), the stored requests and the file names
  they came from, and removes the address from every other text in the ledger;
* keeps what the programme and the verifiers need and what is not personal any more: each
  certificate's id, rule, dates, status-list index and revocation state (so that a revoked
  certificate stays revoked and `academy revoke ID` still works), and each attempt's
  certificate, number, dates, score and outcome (anonymous counts and pass rates);

then VACUUMs the file and truncates the write-ahead log, so that the old values are not left
in free pages. It also removes the learner's result files and the hub's copies of their
certificates from the default private folders.

`prune` removes the request JSON of attempts received more than N months ago (site.yml
`report.request_retention_months`), keeping the attempt rows and their department and cohort.
"""

from __future__ import annotations

import re
import secrets
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from academy.credentials import dates
from academy.credentials.store.files import remove_quietly
from academy.credentials.store.ledger import ERASED, Ledger, LedgerError

from .store import columns, connect, keep_groups, tables


@dataclass
class Erasure:
    """What `erase` removed and what it kept."""

    email: str
    certificates: int = 0
    attempts: int = 0
    other_mentions: int = 0
    files: list[Path] = field(default_factory=list)
    revoked: int = 0

    def lines(self, root: Path) -> list[str]:
        shown = [_show(p, root) for p in self.files]
        removed = [
            f"erased {self.email}: removed the name and e-mail address from {self.certificates} certificate(s) and "
            f"{self.attempts} attempt(s), the signed certificate copies in the ledger and the stored request(s)",
        ]
        if self.other_mentions:
            removed.append(f"removed the address from {self.other_mentions} other text(s) in the ledger")
        if shown:
            removed.append(f"deleted {len(shown)} file(s): {', '.join(shown)}")
        kept = [
            "kept, without name or address:",
            f"  - the {self.certificates} certificate(s) by id, with their rule, dates, status-list index and "
            f"revocation state ({self.revoked} revoked): verifiers must keep seeing a revoked certificate as revoked, "
            "and `academy revoke ID` still works on the others",
            f"  - the {self.attempts} attempt(s): certificate, attempt number, dates, score, outcome, department and "
            "cohort, under an anonymous token: the programme's counts and pass rates stay right; a department "
            "appears in reports only in groups of at least report.min_group_size people",
            "not reachable from here: the certificates the learner holds, e-mails sent, backups of the ledger, and "
            "reports made before now (delete .academy/reports/* and make new ones)",
        ]
        return removed + kept


def _show(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return str(path)


def compact(ledger: Ledger) -> None:
    """VACUUM the ledger and truncate its write-ahead log: removed values leave no trace in free pages."""
    db = connect(ledger)
    try:
        db.execute("PRAGMA secure_delete = ON")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("VACUUM")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    except sqlite3.DatabaseError as error:
        raise LedgerError(f"{ledger.path}: cannot compact the ledger ({error}); run the command again") from error
    finally:
        db.close()


def _slug(email: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", email.lower()).strip("-") or "learner"


def erase(ledger: Ledger, email: str, root: Path, results: Path | None = None, issued: Path | None = None) -> Erasure:
    """Erase the learner `email` (see the module docstring); LedgerError when the ledger has nobody by it."""
    wanted = email.strip().lower()
    if not wanted or wanted.startswith(ERASED) or "@" not in wanted:
        raise LedgerError(f"--learner {email}: give the learner's e-mail address")
    connect(ledger).close()  # a missing ledger is an error, not a new empty file
    result = Erasure(wanted)
    token = ERASED + secrets.token_hex(8)
    credential_ids: list[str] = []
    with ledger.transaction() as txn:
        db = txn.db
        db.execute("PRAGMA secure_delete = ON")
        present = tables(db)
        names: set[str] = set()
        rows = db.execute("SELECT id, name, revoked FROM credentials WHERE email = ?", (wanted,)).fetchall()
        credential_ids = [r[0] for r in rows]
        names |= {r[1] for r in rows if r[1]}
        result.certificates = len(rows)
        result.revoked = sum(1 for r in rows if r[2])
        if "attempts" in present:
            attempt_rows = db.execute("SELECT name FROM attempts WHERE email = ?", (wanted,)).fetchall()
            names |= {r[0] for r in attempt_rows if r[0]}
            result.attempts = len(attempt_rows)
        if not result.certificates and not result.attempts:
            raise LedgerError(f"{wanted} is not in the ledger {ledger.path}: nothing to erase (check the address)")
        if "attempts" in present:
            keep_groups(db, "email = ?", (wanted,))
            db.execute(
                "UPDATE attempts SET email = ?, name = '', source = 'erased', request = '', note = NULL "
                "WHERE email = ?",
                (token, wanted),
            )
        db.execute(
            "UPDATE credentials SET email = ?, name = '', credential = '', source_key = replace(source_key, ?, ?) "
            "WHERE email = ?",
            (token, wanted, token, wanted),
        )
        for name in sorted(names, key=len, reverse=True):
            db.execute(
                "UPDATE credentials SET revoke_reason = replace(revoke_reason, ?, '[erased]') "
                "WHERE email = ? AND revoke_reason IS NOT NULL",
                (name, token),
            )
        result.other_mentions = _scrub(db, wanted, token)
    ledger_root = ledger.path.parent
    result.files = _remove_files(
        wanted, credential_ids, results or ledger_root / "results", issued or ledger_root / "issued"
    )
    compact(ledger)
    return result


def _scrub(db: sqlite3.Connection, email: str, token: str) -> int:
    """Replace `email` in every text column of every table; returns the rows changed."""
    changed = 0
    for table in sorted(tables(db)):
        if table.startswith("sqlite_"):
            continue
        for column in sorted(columns(db, table)):
            try:
                cursor = db.execute(
                    f'UPDATE "{table}" SET "{column}" = replace("{column}", ?, ?) '
                    f'WHERE typeof("{column}") = \'text\' AND instr(lower("{column}"), ?) > 0',
                    (email, token, email),
                )
            except sqlite3.IntegrityError:
                continue
            changed += cursor.rowcount
    return changed


def _remove_files(email: str, credential_ids: list[str], results: Path, issued: Path) -> list[Path]:
    found: list[Path] = []
    if results.is_dir():
        slug = _slug(email)
        found += [p for p in results.glob(f"*-{slug}-*.txt") if re.fullmatch(rf".+-{re.escape(slug)}-\d+\.txt", p.name)]
    for cid in credential_ids:
        uuid = cid.removeprefix("urn:uuid:")
        # The baked badges (.png, .svg) carry the signed credential, name included.
        files = (issued / f"{uuid}{suffix}" for suffix in (".json", ".pdf", ".png", ".svg"))
        found += [p for p in files if p.is_file()]
    remove_quietly(*found)
    return sorted(found)


def prune(ledger: Ledger, months: int, now: datetime | None = None) -> int:
    """Remove the request JSON of attempts received more than `months` ago; returns how many."""
    now = now or dates.utcnow()
    cutoff = dates.to_text(dates.add_months(now, -months))
    if not ledger.path.exists():
        return 0
    with ledger.transaction() as txn:
        db = txn.db
        if "attempts" not in tables(db):
            return 0
        db.execute("PRAGMA secure_delete = ON")
        keep_groups(db, "received < ?", (cutoff,))
        cursor = db.execute("UPDATE attempts SET request = '' WHERE request != '' AND received < ?", (cutoff,))
        removed = cursor.rowcount
    if removed:
        compact(ledger)
    return removed
