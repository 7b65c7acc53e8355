"""Issuing certificates: from hub-scored certificate requests (`requests.py`) or a trainer's workshop roster.

Practice quizzes never earn a certificate: completion records are not accepted any more.

Everything is checked before anything is written. A batch then runs inside one ledger write
transaction: it draws status-list indexes, signs the credentials, renders the PDFs to
temporary files, renames them into place and commits. If anything fails, the temporary and
new files are removed and the transaction rolls back: the ledger and earlier outputs stay
as they were. Issuing for the same certificate request again returns the certificate already
issued; a roster entry for someone who already holds the certificate (active) does the same.
"""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from . import baking, dates, ob3, pdf, qr, statuslist
from . import summary as summaries
from .canonical import dumps, loads
from .files import PRIVATE, private_folder, remove_quietly, write_temp
from .keys import KeyStore, KeyStoreError
from .ledger import Entry, Ledger, LedgerError, Transaction
from .profile import IssuerKey
from .proof import RDFC_SUITE, add_proof, proofs_of

DEFAULT_OUT = f"{PRIVATE}/issued"
STATUS_DIR = "site_config/issuer/status"

Progress = Callable[[int, int], None]


class IssueError(Exception):
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
    """Signs, renders and records certificates for one project."""

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
            raise IssueError(["site_config/site.yml is missing or invalid — run `academy validate` and fix it"])
        self.project = project
        self.site = project.site
        self.root: Path = project.root
        self.ledger = ledger
        self.out_dir = out_dir or self.root / DEFAULT_OUT
        self.keystore = keystore or KeyStore(self.root, self.site.issuer.id)
        self.clock = clock

    def status_path(self, url: str) -> Path:
        return self.root / STATUS_DIR / url.rsplit("/", 1)[-1]

    def issue(self, awards: Sequence[Award], progress: Progress | None = None) -> list[Issued]:
        """Issue every award, all or nothing (see the module docstring)."""
        try:
            key, private = self.keystore.signing_key()
        except KeyStoreError as error:
            raise IssueError([str(error)]) from error
        list_url = statuslist.list_url(self.site.url)
        results: list[Issued] = []
        pending: list[tuple[Path, Path]] = []  # (temporary, final)
        created: list[Path] = []
        restore: list[tuple[Path, bytes | None]] = []
        try:
            with self.ledger.transaction() as txn:
                try:
                    now = self.clock()
                    entries: list[Entry] = []
                    for done, award in enumerate(awards, 1):
                        existing = txn.by_source(award.source_key)
                        if existing is None and award.source == "roster":
                            existing = txn.holding(award.rule.id, award.recipient.email, now)
                        if existing is not None:
                            results.append(self._existing(existing, pending))
                        else:
                            issued = self._new(txn, award, key, private, list_url, now, pending)
                            entries.append(issued.entry)
                            results.append(issued)
                        if progress:
                            progress(done, len(awards))
                    self._status_lists(txn, key, private, now, pending, restore)
                    for temp, final in pending:
                        existed = final.exists()
                        temp.replace(final)
                        if not existed:
                            created.append(final)
                    pending.clear()
                    for entry in entries:
                        txn.add(entry)
                finally:
                    remove_quietly(*(temp for temp, _ in pending))
        except BaseException:
            remove_quietly(*created)
            for path, old in restore:
                if old is not None:
                    path.write_bytes(old)
            raise
        return results

    def revoke(self, credential_id: str, reason: str) -> tuple[Entry, bool]:
        """Revoke a certificate and re-sign its status list: (entry, whether it was already revoked)."""
        if not reason.strip():
            raise IssueError(["give the reason for the revocation: --reason TEXT"])
        try:
            key, private = self.keystore.signing_key()
        except KeyStoreError as error:
            raise IssueError([str(error)]) from error
        pending: list[tuple[Path, Path]] = []
        restore: list[tuple[Path, bytes | None]] = []
        try:
            with self.ledger.transaction() as txn:
                try:
                    before = txn.get(credential_id)
                    now = self.clock()
                    entry = txn.revoke(credential_id, reason.strip(), now)
                    self._status_lists(txn, key, private, now, pending, restore)
                    for temp, final in pending:
                        temp.replace(final)
                    pending.clear()
                finally:
                    remove_quietly(*(temp for temp, _ in pending))
        except LedgerError as error:
            raise IssueError([str(error)]) from error
        except BaseException:
            for path, old in restore:
                if old is not None:
                    path.write_bytes(old)
            raise
        return entry, bool(before and before.revoked)

    def publish_status(self) -> list[Path]:
        """Re-sign the status lists when they are missing, out of date or signed by a retired key."""
        key, private = self.keystore.signing_key()
        pending: list[tuple[Path, Path]] = []
        with self.ledger.transaction() as txn:
            try:
                self._status_lists(txn, key, private, self.clock(), pending, [])
                for temp, final in pending:
                    temp.replace(final)
                return [final for _, final in pending]
            finally:
                remove_quietly(*(temp for temp, _ in pending if temp.exists()))

    # Internals -----------------------------------------------------------------------------

    def _new(
        self,
        txn: Transaction,
        award: Award,
        key: IssuerKey,
        private: Ed25519PrivateKey,
        list_url: str,
        now: datetime,
        pending: list[tuple[Path, Path]],
    ) -> Issued:
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
            email=award.recipient.email,
            issued=dates.to_text(now),
            valid_from=dates.to_text(now),
            valid_until=dates.to_text(valid_until) if valid_until else None,
            status_list=list_url,
            status_index=index,
            key_id=key.id,
            source=award.source,
            source_key=award.source_key,
            revoked=None,
            revoke_reason=None,
            credential=json.dumps(credential, ensure_ascii=False),
        )
        json_path, pdf_path, warnings = self._outputs(credential, private, pending)
        return Issued(entry, json_path, pdf_path, True, warnings)

    def _existing(self, entry: Entry, pending: list[tuple[Path, Path]]) -> Issued:
        """The certificate issued before; its files are written again when they are missing here."""
        credential = json.loads(entry.credential)
        json_path, pdf_path = self._paths(entry.uuid)
        warnings: list[str] = []
        if not (json_path.exists() and pdf_path.exists()):
            signer = next((k for k in self.keystore.public_keys() if k.id == entry.key_id), None)
            try:
                private = self.keystore.private_key(signer) if signer else None
            except KeyStoreError:
                private = None
            if private is None:
                warnings.append(
                    f"the files of {entry.id} are missing and its key {entry.key_id} is not on this machine"
                )
            else:
                json_path, pdf_path, warnings = self._outputs(credential, private, pending)
        return Issued(entry, json_path, pdf_path, False, warnings)

    def _paths(self, credential_uuid: str) -> tuple[Path, Path]:
        return self.out_dir / f"{credential_uuid}.json", self.out_dir / f"{credential_uuid}.pdf"

    def _outputs(
        self, credential: Mapping[str, Any], private: Ed25519PrivateKey, pending: list[tuple[Path, Path]]
    ) -> tuple[Path, Path, list[str]]:
        json_path, pdf_path = self._paths(str(credential["id"]).removeprefix("urn:uuid:"))
        link, code = qr_link(credential, self.site, private)
        text = certificate_text(credential, self.site, link)
        warnings = []
        missing = pdf.missing_characters([text.name, text.achievement, text.description, text.issuer])
        if missing:
            warnings.append(
                f"the PDF of {credential['id']} shows boxes for {''.join(missing)} (not in the font); "
                "the credential itself is correct"
            )
        private_folder(self.out_dir)
        pending.append((write_temp(json_path, dumps(credential).encode("utf-8"), 0o600), json_path))
        pending.append((write_temp(pdf_path, pdf.render(text, code), 0o600), pdf_path))
        for suffix, image in baking.baked_images(self.root, credential, dumps(credential)).items():
            pending.append((write_temp(json_path.with_suffix(suffix), image, 0o600), json_path.with_suffix(suffix)))
        return json_path, pdf_path, warnings

    def _status_lists(
        self,
        txn: Transaction,
        key: IssuerKey,
        private: Ed25519PrivateKey,
        now: datetime,
        pending: list[tuple[Path, Path]],
        restore: list[tuple[Path, bytes | None]],
    ) -> None:
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
            restore.append((path, path.read_bytes() if path.exists() else None))
            pending.append((write_temp(path, dumps(document).encode("utf-8")), path))


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
        raise ValueError(f"the status list {url} is not …/certificates/status/revocation-N.json")
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
