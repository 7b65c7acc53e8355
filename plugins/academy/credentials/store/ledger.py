"""The ledger of issued certificates: SQLite, embedded, one file (`.academy/ledger.sqlite3`).

It records who earned what and when, the status-list index of each credential and its
revocation. Indexes are drawn at random (so an index says nothing about issue order or
volume) and are never reused: `status_indexes` keeps every index ever handed out.

A certificate is entered in two steps, so that a crash never leaves a signed file the ledger
does not know (see `issue.py`): its row is first committed as `pending` (the index reserved,
the signed JSON kept), and marked `issued` once its files are on disk. Each pending row names
the `run` that wrote it; the next run finishes or removes the rows of a run that died.

One current certificate per person and rule: a unique index over (certificate, e-mail) of the
rows neither revoked nor superseded makes a second one impossible, even for two issuers at once.

The ledger is made once, complete (tables and WAL journal mode), in a temporary file that is
then linked into place: two issuers starting together never race to set the journal mode
(switching to WAL takes a write lock that SQLite refuses at once, without waiting, when another
connection reads: the "database is locked" of two first runs). Writers take the write lock for
their whole batch (`BEGIN IMMEDIATE`) and wait up to `LOCK_TIMEOUT` for another's.
The file holds personal data: it is created owner-only (0600) in the private folder.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from academy.errors import AcademyError

from .. import dates
from .files import private_folder

DEFAULT_LEDGER = ".academy/ledger.sqlite3"
#: Seconds a writer waits for another issuer's batch to finish.
LOCK_TIMEOUT = 600.0
#: `PRAGMA user_version` of the current layout (1: before pending rows and superseding).
VERSION = 2
PENDING, ISSUED = "pending", "issued"
SUPERSEDED = "superseded"
#: Prefix of the anonymous token that replaces an erased learner's e-mail (`academy ledger erase`):
#: the row stays for revocation and counts, its files are gone on purpose.
ERASED = "erased:"

_TABLES = """
CREATE TABLE IF NOT EXISTS credentials (
    id            TEXT PRIMARY KEY,   -- urn:uuid:…
    certificate   TEXT NOT NULL,      -- certificate rule id
    title         TEXT NOT NULL,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,      -- trimmed, lower-cased
    issued        TEXT NOT NULL,      -- proof created, UTC
    valid_from    TEXT NOT NULL,
    valid_until   TEXT,
    status_list   TEXT NOT NULL,      -- status list credential URL
    status_index  INTEGER NOT NULL,
    key_id        TEXT NOT NULL,      -- verification method that signed it
    source        TEXT NOT NULL,      -- completion | roster | reissue | …
    source_key    TEXT NOT NULL UNIQUE,
    revoked       TEXT,
    revoke_reason TEXT,
    credential    TEXT NOT NULL,      -- the signed JSON
    UNIQUE (status_list, status_index)
);
CREATE TABLE IF NOT EXISTS status_indexes (
    status_list  TEXT NOT NULL,
    status_index INTEGER NOT NULL,
    credential   TEXT NOT NULL,
    PRIMARY KEY (status_list, status_index)
);
CREATE INDEX IF NOT EXISTS credentials_email ON credentials (email);
CREATE INDEX IF NOT EXISTS credentials_certificate ON credentials (certificate);
"""
#: Columns added by version 2, with their definitions (added to older ledgers in place).
_ADDED = {
    "state": "TEXT NOT NULL DEFAULT 'issued'",  # pending | issued
    "run": "TEXT",  # the run that wrote a pending row
    "superseded_by": "TEXT",  # the certificate that replaced this one
    "reissue_reason": "TEXT",  # why this one was issued again
}
_ONE_CURRENT = (
    "CREATE UNIQUE INDEX IF NOT EXISTS credentials_current ON credentials (certificate, email) "
    "WHERE revoked IS NULL AND superseded_by IS NULL"
)


def normal_email(email: str) -> str:
    """The e-mail address as the ledger compares it: trimmed and lower-cased (as `ob3.clean_email`)."""
    return email.strip().lower()


class LedgerError(AcademyError):
    """The ledger cannot do what was asked; the message says why."""


@dataclass(frozen=True)
class Entry:
    """One certificate of the ledger (issued, or pending while its files are written)."""

    id: str
    certificate: str
    title: str
    name: str
    email: str
    issued: str
    valid_from: str
    valid_until: str | None
    status_list: str
    status_index: int
    key_id: str
    source: str
    source_key: str
    revoked: str | None
    revoke_reason: str | None
    credential: str
    state: str = ISSUED
    run: str | None = None
    superseded_by: str | None = None
    reissue_reason: str | None = None

    @property
    def uuid(self) -> str:
        return self.id.removeprefix("urn:uuid:")

    def status(self, at: datetime | None = None) -> str:
        """`pending`, `superseded`, `revoked`, `expired`, `not-yet-valid` or `active` at `at` (now by default)."""
        at = at or dates.utcnow()
        if self.state == PENDING:
            return PENDING
        if self.revoked:
            return SUPERSEDED if self.superseded_by else "revoked"
        until = dates.parse(self.valid_until)
        if until is not None and at >= until:
            return "expired"
        start = dates.parse(self.valid_from)
        if start is not None and at < start:
            return "not-yet-valid"
        return "active"


_COLUMNS = [f.name for f in fields(Entry)]
_SELECT = f"SELECT {', '.join(_COLUMNS)} FROM credentials"


def _entry(row: sqlite3.Row | tuple[Any, ...]) -> Entry:
    return Entry(*row)


class Transaction:
    """Reads and writes inside one `BEGIN IMMEDIATE` transaction (see `Ledger.transaction`)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def _select(self, where: str, values: Iterable[Any] = ()) -> list[Entry]:
        return [_entry(r) for r in self.db.execute(f"{_SELECT} WHERE {where}", tuple(values))]

    def get(self, credential_id: str) -> Entry | None:
        return _get(self.db, credential_id)

    def by_source(self, source_key: str) -> Entry | None:
        found = self._select("source_key = ?", (source_key,))
        return found[0] if found else None

    def current(self, certificate: str, email: str) -> Entry | None:
        """The certificate `certificate` of `email` that is neither revoked nor superseded (at most one)."""
        found = self._select(
            "certificate = ? AND email = ? AND revoked IS NULL AND superseded_by IS NULL ORDER BY issued DESC",
            (certificate, normal_email(email)),
        )
        return found[0] if found else None

    def holding(self, certificate: str, email: str, at: datetime) -> Entry | None:
        """A certificate `certificate` that `email` holds and that is active at `at`."""
        entry = self.current(certificate, email)
        return entry if entry is not None and entry.status(at) == "active" else None

    def allocate(self, status_list: str, size: int, credential_id: str) -> int:
        """A random index of `status_list` never handed out before."""
        (used,) = self.db.execute(
            "SELECT count(*) FROM status_indexes WHERE status_list = ?", (status_list,)
        ).fetchone()
        if used >= size:
            raise LedgerError(f"the status list {status_list} is full ({size} certificates)")
        for _ in range(64):
            index = secrets.randbelow(size)
            try:
                self._take(status_list, index, credential_id)
                return index
            except sqlite3.IntegrityError:
                continue
        taken = {
            i
            for (i,) in self.db.execute("SELECT status_index FROM status_indexes WHERE status_list = ?", (status_list,))
        }
        index = secrets.choice([i for i in range(size) if i not in taken])
        self._take(status_list, index, credential_id)
        return index

    def _take(self, status_list: str, index: int, credential_id: str) -> None:
        self.db.execute(
            "INSERT INTO status_indexes (status_list, status_index, credential) VALUES (?, ?, ?)",
            (status_list, index, credential_id),
        )

    def add(self, entry: Entry) -> None:
        self.db.execute(
            f"INSERT INTO credentials ({', '.join(_COLUMNS)}) VALUES ({', '.join('?' * len(_COLUMNS))})",
            tuple(getattr(entry, c) for c in _COLUMNS),
        )

    def supersede(self, old_id: str, new_id: str) -> None:
        """Point `old_id` at its successor (it leaves the one-current index at once; revoked when issued)."""
        self.db.execute("UPDATE credentials SET superseded_by = ? WHERE id = ?", (new_id, old_id))

    # Pending rows --------------------------------------------------------------------------

    def pending(self) -> list[Entry]:
        return self._select(f"state = '{PENDING}' ORDER BY run, issued, id")

    def adopt(self, runs: Iterable[str | None], run: str) -> list[Entry]:
        """Hand the pending rows of dead `runs` to `run`; returns them."""
        dead = set(runs)
        rows = [e for e in self.pending() if e.run in dead]
        self.db.executemany("UPDATE credentials SET run = ? WHERE id = ?", [(run, e.id) for e in rows])
        return [e for e in self.pending() if e.id in {r.id for r in rows}]

    def mark_issued(self, ids: Iterable[str], when: datetime) -> None:
        """The files of `ids` are on disk: the rows become issued, and what they supersede is revoked."""
        ids = list(ids)
        self.db.executemany(
            f"UPDATE credentials SET state = '{ISSUED}', run = NULL WHERE id = ? AND state = '{PENDING}'",
            [(i,) for i in ids],
        )
        self.db.executemany(
            "UPDATE credentials SET revoked = ?, revoke_reason = ? WHERE superseded_by = ? AND revoked IS NULL",
            [(dates.to_text(when), SUPERSEDED, i) for i in ids],
        )

    def discard(self, ids: Iterable[str]) -> None:
        """Remove pending rows (their indexes stay reserved) and restore what they were to supersede."""
        for credential_id in ids:
            removed = self.db.execute(
                f"DELETE FROM credentials WHERE id = ? AND state = '{PENDING}'", (credential_id,)
            ).rowcount
            if removed:
                self.db.execute(
                    "UPDATE credentials SET superseded_by = NULL WHERE superseded_by = ? AND revoked IS NULL",
                    (credential_id,),
                )

    # Revocation and status lists -----------------------------------------------------------

    def revoke(self, credential_id: str, reason: str, when: datetime) -> Entry:
        entry = self.get(credential_id)
        if entry is None:
            raise LedgerError(
                f'no certificate "{credential_id}" in the ledger — check the id with `academy ledger list`'
            )
        if entry.state == PENDING:
            raise LedgerError(f"{entry.id} is still being issued by another run — try again when it has finished")
        if entry.revoked:
            return entry
        self.db.execute(
            "UPDATE credentials SET revoked = ?, revoke_reason = ? WHERE id = ?",
            (dates.to_text(when), reason, entry.id),
        )
        revoked = self.get(entry.id)
        assert revoked is not None
        return revoked

    def revoked_indexes(self, status_list: str) -> list[int]:
        rows = self.db.execute(
            "SELECT status_index FROM credentials WHERE status_list = ? AND revoked IS NOT NULL ORDER BY status_index",
            (status_list,),
        )
        return [i for (i,) in rows]

    def status_lists(self) -> list[str]:
        return [u for (u,) in self.db.execute("SELECT DISTINCT status_list FROM credentials ORDER BY status_list")]

    # Consistency (academy ledger check) ----------------------------------------------------

    def all(self) -> list[Entry]:
        return self._select("1 ORDER BY issued, id")

    def reserved(self) -> list[tuple[str, int, str]]:
        """Every reserved index: (status list, index, credential id)."""
        return list(self.db.execute("SELECT status_list, status_index, credential FROM status_indexes"))

    def reserve(self, status_list: str, index: int, credential_id: str) -> None:
        """Record an index a credential holds but that was never reserved (repair of an old ledger)."""
        self.db.execute(
            "INSERT OR IGNORE INTO status_indexes (status_list, status_index, credential) VALUES (?, ?, ?)",
            (status_list, index, credential_id),
        )

    def has_one_current_index(self) -> bool:
        found = self.db.execute("SELECT 1 FROM sqlite_master WHERE type = 'index' AND name = 'credentials_current'")
        return found.fetchone() is not None

    def ensure_one_current_index(self) -> None:
        """Create the one-current-certificate index; IntegrityError while duplicates remain."""
        self.db.execute(_ONE_CURRENT)


def _get(db: sqlite3.Connection, credential_id: str) -> Entry | None:
    wanted = credential_id.strip()
    if not wanted.startswith("urn:uuid:"):
        wanted = f"urn:uuid:{wanted}"
    row = db.execute(f"{_SELECT} WHERE id = ?", (wanted.lower(),)).fetchone()
    return _entry(row) if row else None


def _migrate(db: sqlite3.Connection) -> None:
    """Bring the ledger to `VERSION`, inside the caller's write transaction.

    The tables are created if missing on every write (cheap, and a table added to `_TABLES`
    later appears in existing ledgers); columns and indexes added since version 1 once."""
    for statement in filter(str.strip, _TABLES.split(";")):
        db.execute(statement)
    (version,) = db.execute("PRAGMA user_version").fetchone()
    if version >= VERSION:
        return
    have = {row[1] for row in db.execute("PRAGMA table_info(credentials)")}
    for column, definition in _ADDED.items():
        if column not in have:
            db.execute(f"ALTER TABLE credentials ADD COLUMN {column} {definition}")
    with contextlib.suppress(sqlite3.IntegrityError):
        # A ledger of an older version may hold two current certificates of one person and
        # rule; `academy ledger check --repair` supersedes the older and then adds the index.
        db.execute(_ONE_CURRENT)
    db.execute(f"PRAGMA user_version = {VERSION}")


class Ledger:
    """The ledger file at `path`."""

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT) -> None:
        self.path = path
        self.timeout = timeout

    def _create(self) -> None:
        """Make the ledger complete in a temporary file, then link it into place (if no one else did)."""
        if self.path.parent.name == ".academy":
            private_folder(self.path.parent)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, name = tempfile.mkstemp(prefix=f".{self.path.name}.", suffix=".new", dir=self.path.parent)
        os.close(fd)  # mkstemp makes it owner-only (0600)
        try:
            db = sqlite3.connect(name, isolation_level=None)
            try:
                db.execute("PRAGMA journal_mode = WAL")  # persistent: every later connection opens in WAL
                db.execute("BEGIN IMMEDIATE")
                _migrate(db)
                db.execute("COMMIT")
            finally:
                db.close()
            if self.path.exists() and self.path.stat().st_size == 0:
                os.replace(name, self.path)  # an empty file left by an older version: not a ledger yet
                return
            with contextlib.suppress(FileExistsError):  # another issuer made it first: use theirs
                os.link(name, self.path)  # atomic: the ledger appears complete or not at all
        finally:
            for leftover in (name, f"{name}-wal", f"{name}-shm"):
                with contextlib.suppress(OSError):
                    os.unlink(leftover)

    def _connect(self, create: bool) -> sqlite3.Connection:
        if not self.path.exists() or (create and self.path.stat().st_size == 0):
            if not create:
                raise LedgerError(f"no ledger at {self.path}: nothing has been issued yet (or pass --ledger PATH)")
            try:
                self._create()
            except sqlite3.DatabaseError as error:
                raise LedgerError(f"{self.path}: cannot make the ledger ({error})") from error
        try:
            # The busy timeout (`timeout`) makes a writer wait for another's BEGIN IMMEDIATE; the
            # journal mode is not touched here: it was set once, when the ledger was made.
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            db.execute("PRAGMA synchronous = FULL")
        except sqlite3.DatabaseError as error:
            raise LedgerError(f"{self.path}: not a readable ledger ({error})") from error
        return db

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """One write transaction: everything in it is committed together, or nothing is."""
        db = self._connect(create=True)
        try:
            try:
                db.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as error:
                raise LedgerError(
                    f"{self.path}: another issuer has held the ledger for {self.timeout:.0f} s ({error}); try again"
                ) from error
            try:
                _migrate(db)
                yield Transaction(db)
                db.execute("COMMIT")
            except BaseException:
                if db.in_transaction:
                    db.execute("ROLLBACK")
                raise
        except sqlite3.DatabaseError as error:
            raise LedgerError(f"{self.path}: {error}") from error
        finally:
            db.close()

    @contextmanager
    def reading(self) -> Iterator[Transaction]:
        """A consistent snapshot to read (WAL: writers carry on meanwhile); writes are refused."""
        db = self._read()
        try:
            db.execute("BEGIN")
            db.execute("PRAGMA query_only = ON")
            yield Transaction(db)
        except sqlite3.DatabaseError as error:
            raise LedgerError(f"{self.path}: {error}") from error
        finally:
            db.close()

    def get(self, credential_id: str) -> Entry | None:
        db = self._read()
        try:
            return _get(db, credential_id)
        finally:
            db.close()

    def entries(
        self,
        *,
        person: str | None = None,
        certificate: str | None = None,
        year: int | None = None,
        pending: bool = False,
    ) -> list[Entry]:
        """Issued certificates (and pending ones when asked), oldest first.

        `person` matches part of the name or the whole e-mail."""
        clauses, values = [], []
        if not pending:
            clauses.append(f"state = '{ISSUED}'")
        if person:
            clauses.append("(instr(lower(name), lower(?)) > 0 OR email = lower(?))")
            values += [person.strip(), person.strip()]
        if certificate:
            clauses.append("certificate = ?")
            values.append(certificate)
        if year:
            clauses.append("substr(issued, 1, 4) = ?")
            values.append(f"{year:04d}")
        where = f" WHERE {' AND '.join(clauses)}" if clauses else ""
        db = self._read()
        try:
            rows = db.execute(f"{_SELECT}{where} ORDER BY issued, id", values)
            return [_entry(r) for r in rows]
        finally:
            db.close()

    def _read(self) -> sqlite3.Connection:
        db = self._connect(create=False)
        try:
            db.execute("SELECT 1 FROM credentials LIMIT 1")
            (version,) = db.execute("PRAGMA user_version").fetchone()
        except sqlite3.DatabaseError as error:
            db.close()
            raise LedgerError(f"{self.path}: not a ledger ({error})") from error
        if version < VERSION:
            # A ledger of an older version: add the new columns (a short write) before reading.
            db.close()
            with self.transaction():
                pass
            db = self._connect(create=False)
        return db
