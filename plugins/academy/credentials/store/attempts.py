"""Every attempt at a certification assessment, in the ledger's SQLite file (table `attempts`).

One row per request the hub scored: who (certificate, e-mail, name), which attempt, when it
was started and submitted (the learner's clock) and received (the hub's), the score, and the
outcome. A request the hub refused (malformed, wrong draw, changed questions, too early…) is
not an attempt and leaves no row: the learner may hand in a corrected one.

| outcome | meaning |
| --- | --- |
| `issued` | passed; the certificate `credential` was issued |
| `issuing` | passed; the certificate is being issued (a crash here resumes on the next run) |
| `failed` | below the pass mark |
| `held` | passed but implausible (e.g. answered too fast): waits for `academy review` |
| `rejected` | held, then rejected by a reviewer |

Rows live in the same file and use the same transactions as the credentials
(`Ledger.transaction`), so an attempt and the checks before it are atomic: two hubs cannot
both accept attempt 2 of the same person (`UNIQUE (certificate, email, attempt)`), and the
same request is never scored twice (`UNIQUE (request_sha256)`).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, fields
from typing import Any

from .ledger import Ledger, LedgerError

SCHEMA = """
CREATE TABLE IF NOT EXISTS attempts (
    id             INTEGER PRIMARY KEY,
    certificate    TEXT NOT NULL,
    email          TEXT NOT NULL,      -- lower-cased
    name           TEXT NOT NULL,
    attempt        INTEGER NOT NULL,
    started        TEXT NOT NULL,      -- the learner's clock, UTC
    submitted      TEXT NOT NULL,      -- the learner's clock, UTC
    received       TEXT NOT NULL,      -- the hub's clock, UTC
    score          REAL NOT NULL,      -- percent
    passed         INTEGER NOT NULL,
    outcome        TEXT NOT NULL,      -- issued | issuing | failed | held | rejected
    request_sha256 TEXT NOT NULL UNIQUE,
    credential     TEXT,               -- urn:uuid:… when issued
    median_seconds REAL NOT NULL,
    questions      INTEGER NOT NULL,   -- questions asked
    pool           INTEGER NOT NULL,   -- pool they were drawn from
    source         TEXT NOT NULL,      -- the file it came from
    note           TEXT,               -- why it was held, or the reviewer's reason
    decided        TEXT,               -- when a reviewer approved or rejected it
    request        TEXT NOT NULL,      -- the request as handed in (JSON)
    UNIQUE (certificate, email, attempt)
);
CREATE INDEX IF NOT EXISTS attempts_person ON attempts (certificate, email);
"""

#: Outcomes that count as an attempt (every row does; listed for readers).
OUTCOMES = ("issued", "issuing", "failed", "held", "rejected")


@dataclass(frozen=True)
class Attempt:
    """One row of the `attempts` table."""

    id: int | None
    certificate: str
    email: str
    name: str
    attempt: int
    started: str
    submitted: str
    received: str
    score: float
    passed: bool
    outcome: str
    request_sha256: str
    credential: str | None
    median_seconds: float
    questions: int
    pool: int
    source: str
    note: str | None
    decided: str | None
    request: str

    @property
    def short(self) -> str:
        """The id a reviewer types: the first 10 hex digits of the request's SHA-256."""
        return self.request_sha256[:10]


_COLUMNS = [f.name for f in fields(Attempt)]


def _attempt(row: tuple[Any, ...]) -> Attempt:
    values = dict(zip(_COLUMNS, row, strict=True))
    values["passed"] = bool(values["passed"])
    return Attempt(**values)


class AttemptBook:
    """The attempts inside one ledger write transaction (see `Attempts.transaction`)."""

    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def _select(self, where: str, values: tuple[Any, ...]) -> list[Attempt]:
        rows = self.db.execute(f"SELECT {', '.join(_COLUMNS)} FROM attempts WHERE {where} ORDER BY id", values)
        return [_attempt(r) for r in rows]

    def history(self, certificate: str, email: str) -> list[Attempt]:
        """Every attempt of `email` at `certificate`, oldest first."""
        return self._select("certificate = ? AND email = ?", (certificate, email.lower()))

    def by_request(self, sha256: str) -> Attempt | None:
        found = self._select("request_sha256 = ?", (sha256,))
        return found[0] if found else None

    def find(self, short: str) -> list[Attempt]:
        """Attempts whose request SHA-256 starts with `short` (a reviewer's id)."""
        prefix = short.strip().lower()
        if not prefix or any(c not in "0123456789abcdef" for c in prefix):
            return []
        return self._select("substr(request_sha256, 1, ?) = ?", (len(prefix), prefix))

    def held(self) -> list[Attempt]:
        return self._select("outcome = 'held'", ())

    def record(self, attempt: Attempt) -> Attempt:
        """Insert `attempt` (its `id` is ignored) and return it with its id."""
        columns = [c for c in _COLUMNS if c != "id"]
        values = tuple(int(v) if isinstance(v, bool) else v for v in (getattr(attempt, c) for c in columns))
        try:
            cursor = self.db.execute(
                f"INSERT INTO attempts ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})", values
            )
        except sqlite3.IntegrityError as error:
            raise LedgerError(
                f"attempt {attempt.attempt} of {attempt.email} at {attempt.certificate} is already recorded "
                f"(another hub processed it at the same time?): {error}"
            ) from error
        found = self._select("id = ?", (cursor.lastrowid,))
        return found[0]

    def update(self, attempt_id: int, **changes: Any) -> Attempt:
        allowed = {"outcome", "credential", "note", "decided"}
        if not changes or set(changes) - allowed:
            raise ValueError(f"only {', '.join(sorted(allowed))} can change")
        assignments = ", ".join(f"{k} = ?" for k in changes)
        self.db.execute(f"UPDATE attempts SET {assignments} WHERE id = ?", (*changes.values(), attempt_id))
        return self._select("id = ?", (attempt_id,))[0]


class Attempts:
    """The attempts table of the ledger file `ledger.path`."""

    def __init__(self, ledger: Ledger) -> None:
        self.ledger = ledger

    @contextmanager
    def transaction(self) -> Iterator[AttemptBook]:
        """A ledger write transaction with the attempts table in it (created on first use)."""
        with self.ledger.transaction() as txn:
            for statement in filter(str.strip, SCHEMA.split(";")):
                txn.db.execute(statement)
            yield AttemptBook(txn.db)

    def exists(self) -> bool:
        return self.ledger.path.exists()

    def held(self) -> list[Attempt]:
        if not self.exists():
            return []
        with self.transaction() as book:
            return book.held()

    def all(self, certificate: str | None = None) -> list[Attempt]:
        if not self.exists():
            return []
        with self.transaction() as book:
            if certificate:
                return book._select("certificate = ?", (certificate,))
            return book._select("1 = 1", ())
