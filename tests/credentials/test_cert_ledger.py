"""The ledger: random, never reused status indexes; two issuers at once; all-or-nothing batches."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from certkit import ROOT, academy, tree

from academy.core.project import load_project
from academy.credentials import issue as issuing
from academy.credentials.issue import Award, IssueError, Issuer
from academy.credentials.ledger import Ledger, LedgerError
from academy.credentials.ob3 import Recipient


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
from academy.credentials.issue import Award, Issuer
from academy.credentials.ledger import Ledger
from academy.credentials.ob3 import Recipient
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
    from academy.credentials import statuslist

    bits = statuslist.decode(status["credentialSubject"]["encodedList"])
    assert statuslist.set_indexes(bits) == sorted(r.entry.status_index for r in issued)


def test_issue_errors_carry_every_problem() -> None:
    error = IssueError(["a — fix a", "b — fix b"])
    assert error.problems == ["a — fix a", "b — fix b"] and str(error) == "a — fix a\nb — fix b"
