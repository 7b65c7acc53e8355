"""Nothing lost: issuance killed (SIGKILL) at chosen points, then the next run and `academy ledger check`.

The issuer runs as a real process. A small wrapper installs a hook that kills the process with
SIGKILL at one point (a test-only hook: the product has none), or the test kills a large
roster run from outside while it writes. After every kill, each certificate file on disk has a
ledger row and each status index belongs to one certificate; the next run finishes the rest,
removes the temporary files and leaves exactly one certificate per person.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from academy.core.project import load_project
from academy.credentials.documents import statuslist
from academy.credentials.issue.issuer import Issuer
from academy.credentials.store.ledger import Ledger
from support.certkit import ROOT, academy

LEDGER = ".academy/ledger.sqlite3"
ISSUED = ".academy/issued"
STATUS = "site_config/issuer/status/revocation-1.json"

#: Runs `academy ARGS` with a hook that SIGKILLs the process at POINT (after COUNT events).
CRASHING = """
import os, signal, sys
sys.path.insert(0, {plugins!r})
point, count = sys.argv[1], int(sys.argv[2])
from academy.credentials.issue import issuer as issue
from academy.credentials.store import ledger
seen = [0]

def die_on(n):
    seen[0] += 1
    if seen[0] >= n:
        os.kill(os.getpid(), signal.SIGKILL)

if point == "reserved":  # the rows are committed as pending, no file is written yet
    real_write = issue.Issuer._write
    def write(self, work, *args, **kwargs):
        if work:
            die_on(count)
        return real_write(self, work, *args, **kwargs)
    issue.Issuer._write = write
elif point == "replace":  # a temporary file is written and fsynced, not yet renamed into place
    real_replace = issue.os.replace
    def replace(source, target):
        if str(source).endswith(".tmp"):
            die_on(count)
        return real_replace(source, target)
    issue.os.replace = replace
elif point == "status":  # the status list is re-signed on disk, the marking transaction not committed
    real_status = issue.Issuer._status_lists
    def status_lists(self, *args, **kwargs):
        written = real_status(self, *args, **kwargs)
        if written:
            die_on(count)
        return written
    issue.Issuer._status_lists = status_lists
elif point == "mark":  # inside the marking transaction
    real_mark = ledger.Transaction.mark_issued
    def mark(self, ids, when):
        real_mark(self, ids, when)
        die_on(count)
    ledger.Transaction.mark_issued = mark
from academy.cli import main
sys.exit(main(sys.argv[3:]))
"""


def crashing(project: Path, point: str, count: int, *args: str) -> subprocess.CompletedProcess[str]:
    """`academy ARGS` killed by SIGKILL at `point` (the `count`-th time it is reached)."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("ACADEMY_LEDGER", None)
    script = CRASHING.format(plugins=str(ROOT / "plugins"))
    return subprocess.run(
        [sys.executable, "-c", script, point, str(count), *args],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=600,
    )


def write_roster(project: Path, count: int, name: str = "roster.csv") -> Path:
    lines = ["name,email", *(f"Person {i},person{i}@example.org" for i in range(count))]
    path = project / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def roster_args(roster: str = "roster.csv") -> list[str]:
    return ["issue", "--roster", roster, "--certificate", "basics-certificate"]


def rows(project: Path) -> dict[str, tuple[str, str, int, str]]:
    """Every ledger row: uuid -> (state, status list, index, signed JSON)."""
    with sqlite3.connect(project / LEDGER) as db:
        if not db.execute("SELECT 1 FROM sqlite_master WHERE name = 'credentials'").fetchone():
            return {}  # the first batch never committed
        found = db.execute("SELECT id, state, status_list, status_index, credential FROM credentials").fetchall()
    return {i.removeprefix("urn:uuid:"): (state, url, index, text) for i, state, url, index, text in found}


def temporary_files(project: Path) -> list[Path]:
    return [p for p in project.rglob("*.tmp")]


def assert_consistent(project: Path) -> dict[str, tuple[str, str, int, str]]:
    """What must hold at every moment, even straight after a SIGKILL."""
    ledger = rows(project)
    issued = project / ISSUED
    names = issued.iterdir() if issued.is_dir() else []
    on_disk = [p for p in names if p.suffix in {".json", ".pdf"} and not p.name.startswith(".")]
    unknown = sorted(p.name for p in on_disk if p.stem not in ledger)
    assert not unknown, f"{len(unknown)} certificate files without a ledger row: {unknown[:5]}"
    for path in on_disk:
        if path.suffix == ".json":
            assert json.loads(path.read_text()) == json.loads(ledger[path.stem][3]), path.name
        else:
            assert path.read_bytes().startswith(b"%PDF-") and path.read_bytes().rstrip().endswith(b"%%EOF")
    indexes = [(url, index) for _, url, index, _ in ledger.values()]
    assert len(indexes) == len(set(indexes)), "two certificates share a status index"
    with sqlite3.connect(project / LEDGER) as db:
        query = "SELECT status_list, status_index, credential FROM status_indexes"
        reserved = {(u, i): c for u, i, c in db.execute(query)} if ledger else {}
    for uuid, (_, url, index, _) in ledger.items():
        assert reserved.get((url, index)) == f"urn:uuid:{uuid}", f"index {index} of {uuid} is not reserved for it"
    return ledger


def assert_one_each(project: Path, people: int) -> None:
    """After a run completes: one issued certificate per person, nothing pending, no temporary file."""
    ledger = assert_consistent(project)
    assert {state for state, *_ in ledger.values()} == {"issued"}
    entries = Ledger(project / LEDGER).entries()
    assert len(entries) == people and len({e.email for e in entries}) == people
    assert {e.status() for e in entries} == {"active"}
    assert len(list((project / ISSUED).glob("*.pdf"))) == people
    assert len(list((project / ISSUED).glob("*.json"))) == people
    assert temporary_files(project) == []
    check = academy("ledger", "check", cwd=project)
    assert check.returncode == 0, check.stderr


# Kills at chosen points, on a small roster -------------------------------------------------


@pytest.mark.parametrize(
    ("point", "count"),
    [("reserved", 1), ("replace", 1), ("replace", 6), ("status", 1), ("mark", 1)],
)
def test_a_run_killed_at_any_point_is_finished_by_the_next(keyed: Path, point: str, count: int) -> None:
    write_roster(keyed, 5)
    killed = crashing(keyed, point, count, *roster_args())
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    ledger = assert_consistent(keyed)
    assert len(ledger) == 5 and {state for state, *_ in ledger.values()} == {"pending"}
    if point == "replace":
        assert temporary_files(keyed), "the kill left the temporary file it was about to rename"
    check = academy("ledger", "check", cwd=keyed)
    assert check.returncode == 1
    assert "pending: reserved for Person 0 <person0@example.org> by a run that was interrupted" in check.stderr
    again = academy(*roster_args(), cwd=keyed)
    assert again.returncode == 0, again.stderr
    assert "finished 5 certificate(s) an interrupted run had reserved" in again.stderr
    assert "0 issued, 5 already issued." in again.stdout
    assert_one_each(keyed, 5)
    verified = academy("verify", "-q", ISSUED, cwd=keyed)
    assert "5 checked: 5 valid" in verified.stdout, verified.stdout


def test_ledger_check_repair_finishes_an_interrupted_run(keyed: Path) -> None:
    write_roster(keyed, 3)
    crashing(keyed, "replace", 3, *roster_args())
    leftovers = temporary_files(keyed)
    assert len(leftovers) == 1
    check = academy("ledger", "check", cwd=keyed)
    assert check.returncode == 1
    assert "a temporary file of an interrupted run — repair removes it" in check.stderr
    assert "run `academy ledger check --repair`" in check.stderr
    repaired = academy("ledger", "check", "--repair", cwd=keyed)
    assert repaired.returncode == 0, repaired.stderr
    assert "repaired: finished 3 certificate(s)" in repaired.stdout
    assert "removed 1 temporary file(s)" in repaired.stdout
    assert_one_each(keyed, 3)


def test_revoke_after_a_crash_finishes_first_then_revokes(keyed: Path) -> None:
    write_roster(keyed, 2)
    crashing(keyed, "reserved", 1, *roster_args())
    (uuid, _), *_ = rows(keyed).items()
    result = academy("revoke", uuid, "--reason", "left the company", cwd=keyed)
    assert result.returncode == 0, result.stderr
    assert "finished 2 certificate(s)" in result.stderr
    status = json.loads((keyed / STATUS).read_text())
    bits = statuslist.decode(status["credentialSubject"]["encodedList"])
    assert statuslist.set_indexes(bits) == [rows(keyed)[uuid][2]]
    assert (keyed / ISSUED / f"{uuid}.json").exists()


def test_a_killed_revocation_is_put_right_by_the_next_run(keyed: Path) -> None:
    write_roster(keyed, 2)
    assert academy(*roster_args(), cwd=keyed).returncode == 0
    uuid = next(iter(rows(keyed)))
    # The list is re-signed on disk, then the process dies before the ledger commits.
    killed = crashing(keyed, "status", 1, "revoke", uuid, "--reason", "test")
    assert killed.returncode == -signal.SIGKILL
    assert Ledger(keyed / LEDGER).get(uuid).revoked is None  # type: ignore[union-attr]
    check = academy("ledger", "check", cwd=keyed)
    assert check.returncode == 1 and "the status list is out of date" in check.stderr
    assert academy("ledger", "check", "--repair", cwd=keyed).returncode == 0
    bits = statuslist.decode(json.loads((keyed / STATUS).read_text())["credentialSubject"]["encodedList"])
    assert statuslist.set_indexes(bits) == []  # the ledger says it was not revoked, and so does the list


def test_a_run_that_fails_without_dying_leaves_nothing_pending(keyed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from academy.credentials.documents.ob3 import Recipient
    from academy.credentials.issue import issuer as issuing
    from academy.credentials.issue.issuer import Award

    project = load_project(keyed)
    rule = project.certificates["basics-certificate"]
    ledger = Ledger(keyed / LEDGER)

    def failing(self: object, ids: object, when: object) -> None:
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(issuing.Transaction, "mark_issued", failing)
    awards = [Award(rule, Recipient("Ada", "ada@example.org"), "roster", "k1", "test")]
    with pytest.raises(issuing.LedgerError):
        Issuer(project, ledger=ledger).issue(awards)
    monkeypatch.undo()
    assert rows(keyed) == {} and ledger.entries(pending=True) == []
    assert list((keyed / ISSUED).glob("*")) == [] and temporary_files(keyed) == []


def test_a_live_run_is_left_alone_by_another(keyed: Path) -> None:
    """A second issuer must not finish (or sweep) the pending rows of a run that is still going."""
    from academy.credentials.store.runs import Runs

    write_roster(keyed, 2)
    crashing(keyed, "reserved", 1, *roster_args())
    pending = rows(keyed)
    ledger_path = keyed / LEDGER
    # Pretend the dead run is alive: hold a lock file under its id, as a live run does.
    with sqlite3.connect(ledger_path) as db:
        (run,) = {r for (r,) in db.execute("SELECT run FROM credentials")}
    runs = Runs(ledger_path)
    import fcntl

    lock = runs.folder / f"{run}.lock"
    fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        other = academy(*roster_args(), cwd=keyed)
        assert other.returncode == 0, other.stderr
        assert "0 issued, 2 already issued." in other.stdout  # the live run's pending rows count as held
        assert rows(keyed) == pending and "finished" not in other.stderr
        assert "a temporary file" not in academy("ledger", "check", cwd=keyed).stderr
    finally:
        os.close(fd)
    assert academy("ledger", "check", "--repair", cwd=keyed).returncode == 0
    assert_one_each(keyed, 2)


# A large roster killed from outside, again and again ----------------------------------------


def kill_when(project: Path, args: list[str], pdfs: int) -> None:
    """Start `academy ARGS` and SIGKILL it once `pdfs` certificate PDFs are on disk."""
    environment = {**os.environ, "PYTHONPATH": str(ROOT / "plugins"), "NO_MKDOCS_2_WARNING": "1"}
    environment.pop("ACADEMY_LEDGER", None)
    run = subprocess.Popen(
        [sys.executable, "-m", "academy.cli", *args],
        cwd=project,
        env=environment,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    issued = project / ISSUED
    deadline = time.monotonic() + 600
    try:
        while run.poll() is None and time.monotonic() < deadline:
            if issued.is_dir() and len(list(issued.glob("*.pdf"))) >= pdfs:
                break
            time.sleep(0.02)
        assert run.poll() is None, "the run ended before it could be killed"
        run.send_signal(signal.SIGKILL)
    finally:
        run.wait()


def test_a_large_roster_killed_again_and_again_issues_each_person_once(keyed: Path) -> None:
    people = 220
    write_roster(keyed, people)
    kill_when(keyed, roster_args(), 40)  # while it writes the first certificates
    assert_consistent(keyed)
    crashing(keyed, "replace", 61, *roster_args())  # the next run, while it finishes them
    assert_consistent(keyed)
    kill_when(keyed, roster_args(), 150)  # and the one after
    assert_consistent(keyed)
    crashing(keyed, "mark", 1, *roster_args())
    assert_consistent(keyed)
    final = academy(*roster_args(), cwd=keyed)
    assert final.returncode == 0, final.stderr
    assert f"0 issued, {people} already issued." in final.stdout
    assert_one_each(keyed, people)
    verified = academy("verify", "-q", ISSUED, cwd=keyed)
    assert f"{people} checked: {people} valid" in verified.stdout, verified.stdout[-2000:]
    # Every one of them can be revoked, and the status list then says so.
    ledger = Ledger(keyed / LEDGER)
    entries = ledger.entries()
    cli = academy("revoke", entries[0].uuid, "--reason", "checked from the shell", cwd=keyed)
    assert cli.returncode == 0, cli.stderr
    issuer = Issuer(load_project(keyed), ledger=ledger)
    for entry in entries[1:]:
        issuer.revoke(entry.id, "test")
    bits = statuslist.decode(json.loads((keyed / STATUS).read_text())["credentialSubject"]["encodedList"])
    assert statuslist.set_indexes(bits) == sorted(e.status_index for e in entries)
    assert {e.status() for e in ledger.entries()} == {"revoked"}
