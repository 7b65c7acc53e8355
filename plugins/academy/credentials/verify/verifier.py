"""Verification of a certificate (credential JSON or QR link) with one verdict and every step.

Verdicts (`Verdict`), as the CLI prints them and the verify page shows them:

| verdict | meaning |
| --- | --- |
| `valid` | genuine, unchanged, current, not revoked |
| `revoked` | the issuer's signed status list marks it revoked |
| `expired` | past `validUntil` |
| `not-yet-valid` | before `validFrom` |
| `tampered` | fails the schema; no or duplicated proof; wrong purpose; a signature that can be checked fails |
| `unknown-issuer` | issued by someone else (named as the file states it); a key the issuer does not |
|  | publish, revoked as compromised, or outside its validity when signing |
| `unsupported-proof` | signed only with proofs this verifier does not support (named) |
| `not-a-certificate` | text, other JSON, a JWT, an image with no baked credential; JSON with a repeated |
|  | key or nested absurdly deep |
| `cannot-check` | unreadable input; issuer profile or status list missing, unreadable, truncated, |
|  | badly signed, out of date |

Steps run in this order and the first failure decides: format → schema → proof → issuer →
key → signature → key validity → dates → status. (So a revoked certificate that has also
expired is reported `expired`: that needs no network.) The verify page follows the same order.

Rules that are easy to miss:
- `proof` may be an object or an array (a proof set); each cryptosuite may appear once. Proofs
  of a type or cryptosuite this verifier does not support are named and left unchecked; when no
  proof is supported, the verdict is `unsupported-proof`. Every supported proof (the CLI:
  `eddsa-jcs-2022` and `eddsa-rdfc-2022`; the page: `eddsa-jcs-2022`) must have purpose
  `assertionMethod`, name a usable key of the issuer and verify, and the signature step says
  which were checked.
- Slower suites (`DEFERRED`: `eddsa-rdfc-2022`) beside an `eddsa-jcs-2022` proof are checked
  for purpose and key but their signature only when asked (`Verifier(all_proofs=True)`, the CLI's
  `--all-proofs`): the JCS proof signs every byte of the same claims, so the RDFC one adds no
  claim; the report names it as not checked (`Report.unchecked`). A credential whose only
  supported proof is RDFC always has it checked.
- A proof `created` more than `CLOCK_SKEW` ahead of this clock is `not-yet-valid`: nothing
  genuine is signed in the future.
- The issuer id must be this academy's (`<site url>issuer/profile.json`); a proof's
  `verificationMethod` must be `<issuer id>#key-N`, listed in the issuer profile's
  `verificationMethod` (controller = issuer) and `assertionMethod`.
- A key verifies proofs whose `created` is at or after the key's `created` (when the profile
  states it) and at or before its `expires` (retirement); a key with `revoked` (compromised)
  verifies nothing.
- `validFrom` ≤ now < `validUntil`.
- The status list URL must begin with `<site url>certificates/status/`; its credential must have
  that `id`, this issuer, a valid proof by an issuer key (same rules), `validFrom` ≤ now
  (< `validUntil` when present, else "status unknown: the revocation list is out of date"),
  `statusPurpose` "revocation", and an `encodedList` of at least 131,072 bits that holds the
  index. Bit set = revoked.
- Input: at most `MAX_INPUT` bytes; a PNG or SVG badge is read for its baked credential
  (`baking`); JSON is read as I-JSON (`canonical.loads`). Every input gets a report: nothing
  an input holds makes the verifier raise.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.exceptions import InvalidSignature

from academy.errors import AcademyError

from ... import routes
from ...core.layout import Layout
from .. import dates
from ..crypto.canonical import DuplicateKeyError, TooDeepError, loads
from ..crypto.multikey import MultibaseError
from ..crypto.proof import ASSERTION, PROOF_TYPE, SUITES, ProofError, proofs_of, verify_proof
from ..crypto.rdfc import UnsafeDocument
from ..documents import baking, ob3, statuslist
from ..documents import summary as summaries
from ..documents.profile import IssuerKey, KeysFileError, issuer_document, keys_from_document, load_keys
from .schema import problems as schema_problems

if TYPE_CHECKING:  # the core and jsonschema are imported where they are used
    from jsonschema.protocols import Validator

    from academy.core.site import SiteConfig

MAX_DOWNLOAD = 4 * 1024 * 1024
#: Largest input checked (a credential is a few KB; a baked badge image a few hundred).
MAX_INPUT = 8 * 1024 * 1024
#: How far ahead of this clock a proof's `created` may be (clocks differ a little).
CLOCK_SKEW = timedelta(minutes=5)
#: Suites whose signature is checked only with `all_proofs` when an `eddsa-jcs-2022` proof is
#: there as well (RDFC canonicalisation costs about ten Ed25519 verifications; JCS covers the same claims).
DEFERRED = ("eddsa-rdfc-2022",)
#: The suite that, when present, makes the deferred ones redundant.
COVERING = "eddsa-jcs-2022"
#: How a report says a deferred proof was left unchecked (the CLI, the table's note, JSON).
NOT_CHECKED_HINT = "academy verify --all-proofs checks it"


class Verdict(StrEnum):
    VALID = "valid"
    REVOKED = "revoked"
    EXPIRED = "expired"
    NOT_YET_VALID = "not-yet-valid"
    TAMPERED = "tampered"
    UNKNOWN_ISSUER = "unknown-issuer"
    UNSUPPORTED_PROOF = "unsupported-proof"
    NOT_A_CERTIFICATE = "not-a-certificate"
    CANNOT_CHECK = "cannot-check"


STEPS = ("format", "schema", "proof", "issuer", "key", "signature", "key validity", "dates", "status")


@dataclass
class Step:
    name: str
    #: True passed, False failed, None not checked (an earlier step failed).
    ok: bool | None
    detail: str = ""


@dataclass
class Report:
    """The outcome of checking one certificate."""

    source: str
    verdict: Verdict = Verdict.VALID
    steps: list[Step] = field(default_factory=list)
    kind: str = "credential"  # or "summary", or "baked" (a credential inside a badge image)
    credential_id: str | None = None
    name: str | None = None
    achievement: str | None = None
    valid_from: str | None = None
    valid_until: str | None = None
    #: Cryptosuites of proofs present but not checked (deferred: see `DEFERRED`).
    unchecked: list[str] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return self.verdict is Verdict.VALID

    @property
    def reason(self) -> str:
        failed = next((s for s in self.steps if s.ok is False), None)
        return f"{failed.name}: {failed.detail}" if failed else ""

    def to_json(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "verdict": str(self.verdict),
            "kind": self.kind,
            "reason": self.reason,
            "credential": self.credential_id,
            "name": self.name,
            "achievement": self.achievement,
            "validFrom": self.valid_from,
            "validUntil": self.valid_until,
            "notChecked": self.unchecked,
            "steps": [{"step": s.name, "ok": s.ok, "detail": s.detail} for s in self.steps],
        }


class ResolveError(AcademyError):
    """The issuer profile or a status list cannot be fetched or read."""


class Resolver(ABC):
    """Where verification gets the issuer's public data from."""

    def __init__(self, site_url: str) -> None:
        self.site_url = site_url
        self.issuer_id = routes.issuer_id(site_url)
        self.verify_url = routes.ROUTES.verify_url(site_url)
        self.status_prefix = routes.status_folder_url(site_url)

    @abstractmethod
    def issuer_document(self) -> Mapping[str, Any]:
        """The issuer's published profile (its controller document); ResolveError when unreadable."""

    @abstractmethod
    def status_list(self, url: str) -> bytes:
        """The bytes of the status-list credential at `url`; ResolveError when unreadable."""

    def _status_name(self, url: str) -> str:
        name = url.removeprefix(self.status_prefix)
        if not url.startswith(self.status_prefix) or not name or "/" in name or name.startswith("."):
            raise ResolveError(f"the status list {url} is not on the issuer's site ({self.status_prefix}…)")
        return name


class ProjectResolver(Resolver):
    """The project's own files: `<issuer_dir>/keys.json` and `<issuer_dir>/status/`, where the
    project's `layout` has them (default: the default layout's `site_config/issuer/`)."""

    def __init__(self, root: Path, site: SiteConfig, layout: Layout | None = None) -> None:
        super().__init__(site.url)
        self.root, self.site = root, site
        self.layout = layout or Layout()
        self.issuer_id = site.issuer.id

    def issuer_document(self) -> Mapping[str, Any]:
        try:
            return issuer_document(self.site, load_keys(self.root / self.layout.keys_file))
        except KeysFileError as error:
            raise ResolveError(str(error)) from error

    def status_list(self, url: str) -> bytes:
        path = self.root / self.layout.status_dir / self._status_name(url)
        try:
            return path.read_bytes()
        except OSError as error:
            raise ResolveError(f"no status list at {path} ({error.strerror})") from error


class SiteResolver(Resolver):
    """A built site folder: the issuer profile (`issuer/profile.json`) and `certificates/status/`."""

    def __init__(self, directory: Path, site_url: str, profile: str = routes.ISSUER_PROFILE) -> None:
        super().__init__(site_url)
        self.directory = directory
        self.profile = profile

    def issuer_document(self) -> Mapping[str, Any]:
        path = self.directory / self.profile
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise ResolveError(f"cannot read the issuer profile {path} ({error})") from error
        if not isinstance(document, Mapping):
            raise ResolveError(f"{path} is not a JSON object")
        return document

    def status_list(self, url: str) -> bytes:
        path = self.directory / routes.STATUS_FOLDER / self._status_name(url)
        try:
            return path.read_bytes()
        except OSError as error:
            raise ResolveError(f"no status list at {path} ({error.strerror})") from error


class WebResolver(Resolver):
    """The published site, over HTTPS (HTTP only for loopback addresses)."""

    def __init__(self, site_url: str, timeout: float = 15.0) -> None:
        super().__init__(site_url)
        self.timeout = timeout

    def issuer_document(self) -> Mapping[str, Any]:
        try:
            document = loads(fetch(self.issuer_id, self.timeout))
        except ValueError as error:
            raise ResolveError(f"the issuer profile {self.issuer_id} is not JSON") from error
        if not isinstance(document, Mapping):
            raise ResolveError(f"the issuer profile {self.issuer_id} is not a JSON object")
        return document

    def status_list(self, url: str) -> bytes:
        self._status_name(url)
        return fetch(url, self.timeout)


def fetch(url: str, timeout: float = 15.0) -> bytes:
    """GET `url` (at most 4 MiB); ResolveError on any failure."""
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    loopback = parts.hostname in {"127.0.0.1", "localhost", "::1"}
    if parts.scheme != "https" and not (parts.scheme == "http" and loopback):
        raise ResolveError(f"{url}: only https:// addresses are fetched")
    request = urllib.request.Request(url, headers={"Accept": "application/json, */*"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310 (scheme checked above)
            data = response.read(MAX_DOWNLOAD + 1)
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise ResolveError(f"cannot fetch {url} ({error})") from error
    if len(data) > MAX_DOWNLOAD:
        raise ResolveError(f"{url} is larger than {MAX_DOWNLOAD} bytes")
    return bytes(data)


class _Stop(Exception):
    def __init__(self, verdict: Verdict, step: str, detail: str) -> None:
        super().__init__(detail)
        self.verdict, self.step, self.detail = verdict, step, detail


class Verifier:
    """Checks certificates against one issuer; caches the issuer profile and status lists.

    `at` is the moment to check the certificate's validity at (now by default); status lists
    are always checked against the current time, since they say what holds now.
    """

    def __init__(
        self,
        resolver: Resolver,
        *,
        at: datetime | None = None,
        schema_validator: Validator | None = None,
        suites: tuple[str, ...] | None = None,
        all_proofs: bool = False,
    ) -> None:
        self.resolver = resolver
        #: The cryptosuites checked (default: every registered one).
        self.suites = suites or tuple(SUITES)
        #: Check the signatures of `DEFERRED` suites beside an `eddsa-jcs-2022` proof too.
        self.all_proofs = all_proofs
        self.now = dates.utcnow()
        self.at = at or self.now
        self.schema_validator = schema_validator
        self._keys: dict[str, IssuerKey | str] | None = None
        self._keys_error: str | None = None
        self._lists: dict[str, bytes | str] = {}

    # Inputs ------------------------------------------------------------------------------

    def check_bytes(self, data: bytes, source: str) -> Report:
        """A file's bytes: a credential, a verify link, or a PNG/SVG badge with a baked credential."""
        try:
            if len(data) > MAX_INPUT:
                return self._fail(
                    Report(source),
                    Verdict.NOT_A_CERTIFICATE,
                    "format",
                    f"{len(data)} bytes: larger than {MAX_INPUT // (1024 * 1024)} MiB, so not a certificate",
                )
            if baking.is_image(data):
                return self._baked(data, source)
            try:
                text = data.decode("utf-8-sig")
            except UnicodeDecodeError:
                return self._fail(Report(source), Verdict.CANNOT_CHECK, "format", "cannot read it: not UTF-8 text")
            return self.check_text(text, source)
        except Exception as error:  # noqa: BLE001 (every input gets a verdict; a batch always finishes)
            return self._fail(Report(source), Verdict.CANNOT_CHECK, "format", f"cannot check it: {_internal(error)}")

    def _baked(self, data: bytes, source: str) -> Report:
        try:
            text = baking.extract(data)
        except baking.BakingError as error:
            return self._fail(Report(source), Verdict.NOT_A_CERTIFICATE, "format", f"not a certificate: {error}")
        report = self.check_text(text, source)
        report.kind = "baked"
        for step in report.steps[:1]:
            if step.name == "format" and step.ok:
                step.detail = f"a badge image with a baked credential: {step.detail}"
        return report

    def check_text(self, text: str, source: str) -> Report:
        """A credential (JSON text) or a verify link / `#s=…` fragment; never raises."""
        try:
            return self._check_text(text, source)
        except Exception as error:  # noqa: BLE001 (every input gets a verdict; a batch always finishes)
            return self._fail(Report(source), Verdict.CANNOT_CHECK, "format", f"cannot check it: {_internal(error)}")

    def _check_text(self, text: str, source: str) -> Report:
        stripped = text.strip().lstrip("\ufeff")
        if stripped.startswith("{"):
            try:
                data = loads(stripped)
            except (DuplicateKeyError, TooDeepError) as error:
                return self._fail(Report(source), Verdict.NOT_A_CERTIFICATE, "format", f"not a certificate: {error}")
            except ValueError as error:
                return self._fail(Report(source), Verdict.CANNOT_CHECK, "format", f"not valid JSON ({error})")
            return self.check_credential(data, source)
        if _JWT.fullmatch(stripped):
            return self._fail(
                Report(source),
                Verdict.NOT_A_CERTIFICATE,
                "format",
                "a JSON Web Token (JWT), not an Open Badges credential with a Data Integrity proof: "
                "ask its issuer how to check it",
            )
        if "#" in stripped or stripped.startswith(summaries.PREFIX):
            return self.check_link(stripped, source)
        return self._fail(
            Report(source),
            Verdict.NOT_A_CERTIFICATE,
            "format",
            "not a certificate: neither a credential (.json), a badge image, nor a verify link",
        )

    def check_credential(self, data: object, source: str) -> Report:
        report = Report(source)
        try:
            self._credential(data, report)
        except _Stop as stop:
            return self._fail(report, stop.verdict, stop.step, stop.detail)
        return self._done(report)

    def check_link(self, link: str, source: str) -> Report:
        report = Report(source, kind="summary")
        try:
            self._link(link, report)
        except _Stop as stop:
            return self._fail(report, stop.verdict, stop.step, stop.detail)
        return self._done(report)

    # Credentials -------------------------------------------------------------------------

    def _credential(self, data: object, report: Report) -> None:
        if not isinstance(data, Mapping):
            raise _Stop(Verdict.NOT_A_CERTIFICATE, "format", "not a JSON object, so not a certificate")
        if "proof" not in data and "@context" not in data:
            # Some other JSON (a completion record, say): nothing was altered, it is no certificate.
            raise _Stop(Verdict.NOT_A_CERTIFICATE, "format", "not a certificate: no @context and no proof")
        report.credential_id = data.get("id") if isinstance(data.get("id"), str) else None
        report.name, report.achievement = ob3.holder_name(data), ob3.achievement_name(data)
        report.valid_from = data.get("validFrom") if isinstance(data.get("validFrom"), str) else None
        report.valid_until = data.get("validUntil") if isinstance(data.get("validUntil"), str) else None
        self._pass(report, "format", f"a JSON object ({report.credential_id or 'no id'})")
        found = schema_problems(data, self.schema_validator)
        if found:
            more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
            raise _Stop(Verdict.TAMPERED, "schema", f"not an Open Badges 3.0 credential: {found[0]}{more}")
        self._pass(report, "schema", "an Open Badges 3.0 OpenBadgeCredential")
        self._proofs(data, report, issuer=ob3.issuer_id(data), what="the certificate")
        self._dates(data.get("validFrom"), data.get("validUntil"), report)
        try:
            url, index = statuslist.read_entry(data.get("credentialStatus"))
        except statuslist.StatusListError as error:
            raise _Stop(Verdict.TAMPERED, "status", str(error)) from error
        self._status(url, index, report)

    def _proofs(self, data: Mapping[str, Any], report: Report | None, *, issuer: str | None, what: str) -> list[str]:
        """Proof, issuer, key, signature and key-validity steps; returns the key ids used."""
        proofs = proofs_of(data)
        if not proofs:
            raise _Stop(Verdict.TAMPERED, "proof", f"{what} carries no proof: it is not signed")
        suites: list[str] = []
        checked: list[Mapping[str, Any]] = []
        unsupported: list[str] = []
        for proof in proofs:
            if not isinstance(proof, Mapping):
                raise _Stop(Verdict.TAMPERED, "proof", "a proof is not a JSON object")
            suite = proof.get("cryptosuite")
            if proof.get("type") != PROOF_TYPE:
                unsupported.append(f"proof type {_show(proof.get('type'))}")
                continue
            if suite in suites:
                raise _Stop(Verdict.TAMPERED, "proof", f"two proofs with cryptosuite {suite}: a proof was duplicated")
            if not isinstance(suite, str) or suite not in self.suites:
                unsupported.append(f"cryptosuite {_show(suite)}")
                continue
            suites.append(suite)
            if proof.get("proofPurpose") != ASSERTION:
                raise _Stop(
                    Verdict.TAMPERED, "proof", f'proof purpose {_show(proof.get("proofPurpose"))} is not "{ASSERTION}"'
                )
            if dates.parse(proof.get("created")) is None or not isinstance(proof.get("verificationMethod"), str):
                raise _Stop(Verdict.TAMPERED, "proof", "a proof lacks a valid created time or verificationMethod")
            checked.append(proof)
        if not checked:
            raise _Stop(
                Verdict.UNSUPPORTED_PROOF,
                "proof",
                f"uses a proof this verifier does not support: {', '.join(unsupported)} "
                f"(supported: {', '.join(self.suites)})",
            )
        skipped = f"; not supported, so not checked: {', '.join(unsupported)}" if unsupported else ""
        deferred = [] if self.all_proofs or COVERING not in suites else [s for s in suites if s in DEFERRED]
        matched = [s for s in suites if s not in deferred]
        if deferred:
            skipped += f"; {', '.join(deferred)} not checked ({NOT_CHECKED_HINT})"
        checks = f"checks {', '.join(matched)}, purpose {ASSERTION}"
        self._pass(report, "proof", f"{len(proofs)} proof(s): {checks}{skipped}")
        if report is not None:
            report.unchecked = deferred
        if issuer != self.resolver.issuer_id:
            raise _Stop(Verdict.UNKNOWN_ISSUER, "issuer", f"issued by someone else: {_issuer_named(data)}")
        keys = self._issuer_keys()
        self._pass(report, "issuer", self.resolver.issuer_id)
        used: list[tuple[Mapping[str, Any], IssuerKey]] = []
        for proof in checked:
            method = proof["verificationMethod"]
            key = keys.get(method)
            if not method.startswith(f"{issuer}#") or key is None:
                raise _Stop(Verdict.UNKNOWN_ISSUER, "key", f"{method} is not a key of the issuer")
            if isinstance(key, str):
                raise _Stop(Verdict.UNKNOWN_ISSUER, "key", f"{method} cannot be used: {key}")
            used.append((proof, key))
        names = dict.fromkeys(k.id.rsplit("#", 1)[-1] for _, k in used)  # one name per key, in order
        self._pass(report, "key", ", ".join(names) + " of the issuer")
        for proof, key in used:
            if proof["cryptosuite"] in deferred:
                continue
            try:
                verify_proof(data, proof, key.public_key)
            except (ProofError, MultibaseError, UnsafeDocument, ValueError) as error:
                raise _Stop(
                    Verdict.TAMPERED,
                    "signature",
                    f"{what} was changed after signing or signed by another key: "
                    f"its {proof['cryptosuite']} proof fails: {error}",
                ) from error
        verb = "proofs match" if len(matched) > 1 else "proof matches"
        left = f"; the {', '.join(deferred)} proof is not checked ({NOT_CHECKED_HINT})" if deferred else ""
        self._pass(report, "signature", f"the {' and '.join(matched)} {verb} every signed field{left}")
        for proof, key in used:
            created = dates.parse(proof["created"])
            assert created is not None
            if created > self.now + CLOCK_SKEW:
                raise _Stop(
                    Verdict.NOT_YET_VALID,
                    "key validity",
                    f"the proof says it was made on {dates.to_text(created)}, in the future: nothing genuine is "
                    "signed ahead of time",
                )
            if not key.valid_at(created):
                raise _Stop(Verdict.UNKNOWN_ISSUER, "key validity", _key_window(key, created))
        self._pass(report, "key validity", "the key was in use when the proof was made")
        return [k.id for _, k in used]

    def _dates(self, valid_from: object, valid_until: object, report: Report) -> None:
        start, end = dates.parse(valid_from), dates.parse(valid_until)
        if start is None or (valid_until is not None and end is None):
            raise _Stop(Verdict.TAMPERED, "dates", "validFrom/validUntil are not date-times")
        if self.at < start:
            raise _Stop(Verdict.NOT_YET_VALID, "dates", f"valid from {dates.to_text(start)}, not yet")
        if end is not None and self.at >= end:
            raise _Stop(Verdict.EXPIRED, "dates", f"expired on {dates.to_text(end)}")
        until = f" until {dates.to_text(end)}" if end else ", no expiry"
        self._pass(report, "dates", f"valid from {dates.to_text(start)}{until}")

    def _status(self, url: str, index: int, report: Report) -> None:
        bits = self._status_bits(url)
        if isinstance(bits, str):
            raise _Stop(Verdict.CANNOT_CHECK, "status", bits)
        try:
            revoked = statuslist.is_set(bits, index)
        except statuslist.StatusListError as error:
            raise _Stop(Verdict.CANNOT_CHECK, "status", f"{url}: {error}") from error
        if revoked:
            raise _Stop(Verdict.REVOKED, "status", f"revoked by the issuer (entry {index} of {url})")
        self._pass(report, "status", f"not revoked (entry {index} of {url})")

    def _status_bits(self, url: str) -> bytes | str:
        """The verified bitstring of a status list, or why it cannot be trusted (cached)."""
        if url not in self._lists:
            try:
                self._lists[url] = self._load_status(url)
            except _Stop as stop:
                stale = stop.detail.startswith("status unknown")
                self._lists[url] = stop.detail if stale else f"the status list cannot be trusted: {stop.detail}"
            except ResolveError as error:
                self._lists[url] = f"the status list cannot be fetched: {error}"
        return self._lists[url]

    def _load_status(self, url: str) -> bytes:
        raw = self.resolver.status_list(url)
        try:
            data = loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as error:
            raise _Stop(Verdict.CANNOT_CHECK, "status", f"{url} is not JSON (truncated?): {error}") from error
        if not isinstance(data, Mapping):
            raise _Stop(Verdict.CANNOT_CHECK, "status", f"{url} is not a JSON object")
        found = data.get("type")
        types = found if isinstance(found, list) else []
        if statuslist.CREDENTIAL_TYPE not in types or data.get("id") != url:
            raise _Stop(Verdict.CANNOT_CHECK, "status", f"{url} is not the BitstringStatusListCredential it names")
        self._proofs(data, None, issuer=ob3.issuer_id(data), what="the status list")
        subject = data.get("credentialSubject")
        if not isinstance(subject, Mapping) or subject.get("type") != statuslist.LIST_TYPE:
            raise _Stop(Verdict.CANNOT_CHECK, "status", "the status list has no BitstringStatusList subject")
        if subject.get("statusPurpose") != statuslist.PURPOSE:
            raise _Stop(Verdict.CANNOT_CHECK, "status", f'the status list purpose is not "{statuslist.PURPOSE}"')
        start, end = dates.parse(data.get("validFrom")), dates.parse(data.get("validUntil"))
        if start is None or self.now < start or ("validUntil" in data and end is None):
            raise _Stop(Verdict.CANNOT_CHECK, "status", "the status list is not valid at this time")
        if end is not None and self.now >= end:
            raise _Stop(
                Verdict.CANNOT_CHECK,
                "status",
                f"status unknown: the revocation list is out of date (valid until {dates.to_text(end)}); "
                "the issuer must publish it again",
            )
        try:
            return statuslist.decode(subject.get("encodedList"))
        except statuslist.StatusListError as error:
            raise _Stop(Verdict.CANNOT_CHECK, "status", str(error)) from error

    def _issuer_keys(self) -> dict[str, IssuerKey | str]:
        if self._keys is None and self._keys_error is None:
            try:
                self._keys = keys_from_document(self.resolver.issuer_document())
            except ResolveError as error:
                self._keys_error = str(error)
        if self._keys is None:
            raise _Stop(Verdict.CANNOT_CHECK, "issuer", f"the issuer profile cannot be read: {self._keys_error}")
        return self._keys

    # Summaries (QR links) ------------------------------------------------------------------

    def _link(self, link: str, report: Report) -> None:
        base, _, fragment = link.partition("#") if "#" in link else ("", "", link)
        try:
            summary, body, signature = summaries.decode(fragment)
        except (summaries.SummaryError, ValueError) as error:
            raise _Stop(Verdict.CANNOT_CHECK, "format", str(error)) from error
        report.credential_id, report.name, report.achievement = summary.credential_id, summary.name, summary.achievement
        report.valid_from = dates.to_text(summary.valid_from)
        report.valid_until = dates.to_text(summary.valid_until) if summary.valid_until else None
        self._pass(report, "format", f"a signed certificate summary ({summary.credential_id})")
        self._skip(report, "schema", "a summary has no schema")
        self._skip(report, "proof", "a summary is signed directly with Ed25519")
        if base and base != self.resolver.verify_url:
            raise _Stop(Verdict.UNKNOWN_ISSUER, "issuer", f"the link is for {base}, not {self.resolver.verify_url}")
        keys = self._issuer_keys()
        self._pass(report, "issuer", self.resolver.issuer_id)
        key_id = summary.key_id(self.resolver.issuer_id)
        key = keys.get(key_id)
        if key is None or isinstance(key, str):
            raise _Stop(Verdict.UNKNOWN_ISSUER, "key", f"{key_id} is not a usable key of the issuer")
        self._pass(report, "key", f"key-{summary.key_number} of the issuer")
        try:
            key.public_key.verify(signature, summaries.signing_input(self.resolver.issuer_id, body))
        except (InvalidSignature, ValueError) as error:
            raise _Stop(
                Verdict.TAMPERED, "signature", "the summary was changed after signing or signed by another key"
            ) from error
        self._pass(report, "signature", "matches the summary")
        if summary.issued > self.now + CLOCK_SKEW:
            raise _Stop(
                Verdict.NOT_YET_VALID,
                "key validity",
                f"the summary says it was made on {dates.to_text(summary.issued)}, in the future",
            )
        if not key.valid_at(summary.issued):
            raise _Stop(Verdict.UNKNOWN_ISSUER, "key validity", _key_window(key, summary.issued))
        self._pass(report, "key validity", "the key was in use when the summary was made")
        self._dates(report.valid_from, report.valid_until, report)
        self._status(summary.status_list(self.resolver.site_url), summary.index, report)

    # Report helpers ------------------------------------------------------------------------

    def _pass(self, report: Report | None, step: str, detail: str) -> None:
        if report is not None:
            report.steps.append(Step(step, True, detail))

    def _skip(self, report: Report, step: str, detail: str) -> None:
        report.steps.append(Step(step, None, detail))

    def _fail(self, report: Report, verdict: Verdict, step: str, detail: str) -> Report:
        report.verdict = verdict
        report.steps.append(Step(step, False, detail))
        done = {s.name for s in report.steps}
        report.steps += [Step(s, None, "not checked") for s in STEPS if s not in done]
        return report

    def _done(self, report: Report) -> Report:
        report.verdict = Verdict.VALID
        return report


def _key_window(key: IssuerKey, created: datetime) -> str:
    if key.created is not None and created < key.created:
        return f"{key.id} was made on {dates.to_text(key.created)}, after this was signed ({dates.to_text(created)})"
    retired = dates.to_text(key.retired) if key.retired else "?"
    return f"{key.id} was retired on {retired}, before this was signed ({dates.to_text(created)})"


def _show(value: object) -> str:
    return "missing" if value is None else f'"{value}"' if isinstance(value, str) else json.dumps(value)[:80]


#: A compact JWS/JWT: three base64url parts (the payload may be empty).
_JWT = re.compile(r"eyJ[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*\.[A-Za-z0-9_-]*")


def _issuer_named(data: Mapping[str, Any]) -> str:
    """The issuer as the file states it: its name and id (or what stands there instead)."""
    issuer = data.get("issuer")
    name = issuer.get("name") if isinstance(issuer, Mapping) else None
    ident = ob3.issuer_id(data)
    if isinstance(name, str) and ident:
        return f'"{name[:200]}" ({ident[:200]})'
    return _show(ident) if ident else "no issuer named"


def _internal(error: BaseException) -> str:
    """An unexpected failure, said briefly (no traceback: the report is for people)."""
    if isinstance(error, RecursionError):
        return "it is nested too deeply"
    if isinstance(error, MemoryError):
        return "it is too large"
    return f"{type(error).__name__}: {str(error)[:200]}"


def format_report(report: Report, *, verbose: bool = True) -> str:
    """The report as the CLI prints it: the source, each step, the verdict."""
    marks = {True: "ok  ", False: "FAIL", None: "--  "}
    lines = [_safe(report.source)]
    if report.name or report.achievement:
        lines.append(
            f"  {_safe(report.name or '?')} — {_safe(report.achievement or '?')} ({report.credential_id or 'no id'})"
        )
    if verbose:
        lines += [f"  {marks[s.ok]} {s.name}: {_safe(s.detail)}" for s in report.steps]
    lines.append(
        f"  verdict: {report.verdict}" + (f" ({_safe(report.reason)})" if report.reason and not verbose else "")
    )
    return "\n".join(lines)


def _safe(text: str) -> str:
    """Text from a certificate made safe for a terminal: control characters shown as escapes."""
    if text.isprintable():  # no control, format or surrogate character (nearly every text): as it is
        return text
    import unicodedata

    return "".join(
        c if unicodedata.category(c) not in {"Cc", "Cf", "Cs"} or c == "\u200d" else f"\\u{ord(c):04x}" for c in text
    )
