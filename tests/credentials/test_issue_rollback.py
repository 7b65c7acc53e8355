"""The one undo that issuing, revoking and publishing share (`credentials/issue/rollback.py`).

A failure the process sees must leave the disk and the ledger as they were before the command:
files it created removed, files it replaced (status lists) restored byte for byte, its pending
rows dropped and no temporary file left, whether the command was `issue` or `revoke`.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.core.project import load_project
from academy.credentials.documents.ob3 import Recipient
from academy.credentials.issue.issuer import Award, Issuer
from academy.credentials.issue.rollback import Undo
from academy.credentials.store.ledger import Ledger
from academy.credentials.store.runs import Runs

LEDGER = ".academy/ledger.sqlite3"
ISSUED = ".academy/issued"
STATUS = "site_config/issuer/status/revocation-1.json"


class Boom(Exception):
    """The failure the tests inject."""


def _issuer(project: Path) -> Issuer:
    return Issuer(load_project(project), ledger=Ledger(project / LEDGER))


def _award(issuer: Issuer, email: str) -> Award:
    rule = issuer.project.certificates["basics-certificate"]
    return Award(rule, Recipient(email.split("@")[0].title(), email), "roster", f"test:{email}", "test")


def _files(project: Path) -> dict[str, bytes]:
    """Every file under the issued folder and the status folder, with its bytes."""
    found = {}
    for folder in (project / ISSUED, (project / STATUS).parent):
        found |= {str(p.relative_to(project)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    return found


def test_undo_removes_what_it_created_and_restores_what_it_replaced(tmp_path: Path) -> None:
    kept, replaced = tmp_path / "kept.json", tmp_path / "list.json"
    kept.write_bytes(b"certificate")
    replaced.write_bytes(b"old list")
    with Runs(tmp_path / "ledger.sqlite3").start(tmp_path) as run:
        undo = Undo(run, Ledger(tmp_path / "ledger.sqlite3"))
        with pytest.raises(Boom), undo.on_failure():
            undo.write(tmp_path / "new.pdf", b"%PDF", 0o600)
            undo.write(kept, b"rewritten", 0o600)  # a certificate's file: the ledger's bytes either way
            undo.write(replaced, b"new list", 0o644, restore=True)
            assert replaced.read_bytes() == b"new list"
            raise Boom
    assert not (tmp_path / "new.pdf").exists()
    assert replaced.read_bytes() == b"old list"
    assert kept.read_bytes() == b"rewritten"
    assert list(tmp_path.glob("*.tmp")) == [] and list(tmp_path.glob(".*.tmp")) == []


def test_a_failing_issue_puts_back_files_status_list_and_rows(keyed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    issuer = _issuer(keyed)
    issuer.issue([_award(issuer, "ada@example.org")])
    before_files, before_rows = _files(keyed), issuer.ledger.entries()
    real = Issuer._status_lists

    wrote: list[Path] = []

    def failing(self: Issuer, *args: object, **kwargs: object) -> list[Path]:
        wrote.extend(real(self, *args, **kwargs))  # type: ignore[arg-type]
        raise Boom  # after step 3 has revoked the old certificate in the list on disk

    monkeypatch.setattr(Issuer, "_status_lists", failing)
    with pytest.raises(Boom):  # a re-issue: a new certificate, and the old one revoked as superseded
        _issuer(keyed).issue([_award(issuer, "ada@example.org")], reissue=True, reason="correction")
    monkeypatch.undo()
    assert wrote == [keyed / STATUS]
    assert _files(keyed) == before_files  # the new files gone, the list back to its bytes
    assert issuer.ledger.entries(pending=True) == before_rows  # no pending row left, nothing superseded


def test_a_failing_revoke_puts_back_the_status_list_and_the_row(keyed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    issuer = _issuer(keyed)
    (done,) = issuer.issue([_award(issuer, "ada@example.org")])
    before_files, before_rows = _files(keyed), issuer.ledger.entries()
    real = Issuer._status_lists
    wrote: list[Path] = []

    def failing(self: Issuer, *args: object, **kwargs: object) -> list[Path]:
        wrote.extend(real(self, *args, **kwargs))  # type: ignore[arg-type]
        raise Boom

    monkeypatch.setattr(Issuer, "_status_lists", failing)
    with pytest.raises(Boom):
        _issuer(keyed).revoke(done.entry.id, "test")
    monkeypatch.undo()
    assert wrote == [keyed / STATUS]  # the list was re-signed on disk before the failure
    assert _files(keyed) == before_files  # and is back to the bytes it had
    assert issuer.ledger.entries(pending=True) == before_rows and not issuer.ledger.get(done.entry.id).revoked  # type: ignore[union-attr]
    entry, already = _issuer(keyed).revoke(done.entry.id, "test")  # and revoking still works afterwards
    assert entry.revoked and not already and _files(keyed)[STATUS] != before_files[STATUS]
