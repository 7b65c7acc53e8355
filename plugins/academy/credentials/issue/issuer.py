"""Issuing certificates: from hub-scored certificate requests (`requests.py`) or a trainer's workshop roster.

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

One current certificate per person (normalised e-mail) and rule: issuing again, from the same
records, from records that differ only in time, or from a roster, returns the certificate
already held while it is active. A certificate is replaced only on purpose: when the old one
has expired, or with `reissue=True` (`academy issue --reissue`, `academy reissue ID`); the old
one then records `superseded_by` and is revoked in the status list with the reason "superseded".
"""

from __future__ import annotations

import csv
import io
import json
import os
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import closing, contextmanager
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from academy.errors import AcademyError

from ... import routes
from .. import dates
from ..crypto.canonical import dumps, loads
from ..crypto.keys import KeyStore, KeyStoreError
from ..crypto.proof import RDFC_SUITE, add_proof, proofs_of
from ..documents import baking, ob3, pdf, qr, statuslist
from ..documents import summary as summaries
from ..documents.profile import IssuerKey
from ..store.files import PRIVATE, private_folder, remove_quietly, sync_folder, write_atomic, write_temp
from ..store.ledger import ISSUED, PENDING, Entry, Ledger, LedgerError, Transaction, normal_email
from ..store.runs import Run, Runs, sweep

DEFAULT_OUT = f"{PRIVATE}/issued"

Progress = Callable[[int, int], None]


class IssueError(AcademyError):
    """Issuance refused; `problems` holds one line per problem (file, what is wrong, how to fix)."""

    def __init__(self, problems: Sequence[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = list(problems)


@dataclass(frozen=True)
class Award:
    """A certificate someone has earned, before it is issued."""

    rule: Any  # academy.core.curriculum.CertificateRule
    recipient: ob3.Recipient
    source: str  # "exam" or "roster"
    source_key: str
    origin: str
    #: How it was earned, recorded in the credential (`evidence`, and `result` for an exam).
    assessment: ob3.Assessment | None = None


@dataclass
class Issued:
    """One certificate of a batch: new, or the one issued before."""

    entry: Entry
    json_path: Path
    pdf_path: Path
    new: bool
    warnings: list[str] = field(default_factory=list)
    supersedes: str | None = None  # the certificate this one replaces


@dataclass
class Recovery:
    """What a run found of the runs that died before it, and what it did about it."""

    finished: list[Entry] = field(default_factory=list)  # pending rows completed
    rolled_back: list[Entry] = field(default_factory=list)  # pending rows removed (no signing key here)
    temporary: list[Path] = field(default_factory=list)  # temporary files removed

    def __bool__(self) -> bool:
        return bool(self.finished or self.rolled_back or self.temporary)

    def lines(self) -> list[str]:
        """What happened, for the screen."""
        said = []
        if self.finished:
            said.append(f"finished {len(self.finished)} certificate(s) an interrupted run had reserved")
        if self.rolled_back:
            ids = ", ".join(e.id for e in self.rolled_back)
            said.append(
                f"rolled back {len(self.rolled_back)} certificate(s) of an interrupted run whose signing key "
                f"is not on this machine: {ids}"
            )
        if self.temporary:
            said.append(f"removed {len(self.temporary)} temporary file(s) an interrupted run left")
        return said


@dataclass
class _Work:
    """Files this run writes for one certificate (new, adopted from a dead run, or missing on disk)."""

    issued: Issued
    private: Ed25519PrivateKey


class _Changes:
    """What a run changed on disk, so that a failure can put it back: one undo for every command."""

    def __init__(self, run: Run) -> None:
        self.tag = run.tag
        self.temporary: list[Path] = []
        self.created: list[Path] = []
        self.replaced: list[tuple[Path, bytes]] = []

    def write(self, path: Path, data: bytes, mode: int, *, restore: bool = False) -> None:
        """Replace `path` atomically (temporary file, fsync, `os.replace`), remembering how to undo it."""
        old = path.read_bytes() if restore and path.exists() else None
        existed = path.exists()
        temp = write_temp(path, data, mode, tag=self.tag)
        self.temporary.append(temp)
        os.replace(temp, path)
        self.temporary.remove(temp)
        if old is not None:
            self.replaced.append((path, old))
        elif not existed:
            self.created.append(path)

    def undo(self) -> None:
        remove_quietly(*self.temporary, *self.created)
        for path, old in reversed(self.replaced):
            write_atomic(path, old, 0o644)
        self.temporary, self.created, self.replaced = [], [], []


# Reading a roster -----------------------------------------------------------------------


def from_roster(project: Any, path: Path, certificate: str, attended: str | None = None) -> list[Award]:
    """One award per attendee of a live workshop, from a CSV with `name` and `email` columns.

    The credentials say they are trainer-attested: "attended the live workshop on `attended`"
    (a date, YYYY-MM-DD; default today).
    """
    rule = project.certificates.get(certificate)
    if rule is None:
        raise IssueError([_unknown_certificate(project, certificate)])
    day = attended or dates.utcnow().date().isoformat()
    attested = ob3.Assessment("roster", f"trainer-attested: attended the live workshop on {day}")
    problems: list[str] = []
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise IssueError([f"{path}: cannot read the file ({error.strerror}) — check the path"]) from error
    except UnicodeDecodeError as error:
        raise IssueError([f"{path}: not UTF-8 text — save the list as CSV UTF-8"]) from error
    if "\x00" in text:
        raise IssueError([f"{path}: contains NUL bytes, so it is not a CSV text file — export the list as CSV"])
    first = next((line for line in text.splitlines() if line.strip()), "")
    delimiter = max([",", ";", "\t"], key=first.count)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    awards: list[Award] = []
    header: list[str] | None = None
    seen: dict[str, int] = {}
    line = 0
    try:
        while True:
            line = reader.line_num + 1
            row = next(reader, None)
            if row is None:
                break
            if not any(cell.strip() for cell in row):
                continue
            if header is None:
                header = [cell.strip().lower().replace("-", "") for cell in row]
                if "name" not in header or "email" not in header:
                    found = ", ".join(c for c in header if c) or "nothing"
                    raise IssueError(
                        [
                            f"{path}:{line}: the first line must name the columns name and email "
                            f"(found: {found}) — add a header line: name,email"
                        ]
                    )
                continue
            if len(row) != len(header):
                problems.append(
                    f"{path}:{line}: {len(row)} fields but the header has {len(header)} "
                    "— check for a missing or extra separator, or quote a name that contains one"
                )
                continue
            values = dict(zip(header, row, strict=True))
            try:
                name = ob3.clean_name(values["name"])
            except ValueError as error:
                problems.append(f"{path}:{line}: name: {error}")
                continue
            try:
                email = ob3.clean_email(values["email"])
            except ValueError:
                problems.append(
                    f'{path}:{line}: email "{values["email"].strip()}" is not an e-mail address — correct it'
                )
                continue
            if email in seen:
                problems.append(f"{path}:{line}: {email} is already on line {seen[email]} — list each attendee once")
                continue
            seen[email] = line
            key = f"roster:{rule.id}:{email}:{uuid.uuid4()}"
            awards.append(Award(rule, ob3.Recipient(name, email), "roster", key, f"{path}:{line}", attested))
    except csv.Error as error:
        problems.append(f"{path}:{line}: malformed CSV ({error}) — check the quotes on that line")
    if header is None:
        problems.append(f"{path}: the file is empty — write a header line name,email and one line per attendee")
    elif not awards and not problems:
        problems.append(f"{path}: no attendees below the header — add one line per attendee")
    if problems:
        raise IssueError(problems)
    return awards


def _unknown_certificate(project: Any, certificate: str) -> str:
    known = ", ".join(sorted(project.certificates)) or "(none yet)"
    return f'certificate "{certificate}" does not exist in curriculum/certificates/ — use one of: {known}'


# Issuing ----------------------------------------------------------------------------------


class Issuer:
    """Signs, renders and records certificates for one project (steps in the module docstring)."""

    def __init__(
        self,
        project: Any,
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
        with self.runs.start(self.out_dir) as run:
            self.recovered = self._recover(run, key, private)
            changes, mine = _Changes(run), list[str]()
            with self._undo_on_failure(changes, mine):
                with self.ledger.transaction() as txn:  # 1. reserve
                    now = self.clock()
                    results, work = [], []
                    for award in awards:
                        issued, item = self._plan(txn, award, run, key, private, now, reissue, reason)
                        results.append(issued)
                        work += [item] if item else []
                        mine += [issued.entry.id] if issued.new else []
                self._write(work, changes, progress, written)  # 2. write
                self._mark(mine, key, private, changes)  # 3. mark
        return [replace(r, entry=replace(r.entry, state=ISSUED, run=None)) if r.new else r for r in results]

    def reissue(self, credential_id: str, reason: str, name: str | None = None) -> Issued:
        """Issue a certificate again (a correction, or a renewal), superseding the one held now."""
        if not reason.strip():
            raise IssueError(["give the reason for the re-issue: --reason TEXT"])
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
        rule = self.project.certificates.get(entry.certificate)
        if rule is None:
            raise IssueError([_unknown_certificate(self.project, entry.certificate)])
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
            with self.runs.start(self.out_dir) as run:
                self.recovered = self._recover(run, key, private)
                changes = _Changes(run)
                with self._undo_on_failure(changes), self.ledger.transaction() as txn:
                    before = txn.get(credential_id)
                    now = self.clock()
                    entry = txn.revoke(credential_id, reason.strip(), now)
                    self._status_lists(txn, key, private, now, changes)
        except LedgerError as error:
            raise IssueError([str(error)]) from error
        return entry, bool(before and before.revoked)

    def publish_status(self) -> list[Path]:
        """Re-sign the status lists when they are missing, out of date or signed by a retired key."""
        key, private = self.keystore.signing_key()
        with self.runs.start(self.out_dir) as run:
            self.recovered = self._recover(run, key, private)
            changes = _Changes(run)
            with self._undo_on_failure(changes), self.ledger.transaction() as txn:
                return self._status_lists(txn, key, private, self.clock(), changes)

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
                work.append(_Work(Issued(entry, *self._paths(entry.uuid), False), signer))
        with self.runs.start(self.out_dir) as run:
            changes = _Changes(run)
            with self._undo_on_failure(changes):
                self._write(work, changes)
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
    def _undo_on_failure(self, changes: _Changes, pending: Sequence[str] = ()) -> Iterator[None]:
        """On any failure: undo the files written, drop this run's `pending` rows, and re-raise.

        Dropping needs the ledger: if that fails too, the rows stay pending for the next run."""
        try:
            yield
        except BaseException:
            changes.undo()
            if pending:
                try:
                    with self.ledger.transaction() as txn:
                        txn.discard(pending)
                except LedgerError:
                    pass
            raise

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
    ) -> tuple[Issued, _Work | None]:
        """Step 1 for one award: the certificate held already, or a new pending row (and its files to write)."""
        email = normal_email(award.recipient.email)
        current = txn.current(award.rule.id, email)
        if not reissue:
            if current is not None and current.status(now) in ("active", "not-yet-valid", PENDING):
                return self._existing(current)
            previous = txn.by_source(award.source_key)
            if previous is not None:
                return self._existing(previous)
        elif current is not None and current.state == PENDING:
            raise IssueError(
                [f"{current.id} of {email} is still being issued by another run — try again when it has finished"]
            )
        source_key = award.source_key
        if txn.by_source(source_key) is not None:
            source_key = f"{source_key}#reissue:{uuid.uuid4()}"
        entry, credential = self._sign(txn, award, email, source_key, run, key, private, now)
        if current is not None:
            txn.supersede(current.id, entry.id)  # first: the new row takes its place as the current one
            entry = replace(entry, reissue_reason=reason or ("expired" if not reissue else None))
        txn.add(entry)
        json_path, pdf_path = self._paths(entry.uuid)
        issued = Issued(entry, json_path, pdf_path, True, supersedes=current.id if current else None)
        return issued, _Work(issued, private)

    def _write(
        self,
        work: Sequence[_Work],
        changes: _Changes,
        progress: Progress | None = None,
        written: Callable[[Issued], None] | None = None,
    ) -> None:
        """Step 2: every file of `work`, each replaced atomically, then the folders flushed.

        The PDFs are rendered ahead (on every core for a large batch, `pdf.render_all`); the
        files are still written here, one certificate after the other.
        """
        folders: set[Path] = set()
        prepared, jobs = [], []
        for item in work:
            issued = item.issued
            credential = json.loads(issued.entry.credential)
            link, code = qr_link(credential, self.site, item.private)
            text = certificate_text(credential, self.site, link)
            missing = pdf.missing_characters([text.name, text.achievement, text.description, text.issuer])
            if missing:
                issued.warnings.append(
                    f"the PDF of {credential['id']} shows boxes for {''.join(missing)} (not in the font); "
                    "the credential itself is correct"
                )
            prepared.append((issued, credential))
            jobs.append((text, code))
        with closing(pdf.render_all(jobs)) as pdfs:  # closing: a failure here stops the pool at once
            for done, ((issued, credential), rendered) in enumerate(zip(prepared, pdfs, strict=True), 1):
                private_folder(issued.json_path.parent)
                changes.write(issued.json_path, dumps(credential).encode("utf-8"), 0o600)
                changes.write(issued.pdf_path, rendered, 0o600)
                # Baked badges (Open Badges 3.0 baking): the signed credential inside the achievement's image.
                badges = self.project.layout.badges
                for suffix, image in baking.baked_images(self.root, credential, dumps(credential), badges).items():
                    changes.write(issued.json_path.with_suffix(suffix), image, 0o600)
                folders.add(issued.json_path.parent)
                if written:
                    written(issued)
                if progress:
                    progress(done, len(work))
        for folder in folders:
            sync_folder(folder)  # the renames are on disk before the rows say "issued"

    def _mark(self, ids: Sequence[str], key: IssuerKey, private: Ed25519PrivateKey, changes: _Changes) -> None:
        """Step 3: the rows become issued, what they supersede is revoked, the status lists follow."""
        with self.ledger.transaction() as txn:
            now = self.clock()
            txn.mark_issued(ids, now)
            self._status_lists(txn, key, private, now, changes)

    def _recover(self, run: Run, key: IssuerKey, private: Ed25519PrivateKey) -> Recovery:
        """Finish (or, without their signing key, roll back) the pending rows of dead runs; sweep their files."""
        found = Recovery()
        dead = {d.id: d for d in self.runs.dead_runs()}
        folders = {self.out_dir, self.root / DEFAULT_OUT, self.status_dir}
        folders |= {d.out_dir for d in dead.values() if d.out_dir}
        work: list[_Work] = []
        finish: list[Entry] = []
        with self.ledger.transaction() as txn:
            orphans = {
                e.id: dead.get(e.run or "")
                for e in txn.pending()
                if e.run != run.id and (e.run in dead or self.runs.dead(e.run))
            }
            runs = {e.run for e in txn.pending() if e.id in orphans}
            for entry in txn.adopt(runs, run.id):
                old = orphans[entry.id]
                out_dir = old.out_dir if old and old.out_dir else self.out_dir
                json_path, pdf_path = self._paths(entry.uuid, out_dir)
                signer = self._private(entry.key_id)
                if signer is None:
                    txn.discard([entry.id])
                    remove_quietly(json_path, pdf_path)
                    found.rolled_back.append(entry)
                else:
                    finish.append(entry)
                    folders.add(out_dir)
                    if not _whole(json_path, pdf_path, entry):  # files are renamed in whole: keep those there
                        work.append(_Work(Issued(entry, json_path, pdf_path, True), signer))
        found.temporary = sweep(folders, self.runs.alive)
        if finish:
            changes = _Changes(run)
            with self._undo_on_failure(changes):  # on failure the rows stay pending for the next run
                self._write(work, changes)
                self._mark([e.id for e in finish], key, private, changes)
            found.finished = [replace(e, state=ISSUED, run=None) for e in finish]
        return found

    # Internals -----------------------------------------------------------------------------

    def _private(self, key_id: str) -> Ed25519PrivateKey | None:
        """The private key of `key_id` when it is on this machine."""
        signer = next((k for k in self.keystore.public_keys() if k.id == key_id), None)
        try:
            return self.keystore.private_key(signer) if signer else None
        except KeyStoreError:
            return None

    def _sign(
        self,
        txn: Transaction,
        award: Award,
        email: str,
        source_key: str,
        run: Run,
        key: IssuerKey,
        private: Ed25519PrivateKey,
        now: datetime,
    ) -> tuple[Entry, dict[str, Any]]:
        """A new signed credential with its status index drawn, as a pending row of `run`."""
        list_url = statuslist.list_url(self.site.url)
        credential_uuid = str(uuid.uuid4())
        credential_id = f"urn:uuid:{credential_uuid}"
        index = txn.allocate(list_url, statuslist.MIN_BITS, credential_id)
        rule = award.rule
        valid_until = dates.add_months(now, rule.validity_months) if rule.validity_months else None
        credential = sign_credential(
            ob3.build_credential(
                credential_id=credential_id,
                issuer=ob3.issuer_ref(self.site),
                achievement=ob3.achievement_for(rule, self.site.url),
                recipient=award.recipient,
                salt=ob3.new_salt(),
                valid_from=now,
                valid_until=valid_until,
                status=statuslist.entry(list_url, index),
                assessment=award.assessment,
            ),
            key,
            private,
            now,
        )
        entry = Entry(
            id=credential_id,
            certificate=rule.id,
            title=rule.title,
            name=award.recipient.name,
            email=email,
            issued=dates.to_text(now),
            valid_from=dates.to_text(now),
            valid_until=dates.to_text(valid_until) if valid_until else None,
            status_list=list_url,
            status_index=index,
            key_id=key.id,
            source=award.source,
            source_key=source_key,
            revoked=None,
            revoke_reason=None,
            credential=json.dumps(credential, ensure_ascii=False),
            state=PENDING,
            run=run.id,
        )
        return entry, credential

    def _existing(self, entry: Entry) -> tuple[Issued, _Work | None]:
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
        return issued, _Work(issued, private)

    def _paths(self, credential_uuid: str, out_dir: Path | None = None) -> tuple[Path, Path]:
        folder = out_dir or self.out_dir
        return folder / f"{credential_uuid}.json", folder / f"{credential_uuid}.pdf"

    def _status_lists(
        self, txn: Transaction, key: IssuerKey, private: Ed25519PrivateKey, now: datetime, changes: _Changes
    ) -> list[Path]:
        """Re-sign every status list whose published bits or key differ from the ledger; the paths written."""
        written = []
        urls = set(txn.status_lists()) | {statuslist.list_url(self.site.url)}
        for url in sorted(urls):
            path = self.status_path(url)
            bits = statuslist.bitstring(txn.revoked_indexes(url))
            if _current(path, bits, key.id, now):
                continue
            until = now + timedelta(days=self.site.status_validity_days)
            document = sign(
                statuslist.list_credential(
                    url=url,
                    issuer_id=self.site.issuer.id,
                    bits=bits,
                    valid_from=dates.to_text(now),
                    valid_until=dates.to_text(until),
                ),
                key,
                private,
                now,
            )
            changes.write(path, dumps(document).encode("utf-8"), 0o644, restore=True)
            written.append(path)
        return written


def _whole(json_path: Path, pdf_path: Path, entry: Entry) -> bool:
    """Whether both files of `entry` are there and the JSON is the ledger's (files only appear whole)."""
    try:
        return pdf_path.is_file() and loads(json_path.read_text(encoding="utf-8")) == json.loads(entry.credential)
    except (OSError, ValueError):
        return False


def _current(path: Path, bits: bytes, key_id: str, now: datetime) -> bool:
    """Whether the published list at `path` already says `bits`, signed with `key_id`, for over half its validity."""
    try:
        document = loads(path.read_text(encoding="utf-8"))
        subject = document["credentialSubject"]
        proofs = proofs_of(document)
        start, end = dates.parse(document.get("validFrom")), dates.parse(document.get("validUntil"))
        fresh = start is not None and end is not None and now < start + (end - start) / 2
        return (
            fresh
            and statuslist.decode(subject["encodedList"]) == bits
            and [p.get("verificationMethod") for p in proofs] == [key_id]
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError, statuslist.StatusListError):
        return False


def sign(document: Mapping[str, Any], key: IssuerKey, private: Ed25519PrivateKey, created: datetime) -> dict[str, Any]:
    """`document` with an `eddsa-jcs-2022` proof by `key`, made at `created`."""
    return add_proof(document, private, verification_method=key.id, created=dates.to_text(created))


def sign_credential(
    document: Mapping[str, Any], key: IssuerKey, private: Ed25519PrivateKey, created: datetime
) -> dict[str, Any]:
    """A certificate's proof set: `eddsa-jcs-2022` and `eddsa-rdfc-2022` (what OB 3.0 validators check), one key."""
    return add_proof(
        sign(document, key, private, created),
        private,
        verification_method=key.id,
        created=dates.to_text(created),
        cryptosuite=RDFC_SUITE,
    )


def summary_of(credential: Mapping[str, Any]) -> summaries.Summary:
    """The QR summary of a signed credential."""
    proof = proofs_of(credential)[0]
    url, index = statuslist.read_entry(credential["credentialStatus"])
    number = summaries.list_number(url)
    if number is None:
        raise ValueError(f"the status list {url} is not …/{routes.STATUS_FOLDER}/revocation-N.json")
    valid_from = dates.parse(credential["validFrom"])
    issued = dates.parse(proof["created"])
    assert valid_from is not None and issued is not None
    return summaries.Summary(
        key_number=int(proof["verificationMethod"].rsplit("#key-", 1)[1]),
        credential_uuid=str(credential["id"]).removeprefix("urn:uuid:"),
        list_number=number,
        index=index,
        valid_from=valid_from,
        valid_until=dates.parse(credential.get("validUntil")),
        issued=issued,
        name=ob3.holder_name(credential) or "",
        achievement=ob3.achievement_name(credential) or "",
    )


def qr_link(credential: Mapping[str, Any], site: Any, private: Ed25519PrivateKey) -> tuple[str, Any]:
    """The verify link (QR payload) of a credential and its QR code."""
    return qr.link(site.verify_url, summary_of(credential), site.issuer.id, private)


def certificate_text(credential: Mapping[str, Any], site: Any, link: str) -> pdf.CertificateText:
    issued, until = dates.parse(credential["validFrom"]), dates.parse(credential.get("validUntil"))
    assert issued is not None
    achievement = credential["credentialSubject"]["achievement"]
    return pdf.CertificateText(
        name=ob3.holder_name(credential) or "",
        achievement=achievement["name"],
        description=achievement["description"],
        issuer=site.issuer.name,
        organisation=site.organisation,
        issued=issued,
        valid_until=until,
        credential_id=credential["id"],
        verify_url=site.verify_url,
        qr_url=link,
        color=site.colors.get("primary", "#1d4e89"),
    )
