"""Issuing certificates: from hub-scored certificate requests (`requests.py`) or a workshop roster (`roster.py`).

Practice quizzes never earn a certificate: completion records are not accepted any more.

Everything is checked before anything is written. A batch is then issued in three steps, so
that nothing is lost whenever the process stops, even by SIGKILL or a power cut:

1. reserve: in one ledger transaction, draw the status-list indexes, sign the credentials
   and commit their rows as `pending` (the signed JSON is in the ledger from here on);
2. write: each `.json` and `.pdf` goes to a temporary file, fsynced, then `os.replace`d
   into place (a reader sees the whole file or none);
3. mark: in a second transaction, the rows become `issued`, the certificates they supersede
   are revoked, and the status lists are re-signed.

A failure the process sees undoes its own writes (new files removed, status lists restored,
pending rows dropped). A run that dies instead leaves pending rows and tagged temporary files
(`runs.py`): every later issuing command, `academy revoke` and `academy ledger check` first
finish them (the signed JSON is rewritten from the ledger) or, without the signing key, roll
them back, and remove the temporary files.

The steps are short methods of `Issuer` here; the ledger side of them is `transaction.py`, the
files a certificate is made of `render.py` and `signing.py`, and the one undo every command
shares `rollback.py`.

One current certificate per person (normalised e-mail) and rule: issuing again, from the same
records, from records that differ only in time, or from a roster, returns the certificate
already held while it is active. A certificate is replaced only on purpose: when the old one
has expired, or with `reissue=True` (`academy issue --reissue`, `academy reissue ID`); the old
one then records `superseded_by` and is revoked in the status list with the reason "superseded".
"""

from __future__ import annotations

import os  # noqa: F401 - the SIGKILL-at-rename test reaches `os.replace` through this module
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import closing, contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .. import dates
from ..crypto.canonical import dumps
from ..crypto.keys import KeyStore, KeyStoreError
from ..documents import ob3, pdf, statuslist  # noqa: F401 - `pdf`: tests replace `pdf.render` through this module
from ..documents.profile import IssuerKey
from ..store.files import PRIVATE, private_folder, remove_quietly, sync_folder
from ..store.ledger import ISSUED, PENDING, Entry, Ledger, LedgerError, Transaction, normal_email
from ..store.runs import DeadRun, Run, Runs, sweep
from . import transaction
from .awards import Award, Issued, IssueError, Progress
from .language import RuleTexts, award_language, rule_texts
from .render import Work, certificate_files, certificate_text, qr_link, summary_of
from .rollback import Undo
from .roster import from_roster, unknown_certificate
from .signing import is_current, sign, sign_credential, signed_status_list
from .transaction import Recovery, whole

if TYPE_CHECKING:
    from academy.core.project import Project

__all__ = [
    "DEFAULT_OUT",
    "Award",
    "IssueError",
    "Issued",
    "Issuer",
    "Progress",
    "Recovery",
    "certificate_text",
    "from_roster",
    "qr_link",
    "sign",
    "sign_credential",
    "summary_of",
]

DEFAULT_OUT = f"{PRIVATE}/issued"

#: The names `ledgercheck.py` imports from here.
_current, _whole = is_current, whole


class Issuer:
    """Signs, renders and records certificates for one project (steps in the module docstring)."""

    def __init__(
        self,
        project: Project,
        *,
        ledger: Ledger,
        out_dir: Path | None = None,
        keystore: KeyStore | None = None,
        clock: Callable[[], datetime] = dates.utcnow,
    ) -> None:
        if project.site is None:
            raise IssueError([f"{project.layout.site_file} is missing or invalid — run `academy validate` and fix it"])
        self.project = project
        self.site = project.site
        self.root: Path = project.root
        self.ledger = ledger
        self.out_dir = out_dir or self.root / DEFAULT_OUT
        self.keystore = keystore or KeyStore(self.root, self.site.issuer.id, project.layout.keys_file)
        #: The signed status lists, which the certificates plugin publishes.
        self.status_dir: Path = self.root / project.layout.status_dir
        self.clock = clock
        self.runs = Runs(ledger.path)
        #: What the last command finished or rolled back of the runs that died before it.
        self.recovered = Recovery()
        self._texts: RuleTexts | None = None

    @property
    def texts(self) -> RuleTexts:
        """The certificate rules' texts per language (read on first use: translations are files)."""
        if self._texts is None:
            self._texts = rule_texts(self.project)
        return self._texts

    def status_path(self, url: str) -> Path:
        return self.status_dir / url.rsplit("/", 1)[-1]

    # Commands ------------------------------------------------------------------------------

    def issue(
        self,
        awards: Sequence[Award],
        progress: Progress | None = None,
        *,
        reissue: bool = False,
        reason: str | None = None,
        written: Callable[[Issued], None] | None = None,
    ) -> list[Issued]:
        """Issue every award, all or nothing; `reissue` replaces the certificates people hold.

        `written(issued)` is told as soon as one certificate's files are on disk (before step 3
        marks the rows issued: a failure after it still rolls everything back).
        """
        key, private = self._signing_key()
        with self._run(key, private) as undo:
            results, work = self._reserve(awards, undo, key, private, reissue, reason)  # 1. reserve
            self._write(work, undo, progress, written)  # 2. write
            self._mark(undo.pending, key, private, undo)  # 3. mark
        return [replace(r, entry=replace(r.entry, state=ISSUED, run=None)) if r.new else r for r in results]

    def reissue(self, credential_id: str, reason: str, name: str | None = None) -> Issued:
        """Issue a certificate again (a correction, or a renewal), superseding the one held now."""
        if not reason.strip():
            raise IssueError(["give the reason for the re-issue: --reason TEXT"])
        entry = self._reissuable(credential_id)
        rule = self.project.certificates.get(entry.certificate)
        if rule is None:
            raise IssueError([unknown_certificate(self.project, entry.certificate)])
        try:
            holder = ob3.clean_name(name) if name is not None else entry.name
        except ValueError as error:
            raise IssueError([f"--name: {error}"]) from error
        key = f"reissue:{entry.id}:{uuid.uuid4()}"
        award = Award(rule, ob3.Recipient(holder, entry.email), "reissue", key, entry.id)
        (result,) = self.issue([award], reissue=True, reason=reason.strip())
        return result

    def revoke(self, credential_id: str, reason: str) -> tuple[Entry, bool]:
        """Revoke a certificate and re-sign its status list: (entry, whether it was already revoked)."""
        if not reason.strip():
            raise IssueError(["give the reason for the revocation: --reason TEXT"])
        key, private = self._signing_key()
        try:
            with self._run(key, private) as undo, self.ledger.transaction() as txn:
                before = txn.get(credential_id)
                now = self.clock()
                entry = txn.revoke(credential_id, reason.strip(), now)
                self._status_lists(txn, key, private, now, undo)
        except LedgerError as error:
            raise IssueError([str(error)]) from error
        return entry, bool(before and before.revoked)

    def publish_status(self) -> list[Path]:
        """Re-sign the status lists when they are missing, out of date or signed by a retired key."""
        key, private = self.keystore.signing_key()
        with self._run(key, private) as undo, self.ledger.transaction() as txn:
            return self._status_lists(txn, key, private, self.clock(), undo)

    def recover(self) -> Recovery:
        """Finish or roll back what runs that died left (pending rows, temporary files); see `ledger check`."""
        key, private = self._signing_key()
        with self.runs.start(self.out_dir) as run:
            self.recovered = self._recover(run, key, private)
        return self.recovered

    def rewrite(self, entries: Sequence[Entry]) -> list[Issued]:
        """Write the files of issued certificates again from the ledger (`ledger check --repair`)."""
        work = []
        for entry in entries:
            signer = self._private(entry.key_id)
            if signer is not None:
                work.append(Work(Issued(entry, *self._paths(entry.uuid), False), signer))
        with self.runs.start(self.out_dir) as run, Undo(run, self.ledger).on_failure() as undo:
            self._write(work, undo)
        return [w.issued for w in work]

    def private_key_of(self, key_id: str) -> Ed25519PrivateKey | None:
        """The private key of `key_id` when it is on this machine."""
        return self._private(key_id)

    # The three steps -----------------------------------------------------------------------

    def _signing_key(self) -> tuple[IssuerKey, Ed25519PrivateKey]:
        try:
            return self.keystore.signing_key()
        except KeyStoreError as error:
            raise IssueError([str(error)]) from error

    @contextmanager
    def _run(self, key: IssuerKey, private: Ed25519PrivateKey) -> Iterator[Undo]:
        """A run of a command that changes the ledger: dead runs finished first, its changes undone on failure."""
        with self.runs.start(self.out_dir) as run:
            self.recovered = self._recover(run, key, private)
            with Undo(run, self.ledger).on_failure() as undo:
                yield undo

    def _reserve(
        self,
        awards: Sequence[Award],
        undo: Undo,
        key: IssuerKey,
        private: Ed25519PrivateKey,
        reissue: bool,
        reason: str | None,
    ) -> tuple[list[Issued], list[Work]]:
        """Step 1, one transaction: each award's certificate, held already or a new pending row (`undo.pending`)."""
        with self.ledger.transaction() as txn:
            now = self.clock()
            planned = [self._plan(txn, award, undo.run, key, private, now, reissue, reason) for award in awards]
            undo.pending += [issued.entry.id for issued, _ in planned if issued.new]
        return [issued for issued, _ in planned], [item for _, item in planned if item]

    def _plan(
        self,
        txn: Transaction,
        award: Award,
        run: Run,
        key: IssuerKey,
        private: Ed25519PrivateKey,
        now: datetime,
        reissue: bool,
        reason: str | None,
    ) -> tuple[Issued, Work | None]:
        """Step 1 for one award: the certificate held already, or a new pending row (and its files to write)."""
        email = normal_email(award.recipient.email)
        current = txn.current(award.rule.id, email)
        previous = None if reissue else transaction.held(txn, award, current, now)
        if previous is not None:
            return self._existing(previous)
        if reissue:
            transaction.refuse_if_pending(current, email)
        language, warning = award_language(txn, award, current, self.texts)
        achievement = self.texts.achievement(award.rule, language, self.site.url)
        entry = transaction.reserve(txn, award, email, self.site, key, private, run.id, now, achievement)
        if current is not None:
            txn.supersede(current.id, entry.id)  # first: the new row takes its place as the current one
            entry = replace(entry, reissue_reason=reason or ("expired" if not reissue else None))
        txn.add(entry)
        json_path, pdf_path = self._paths(entry.uuid)
        issued = Issued(entry, json_path, pdf_path, True, supersedes=current.id if current else None)
        if warning:
            issued.warnings.append(f"{entry.id}: {warning}")
        return issued, Work(issued, private)

    def _write(
        self,
        work: Sequence[Work],
        undo: Undo,
        progress: Progress | None = None,
        written: Callable[[Issued], None] | None = None,
    ) -> None:
        """Step 2: every file of `work`, each replaced atomically, one certificate after the other.

        The folders are flushed last, so that the renames are on disk before step 3."""
        folders: set[Path] = set()
        badges = self.project.layout.badges
        # closing: a failure stops the renderer
        with closing(certificate_files(work, self.site, self.root, badges)) as files:
            for done, (issued, contents) in enumerate(files, 1):
                folders.add(_write_certificate(issued, contents, undo))
                _tell(issued, done, len(work), progress, written)
        for folder in folders:
            sync_folder(folder)  # the renames are on disk before the rows say "issued"

    def _mark(self, ids: Sequence[str], key: IssuerKey, private: Ed25519PrivateKey, undo: Undo) -> None:
        """Step 3: the rows become issued, what they supersede is revoked, the status lists follow."""
        with self.ledger.transaction() as txn:
            now = self.clock()
            txn.mark_issued(ids, now)
            self._status_lists(txn, key, private, now, undo)

    def _recover(self, run: Run, key: IssuerKey, private: Ed25519PrivateKey) -> Recovery:
        """Finish (or, without their signing key, roll back) the pending rows of dead runs; sweep their files."""
        found = Recovery()
        dead = {d.id: d for d in self.runs.dead_runs()}
        folders = {self.out_dir, self.root / DEFAULT_OUT, self.status_dir}
        folders |= {d.out_dir for d in dead.values() if d.out_dir}
        with self.ledger.transaction() as txn:
            adopted = transaction.adopt_dead(txn, self.runs, dead, run.id)
            work = [self._adopt(txn, entry, owner, found, folders) for entry, owner in adopted]
        gone = {e.id for e in found.rolled_back}
        finish = [entry for entry, _ in adopted if entry.id not in gone]
        found.temporary = sweep(folders, self.runs.alive)
        if finish:
            with Undo(run, self.ledger).on_failure() as undo:  # on failure the rows stay pending for the next run
                self._write([w for w in work if w], undo)
                self._mark([e.id for e in finish], key, private, undo)
            found.finished = [replace(e, state=ISSUED, run=None) for e in finish]
        return found

    # Internals -----------------------------------------------------------------------------

    def _adopt(
        self, txn: Transaction, entry: Entry, owner: DeadRun | None, found: Recovery, folders: set[Path]
    ) -> Work | None:
        """One adopted row: rolled back without its signing key, else kept to finish (its files, unless whole)."""
        out_dir = owner.out_dir if owner and owner.out_dir else self.out_dir
        json_path, pdf_path = self._paths(entry.uuid, out_dir)
        signer = self._private(entry.key_id)
        if signer is None:
            txn.discard([entry.id])
            remove_quietly(json_path, pdf_path)
            found.rolled_back.append(entry)
            return None
        folders.add(out_dir)
        if whole(json_path, pdf_path, entry):  # files are renamed in whole: keep those there
            return None
        return Work(Issued(entry, json_path, pdf_path, True), signer)

    def _reissuable(self, credential_id: str) -> Entry:
        """The ledger's row of `credential_id`, refused when it is unknown or already superseded."""
        try:
            entry = self.ledger.get(credential_id)
        except LedgerError as error:
            raise IssueError([str(error)]) from error
        if entry is None:
            raise IssueError(
                [f'no certificate "{credential_id}" in the ledger — check the id with `academy ledger list`']
            )
        if entry.superseded_by:
            raise IssueError([f"{entry.id} was already superseded by {entry.superseded_by} — re-issue that one"])
        return entry

    def _private(self, key_id: str) -> Ed25519PrivateKey | None:
        """The private key of `key_id` when it is on this machine."""
        signer = next((k for k in self.keystore.public_keys() if k.id == key_id), None)
        try:
            return self.keystore.private_key(signer) if signer else None
        except KeyStoreError:
            return None

    def _existing(self, entry: Entry) -> tuple[Issued, Work | None]:
        """The certificate issued before; its files are written again when they are missing here."""
        json_path, pdf_path = self._paths(entry.uuid)
        issued = Issued(entry, json_path, pdf_path, False)
        if entry.state == PENDING or (json_path.exists() and pdf_path.exists()):
            return issued, None  # a pending row here belongs to a live run, which writes its files
        private = self._private(entry.key_id)
        if private is None:
            issued.warnings.append(
                f"the files of {entry.id} are missing and its key {entry.key_id} is not on this machine"
            )
            return issued, None
        return issued, Work(issued, private)

    def _paths(self, credential_uuid: str, out_dir: Path | None = None) -> tuple[Path, Path]:
        folder = out_dir or self.out_dir
        return folder / f"{credential_uuid}.json", folder / f"{credential_uuid}.pdf"

    def _status_lists(
        self, txn: Transaction, key: IssuerKey, private: Ed25519PrivateKey, now: datetime, undo: Undo
    ) -> list[Path]:
        """Re-sign every status list whose published bits or key differ from the ledger; the paths written."""
        written = []
        urls = set(txn.status_lists()) | {statuslist.list_url(self.site.url)}
        for url in sorted(urls):
            path = self.status_path(url)
            bits = statuslist.bitstring(txn.revoked_indexes(url))
            if is_current(path, bits, key.id, now):
                continue
            document = signed_status_list(self.site, url, bits, key, private, now)
            undo.write(path, dumps(document).encode("utf-8"), 0o644, restore=True)
            written.append(path)
        return written


def _write_certificate(issued: Issued, contents: Sequence[tuple[Path, bytes]], undo: Undo) -> Path:
    """Write the files of one certificate (owner-only) into its private folder; returns the folder."""
    folder = private_folder(issued.json_path.parent)
    for path, data in contents:
        undo.write(path, data, 0o600)
    return folder


def _tell(
    issued: Issued, done: int, total: int, progress: Progress | None, written: Callable[[Issued], None] | None
) -> None:
    """Say that `issued` is on disk, the `done`-th of `total`."""
    if written:
        written(issued)
    if progress:
        progress(done, total)
