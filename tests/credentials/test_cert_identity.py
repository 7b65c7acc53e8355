"""One current certificate per person and rule; re-issuing supersedes (and revokes) the old one."""

from __future__ import annotations

import json
import sqlite3
from datetime import timedelta
from pathlib import Path

import pytest

from academy.core.project import load_project
from academy.credentials import dates
from academy.credentials.documents import statuslist
from academy.credentials.documents.ob3 import Recipient
from academy.credentials.issue.issuer import Award, IssueError, Issuer
from academy.credentials.store.ledger import Ledger
from support.certkit import academy

LEDGER = ".academy/ledger.sqlite3"
ISSUED = ".academy/issued"
STATUS = "site_config/issuer/status/revocation-1.json"


def revoked_bits(project: Path) -> list[int]:
    status = json.loads((project / STATUS).read_text())
    return statuslist.set_indexes(statuslist.decode(status["credentialSubject"]["encodedList"]))


def award(project: Path, key: str, email: str = "ada@example.org", name: str = "Ada Lovelace") -> Award:
    rule = load_project(project).certificates["basics-certificate"]
    return Award(rule, Recipient(name, email), "completion", key, "test")


def test_a_request_that_differs_only_in_time_returns_the_certificate_held(keyed: Path) -> None:
    """Records re-sent with another `completed` time have another digest, so another source key."""
    issuer = Issuer(load_project(keyed), ledger=Ledger(keyed / LEDGER))
    (first,) = issuer.issue([award(keyed, "completion:records-at-10:15")])
    (second,) = issuer.issue([award(keyed, "completion:records-at-10:16", email="  ADA@Example.org ")])
    assert first.new and not second.new and second.entry.id == first.entry.id
    assert len(Ledger(keyed / LEDGER).entries()) == 1


def test_one_batch_with_the_same_person_twice_issues_once(keyed: Path) -> None:
    issuer = Issuer(load_project(keyed), ledger=Ledger(keyed / LEDGER))
    results = issuer.issue([award(keyed, "a"), award(keyed, "b")])
    assert [r.new for r in results] == [True, False] and results[0].entry.id == results[1].entry.id
    assert len(list((keyed / ISSUED).glob("*.json"))) == 1


def test_the_ledger_itself_refuses_a_second_current_certificate(keyed: Path) -> None:
    Issuer(load_project(keyed), ledger=Ledger(keyed / LEDGER)).issue([award(keyed, "a")])
    with sqlite3.connect(keyed / LEDGER) as db, pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
        db.execute(
            "INSERT INTO credentials SELECT 'urn:uuid:other', certificate, title, name, email, issued, valid_from,"
            " valid_until, status_list, status_index + 1, key_id, source, 'other', revoked, revoke_reason,"
            " credential, state, run, superseded_by, reissue_reason FROM credentials"
        )


def test_a_roster_run_twice_issues_once_and_reissue_supersedes(keyed: Path) -> None:
    (keyed / "roster.csv").write_text("name,email\nAda Lovelace,ada@example.org\nBob,bob@example.org\n")
    args = ["issue", "--roster", "roster.csv", "--certificate", "basics-certificate"]
    assert "2 issued, 0 already issued." in academy(*args, cwd=keyed).stdout
    assert "0 issued, 2 already issued." in academy(*args, cwd=keyed).stdout
    old = {e.email: e for e in Ledger(keyed / LEDGER).entries()}
    again = academy(*args, "--reissue", cwd=keyed)
    assert again.returncode == 0, again.stderr
    assert "2 issued, 0 already issued." in again.stdout
    assert f"(supersedes {old['ada@example.org'].id})" in again.stdout
    entries = Ledger(keyed / LEDGER).entries()
    assert len(entries) == 4
    current = {e.email: e for e in entries if e.status() == "active"}
    assert sorted(current) == ["ada@example.org", "bob@example.org"]
    for email, before in old.items():
        now = Ledger(keyed / LEDGER).get(before.id)
        assert now is not None and now.superseded_by == current[email].id
        assert now.revoke_reason == "superseded" and now.status() == "superseded"
    assert revoked_bits(keyed) == sorted(e.status_index for e in old.values())
    verified = academy("verify", "-q", ISSUED, cwd=keyed)
    assert "4 checked: 2 revoked, 2 valid" in verified.stdout, verified.stdout
    listed = academy("ledger", "list", cwd=keyed).stdout
    assert listed.count("superseded") == 2 and listed.count("active") == 2


def test_reissue_by_id_corrects_the_name(keyed: Path) -> None:
    (keyed / "roster.csv").write_text("name,email\nAda Lovelase,ada@example.org\n")
    academy("issue", "--roster", "roster.csv", "--certificate", "basics-certificate", cwd=keyed)
    (old,) = Ledger(keyed / LEDGER).entries()
    result = academy("reissue", old.uuid, "--reason", "name misspelt", "--name", "Ada Lovelace", cwd=keyed)
    assert result.returncode == 0, result.stderr
    assert f"to Ada Lovelace <ada@example.org> (supersedes {old.id})" in result.stdout
    new = next(e for e in Ledger(keyed / LEDGER).entries() if e.id != old.id)
    assert new.reissue_reason == "name misspelt" and new.status() == "active"
    assert json.loads((keyed / ISSUED / f"{new.uuid}.json").read_text())["credentialSubject"]["identifier"][0][
        "identityHash"
    ] == "Ada Lovelace"
    again = academy("reissue", old.uuid, "--reason", "twice", cwd=keyed)
    assert again.returncode == 1 and f"was already superseded by {new.id} — re-issue that one" in again.stderr
    unknown = academy("reissue", "00000000-0000-4000-8000-000000000000", "--reason", "x", cwd=keyed)
    assert unknown.returncode == 1 and "no certificate" in unknown.stderr


def test_an_expired_certificate_is_renewed_and_superseded(keyed: Path) -> None:
    project = load_project(keyed)
    rule = project.certificates["basics-certificate"]
    from dataclasses import replace

    rule = replace(rule, validity_months=12)
    start = dates.utcnow().replace(microsecond=0) - timedelta(days=800)
    clock = {"now": start}
    issuer = Issuer(project, ledger=Ledger(keyed / LEDGER), clock=lambda: clock["now"])
    (first,) = issuer.issue([Award(rule, Recipient("Ada", "ada@example.org"), "roster", "r1", "test")])
    clock["now"] = start + timedelta(days=30)
    (held,) = issuer.issue([Award(rule, Recipient("Ada", "ada@example.org"), "roster", "r2", "test")])
    assert not held.new  # still active: the same one
    clock["now"] = start + timedelta(days=400)
    (renewed,) = issuer.issue([Award(rule, Recipient("Ada", "ada@example.org"), "roster", "r3", "test")])
    assert renewed.new and renewed.supersedes == first.entry.id
    old = Ledger(keyed / LEDGER).get(first.entry.id)
    assert old is not None and old.superseded_by == renewed.entry.id and old.revoke_reason == "superseded"
    assert renewed.entry.reissue_reason == "expired"


def test_a_failed_reissue_keeps_the_old_certificate_current(keyed: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from academy.credentials.issue import issuer as issuing

    issuer = Issuer(load_project(keyed), ledger=Ledger(keyed / LEDGER))
    (first,) = issuer.issue([award(keyed, "a")])
    bits = revoked_bits(keyed)

    def broken(*args: object) -> bytes:
        raise OSError("disk full")

    monkeypatch.setattr(issuing.pdf, "render", broken)
    with pytest.raises(OSError, match="disk full"):
        issuer.issue([award(keyed, "b")], reissue=True, reason="test")
    monkeypatch.undo()
    entries = Ledger(keyed / LEDGER).entries(pending=True)
    assert [e.id for e in entries] == [first.entry.id] and entries[0].superseded_by is None
    assert revoked_bits(keyed) == bits
    (again,) = issuer.issue([award(keyed, "c")])
    assert again.entry.id == first.entry.id and not again.new


def test_reissue_needs_a_reason(keyed: Path) -> None:
    issuer = Issuer(load_project(keyed), ledger=Ledger(keyed / LEDGER))
    (first,) = issuer.issue([award(keyed, "a")])
    with pytest.raises(IssueError, match="give the reason"):
        issuer.reissue(first.entry.id, "  ")


def test_ledger_check_repairs_what_an_older_version_left(keyed: Path) -> None:
    """Signed files without their rows (the crash of old) and the second certificates the re-run issued."""
    people = "name,email\nAda,ada@example.org\nBob,bob@example.org\nCy,cy@example.org\nDan,dan@example.org\n"
    (keyed / "roster.csv").write_text(people)
    args = ["issue", "--roster", "roster.csv", "--certificate", "basics-certificate"]
    academy(*args, cwd=keyed)
    entries = {e.email: e for e in Ledger(keyed / LEDGER).entries()}
    bob, cy = entries["bob@example.org"], entries["cy@example.org"]
    with sqlite3.connect(keyed / LEDGER) as db:
        db.execute("DROP INDEX credentials_current")  # the ledger of a version before it
        db.execute("UPDATE credentials SET email = 'ada@example.org' WHERE id = ?", (entries["dan@example.org"].id,))
        for lost in (bob, cy):
            db.execute("DELETE FROM credentials WHERE id = ?", (lost.id,))
            db.execute("DELETE FROM status_indexes WHERE credential = ?", (lost.id,))
    (keyed / "bob.csv").write_text("name,email\nBob,bob@example.org\n")
    academy("issue", "--roster", "bob.csv", "--certificate", "basics-certificate", cwd=keyed)  # Bob's second
    check = academy("ledger", "check", cwd=keyed)
    assert check.returncode == 1
    assert "ada@example.org: 2 current basics-certificate certificates" in check.stderr
    for lost in (bob, cy):
        assert f".academy/issued/{lost.uuid}.json: a signed certificate ({lost.id}) the ledger does not know" in (
            check.stderr
        )
    repaired = academy("ledger", "check", "--repair", cwd=keyed)
    assert repaired.returncode == 0, repaired.stdout + repaired.stderr
    after = Ledger(keyed / LEDGER)
    old_bob, old_cy = after.get(bob.id), after.get(cy.id)
    assert old_bob is not None and old_bob.email == "bob@example.org" and old_bob.status() == "superseded"
    assert old_cy is not None and old_cy.status() == "revoked"  # no row told its e-mail: it cannot stay valid
    assert "(not recorded when it was issued" in repaired.stdout
    assert [e.status() for e in after.entries(person="bob@example.org")] == ["superseded", "active"]
    assert sorted(e.status() for e in after.entries(person="ada@example.org")) == ["active", "superseded"]
    assert academy("ledger", "check", cwd=keyed).returncode == 0
    with sqlite3.connect(keyed / LEDGER) as db:
        assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'credentials_current'").fetchone() == (1,)
    assert set(revoked_bits(keyed)) >= {bob.status_index, cy.status_index}
    verified = academy("verify", "-q", ISSUED, cwd=keyed)
    assert "5 checked: 3 revoked, 2 valid" in verified.stdout, verified.stdout
