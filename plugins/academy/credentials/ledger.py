"""The ledger of issued certificates: SQLite, embedded, one file (`.academy/ledger.sqlite3`).

It records who earned what and when, the status-list index of each credential and its
revocation. Indexes are drawn at random (so an index says nothing about issue order or
volume) and are never reused: `status_indexes` keeps every index ever handed out.

Writers take SQLite's write lock for their whole batch (`BEGIN IMMEDIATE`), so two issuers
running at once queue instead of colliding, and a batch that fails rolls back completely.
The file holds personal data: it is created owner-only (0600) in the private folder.
"""

from __future__ import annotations

import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from . import dates
from .files import private_folder

DEFAULT_LEDGER = ".academy/ledger.sqlite3"
#: Seconds a writer waits for another issuer's batch to finish.
LOCK_TIMEOUT = 600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS credentials (
    id            TEXT PRIMARY KEY,   -- urn:uuid:…
    certificate   TEXT NOT NULL,      -- certificate rule id
    title         TEXT NOT NULL,
    name          TEXT NOT NULL,
    email         TEXT NOT NULL,      -- lower-cased
    issued        TEXT NOT NULL,      -- proof created, UTC
    valid_from    TEXT NOT NULL,
    valid_until   TEXT,
    status_list   TEXT NOT NULL,      -- status list credential URL
    status_index  INTEGER NOT NULL,
    key_id        TEXT NOT NULL,      -- verification method that signed it
    source        TEXT NOT NULL,      -- completion | roster
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


class LedgerError(Exception):
    """The ledger cannot do what was asked; the message says why."""


@dataclass(frozen=True)
class Entry:
    """One issued certificate."""

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

    @property
    def uuid(self) -> str:
        return self.id.removeprefix("urn:uuid:")

    def status(self, at: datetime | None = None) -> str:
        """`revoked`, `expired`, `not-yet-valid` or `active` at `at` (now by default)."""
        at = at or dates.utcnow()
        if self.revoked:
            return "revoked"
        until = dates.parse(self.valid_until)
        if until is not None and at >= until:
            return "expired"
        start = dates.parse(self.valid_from)
        if start is not None and at < start:
            return "not-yet-valid"
        return "active"


_COLUMNS = [f.name for f in fields(Entry)]


def _entry(row: sqlite3.Row | tuple[Any, ...]) -> Entry:
    return Entry(*row)


class Transaction:
    """Writes inside one `BEGIN IMMEDIATE` transaction (see `Ledger.transaction`)."""

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.db = connection

    def get(self, credential_id: str) -> Entry | None:
        return _get(self.db, credential_id)

    def by_source(self, source_key: str) -> Entry | None:
        row = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM credentials WHERE source_key = ?", (source_key,))
        found = row.fetchone()
        return _entry(found) if found else None

    def holding(self, certificate: str, email: str, at: datetime) -> Entry | None:
        """A certificate `certificate` that `email` holds and that is active at `at`."""
        rows = self.db.execute(
            f"SELECT {', '.join(_COLUMNS)} FROM credentials WHERE certificate = ? AND email = ? ORDER BY issued DESC",
            (certificate, email.lower()),
        )
        return next((e for e in map(_entry, rows) if e.status(at) == "active"), None)

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

    def revoke(self, credential_id: str, reason: str, when: datetime) -> Entry:
        entry = self.get(credential_id)
        if entry is None:
            raise LedgerError(
                f'no certificate "{credential_id}" in the ledger — check the id with `academy ledger list`'
            )
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


def _get(db: sqlite3.Connection, credential_id: str) -> Entry | None:
    wanted = credential_id.strip()
    if not wanted.startswith("urn:uuid:"):
        wanted = f"urn:uuid:{wanted}"
    row = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM credentials WHERE id = ?", (wanted.lower(),)).fetchone()
    return _entry(row) if row else None


class Ledger:
    """The ledger file at `path`."""

    def __init__(self, path: Path, timeout: float = LOCK_TIMEOUT) -> None:
        self.path = path
        self.timeout = timeout

    def _connect(self, create: bool) -> sqlite3.Connection:
        if not self.path.exists():
            if not create:
                raise LedgerError(f"no ledger at {self.path}: nothing has been issued yet (or pass --ledger PATH)")
            if self.path.parent.name == ".academy":
                private_folder(self.path.parent)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT, 0o600)
            os.close(fd)
        try:
            db = sqlite3.connect(self.path, timeout=self.timeout, isolation_level=None)
            db.execute(f"PRAGMA busy_timeout = {int(self.timeout * 1000)}")
            db.execute("PRAGMA journal_mode = WAL")
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
                for statement in filter(str.strip, _SCHEMA.split(";")):
                    db.execute(statement)
                yield Transaction(db)
            except BaseException:
                db.execute("ROLLBACK")
                raise
            db.execute("COMMIT")
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
        self, *, person: str | None = None, certificate: str | None = None, year: int | None = None
    ) -> list[Entry]:
        """Issued certificates, oldest first; `person` matches part of the name or the whole e-mail."""
        clauses, values = [], []
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
            rows = db.execute(f"SELECT {', '.join(_COLUMNS)} FROM credentials{where} ORDER BY issued, id", values)
            return [_entry(r) for r in rows]
        finally:
            db.close()

    def _read(self) -> sqlite3.Connection:
        db = self._connect(create=False)
        try:
            db.execute("SELECT 1 FROM credentials LIMIT 1")
        except sqlite3.DatabaseError as error:
            db.close()
            raise LedgerError(f"{self.path}: not a ledger ({error})") from error
        return db
