"""What the report reads from the ledger file: certificates, attempts and the learners' groups.

The ledger (`credentials/store/ledger.py`) and the attempts table (`credentials/store/attempts.py`) belong
to the issuer; this module only reads them, plus one table of its own, `learner_groups`:
the department and cohort of each attempt (taken from its stored request) and of each roster
certificate (from the roster's optional `department` and `cohort` columns). It outlives the
stored request JSON, so that department and cohort counts stay right after `academy ledger
prune` or `academy ledger erase` removed the request itself. A group label is not personal
on its own; the report hides groups smaller than `report.min_group_size`.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from academy.credentials import dates
from academy.credentials.store.ledger import Ledger, LedgerError

#: Stands for a stored request that `load(responses=False)` did not read.
UNREAD = "-"
GROUPS_SCHEMA = """
CREATE TABLE IF NOT EXISTS learner_groups (
    kind       TEXT NOT NULL,      -- attempt | credential
    ref        TEXT NOT NULL,      -- attempts.id, or credentials.id of a roster certificate
    department TEXT,
    cohort     TEXT,
    PRIMARY KEY (kind, ref)
)
"""


@dataclass(frozen=True)
class Group:
    """A learner's department and cohort (either may be unknown)."""

    department: str | None = None
    cohort: str | None = None


@dataclass(frozen=True)
class Certificate:
    """One certificate of the ledger, as the report needs it."""

    id: str
    certificate: str
    title: str
    name: str
    email: str
    issued: datetime
    valid_until: datetime | None
    revoked: bool
    superseded: bool
    source: str
    status_list: str
    status_index: int
    credential: str = field(repr=False, default="")
    group: Group = Group()

    @property
    def current(self) -> bool:
        """Neither revoked nor replaced by a renewal."""
        return not self.revoked and not self.superseded


@dataclass(frozen=True)
class AttemptRow:
    """One scored attempt, with the answers of its stored request (None once pruned or erased).

    `answers` holds (question id, hash, response) per question asked, nothing else of the
    request, so that 50,000 requests fit in memory; `unusable` says why a stored request has
    no usable answers (the item analysis names it and leaves it out).
    """

    id: int
    certificate: str
    email: str
    name: str
    attempt: int
    submitted: datetime
    received: datetime
    score: float
    passed: bool
    outcome: str
    credential: str | None
    source: str = ""
    answers: tuple[tuple[str, str, Any], ...] | None = field(repr=False, default=None)
    group: Group = Group()
    unusable: str | None = None


@dataclass
class Data:
    """Everything the report reads from one ledger file."""

    certificates: list[Certificate] = field(default_factory=list)
    attempts: list[AttemptRow] = field(default_factory=list)
    #: Stored requests that could not be read: `attempt N (file): why`. Named, never counted.
    skipped: list[str] = field(default_factory=list)
    #: Attempts whose request was removed (retention or erasure): counted, not analysed.
    without_request: int = 0


def connect(ledger: Ledger) -> sqlite3.Connection:
    """A connection to the ledger file; LedgerError when there is none."""
    if not ledger.path.exists():
        raise LedgerError(f"no ledger at {ledger.path}: nothing has been issued yet (or pass --ledger PATH)")
    try:
        db = sqlite3.connect(ledger.path, timeout=ledger.timeout, isolation_level=None)
        db.execute(f"PRAGMA busy_timeout = {int(ledger.timeout * 1000)}")
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.DatabaseError as error:
        raise LedgerError(f"{ledger.path}: not a readable ledger ({error})") from error
    return db


def tables(db: sqlite3.Connection) -> set[str]:
    return {name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


def columns(db: sqlite3.Connection, table: str) -> set[str]:
    return {row[1] for row in db.execute(f"PRAGMA table_info({table})")}


def ensure_groups(db: sqlite3.Connection) -> None:
    db.execute(GROUPS_SCHEMA)


def group_of_request(request: dict[str, Any] | None) -> Group:
    """Department and cohort as the learner's request states them (text only, spaces normalised)."""
    if not isinstance(request, dict):
        return Group()
    learner = request.get("learner")
    department = learner.get("department") if isinstance(learner, dict) else None
    cohort = request.get("cohort")
    return Group(_label(department), _label(cohort))


def _label(value: object) -> str | None:
    return " ".join(value.split()) or None if isinstance(value, str) else None


def load(ledger: Ledger, responses: bool = True) -> Data:
    """Every certificate (pending ones left out) and every attempt of the ledger file.

    Without `responses`, only the requests that earned a certificate are read (for their
    department): enough for the renewals, and much faster on a large ledger.
    """
    db = connect(ledger)
    try:
        return _load(db, responses)
    except sqlite3.DatabaseError as error:
        raise LedgerError(f"{ledger.path}: {error}") from error
    finally:
        db.close()


def _answers(request: dict[str, Any]) -> tuple[tuple[tuple[str, str, Any], ...] | None, str | None]:
    """(question id, hash, response) of each question of a request; or why there are none."""
    questions = request.get("questions")
    if not isinstance(questions, list) or not questions:
        return None, 'it has no "questions" list'
    found = []
    for n, item in enumerate(questions):
        if not isinstance(item, dict) or not isinstance(item.get("id"), str):
            return None, f"questions[{n}] is not a question with an id"
        found.append((item["id"], str(item.get("hash", "")), item.get("response")))
    return tuple(found), None


def _load(db: sqlite3.Connection, responses: bool = True) -> Data:
    data = Data()
    present = tables(db)
    if "credentials" not in present:
        return data
    groups: dict[tuple[str, str], Group] = {}
    if "learner_groups" in present:
        for kind, ref, department, cohort in db.execute("SELECT kind, ref, department, cohort FROM learner_groups"):
            groups[(kind, str(ref))] = Group(department, cohort)
    attempt_groups: dict[str, Group] = {}
    if "attempts" in present:
        request = (
            "request"
            if responses
            else f"CASE WHEN credential IS NOT NULL OR request = '' THEN request ELSE '{UNREAD}' END"
        )
        rows = db.execute(
            "SELECT id, certificate, email, name, attempt, submitted, received, score, passed, outcome, credential, "
            f"source, {request} FROM attempts ORDER BY id"
        )
        for (
            aid,
            certificate,
            email,
            name,
            number,
            submitted,
            received,
            score,
            passed,
            outcome,
            cred,
            source,
            text,
        ) in rows:
            request: dict[str, Any] | None = None
            if text and text != UNREAD:
                try:
                    parsed = json.loads(text)
                except ValueError as error:
                    parsed = None
                    data.skipped.append(f"attempt {aid} ({source}): the stored request is not JSON ({error})")
                if isinstance(parsed, dict):
                    request = parsed
                elif parsed is not None:
                    data.skipped.append(f"attempt {aid} ({source}): the stored request is not a JSON object")
            elif not text:
                data.without_request += 1
            answers, unusable = _answers(request) if request is not None else (None, None)
            group = groups.get(("attempt", str(aid))) or group_of_request(request)
            when, got = dates.parse(submitted), dates.parse(received)
            if when is None or got is None:
                data.skipped.append(f"attempt {aid} ({source}): its timestamps are not dates")
                continue
            row = AttemptRow(
                aid,
                certificate,
                email,
                name,
                number,
                when,
                got,
                float(score),
                bool(passed),
                outcome,
                cred,
                source,
                answers,
                group,
                unusable,
            )
            data.attempts.append(row)
            if cred:
                attempt_groups[cred] = group
    have = columns(db, "credentials")
    state = "state" if "state" in have else "'issued'"
    superseded = "superseded_by" if "superseded_by" in have else "NULL"
    rows = db.execute(
        f"SELECT id, certificate, title, name, email, issued, valid_until, revoked, source, status_list, status_index, "
        f"credential, {state}, {superseded} FROM credentials ORDER BY issued, id"
    )
    for cid, certificate, title, name, email, issued, until, revoked, source, slist, sindex, text, st, sup in rows:
        if st != "issued":
            continue  # pending: being issued right now, or left by a run that died (see credentials/store/runs.py)
        when = dates.parse(issued)
        if when is None:
            data.skipped.append(f"certificate {cid}: its issue date is not a date")
            continue
        group = attempt_groups.get(cid) or groups.get(("credential", cid)) or Group()
        data.certificates.append(
            Certificate(
                cid,
                certificate,
                title,
                name,
                email,
                when,
                dates.parse(until),
                bool(revoked),
                bool(sup),
                source,
                slist,
                int(sindex),
                text or "",
                group,
            )
        )
    return data


def keep_groups(db: sqlite3.Connection, where: str = "1 = 1", values: Sequence[Any] = ()) -> int:
    """Copy department and cohort from the stored requests into `learner_groups` (before they go)."""
    ensure_groups(db)
    rows = db.execute(
        f"SELECT id, request FROM attempts WHERE request != '' AND ({where}) AND id NOT IN "
        "(SELECT CAST(ref AS INTEGER) FROM learner_groups WHERE kind = 'attempt')",
        tuple(values),
    ).fetchall()
    kept = 0
    for aid, text in rows:
        try:
            group = group_of_request(json.loads(text))
        except ValueError:
            group = Group()
        db.execute(
            "INSERT OR IGNORE INTO learner_groups (kind, ref, department, cohort) VALUES ('attempt', ?, ?, ?)",
            (str(aid), group.department, group.cohort),
        )
        kept += 1
    return kept


def roster_groups(path: Path) -> dict[str, Group]:
    """Department and cohort by e-mail from a roster CSV's optional `department` and `cohort` columns."""
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}  # the roster reader (credentials/issue/roster.py) has already said what is wrong
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max([",", ";", "\t"], key=first.count)
    found: dict[str, Group] = {}
    header: list[str] | None = None
    try:
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter):
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower().replace("-", "") for cell in row]
                continue
            values = dict(zip(header, row, strict=False))
            email = values.get("email", "").strip().lower()
            group = Group(_label(values.get("department")), _label(values.get("cohort")))
            if email and (group.department or group.cohort):
                found[email] = group
    except csv.Error:
        return found
    return found


def record_roster_groups(ledger: Ledger, roster: Path, issued: Iterable[tuple[str, str]]) -> None:
    """Keep the roster's department and cohort for the certificates just issued: (credential id, e-mail)."""
    by_email = roster_groups(roster)
    wanted = [(cid, by_email[email.lower()]) for cid, email in issued if email.lower() in by_email]
    if not wanted:
        return
    with ledger.transaction() as txn:
        ensure_groups(txn.db)
        for cid, group in wanted:
            txn.db.execute(
                "INSERT OR REPLACE INTO learner_groups (kind, ref, department, cohort) VALUES ('credential', ?, ?, ?)",
                (cid, group.department, group.cohort),
            )
