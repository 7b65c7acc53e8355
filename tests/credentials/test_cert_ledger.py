"""The ledger: random, never reused status indexes; two issuers at once; all-or-nothing batches."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from academy.core.project import load_project
from academy.credentials.documents.ob3 import Recipient
from academy.credentials.issue import issuer as issuing
from academy.credentials.issue.issuer import Award, IssueError, Issuer
from academy.credentials.store.ledger import Ledger, LedgerError
from support.certkit import ROOT, academy, tree


def awards(project: Path, count: int, prefix: str = "p") -> list[Award]:
    rule = load_project(project).certificates["basics-certificate"]
    return [
        Award(rule, Recipient(f"Person {i}", f"{prefix}{i}@example.org"), "roster", f"test:{prefix}{i}", "test")
        for i in range(count)
    ]


def test_indexes_are_random_unique_and_fill_the_list(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    with ledger.transaction() as txn:
        drawn = [txn.allocate("list", 131_072, f"c{i}") for i in range(200)]
    assert len(set(drawn)) == 200
    assert drawn != sorted(drawn) and max(drawn) > 1000
    with ledger.transaction() as txn:
        small = [txn.allocate("small", 20, f"s{i}") for i in range(20)]
        assert sorted(small) == list(range(20))
        with pytest.raises(LedgerError, match="is full"):
            txn.allocate("small", 20, "one too many")


def test_an_index_is_never_reused_even_after_its_credential_is_gone(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    with ledger.transaction() as txn:
        taken = [txn.allocate("tiny", 4, f"c{i}") for i in range(3)]
    with sqlite3.connect(ledger.path) as db:
        db.execute("DELETE FROM credentials")
    with ledger.transaction() as txn:
        assert txn.allocate("tiny", 4, "new") == ({0, 1, 2, 3} - set(taken)).pop()


def test_a_rolled_back_batch_leaves_no_trace(tmp_path: Path) -> None:
    ledger = Ledger(tmp_path / "ledger.sqlite3")
    with ledger.transaction() as txn:
        txn.allocate("list", 8, "kept")
    with pytest.raises(RuntimeError), ledger.transaction() as txn:
        txn.allocate("list", 8, "lost")
        raise RuntimeError("the PDF failed")
    with sqlite3.connect(ledger.path) as db:
        assert db.execute("SELECT credential FROM status_indexes").fetchall() == [("kept",)]


def test_the_ledger_file_is_owner_only(keyed: Path) -> None:
    Issuer(load_project(keyed), ledger=Ledger(keyed / ".academy/ledger.sqlite3")).issue(awards(keyed, 1))
    assert oct(os.stat(keyed / ".academy/ledger.sqlite3").st_mode & 0o777) == "0o600"


def test_a_failing_batch_changes_nothing(keyed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = load_project(keyed)
    ledger = Ledger(keyed / ".academy/ledger.sqlite3")
    Issuer(project, ledger=ledger).issue(awards(keyed, 2, "first"))
    before = tree(keyed / ".academy/issued"), tree(keyed / "site_config"), ledger.entries()
    real = issuing.pdf.render
    calls = []

    def flaky(*args: object) -> bytes:
        calls.append(1)
        if len(calls) == 3:
            raise OSError("disk full")
        return real(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(issuing.pdf, "render", flaky)
    with pytest.raises(OSError, match="disk full"):
        Issuer(project, ledger=ledger).issue(awards(keyed, 5, "second"))
    assert (tree(keyed / ".academy/issued"), tree(keyed / "site_config"), ledger.entries()) == before
    assert not [p for p in (keyed / ".academy/issued").iterdir() if p.name.startswith(".")]  # no temporary files


def test_a_failed_commit_removes_the_new_files(keyed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    project = load_project(keyed)
    ledger = Ledger(keyed / ".academy/ledger.sqlite3")
    Issuer(project, ledger=ledger).issue(awards(keyed, 1, "first"))
    before = tree(keyed / ".academy/issued"), tree(keyed / "site_config")

    def broken_add(self: object, entry: object) -> None:
        raise sqlite3.OperationalError("database is locked")

    monkeypatch.setattr(issuing.Transaction, "add", broken_add)
    with pytest.raises(LedgerError):
        Issuer(project, ledger=ledger).issue(awards(keyed, 2, "second"))
    assert (tree(keyed / ".academy/issued"), tree(keyed / "site_config")) == before
    assert len(ledger.entries()) == 1


SCRIPT = """
import sys
from pathlib import Path
sys.path.insert(0, {plugins!r})
from academy.core.project import load_project
from academy.credentials.issue.issuer import Award, Issuer
from academy.credentials.store.ledger import Ledger
from academy.credentials.documents.ob3 import Recipient
root = Path(sys.argv[1]); prefix = sys.argv[2]
project = load_project(root)
rule = project.certificates["basics-certificate"]
ledger = Ledger(root / ".academy/ledger.sqlite3")
for batch in range(4):
    awards = [Award(rule, Recipient(f"{{prefix}} {{batch}} {{i}}", f"{{prefix}}{{batch}}-{{i}}@example.org"), "roster",
                    f"race:{{prefix}}:{{batch}}:{{i}}", "race") for i in range(5)]
    Issuer(project, ledger=ledger).issue(awards)
print("done")
"""


def test_two_issuers_at_once_never_collide(keyed: Path) -> None:
    script = SCRIPT.format(plugins=str(ROOT / "plugins"))
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", script, str(keyed), who], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
        )
        for who in ("alice", "bob")
    ]
    for run in runs:
        out, err = run.communicate(timeout=300)
        assert run.returncode == 0 and out.strip() == "done", err
    entries = Ledger(keyed / ".academy/ledger.sqlite3").entries()
    assert len(entries) == 40
    assert len({e.status_index for e in entries}) == 40
    assert len(list((keyed / ".academy/issued").glob("*.pdf"))) == 40
    result = academy("verify", "-q", ".academy/issued", cwd=keyed)
    assert result.returncode == 0, result.stdout[-2000:]
    assert "40 checked: 40 valid" in result.stdout


def test_revoking_while_another_issues_keeps_the_status_list_right(keyed: Path) -> None:
    project = load_project(keyed)
    ledger = Ledger(keyed / ".academy/ledger.sqlite3")
    issued = Issuer(project, ledger=ledger).issue(awards(keyed, 3))
    script = SCRIPT.format(plugins=str(ROOT / "plugins"))
    other = subprocess.Popen([sys.executable, "-c", script, str(keyed), "carol"], stdout=subprocess.PIPE, text=True)
    for result in issued:
        Issuer(project, ledger=ledger).revoke(result.entry.id, "test")
    other.communicate(timeout=300)
    status = json.loads((keyed / "site_config/issuer/status/revocation-1.json").read_text())
    from academy.credentials.documents import statuslist

    bits = statuslist.decode(status["credentialSubject"]["encodedList"])
    assert statuslist.set_indexes(bits) == sorted(r.entry.status_index for r in issued)


def test_issue_errors_carry_every_problem() -> None:
    error = IssueError(["a — fix a", "b — fix b"])
    assert error.problems == ["a — fix a", "b — fix b"] and str(error) == "a — fix a\nb — fix b"


# Two issuers at once: the cause of "database is locked" ----------------------------------


HOLDS = """
import sys
sys.path.insert(0, {plugins!r})
from pathlib import Path
from academy.credentials.store.ledger import Ledger
with Ledger(Path(sys.argv[1])).transaction() as txn:
    txn.allocate("list", 131_072, "waited")
print("done")
"""


def test_an_issuer_waits_for_another_that_holds_the_ledger(tmp_path: Path) -> None:
    """Switching the journal mode needs a write lock SQLite refuses at once, without the busy timeout.

    So an issuer that set it on every connection failed with "database is locked" whenever
    another held the ledger and the mode was not WAL yet (a fresh ledger, or one restored
    from a backup). The mode is set once, when the ledger is made: an issuer now waits."""
    path = tmp_path / "ledger.sqlite3"
    with Ledger(path).transaction() as txn:
        txn.allocate("list", 131_072, "first")
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA journal_mode = DELETE")  # as restored from a backup without its -wal file
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")
    waiting = subprocess.Popen(
        [sys.executable, "-c", HOLDS.format(plugins=str(ROOT / "plugins")), str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        with pytest.raises(subprocess.TimeoutExpired):
            waiting.wait(timeout=1.5)  # it waits for the lock (and does not fail)
    finally:
        holder.execute("COMMIT")
        holder.close()
    out, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 0 and out.strip() == "done", err
    with sqlite3.connect(path) as db:
        assert db.execute("SELECT count(*) FROM status_indexes").fetchone() == (2,)


def _race(folder: Path, trials: int, barrier: Any, errors: Any) -> None:
    for trial in range(trials):
        barrier.wait()
        try:
            with Ledger(folder / f"{trial}.sqlite3").transaction() as txn:
                txn.allocate("list", 131_072, f"{os.getpid()}")
        except LedgerError as error:
            errors.put(str(error))


@pytest.mark.skipif(sys.platform == "win32", reason="uses fork")
def test_issuers_racing_to_make_the_ledger_never_collide(tmp_path: Path) -> None:
    context = multiprocessing.get_context("fork")
    barrier, errors, trials = context.Barrier(8), context.Queue(), 25
    racers = [context.Process(target=_race, args=(tmp_path, trials, barrier, errors)) for _ in range(8)]
    for racer in racers:
        racer.start()
    for racer in racers:
        racer.join(timeout=300)
    failures = []
    while not errors.empty():
        failures.append(errors.get())
    assert failures == [] and all(r.exitcode == 0 for r in racers)
    for trial in range(trials):
        with sqlite3.connect(tmp_path / f"{trial}.sqlite3") as db:
            assert db.execute("SELECT count(*) FROM status_indexes").fetchone() == (8,)
    assert not list(tmp_path.glob(".*"))  # no temporary ledger left behind


def test_the_ledger_appears_complete_owner_only_and_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / ".academy" / "ledger.sqlite3"
    with Ledger(path).transaction():
        pass
    assert oct(os.stat(path).st_mode & 0o777) == "0o600"
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert db.execute("PRAGMA user_version").fetchone() == (2,)
        tables = {n for (n,) in db.execute("SELECT name FROM sqlite_master")}
    assert {"credentials", "status_indexes", "credentials_current"} <= tables
    assert sorted(p.name for p in path.parent.iterdir() if p.name.startswith(".ledger")) == []
