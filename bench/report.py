"""Programme report benchmark (run by hand: `make bench`); prints a table, asserts nothing.

A temporary copy of the certificate tests' project gets a ledger with 50,000 stored
certificate requests (attempts at `basics-certificate`, six questions each, with the current
question hashes and responses by public id) and 10,000 certificates, then times, each in its
own process as the hub runs them (wall clock, and CPU time, which a busy machine inflates less):
`academy report` (HTML, with the item analysis),
`academy report --items` and `academy ledger expiring --within 90d`. It prints the report's size.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import shutil
import sqlite3
import sys
import tempfile
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ROOT / "tests" / "credentials" / "fixtures" / "project"
sys.path.insert(0, str(ROOT / "plugins"))
sys.path.insert(0, str(ROOT / "bench"))

from academy import routes  # noqa: E402
from academy.core import exam as exams  # noqa: E402
from academy.core.project import load_project  # noqa: E402
from academy.credentials.store.attempts import SCHEMA as ATTEMPTS  # noqa: E402
from academy.credentials.store.ledger import Ledger  # noqa: E402
from certificates import measure  # noqa: E402

EXAM = "basics-certificate"
DEPARTMENTS = ("Sales", "Marketing", "Legal", "HR", "IT", "Finance", "Support", "R&D", "Press", "Board")
COHORTS = ("pilot-2026", "wave-2", "wave-3", None)


def fill(project: Path, requests: int, certificates: int, seed: int = 7) -> None:
    """The ledger of the module docstring, written with one transaction per table."""
    rng = random.Random(seed)
    exam = load_project(project).exams[EXAM]
    ledger = Ledger(project / ".academy" / "ledger.sqlite3")
    with ledger.transaction():
        pass  # creates the file and the credentials tables
    db = sqlite3.connect(ledger.path)
    for statement in filter(str.strip, ATTEMPTS.split(";")):
        db.execute(statement)
    start = datetime(2025, 1, 1, tzinfo=UTC)
    people = max(1, requests // 2)
    attempts_of: dict[int, int] = {}
    rows, credentials = [], []
    for n in range(requests):
        person = rng.randrange(people)
        number = attempts_of[person] = attempts_of.get(person, 0) + 1
        email = f"learner{person}@example.com"
        when = start + timedelta(minutes=rng.randrange(700 * 24 * 60))
        asked = rng.sample(exam.questions, exam.draw_size)
        skill = rng.random()
        questions, right = [], 0
        for q in asked:
            ok = rng.random() < 0.35 + 0.6 * skill
            response = _response(q, ok, rng)
            right += ok
            questions.append({"id": q.id, "hash": q.hash, "response": response, "seconds": rng.randrange(8, 90)})
        score = round(100 * right / len(asked), 2)
        passed = score >= 80
        credential = None
        if passed and len(credentials) < certificates:
            credential = f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}"
            credentials.append((credential, email, f"Learner {person}", when, "exam"))
        request = {
            "format": "academy-request/1",
            "certificate": EXAM,
            "learner": {"name": f"Learner {person}", "email": email, "department": rng.choice(DEPARTMENTS)},
            "attempt": number,
            "started": _text(when - timedelta(minutes=20)),
            "submitted": _text(when),
            "questions": questions,
        }
        cohort = rng.choice(COHORTS)
        if cohort:
            request["cohort"] = cohort
        rows.append(
            (
                EXAM,
                email,
                f"Learner {person}",
                number,
                request["started"],
                request["submitted"],
                _text(when),
                score,
                int(passed),
                "issued" if credential else ("failed" if not passed else "held"),
                f"{n:064x}",
                credential,
                30.0,
                len(asked),
                exam.pool_size,
                f"requests/r{n}.json",
                None,
                None,
                json.dumps(request, sort_keys=True),
            )
        )
    db.executemany(
        "INSERT INTO attempts (certificate, email, name, attempt, started, submitted, received, score, passed, "
        "outcome, request_sha256, credential, median_seconds, questions, pool, source, note, decided, request) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        rows,
    )
    while len(credentials) < certificates:  # the rest from workshop rosters
        n = len(credentials)
        when = start + timedelta(minutes=rng.randrange(700 * 24 * 60))
        credentials.append(
            (
                f"urn:uuid:{uuid.UUID(int=rng.getrandbits(128))}",
                f"roster{n}@example.com",
                f"Attendee {n}",
                when,
                "roster",
            )
        )
    status = routes.status_list_url("https://academy.test.example/")
    db.executemany(
        "INSERT INTO credentials (id, certificate, title, name, email, issued, valid_from, valid_until, status_list, "
        "status_index, key_id, source, source_key, revoked, revoke_reason, credential) "
        "VALUES (?, ?, 'Certified Basics', ?, ?, ?, ?, ?, ?, ?, 'key-1', ?, ?, NULL, NULL, '{}')",
        [
            (
                cid,
                EXAM,
                name,
                email,
                _text(when),
                _text(when),
                _text(when + timedelta(days=730)),
                status,
                i,
                source,
                f"{source}:{cid}",
            )
            for i, (cid, email, name, when, source) in enumerate(credentials)
        ],
    )
    db.commit()
    db.close()


def _response(q: exams.ExamQuestion, right: bool, rng: random.Random) -> object:
    if q.type in {"single", "scenario"}:
        options = list(zip(exams.option_pids(q), q.question.options, strict=True))
        pool = [p for p, o in options if o.correct == right] or [p for p, _ in options]
        return rng.choice(pool)
    if q.type == "multiple":
        return sorted(p for p, o in zip(exams.option_pids(q), q.question.options, strict=True) if o.correct == right)
    if q.type == "true_false":
        return q.question.answer if right else not q.question.answer
    if q.type == "short_text":
        return q.question.accept[0] if right else "no idea"
    if q.type == "ordering":
        items = exams.item_pids(q)
        return items if right else items[::-1]
    lefts, rights = exams.left_pids(q), exams.right_pids(q)
    return dict(zip(lefts, rights if right else rights[1:] + rights[:1], strict=True))


def _text(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=50_000)
    parser.add_argument("--certificates", type=int, default=10_000)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="academy-report-bench-") as folder:
        project = Path(folder) / "project"
        shutil.copytree(PROJECT, project)
        import time

        began = time.perf_counter()
        fill(project, args.requests, args.certificates)
        filled = time.perf_counter() - began
        ledger = project / ".academy" / "ledger.sqlite3"
        out = project / ".academy" / "reports" / "bench.html"
        tasks = [
            ("academy report (HTML, item analysis)", ("report", "--out", out)),
            ("academy report --items", ("report", "--items")),
            ("academy ledger expiring --within 90d (CSV)", ("ledger", "expiring", "--within", "90d")),
        ]
        results = []
        for name, command in tasks:
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            seconds, mib, _ = measure(sys.executable, "-m", "academy.cli", *command, cwd=project)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu = after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime
            results.append((name, seconds, cpu, mib))
        print(f"Report benchmark — Python {platform.python_version()}, {os.cpu_count()} CPU(s), {platform.machine()}")
        print(
            f"ledger: {args.requests:,} stored requests, {args.certificates:,} certificates, "
            f"{ledger.stat().st_size / 2**20:.1f} MiB (written in {filled:.1f} s)"
        )
        print(f"{'task':<44} {'wall s':>9} {'CPU s':>9} {'peak MiB':>9}")
        for name, seconds, cpu, mib in results:
            print(f"{name:<44} {seconds:>9.2f} {cpu:>9.2f} {mib:>9.1f}")
        print(f"report size: {out.stat().st_size / 1024:.0f} KiB ({out.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main()
