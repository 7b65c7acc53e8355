"""The signatures the issuer makes: certificates (two proofs) and status lists (one)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from .. import dates
from ..crypto.canonical import loads
from ..crypto.proof import RDFC_SUITE, add_proof, proofs_of
from ..documents import ob3, statuslist
from ..documents.profile import IssuerKey
from .awards import Award

if TYPE_CHECKING:
    from academy.core.site import SiteConfig


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


def signed_credential(
    site: SiteConfig,
    award: Award,
    credential_id: str,
    status: tuple[str, int],
    key: IssuerKey,
    private: Ed25519PrivateKey,
    now: datetime,
    achievement: ob3.Achievement | None = None,
) -> dict[str, Any]:
    """The signed Open Badges 3.0 credential of `award`, revocable at `status` (list URL, index).

    `achievement`: the rule as the credential states it, in the learner's language (`language.py`);
    default the rule's source text with no language stated."""
    rule = award.rule
    return sign_credential(
        ob3.build_credential(
            credential_id=credential_id,
            issuer=ob3.issuer_ref(site),
            achievement=achievement or ob3.achievement_for(rule, site.url),
            recipient=award.recipient,
            salt=ob3.new_salt(),
            valid_from=now,
            valid_until=valid_until(award, now),
            status=statuslist.entry(*status),
            assessment=award.assessment,
        ),
        key,
        private,
        now,
    )


def valid_until(award: Award, now: datetime) -> datetime | None:
    """When a certificate of `award` issued `now` expires (never when its rule sets no validity)."""
    months = award.rule.validity_months
    return dates.add_months(now, months) if months else None


def signed_status_list(
    site: SiteConfig, url: str, bits: bytes, key: IssuerKey, private: Ed25519PrivateKey, now: datetime
) -> dict[str, Any]:
    """The status list `url` saying `bits`, valid from `now` for the site's `status_validity_days`."""
    until = now + timedelta(days=site.status_validity_days)
    return sign(
        statuslist.list_credential(
            url=url,
            issuer_id=site.issuer.id,
            bits=bits,
            valid_from=dates.to_text(now),
            valid_until=dates.to_text(until),
        ),
        key,
        private,
        now,
    )


def is_current(path: Path, bits: bytes, key_id: str, now: datetime) -> bool:
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
