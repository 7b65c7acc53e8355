"""The Open Badges 3.0 `OpenBadgeCredential` an academy certificate is, and its recipient identity.

Layout (every credential; `validUntil` only when the rule has `validity_months`):

```json
{
  "@context": ["https://www.w3.org/ns/credentials/v2",
               "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"],
  "id": "urn:uuid:…",
  "type": ["VerifiableCredential", "OpenBadgeCredential"],
  "name": "<rule title>",
  "description": "<rule description>",
  "issuer": {"id": "<site url>issuer/profile.json", "type": ["Profile"], "name": …, "url": …, "email": …},
  "validFrom": "2025-03-01T10:15:00Z",
  "validUntil": "2027-03-01T10:15:00Z",
  "awardedDate": "2025-03-01T10:15:00Z",
  "credentialSubject": {
    "type": ["AchievementSubject"],
    "identifier": [
      {"type": "IdentityObject", "identityType": "name", "hashed": false, "identityHash": "<name>"},
      {"type": "IdentityObject", "identityType": "emailAddress", "hashed": true,
       "identityHash": "sha256$<hex of SHA-256(lower-cased e-mail + salt)>", "salt": "<salt>"}
    ],
    "achievement": {"id": "<site url>certificates/<rule id>/", "type": ["Achievement"],
                    "achievementType": "Certificate", "name": …, "description": …,
                    "criteria": {"id": "<the rule's page in that language>", "narrative": …},
                    "inLanguage": "nl",
                    "related": [{"id": "<site url>certificates/<rule id>/", "type": ["Related"],
                                 "inLanguage": "en"}, …],   // the rule's other languages
                    "image": {"id": "<site url>certificates/<rule id>/badge.png", "type": "Image"},
                    "resultDescription": [{"id": "<achievement id>#assessment-score", "type": ["ResultDescription"],
                                           "name": …, "resultType": "Percent", "requiredValue": "<min_score>",
                                           "valueMin": "0", "valueMax": "100"}]},   // rules with an exam
    "result": [{"type": ["Result"], "resultDescription": "<achievement id>#assessment-score", "value": "85"}]
  },                                                                          // earned on the exam
  "evidence": [{"type": ["Evidence"], "name": …,
                "narrative": "hub-scored assessment, 12 questions drawn from 30, 85 %"}],   // or "trainer-attested: …"
  "credentialStatus": {"id": "<status list url>#<index>", "type": "BitstringStatusListEntry",
                       "statusPurpose": "revocation", "statusListIndex": "<index>",
                       "statusListCredential": "<site url>certificates/status/revocation-1.json"},
  "credentialSchema": [{"id": "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json",
                        "type": "JsonSchema"}],
  "proof": [{"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", "created": …,
             "verificationMethod": "<site url>issuer/profile.json#key-N",
             "proofPurpose": "assertionMethod", "@context": [… as above], "proofValue": "z…"}]
}
```
"""

from __future__ import annotations

import hashlib
import re
import secrets
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from ... import routes
from .. import dates

if TYPE_CHECKING:  # the core is imported where it is used
    from academy.core.curriculum import CertificateRule

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB3_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
MULTIKEY_CONTEXT = "https://w3id.org/security/multikey/v1"
OB3_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
CREDENTIAL_TYPE = "OpenBadgeCredential"
#: Longest holder name, in characters: it must fit the QR code's summary.
MAX_NAME = 120
_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
#: Invisible characters that reorder text (bidi embeddings, overrides and isolates): a name
#: with them could display as something else, so issuance refuses it.
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


@dataclass(frozen=True)
class Achievement:
    """What a certificate rule awards, as the credential states it."""

    id: str
    rule: str
    title: str
    description: str
    criteria: str
    #: The exam's pass mark (percent) when the rule has a hub-scored assessment; None otherwise.
    required_percent: float | None = None
    #: The badge image's URL (the site publishes it; issuance bakes the credential into it).
    image: str | None = None
    #: The language of `title`, `description` and `criteria` (OB3 `inLanguage`); None: unstated.
    language: str | None = None
    #: The rule's page in `language` (`criteria.id`); None: the achievement's own page, `id`.
    criteria_url: str | None = None
    #: The same achievement in the site's other languages: (language, its page), OB3 `Related`.
    related: tuple[tuple[str, str], ...] = ()
    #: Names of the parts the credential adds (result description, evidence), in `language`.
    labels: Mapping[str, str] | None = None

    def label(self, key: str, english: str) -> str:
        """The credential's own text `key` in the achievement's language (English when not given)."""
        return (self.labels or {}).get(key, english)

    @property
    def result_id(self) -> str:
        """Id of the achievement's `ResultDescription`: the hub-scored assessment's score."""
        return f"{self.id}#assessment-score"


@dataclass(frozen=True)
class Assessment:
    """How a certificate was earned, as the credential records it (OB3 `result` and `evidence`).

    `kind` is "exam" (hub-scored assessment; `percent` set) or "roster" (trainer-attested).
    `narrative` is the sentence HR reads, e.g. "hub-scored assessment, 12 questions drawn
    from 30, 85 %" or "trainer-attested: attended the live workshop on 2026-12-01".
    """

    kind: str
    narrative: str
    percent: float | None = None


def percent_text(value: float) -> str:
    """A percent as the credential writes it: `85`, `83.33`."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str


def achievement_for(
    rule: CertificateRule,
    site_url: str,
    *,
    language: str | None = None,
    source_language: str | None = None,
    related: Sequence[str] = (),
    labels: Mapping[str, str] | None = None,
) -> Achievement:
    """The achievement of a certificate rule (`academy.core.curriculum.CertificateRule`).

    `rule` carries the text of `language` (academy.i18n.localize); `related` are the site's other
    languages the rule has a text in, each published under `/<code>/` (the source at the root).
    """
    required = rule.min_score if getattr(rule, "exam", None) is not None else None
    # The English root's page, whatever languages the site gains: credentials already issued point to it,
    # and it is the one id of the achievement in every language (the verify page looks titles up by it).
    page = language_page(site_url, rule.id, None)
    image = f"{site_url}{routes.badge_image(rule.id, '.png')}"
    source = source_language or language
    criteria = language_page(site_url, rule.id, None if language == source else language)
    others = tuple((code, language_page(site_url, rule.id, None if code == source else code)) for code in related)
    return Achievement(
        page, rule.id, rule.title, rule.description, rule.criteria, required, image, language, criteria, others, labels
    )


def language_page(site_url: str, rule_id: str, language: str | None) -> str:
    """The rule's public page in the site of `language` (`<site url><code>/certificates/<id>/`); None: the source's."""
    root = f"{site_url.rstrip('/')}/{language}/" if language else site_url
    return routes.ROUTES.url(root, routes.ROUTES.certificate(rule_id))


def issuer_ref(site: Any) -> dict[str, Any]:
    """The issuer as embedded in a credential, from `SiteConfig.issuer`."""
    issuer = site.issuer
    return {"id": issuer.id, "type": ["Profile"], "name": issuer.name, "url": issuer.url, "email": issuer.email}


def clean_name(value: object) -> str:
    """A holder's name as certificates show it: NFC, single spaces; ValueError says what is wrong."""
    if not isinstance(value, str):
        raise ValueError("the name must be text")
    name = " ".join(unicodedata.normalize("NFC", value).split())
    if not name:
        raise ValueError("the name is empty")
    if any(c in BIDI_CONTROLS for c in name):
        raise ValueError("the name contains invisible text-direction control characters; retype it without them")
    if any(unicodedata.category(c) in {"Cc", "Cs", "Co", "Cn"} for c in name):
        raise ValueError("the name contains control or unassigned characters; retype it")
    if len(name) > MAX_NAME:
        raise ValueError(f"the name has {len(name)} characters; at most {MAX_NAME} fit on a certificate")
    return name


def clean_email(value: object) -> str:
    """An e-mail address, trimmed and lower-cased (as hashed); ValueError when it is not one."""
    email = value.strip().lower() if isinstance(value, str) else ""
    if not _EMAIL.fullmatch(email):
        raise ValueError(f"{value!r} is not an e-mail address")
    return email


def new_salt() -> str:
    return secrets.token_urlsafe(16)


def identity_hash(email: str, salt: str) -> str:
    """OB3 IdentityHash: `sha256$` + hex SHA-256 of the lower-cased address followed by the salt."""
    return "sha256$" + hashlib.sha256((email.strip().lower() + salt).encode("utf-8")).hexdigest()


def build_credential(
    *,
    credential_id: str,
    issuer: Mapping[str, Any],
    achievement: Achievement,
    recipient: Recipient,
    salt: str,
    valid_from: datetime,
    valid_until: datetime | None,
    status: Mapping[str, Any] | None,
    assessment: Assessment | None = None,
) -> dict[str, Any]:
    """The unsigned credential (layout in the module docstring).

    With an `assessment`, the credential also says how it was earned: `evidence` (its
    narrative) and, for a hub-scored exam, the subject's `result` against the achievement's
    `resultDescription` (Percent, `requiredValue` = the rule's `min_score`).
    """
    credential: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB3_CONTEXT],
        "id": credential_id,
        "type": ["VerifiableCredential", CREDENTIAL_TYPE],
        "name": achievement.title,
        "description": achievement.description,
        "issuer": dict(issuer),
        "validFrom": dates.to_text(valid_from),
    }
    if valid_until is not None:
        credential["validUntil"] = dates.to_text(valid_until)
    credential["awardedDate"] = dates.to_text(valid_from)
    credential["credentialSubject"] = {
        "type": ["AchievementSubject"],
        "identifier": [
            {"type": "IdentityObject", "identityType": "name", "hashed": False, "identityHash": recipient.name},
            {
                "type": "IdentityObject",
                "identityType": "emailAddress",
                "hashed": True,
                "identityHash": identity_hash(recipient.email, salt),
                "salt": salt,
            },
        ],
        "achievement": {
            "id": achievement.id,
            "type": ["Achievement"],
            "achievementType": "Certificate",
            "name": achievement.title,
            "description": achievement.description,
            # The rule's public page (what it certifies, how it is assessed) is also its criteria:
            # the page in the credential's language, where the site has one.
            "criteria": {"id": achievement.criteria_url or achievement.id, "narrative": achievement.criteria},
        },
    }
    described = credential["credentialSubject"]["achievement"]
    # OB3 `inLanguage` (a BCP 47 code) rather than VC 2.0 language value objects: the 1EdTech schema
    # types `name`/`description` as plain strings, so `{"@value", "@language"}` would not validate.
    if achievement.language:
        described["inLanguage"] = achievement.language
    if achievement.related:
        described["related"] = [
            {"id": url, "type": ["Related"], "inLanguage": code} for code, url in achievement.related
        ]
    if achievement.image:
        credential["credentialSubject"]["achievement"]["image"] = {"id": achievement.image, "type": "Image"}
    if achievement.required_percent is not None:
        credential["credentialSubject"]["achievement"]["resultDescription"] = [
            {
                "id": achievement.result_id,
                "type": ["ResultDescription"],
                "name": achievement.label("score", "Score in the hub-scored certification assessment"),
                "resultType": "Percent",
                "requiredValue": percent_text(achievement.required_percent),
                "valueMin": "0",
                "valueMax": "100",
            }
        ]
    if assessment is not None and assessment.percent is not None and achievement.required_percent is not None:
        credential["credentialSubject"]["result"] = [
            {"type": ["Result"], "resultDescription": achievement.result_id, "value": percent_text(assessment.percent)}
        ]
    if assessment is not None:
        name = (
            achievement.label("evidence_exam", "Hub-scored certification assessment")
            if assessment.kind == "exam"
            else achievement.label("evidence_roster", "Trainer-attested workshop")
        )
        credential["evidence"] = [{"type": ["Evidence"], "name": name, "narrative": assessment.narrative}]
    if status is not None:
        credential["credentialStatus"] = dict(status)
    # VC 2.0's `JsonSchema`: a type the declared contexts define (1EdTech's validator name is in none of them).
    credential["credentialSchema"] = [{"id": OB3_SCHEMA, "type": "JsonSchema"}]
    return credential


def issuer_id(credential: Mapping[str, Any]) -> str | None:
    """The issuer's id: `issuer` may be a URL or a Profile object."""
    issuer = credential.get("issuer")
    if isinstance(issuer, Mapping):
        issuer = issuer.get("id")
    return issuer if isinstance(issuer, str) else None


def holder_name(credential: Mapping[str, Any]) -> str | None:
    """The recipient's name from the unhashed `name` IdentityObject."""
    subject = credential.get("credentialSubject")
    identifiers = subject.get("identifier") if isinstance(subject, Mapping) else None
    for item in identifiers if isinstance(identifiers, list) else []:
        if isinstance(item, Mapping) and item.get("identityType") == "name" and item.get("hashed") is False:
            value = item.get("identityHash")
            return value if isinstance(value, str) else None
    return None


def matches_email(credential: Mapping[str, Any], email: str) -> bool:
    """Whether the credential's hashed e-mail identity is `email`."""
    subject = credential.get("credentialSubject")
    identifiers = subject.get("identifier") if isinstance(subject, Mapping) else None
    for item in identifiers if isinstance(identifiers, list) else []:
        if isinstance(item, Mapping) and item.get("identityType") == "emailAddress" and item.get("hashed") is True:
            salt = item.get("salt")
            if item.get("identityHash") == identity_hash(email, salt if isinstance(salt, str) else ""):
                return True
    return False


def achievement_name(credential: Mapping[str, Any]) -> str | None:
    subject = credential.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    name = achievement.get("name") if isinstance(achievement, Mapping) else None
    return name if isinstance(name, str) else None


def achievement_language(credential: Mapping[str, Any]) -> str | None:
    """The achievement's `inLanguage` (the language its texts are in), None when unstated."""
    subject = credential.get("credentialSubject")
    achievement = subject.get("achievement") if isinstance(subject, Mapping) else None
    language = achievement.get("inLanguage") if isinstance(achievement, Mapping) else None
    return language if isinstance(language, str) else None
