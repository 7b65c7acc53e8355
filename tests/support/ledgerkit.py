"""A small ledger with known answers, for checking every figure of the report by hand.

The fixture project's `basics-certificate` (pass mark 80 %) and `alpha-only-certificate`.
Every request answers the same four questions (one point each), so that the figures can be
worked out on paper (test_report_figures.py shows the working):

    Q1 alpha/first-words     single      option 0 right
    Q2 alpha/hide-employer   true_false  answer false
    Q3 beta/who-answers      single      option 0 right
    Q4 beta/delete-critique  true_false  answer false

attempt  learner  n  submitted         Q1 Q2 Q3 Q4  score  outcome  department  cohort
a1       L1       1  2026-10-05 10:00  0  F  1  T   50     failed   Sales       pilot
a2       L1       2  2026-10-10 10:00  0  F  0  F   100    issued   Sales       pilot   -> C1
a3       L2       1  2026-10-20 10:00  0  F  0  T   75     failed   Sales       pilot
a4       L3       1  2026-11-03 10:00  1  F  0  F   75     failed   Sales       -
a5       L4       1  2026-11-15 10:00  0  F  0  F   100    issued   Sales       -       -> C2
a6       L5       1  2026-11-20 10:00  0  T  2  T   25     failed   R&D <lab>   -       (Q4 answered an older version)

certificate  learner  rule         issued            valid until  source  department  cohort
C1           L1       basics       2026-10-10 12:00  2026-12-21   exam    Sales       pilot
C2           L4       basics       2026-11-15 11:00  2027-01-20   exam    Sales       -
C3           L6       alpha-only   2026-11-02 09:00  2027-02-19   roster  Legal       pilot
C4           L7       alpha-only   2026-09-15 09:00  -            roster  Legal       -     (before the period)
C5           L8       alpha-only   2026-11-20 09:00  2026-12-10   roster  Marketing   -     (revoked)
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from academy.core import exam as exams
from academy.core.project import load_project
from academy.credentials.store.attempts import Attempt, Attempts
from academy.credentials.store.ledger import Ledger

NOW = datetime(2026, 12, 1, 0, 0, tzinfo=UTC)
EXAM = "basics-certificate"
QUESTIONS = ("alpha/first-words", "alpha/hide-employer", "beta/who-answers", "beta/delete-critique")
LEARNERS = {
    "L1": ("Ana Ruiz", "ana.ruiz@example.com"),
    "L2": ("Bo Chen", "bo.chen@example.com"),
    "L3": ("Cy Okafor", "cy.okafor@example.com"),
    "L4": ("Di Novak", "di.novak@example.com"),
    "L5": ("Ed <script>alert(1)</script>", "ed.x@example.com"),
    "L6": ("Flo Berg", "flo.berg@example.com"),
    "L7": ("Gus Lind", "gus.lind@example.com"),
    "L8": ("Hal Moss", "hal.moss@example.com"),
}
# (learner, attempt, submitted day, responses Q1..Q4, score, outcome, department, cohort, old hash on Q4)
ATTEMPTS = (
    ("L1", 1, "2026-10-05", (0, False, 1, True), 50.0, "failed", "Sales", "pilot", False),
    ("L1", 2, "2026-10-10", (0, False, 0, False), 100.0, "issued", "Sales", "pilot", False),
    ("L2", 1, "2026-10-20", (0, False, 0, True), 75.0, "failed", "Sales", "pilot", False),
    ("L3", 1, "2026-11-03", (1, False, 0, False), 75.0, "failed", "Sales", None, False),
    ("L4", 1, "2026-11-15", (0, False, 0, False), 100.0, "issued", "Sales", None, False),
    ("L5", 1, "2026-11-20", (0, True, 2, True), 25.0, "failed", "R&D <lab>", None, True),
)
# (name, learner, rule, issued, valid until, source, department, cohort, revoked, attempt that earned it)
CERTIFICATES = (
    ("C1", "L1", EXAM, "2026-10-10T12:00:00Z", "2026-12-21T00:00:00Z", "exam", None, None, False, 2),
    ("C2", "L4", EXAM, "2026-11-15T11:00:00Z", "2027-01-20T00:00:00Z", "exam", None, None, False, 5),
    (
        "C3",
        "L6",
        "alpha-only-certificate",
        "2026-11-02T09:00:00Z",
        "2027-02-19T00:00:00Z",
        "roster",
        "Legal",
        "pilot",
        False,
        None,
    ),
    ("C4", "L7", "alpha-only-certificate", "2026-09-15T09:00:00Z", None, "roster", "Legal", None, False, None),
    (
        "C5",
        "L8",
        "alpha-only-certificate",
        "2026-11-20T09:00:00Z",
        "2026-12-10T00:00:00Z",
        "roster",
        "Marketing",
        None,
        True,
        None,
    ),
)
TITLES = {EXAM: "Certified Basics", "alpha-only-certificate": "Alpha Practitioner"}


def response(question: exams.ExamQuestion, value: Any) -> Any:
    """An option index as its public id; true/false as is."""
    if question.type in {"single", "scenario"}:
        return exams.option_pids(question)[value]
    return value


def request(
    project: Path,
    learner: str,
    attempt: int,
    day: str,
    answers: tuple,
    department: str | None,
    cohort: str | None,
    old_hash: bool,
) -> dict[str, Any]:
    exam = load_project(project).exams[EXAM]
    name, email = LEARNERS[learner]
    questions = []
    for n, (qid, value) in enumerate(zip(QUESTIONS, answers, strict=True)):
        q = exam.question(qid)
        assert q is not None
        digest = "0123456789abcdef" if old_hash and n == 3 else q.hash
        questions.append({"id": qid, "hash": digest, "response": response(q, value), "seconds": 20})
    data: dict[str, Any] = {
        "format": "academy-request/1",
        "certificate": EXAM,
        "learner": {"name": name, "email": email, **({"department": department} if department else {})},
        "attempt": attempt,
        "started": f"{day}T09:50:00Z",
        "submitted": f"{day}T10:00:00Z",
        "questions": questions,
    }
    if cohort:
        data["cohort"] = cohort
    return data


def build_ledger(project: Path) -> tuple[Ledger, dict[str, str]]:
    """The ledger of the module docstring in the project's default place; returns it and the certificate ids."""
    ledger = Ledger(project / ".academy" / "ledger.sqlite3")
    ids = {name: f"urn:uuid:{uuid.uuid4()}" for name, *_ in CERTIFICATES}
    earned = {attempt_index: name for name, *_, attempt_index in CERTIFICATES if attempt_index}
    with Attempts(ledger).transaction() as book:
        for index, (learner, number, day, answers, score, outcome, department, cohort, old) in enumerate(ATTEMPTS, 1):
            name, email = LEARNERS[learner]
            data = request(project, learner, number, day, answers, department, cohort, old)
            book.record(
                Attempt(
                    id=None,
                    certificate=EXAM,
                    email=email,
                    name=name,
                    attempt=number,
                    started=data["started"],
                    submitted=data["submitted"],
                    received=f"{day}T10:05:00Z",
                    score=score,
                    passed=score >= 80,
                    outcome=outcome,
                    request_sha256=f"{index:064x}",
                    credential=ids[earned[index]] if index in earned else None,
                    median_seconds=20,
                    questions=4,
                    pool=12,
                    source=f"requests/{learner}-{number}.json",
                    note=None,
                    decided=None,
                    request=json.dumps(data, ensure_ascii=False, sort_keys=True),
                )
            )
    with ledger.transaction() as txn:
        txn.db.execute(
            "CREATE TABLE IF NOT EXISTS learner_groups (kind TEXT NOT NULL, ref TEXT NOT NULL, department TEXT, "
            "cohort TEXT, PRIMARY KEY (kind, ref))"
        )
        for index, (name, learner, rule, issued, until, source, department, cohort, revoked, _) in enumerate(
            CERTIFICATES
        ):
            person, email = LEARNERS[learner]
            credential = {"id": ids[name], "credentialSubject": {"name": person}, "proof": {"verificationMethod": "x"}}
            txn.db.execute(
                "INSERT INTO credentials (id, certificate, title, name, email, issued, valid_from, valid_until, "
                "status_list, status_index, key_id, source, source_key, revoked, revoke_reason, credential) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ids[name],
                    rule,
                    TITLES[rule],
                    person,
                    email,
                    issued,
                    issued,
                    until,
                    "https://academy.test.example/certificates/status/revocation-1.json",
                    100 + index,
                    "https://academy.test.example/issuer/profile.json#key-1",
                    source,
                    f"{source}:{rule}:{email}:{index}",
                    "2026-11-25T00:00:00Z" if revoked else None,
                    f"asked by {person}" if revoked else None,
                    json.dumps(credential),
                ),
            )
            txn.db.execute(
                "INSERT INTO status_indexes (status_list, status_index, credential) VALUES (?, ?, ?)",
                ("https://academy.test.example/certificates/status/revocation-1.json", 100 + index, ids[name]),
            )
            if source == "roster":
                txn.db.execute(
                    "INSERT INTO learner_groups (kind, ref, department, cohort) VALUES ('credential', ?, ?, ?)",
                    (ids[name], department, cohort),
                )
    return ledger, ids


def small_groups(project: Path, size: int) -> None:
    """Set site.yml's report.min_group_size."""
    site = project / "site_config" / "site.yml"
    site.write_text(site.read_text() + f"report:\n  min_group_size: {size}\n")
