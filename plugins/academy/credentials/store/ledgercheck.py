"""`academy ledger check`: the ledger, the issued files and the status lists must agree.

Each disagreement is a `Finding`: where (a file or a certificate id), what is wrong, and how
`--repair` fixes it (or, when it cannot, how to fix it by hand). What is checked:

* pending rows of a run that died, and the temporary files such runs left;
* every issued certificate has its `.json` (equal to the ledger's) and `.pdf` in the issued folder;
* every certificate file there has a ledger row (the crash of an older version left some);
* every certificate's status index is reserved for it;
* at most one current certificate per person and rule, and what was superseded is revoked;
* every status list says exactly the ledger's revocations, signed with the current key.

`repair` first finishes what interrupted runs left (`Issuer.recover`), then mends the rest in
one ledger transaction, rewrites files from the ledger and re-signs the status lists.
"""

from __future__ import annotations

import contextlib
import json
import re
import sqlite3
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .. import dates
from ..crypto.canonical import loads
from ..crypto.keys import KeyStoreError
from ..crypto.proof import ProofError, proofs_of, verify_proof
from ..documents import ob3, statuslist
from ..issue.issuer import Issuer, _current, _whole
from .files import remove_quietly
from .ledger import ERASED, ISSUED, PENDING, SUPERSEDED, Entry, Transaction
from .runs import sweep

if TYPE_CHECKING:  # the core is imported where it is used
    from academy.core.curriculum import CertificateRule

_FILE = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\.(json|pdf)$")
UNRECORDED = "not recorded when it was issued (found by academy ledger check)"


@dataclass(frozen=True)
class Finding:
    """One disagreement: `where: what — fix`."""

    where: str
    what: str
    fix: str
    repairable: bool = True

    def __str__(self) -> str:
        return f"{self.where}: {self.what} — {self.fix}"


@dataclass
class _Orphan:
    """A certificate file the ledger does not know."""

    path: Path
    credential: dict[str, Any] | None = None
    email: str | None = None
    rule: CertificateRule | None = None
    index: tuple[str, int] | None = None
    notes: list[str] = field(default_factory=list)


class LedgerCheck:
    """Compares the ledger of `issuer` with its issued folder and status lists."""

    def __init__(self, issuer: Issuer) -> None:
        self.issuer = issuer
        self.root = issuer.root

    def _show(self, path: Path) -> str:
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return str(path)

    # Checking -------------------------------------------------------------------------------

    def findings(self) -> list[Finding]:
        """Every disagreement, without changing anything."""
        issuer = self.issuer
        found: list[Finding] = []
        dead = issuer.runs.dead_runs(remove=False)
        folders = {issuer.out_dir, issuer.status_dir} | {d.out_dir for d in dead if d.out_dir}
        for temp in sweep(folders, issuer.runs.alive, remove=False):
            found.append(Finding(self._show(temp), "a temporary file of an interrupted run", "repair removes it"))
        with issuer.ledger.reading() as txn:
            entries = txn.all()
            found += self._pending(entries)
            found += self._files(entries)
            found += [self._orphan_finding(o) for o in self._orphans(txn, entries)]
            found += self._indexes(txn, entries)
            found += self._current(entries, txn.has_one_current_index())
            found += self._status(txn)
        return found

    def _pending(self, entries: list[Entry]) -> list[Finding]:
        found = []
        for entry in entries:
            if entry.state == PENDING and self.issuer.runs.dead(entry.run, remove=False):
                found.append(
                    Finding(
                        entry.id,
                        f"pending: reserved for {entry.name} <{entry.email}> by a run that was interrupted",
                        "repair finishes it (or rolls it back when its signing key is not here)",
                    )
                )
        return found

    def _files(self, entries: list[Entry]) -> list[Finding]:
        found = []
        for entry in entries:
            # An erased learner's files were deleted on purpose (`academy ledger erase`).
            if entry.state != ISSUED or entry.email.startswith(ERASED):
                continue
            json_path, pdf_path = self.issuer._paths(entry.uuid)
            signer = self.issuer.private_key_of(entry.key_id) is not None
            fix = "repair writes it again from the ledger"
            if not signer:
                fix = f"its key {entry.key_id} is not on this machine: restore .academy/keys/ from the backup"
            for path in (json_path, pdf_path):
                if not path.exists():
                    found.append(Finding(self._show(path), f"the file of {entry.id} is missing", fix, signer))
            if json_path.exists() and not _whole(json_path, json_path, entry):
                what = f"differs from the credential the ledger holds for {entry.id}"
                found.append(Finding(self._show(json_path), what, fix, signer))
        return found

    def _orphans(self, txn: Transaction, entries: list[Entry]) -> list[_Orphan]:
        """Certificate files in the issued folder without a ledger row, with what can be told of them."""
        known = {e.uuid for e in entries}
        folder = self.issuer.out_dir
        if not folder.is_dir():
            return []
        names = sorted(p.name for p in folder.iterdir() if _FILE.match(p.name))
        stems = sorted({n.rsplit(".", 1)[0] for n in names} - known)
        owners = {(u, i): c for u, i, c in txn.reserved()}
        orphans = []
        for stem in stems:
            path = folder / f"{stem}.json"
            orphan = _Orphan(path if path.exists() else folder / f"{stem}.pdf")
            if path.exists():
                self._read_orphan(orphan, txn, entries, owners)
            orphans.append(orphan)
        return orphans

    def _read_orphan(
        self, orphan: _Orphan, txn: Transaction, entries: list[Entry], owners: dict[tuple[str, int], str]
    ) -> None:
        site = self.issuer.site
        try:
            credential = loads(orphan.path.read_text(encoding="utf-8"))
            url, index = statuslist.read_entry(credential["credentialStatus"])
            proof = proofs_of(credential)[0]
            key = next(k for k in self.issuer.keystore.public_keys() if k.id == proof.get("verificationMethod"))
            verify_proof(credential, proof, key.public_key)
        except (OSError, ValueError, KeyError, TypeError, IndexError, StopIteration, ProofError) as error:
            orphan.notes.append(f"not a certificate signed by this issuer ({type(error).__name__})")
            return
        orphan.credential = credential
        orphan.index = (url, index)
        owner = owners.get((url, index))
        if owner is not None and owner != credential.get("id"):
            orphan.notes.append(f"its status index {index} belongs to {owner}")
        achievement = credential["credentialSubject"].get("achievement", {}).get("id")
        rules = self.issuer.project.certificates.values()
        orphan.rule = next((r for r in rules if ob3.achievement_for(r, site.url).id == achievement), None)
        if orphan.rule is None:
            orphan.notes.append(f"its achievement {achievement} is no certificate rule of the curriculum")
            return
        emails = sorted({e.email for e in entries if e.certificate == orphan.rule.id})
        orphan.email = next((m for m in emails if ob3.matches_email(credential, m)), None)

    def _orphan_finding(self, orphan: _Orphan) -> Finding:
        where = self._show(orphan.path)
        if orphan.credential is None:
            if orphan.path.suffix == ".pdf":
                return Finding(where, "a certificate PDF without its .json or a ledger row", "repair removes it")
            note = "; ".join(orphan.notes)
            return Finding(where, f"a file the ledger does not know: {note}", "remove or move the file", False)
        if orphan.notes:
            return Finding(
                where,
                f"a signed certificate the ledger does not know; {'; '.join(orphan.notes)}",
                "it was never recorded, so never handed out: remove the file",
                False,
            )
        return Finding(
            where,
            f"a signed certificate ({orphan.credential['id']}) the ledger does not know",
            "repair enters it in the ledger: as the holder's certificate when they have none, else revoked",
        )

    def _indexes(self, txn: Transaction, entries: list[Entry]) -> list[Finding]:
        owners = {(u, i): c for u, i, c in txn.reserved()}
        found = []
        for entry in entries:
            owner = owners.get((entry.status_list, entry.status_index))
            if owner is None:
                found.append(
                    Finding(entry.id, f"its status index {entry.status_index} is not reserved", "repair reserves it")
                )
            elif owner != entry.id:
                found.append(
                    Finding(
                        entry.id,
                        f"its status index {entry.status_index} is reserved for {owner}",
                        f"re-issue it: academy reissue {entry.uuid} --reason \"status index shared\"",
                        False,
                    )
                )
        return found

    def _current(self, entries: list[Entry], indexed: bool) -> list[Finding]:
        found = []
        groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for entry in entries:
            if entry.revoked is None and entry.superseded_by is None:
                groups[(entry.certificate, entry.email)].append(entry)
        for (certificate, email), held in sorted(groups.items()):
            if len(held) > 1:
                ids = ", ".join(e.id for e in held)
                found.append(
                    Finding(
                        email,
                        f"{len(held)} current {certificate} certificates ({ids})",
                        "repair keeps the newest and revokes the others as superseded",
                    )
                )
        by_id = {e.id: e for e in entries}
        for entry in entries:
            successor = by_id.get(entry.superseded_by or "")
            if successor is not None and successor.state == ISSUED and not entry.revoked:
                what = f"superseded by {successor.id} but not revoked"
                found.append(Finding(entry.id, what, "repair revokes it as superseded"))
        if not indexed and not found:
            found.append(
                Finding(
                    str(self.issuer.ledger.path),
                    "the index that allows one current certificate per person and rule is missing",
                    "repair adds it",
                )
            )
        return found

    def _status(self, txn: Transaction) -> list[Finding]:
        found = []
        try:
            key = self.issuer.keystore.active()
        except KeyStoreError as error:
            return [Finding(str(self.issuer.keystore.public_path), str(error), "see the message", False)]
        for url in sorted(set(txn.status_lists()) | {statuslist.list_url(self.issuer.site.url)}):
            path = self.issuer.status_path(url)
            if not _current(path, statuslist.bitstring(txn.revoked_indexes(url)), key.id, dates.utcnow()):
                what = "missing" if not path.exists() else "out of date (new revocations, old key or validity)"
                found.append(Finding(self._show(path), f"the status list is {what}", "repair signs it again"))
        return found

    # Repairing ------------------------------------------------------------------------------

    def repair(self) -> list[str]:
        """Mend every repairable finding; returns what was done, one line each."""
        issuer = self.issuer
        done = issuer.recover().lines()
        with issuer.ledger.transaction() as txn:
            entries = txn.all()
            now = issuer.clock()
            done += self._mend_current(txn, entries, now)
            for entry in entries:
                txn.reserve(entry.status_list, entry.status_index, entry.id)
            done += self._enter_orphans(txn, entries, now)
            with contextlib.suppress(sqlite3.IntegrityError):  # duplicates left: the next check reports them
                txn.ensure_one_current_index()
        with issuer.ledger.reading() as txn:
            entries = [e for e in txn.all() if e.state == ISSUED]
        broken = [e for e in entries if not _whole(*issuer._paths(e.uuid), e)]
        if broken:
            written = issuer.rewrite(broken)
            done.append(f"wrote the files of {len(written)} certificate(s) again from the ledger")
        folder = issuer.out_dir
        if folder.is_dir():
            known = {e.uuid for e in entries}
            for pdf_path in folder.glob("*.pdf"):
                stem = pdf_path.stem
                if _FILE.match(pdf_path.name) and stem not in known and not (folder / f"{stem}.json").exists():
                    remove_quietly(pdf_path)
                    done.append(f"removed {self._show(pdf_path)} (a PDF without its certificate or a ledger row)")
        signed = issuer.publish_status()
        if signed:
            done.append("signed again: " + ", ".join(self._show(p) for p in signed))
        return done

    def _mend_current(self, txn: Transaction, entries: list[Entry], now: datetime) -> list[str]:
        done = []
        groups: dict[tuple[str, str], list[Entry]] = defaultdict(list)
        for entry in entries:
            if entry.revoked is None and entry.superseded_by is None and entry.state == ISSUED:
                groups[(entry.certificate, entry.email)].append(entry)
        for held in groups.values():
            held.sort(key=lambda e: (e.issued, e.id))
            newest = held[-1]
            for older in held[:-1]:
                txn.supersede(older.id, newest.id)
                txn.mark_issued([newest.id], now)
                done.append(f"{older.id}: superseded by {newest.id} (revoked, reason \"{SUPERSEDED}\")")
        by_id = {e.id: e for e in entries}
        for entry in entries:
            successor = by_id.get(entry.superseded_by or "")
            if successor is not None and successor.state == ISSUED and not entry.revoked:
                txn.mark_issued([successor.id], now)
                done.append(f"{entry.id}: revoked as superseded by {successor.id}")
        return done

    def _enter_orphans(self, txn: Transaction, entries: list[Entry], now: datetime) -> list[str]:
        done = []
        for orphan in self._orphans(txn, entries):
            credential, rule = orphan.credential, orphan.rule
            # An orphan without a rule has a note saying so: it is reported, never entered.
            if credential is None or orphan.notes or orphan.index is None or rule is None:
                continue
            url, index = orphan.index
            email = orphan.email or ""
            holds = bool(email) and txn.current(rule.id, email) is not None
            entry = Entry(
                id=str(credential["id"]),
                certificate=rule.id,
                title=rule.title,
                name=ob3.holder_name(credential) or "",
                email=email,
                issued=str(proofs_of(credential)[0].get("created") or credential["validFrom"]),
                valid_from=str(credential["validFrom"]),
                valid_until=credential.get("validUntil"),
                status_list=url,
                status_index=index,
                key_id=str(proofs_of(credential)[0]["verificationMethod"]),
                source="recovered",
                source_key=f"recovered:{credential['id']}",
                revoked=None if email and not holds else dates.to_text(now),
                revoke_reason=None if email and not holds else (SUPERSEDED if holds else UNRECORDED),
                credential=json.dumps(credential, ensure_ascii=False),
            )
            current = txn.current(rule.id, email) if holds else None
            if current is not None:
                entry = replace(entry, superseded_by=current.id)
            txn.reserve(url, index, entry.id)
            txn.add(entry)
            state = "entered as the holder's certificate"
            if entry.revoked is not None:
                state = f"entered, revoked ({entry.revoke_reason})"
            done.append(f"{self._show(orphan.path)}: {state}")
        return done
