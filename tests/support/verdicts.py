"""Certificates for every verdict, made at test time (keys are never committed).

`make_verdict_cases(project)` turns a scratch copy of a project into an issuer — keys (one
retired, one active), a ledger, signed status lists — and writes one input per case. Run the
same cases through `academy --root PROJECT verify` and through the verify page of the site
built from PROJECT: both must give each case's `verdict`.

```python
from support.verdicts import make_verdict_cases
cases = make_verdict_cases(project_copy, site_url=server.url)  # then build the site from project_copy
for case in cases:
    case.name, case.verdict   # e.g. "expired", "expired"
    case.file                 # a .json (or .txt) to paste or drop on the page, or None
    case.link                 # a verify link (what the QR code holds) to open, or None
```

`<out>/cases.json` lists the same as `[{"name", "verdict", "description", "file", "link"}]`
(`file` relative to `<out>`, e.g. `files/expired.json`), for tests in other languages.
"""

from __future__ import annotations

import base64
import copy
import json
import shutil
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import yaml
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from academy.credentials import dates
from academy.credentials.crypto.canonical import dumps
from academy.credentials.crypto.keys import KeyStore
from academy.credentials.crypto.proof import add_proof, proofs_of
from academy.credentials.documents import ob3, statuslist
from academy.credentials.documents import summary as summaries
from academy.credentials.documents.baking import badge_images, baked_images
from academy.credentials.documents.profile import IssuerKey
from academy.credentials.issue.issuer import Award, Issuer, qr_link, sign, summary_of
from academy.credentials.store.ledger import Ledger

ROGUE = "https://rogue.example/issuer/profile.json"


@dataclass(frozen=True)
class VerdictCase:
    name: str
    #: The expected verdict: a value of `academy.credentials.verify.verifier.Verdict`.
    verdict: str
    description: str
    file: Path | None = None
    link: str | None = None
    #: The verify page's verdict where it differs: the page checks `eddsa-jcs-2022` only, so a
    #: credential signed only with `eddsa-rdfc-2022` uses a proof the page does not support.
    page_verdict: str | None = None

    @property
    def on_page(self) -> str:
        """The verdict the verify page gives."""
        return self.page_verdict or self.verdict

    def to_json(self, base: Path) -> dict[str, Any]:
        return {
            "name": self.name,
            "verdict": self.verdict,
            "page_verdict": self.on_page,
            "description": self.description,
            "file": self.file.relative_to(base).as_posix() if self.file else None,
            "link": self.link,
        }


def make_verdict_cases(
    project: Path,
    *,
    site_url: str | None = None,
    now: datetime | None = None,
    out: Path | None = None,
    certificate: str | None = None,
) -> list[VerdictCase]:
    """Make `project` (a scratch copy: it is changed) an issuer and write one input per verdict case.

    `site_url` replaces the site's `url` (use the address the built site will be served at,
    with a trailing slash); `now` is when the cases are checked (default: now); `out` is
    where the inputs go (default: `<project>/.academy/verdict-cases/`: `cases.json` and
    `files/`); `certificate` is the rule to issue (default: the first with a validity period).
    """
    from academy.core.project import load_project

    project = project.resolve()
    now = (now or dates.utcnow()).replace(microsecond=0)
    if site_url is not None:
        _set_site_url(project, site_url)
    shutil.rmtree(project / ".academy", ignore_errors=True)
    shutil.rmtree(project / "site_config/issuer", ignore_errors=True)
    loaded = load_project(project)
    if loaded.site is None or not loaded.certificates:
        raise ValueError(f"{project} needs valid site settings and a certificate rule: {list(loaded.problems)}")
    site = loaded.site
    rules = sorted(loaded.certificates.values(), key=lambda r: (r.validity_months is None, r.id))
    rule = loaded.certificates[certificate] if certificate else rules[0]
    if not rule.validity_months:
        rule = replace(rule, validity_months=24)
    out = (out or project / ".academy/verdict-cases").resolve()
    (out / "files").mkdir(parents=True, exist_ok=True)

    store = KeyStore(project, site.issuer.id)
    ledger = Ledger(project / ".academy/ledger.sqlite3")
    clock = _Clock(now)
    issuer = Issuer(loaded, ledger=ledger, keystore=store, clock=clock)
    cases: list[VerdictCase] = []

    def award(name: str, email: str, at: datetime) -> dict[str, Any]:
        clock.at = at
        recipient = ob3.Recipient(name, email)
        (result,) = issuer.issue([Award(rule, recipient, "roster", f"fixture:{email}", "fixture")])
        issued: dict[str, Any] = json.loads(result.entry.credential)
        return issued

    def write(name: str, verdict: str, description: str, document: Any, page: str | None = None) -> None:
        path = out / "files" / f"{name}.json"
        path.write_text(dumps(document) if not isinstance(document, str) else document, encoding="utf-8")
        cases.append(VerdictCase(name, verdict, description, file=path, page_verdict=page))

    def image(name: str, verdict: str, description: str, data: bytes, suffix: str) -> None:
        path = out / "files" / f"{name}{suffix}"
        path.write_bytes(data)
        cases.append(VerdictCase(name, verdict, description, file=path))

    def link(name: str, verdict: str, description: str, url: str) -> None:
        cases.append(VerdictCase(name, verdict, description, link=url))

    # Key 1 from five years ago until its rotation a year ago.
    store.generate(now=now - timedelta(days=5 * 365))
    key1 = store.active()
    private1 = store.private_key(key1)
    expired = award("Edda Expired", "expired@example.org", now - timedelta(days=3 * 365))
    old = award("Olga Oldkey", "oldkey@example.org", now - timedelta(days=400))
    store.rotate(now=now - timedelta(days=365))
    key2 = store.active()
    private2 = store.private_key(key2)
    future = award("Nora Notyet", "notyet@example.org", now + timedelta(days=30))
    valid = award("Ada Lovelace", "ada@example.org", now - timedelta(days=10))
    revoked = award("Rita Revoked", "revoked@example.org", now - timedelta(days=20))
    markup = award('<script>alert("x")</script> & <b>Bold</b>', "markup@example.org", now - timedelta(days=5))
    rtl = award("مريم العربي", "rtl@example.org", now - timedelta(days=5))
    hebrew = award("אבי כהן", "hebrew@example.org", now - timedelta(days=5))
    clock.at = now - timedelta(seconds=60)
    issuer.revoke(revoked["id"], "fixture: revoked case")
    # Re-sign the lists as of now (issuing "not yet valid" signed them in the future).
    for path in (project / "site_config/issuer/status").glob("*.json"):
        path.unlink()
    clock.at = now - timedelta(seconds=30)
    issuer.publish_status()

    write("valid", "valid", "issued ten days ago with the current key", valid)
    write("valid-old-key", "valid", "signed with key-1 before that key was retired", old)
    write("valid-markup-name", "valid", "a name with HTML markup: the page must show it as text", markup)
    write("valid-rtl-name", "valid", "an Arabic (right-to-left) name", rtl)
    write("valid-hebrew-name", "valid", "a Hebrew (right-to-left) name", hebrew)
    write("revoked", "revoked", "revoked in the ledger; the signed status list has its bit set", revoked)
    write("expired", "expired", "issued three years ago, valid for 24 months", expired)
    write("not-yet-valid", "not-yet-valid", "validFrom is 30 days ahead", future)

    tampered = copy.deepcopy(valid)
    tampered["credentialSubject"]["identifier"][0]["identityHash"] = "Mallory Impostor"
    write("tampered", "tampered", "the holder's name was changed after signing", tampered)
    extended = copy.deepcopy(expired)
    extended["validUntil"] = dates.to_text(now + timedelta(days=3650))
    write("tampered-dates", "tampered", "an expired certificate whose validUntil was pushed ten years ahead", extended)
    achievement = copy.deepcopy(valid)
    achievement["credentialSubject"]["achievement"]["name"] = "Chief Executive Officer"
    write("tampered-achievement", "tampered", "the achievement name was changed after signing", achievement)

    rogue = Ed25519PrivateKey.generate()
    unsigned = {k: v for k, v in valid.items() if k != "proof"}
    write(
        "wrong-key",
        "tampered",
        "claims the issuer's key-2 but was signed with another key",
        _sign(unsigned, rogue, key2.id, now),
    )
    write(
        "unknown-key",
        "unknown-issuer",
        "signed with a key-9 the issuer never published",
        _sign(unsigned, rogue, f"{site.issuer.id}#key-9", now),
    )
    foreign = {**unsigned, "issuer": {**unsigned["issuer"], "id": ROGUE, "name": "Rogue Academy"}}
    write(
        "unknown-issuer",
        "unknown-issuer",
        "issued and signed by another organisation",
        _sign(foreign, rogue, f"{ROGUE}#key-1", now),
    )
    write(
        "issuer-key-mismatch",
        "unknown-issuer",
        "names this issuer but is signed by a key another organisation controls",
        _sign(unsigned, rogue, f"{ROGUE}#key-1", now),
    )
    write(
        "retired-key",
        "unknown-issuer",
        "signed with key-1 after it was retired (a stolen old key)",
        _sign(unsigned, private1, key1.id, now),
    )
    suite = copy.deepcopy(valid)
    for each in suite["proof"]:
        each["cryptosuite"] = {"eddsa-jcs-2022": "ecdsa-jcs-2019", "eddsa-rdfc-2022": "ecdsa-rdfc-2019"}[
            each["cryptosuite"]
        ]
    write("wrong-cryptosuite", "unsupported-proof", "signed only with cryptosuites this verifier does not know", suite)
    foreign_type = {**unsigned, "proof": [{**valid["proof"][0], "type": "Ed25519Signature2020"}]}
    write("unsupported-proof-type", "unsupported-proof", "a proof of another type (Ed25519Signature2020)", foreign_type)
    rdfc = copy.deepcopy(valid)
    rdfc["proof"] = [{**rdfc["proof"][0], "cryptosuite": "eddsa-rdfc-2022"}]
    write(
        "relabelled-cryptosuite",
        "tampered",
        "a JCS signature relabelled as eddsa-rdfc-2022 (the page does not check RDFC)",
        rdfc,
        page="unsupported-proof",
    )
    rdfc_only = {**valid, "proof": [p for p in valid["proof"] if p["cryptosuite"] == "eddsa-rdfc-2022"]}
    write(
        "valid-rdfc-only",
        "valid",
        "only the eddsa-rdfc-2022 proof: academy verify checks it, the page cannot",
        rdfc_only,
        page="unsupported-proof",
    )
    write(
        "future-proof",
        "not-yet-valid",
        "signed with the issuer's key, but its proof claims to be made in 2099",
        add_proof(unsigned, private2, verification_method=key2.id, created="2099-01-01T00:00:00Z"),
    )
    write(
        "wrong-purpose",
        "tampered",
        "signed by the issuer's key but for authentication, not assertionMethod",
        add_proof(
            unsigned, private2, verification_method=key2.id, created=dates.to_text(now), proof_purpose="authentication"
        ),
    )
    write("no-proof", "tampered", "the proof was stripped", unsigned)
    write("two-proofs", "tampered", "the same proof twice", {**valid, "proof": proofs_of(valid) * 2})
    write("not-json", "not-a-certificate", "not a certificate at all", "This is not a certificate.\n")
    write(
        "jwt",
        "not-a-certificate",
        "a JSON Web Token (another issuer's VC-JWT, say)",
        "eyJhbGciOiJFZERTQSJ9.eyJpc3MiOiJodHRwczovL290aGVyLmV4YW1wbGUvIn0.c2lnbmF0dXJl\n",
    )
    genuine = dumps(valid)
    forged = genuine.replace('"identityHash": ', '"identityHash": "Mallory Impostor", "identityHash": ', 1)
    write("duplicate-key", "not-a-certificate", "a forged name placed before the genuine one (a repeated key)", forged)
    write("deep-nesting", "not-a-certificate", "JSON nested 10,000 deep", '{"a":' + "[" * 10_000 + "]" * 10_000 + "}")
    surrogate = genuine.replace('"identityHash": "Ada Lovelace"', '"identityHash": "Ada \\ud800 Lovelace"', 1)
    write("lone-surrogate-name", "tampered", "a lone surrogate written into the holder's name", surrogate)
    write(
        "completion-record",
        "not-a-certificate",
        "a learner's completion record dropped by mistake: JSON, but no certificate",
        {"format": "academy-completion/1", "learner": {"name": "Ada"}, "quiz": "basics", "score": 90},
    )
    retyped = copy.deepcopy(valid)
    retyped["type"] = ["VerifiableCredential", "OpenBadgeCredential", "EndorsementCredential"]
    write("tampered-type", "tampered", "a signed type list was changed after signing", retyped)

    images = baked_images(project, valid, dumps(valid))
    image("baked-png", "valid", "the PNG badge issuance writes, with the credential baked in", images[".png"], ".png")
    image("baked-svg", "valid", "the SVG badge issuance writes, with the credential baked in", images[".svg"], ".svg")
    altered = baked_images(project, tampered, dumps(tampered))
    image("baked-tampered-png", "tampered", "a PNG badge whose baked credential was altered", altered[".png"], ".png")
    image(
        "image-without-credential",
        "not-a-certificate",
        "a badge image with nothing baked in",
        badge_images(project, rule.id)[".png"],
        ".png",
    )

    status_dir = project / "site_config/issuer/status"
    for number, name, description in [
        (2, "truncated-status-list", "its status list file was cut off half-way"),
        (3, "short-status-list", "its status list is signed but has fewer than 131,072 entries"),
        (4, "tampered-status-list", "its status list was edited to un-revoke it without the issuer's signature"),
        (5, "missing-status-list", "its status list does not exist on the site"),
        (6, "stale-status-list", "its status list is genuine but out of date (validUntil passed): a stale copy"),
    ]:
        url = statuslist.list_url(site.url, number)
        index = 4242
        credential = _issue_on(unsigned, url, index, key2, private2, now - timedelta(days=1))
        if number == 2:
            text = dumps(_status(url, site.issuer.id, [], key2, private2, now - timedelta(seconds=30)))
            (status_dir / url.rsplit("/", 1)[1]).write_text(text[: len(text) // 2], encoding="utf-8")
        elif number == 3:
            short = statuslist.list_credential(
                url=url,
                issuer_id=site.issuer.id,
                bits=bytes(128),
                valid_from=dates.to_text(now - timedelta(seconds=30)),
            )
            short["credentialSubject"]["encodedList"] = statuslist.encode(bytes(128))
            (status_dir / url.rsplit("/", 1)[1]).write_text(
                dumps(sign(short, key2, private2, now - timedelta(seconds=30)))
            )
        elif number == 4:
            document = _status(url, site.issuer.id, [index], key2, private2, now - timedelta(seconds=30))
            document["credentialSubject"]["encodedList"] = statuslist.encode(statuslist.bitstring([]))
            (status_dir / url.rsplit("/", 1)[1]).write_text(dumps(document), encoding="utf-8")
        elif number == 6:
            old_list = statuslist.list_credential(
                url=url,
                issuer_id=site.issuer.id,
                bits=statuslist.bitstring([]),
                valid_from=dates.to_text(now - timedelta(days=40)),
                valid_until=dates.to_text(now - timedelta(days=10)),
            )
            stale = sign(old_list, key2, private2, now - timedelta(days=40))
            (status_dir / url.rsplit("/", 1)[1]).write_text(dumps(stale), encoding="utf-8")
        write(name, "cannot-check", description, credential)

    link("link-valid", "valid", "the QR code of a valid certificate", qr_link(valid, site, private2)[0])
    link("link-revoked", "revoked", "the QR code of a revoked certificate", qr_link(revoked, site, private2)[0])
    link("link-expired", "expired", "the QR code of an expired certificate", qr_link(expired, site, private1)[0])
    link(
        "link-old-key",
        "valid",
        "the QR code of a certificate signed before the key rotation",
        qr_link(old, site, private1)[0],
    )
    link("link-rtl-name", "valid", "the QR code of a certificate with an Arabic name", qr_link(rtl, site, private2)[0])
    good = qr_link(valid, site, private2)[0]
    link("link-tampered", "tampered", "a QR link whose name was changed after signing", _retitle(good, "Mallory"))
    summary = summary_of(valid)
    link(
        "link-wrong-key",
        "tampered",
        "a QR link claiming key-2 but signed with another key",
        f"{site.verify_url}#{summaries.encode(summary, site.issuer.id, rogue)}",
    )
    link(
        "link-unknown-key",
        "unknown-issuer",
        "a QR link signed with a key-9 the issuer never published",
        f"{site.verify_url}#{summaries.encode(replace(summary, key_number=9), site.issuer.id, rogue)}",
    )
    link("link-garbage", "cannot-check", "a QR link whose summary is not readable", f"{site.verify_url}#s=AAAA")

    (out / "cases.json").write_text(dumps([case.to_json(out) for case in cases]), encoding="utf-8")
    return cases


class _Clock:
    def __init__(self, at: datetime) -> None:
        self.at = at

    def __call__(self) -> datetime:
        return self.at


def _set_site_url(project: Path, site_url: str) -> None:
    if not site_url.endswith("/"):
        site_url += "/"
    path = project / "site_config/site.yml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["url"] = site_url
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _sign(document: dict[str, Any], key: Ed25519PrivateKey, method: str, at: datetime) -> dict[str, Any]:
    return add_proof(document, key, verification_method=method, created=dates.to_text(at))


def _issue_on(
    unsigned: dict[str, Any], url: str, index: int, key: IssuerKey, private: Ed25519PrivateKey, at: datetime
) -> dict[str, Any]:
    document = {**unsigned, "credentialStatus": statuslist.entry(url, index)}
    return sign(document, key, private, at)


def _status(
    url: str, issuer_id: str, revoked: list[int], key: IssuerKey, private: Ed25519PrivateKey, at: datetime
) -> dict[str, Any]:
    document = statuslist.list_credential(
        url=url, issuer_id=issuer_id, bits=statuslist.bitstring(revoked), valid_from=dates.to_text(at)
    )
    return sign(document, key, private, at)


def _retitle(url: str, name: str) -> str:
    """A summary link with the holder's name replaced and the old signature kept."""
    base, _, fragment = url.partition("#")
    parsed, _, signature = summaries.decode(fragment)
    body = replace(parsed, name=name).body()
    return f"{base}#{summaries.PREFIX}{base64.urlsafe_b64encode(body + signature).decode().rstrip('=')}"
