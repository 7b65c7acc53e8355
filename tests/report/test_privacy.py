"""Erasure and retention: the person is gone from the whole SQLite file, the counts are not."""

from __future__ import annotations

import sqlite3
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path

import pytest
from test_report_figures import OCT_NOV

from academy.core.project import load_project
from academy.credentials.store.ledger import LedgerError
from academy.report.build import build
from academy.report.privacy import erase, prune
from academy.report.store import load
from support.ledgerkit import LEARNERS, NOW, build_ledger, small_groups


def counts(report) -> dict:
    """The anonymous figures that must survive an erasure."""
    return {
        "certificates": report.certificates,
        "months": report.per_month,
        "per_certificate": report.per_certificate,
        "departments": asdict(report.departments),
        "exams": [
            (e.attempts, e.learners, e.passed, e.certified, e.attempts_to_pass, e.days_to_certificate)
            for e in report.exams
        ],
        "windows": report.windows,
        "expiring": len(report.expiring),
        "cohorts": [asdict(c) for c in report.cohorts],
    }


def file_bytes(path: Path) -> bytes:
    """The ledger file and whatever SQLite keeps beside it (write-ahead log, shared memory)."""
    return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal"), Path(f"{path}-journal")) if p.exists())


def test_erasure_removes_the_person_from_every_page_and_keeps_the_counts(project: Path) -> None:
    small_groups(project, 2)
    ledger, ids = build_ledger(project)
    results = project / ".academy" / "results"
    results.mkdir()
    (results / "basics-certificate-ana-ruiz-example-com-1.txt").write_text("Learner: Ana Ruiz")
    (results / "basics-certificate-bo-chen-example-com-1.txt").write_text("Learner: Bo Chen")
    before = build(load_project(project), load(ledger), OCT_NOV, NOW)
    name, email = LEARNERS["L1"]
    assert name.encode() in file_bytes(ledger.path) and email.encode() in file_bytes(ledger.path)

    done = erase(ledger, email.upper(), project)

    assert (done.certificates, done.attempts) == (1, 2)
    raw = file_bytes(ledger.path)
    for text in (name, email, "Ana", "ana.ruiz"):
        assert text.encode() not in raw, text  # free pages included: the file was VACUUMed
    assert LEARNERS["L2"][1].encode() in raw  # everyone else is still there
    assert not (results / "basics-certificate-ana-ruiz-example-com-1.txt").exists()
    assert (results / "basics-certificate-bo-chen-example-com-1.txt").exists()
    after = build(load_project(project), load(ledger), OCT_NOV, NOW)
    assert counts(after) == counts(before)
    # The certificate stays revocable by id, with its status-list index.
    db = sqlite3.connect(ledger.path)
    (row,) = db.execute("SELECT name, email, status_index, credential FROM credentials WHERE id = ?", (ids["C1"],))
    db.close()
    assert row[0] == "" and row[1].startswith("erased:") and row[2] == 100 and row[3] == ""
    # The item analysis loses the two requests; the reminders do not name the person any more.
    assert after.items.exams[0].requests == 4 and after.without_request == 2
    assert [e.certificate.name for e in after.expiring] == ["", "Di Novak", "Flo Berg"]
    lines = "\n".join(done.lines(project))
    assert "kept, without name or address" in lines and "status-list index" in lines and "revoked" in lines
    with pytest.raises(LedgerError, match="not in the ledger"):
        erase(ledger, email, project)


def test_erasure_of_a_revoked_roster_certificate_keeps_it_revoked(project: Path) -> None:
    ledger, ids = build_ledger(project)
    name, email = LEARNERS["L8"]
    done = erase(ledger, email, project)
    assert (done.certificates, done.attempts, done.revoked) == (1, 0, 1)
    db = sqlite3.connect(ledger.path)
    revoked, reason, key = db.execute(
        "SELECT revoked, revoke_reason, source_key FROM credentials WHERE id = ?", (ids["C5"],)
    ).fetchone()
    db.close()
    assert revoked and reason == "asked by [erased]" and email not in key
    assert name.encode() not in file_bytes(ledger.path) and email.encode() not in file_bytes(ledger.path)


def test_retention_removes_old_requests_and_keeps_the_counts(project: Path) -> None:
    small_groups(project, 2)
    ledger, _ = build_ledger(project)
    before = build(load_project(project), load(ledger), OCT_NOV, NOW)
    # One month before 2026-11-12: requests received before 2026-10-12 go (a1, a2).
    removed = prune(ledger, 1, datetime(2026, 11, 12, tzinfo=UTC))
    assert removed == 2
    after = build(load_project(project), load(ledger), OCT_NOV, NOW)
    assert counts(after) == counts(before)  # departments and cohorts were kept for the counts
    assert after.items.exams[0].requests == 4 and after.without_request == 2
    assert b'"learner": {"department": "Sales", "email": "ana.ruiz@example.com"' not in file_bytes(ledger.path)
    assert prune(ledger, 1, datetime(2026, 11, 12, tzinfo=UTC)) == 0


def test_compact_leaves_nothing_in_free_pages_even_without_secure_delete(project: Path) -> None:
    """Some SQLite builds keep deleted values in free pages (secure_delete off): VACUUM removes them."""
    from academy.report.privacy import compact

    ledger, _ = build_ledger(project)
    db = sqlite3.connect(ledger.path, isolation_level=None)
    db.execute("PRAGMA secure_delete = OFF")
    db.execute("CREATE TABLE scratch (t TEXT)")
    db.execute("INSERT INTO scratch VALUES (?)", ("zq-secret-" * 400,))
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.execute("DELETE FROM scratch")
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    assert b"zq-secret-" in file_bytes(ledger.path)  # still on a free page
    compact(ledger)
    assert b"zq-secret-" not in file_bytes(ledger.path)
