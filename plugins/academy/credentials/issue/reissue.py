"""Re-issuing what a compromised key signed: `academy reissue --key key-N`.

After `academy keys revoke key-N --compromised`, nothing key-N signed verifies. This re-issues
every certificate of the ledger that key-N signed and that is not revoked, to the same person
for the same rule, signed with the current key (through the `Issuer`, so the batch is all or
nothing), and the old certificate is revoked as superseded in the same batch. Running it again does nothing new:
a certificate already re-issued is found by its source key `reissue:<old id>`.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..documents import ob3
from ..store.ledger import Entry
from .issuer import Award, Issued, IssueError, Issuer

REASON = "superseded: re-issued because {key} was revoked as compromised"


@dataclass(frozen=True)
class Reissued:
    old: Entry
    new: Issued


def key_name(key: str) -> str:
    """`key-N` from `key-N`, `N` or a full key id."""
    name = key.rsplit("#", 1)[-1]
    return name if name.startswith("key-") else f"key-{name}"


def affected(issuer: Issuer, key: str) -> list[Entry]:
    """The ledger's certificates signed with `key` (`key-N`, `N` or the full id) that are not revoked."""
    return [e for e in issuer.ledger.entries() if key_name(e.key_id) == key_name(key) and not e.revoked]


def reissue(issuer: Issuer, key: str) -> list[Reissued]:
    """Re-issue every affected certificate with the current key and revoke the old ones."""
    project = issuer.project
    old = affected(issuer, key)
    awards: list[Award] = []
    problems: list[str] = []
    for entry in old:
        rule = project.certificates.get(entry.certificate)
        if rule is None:
            problems.append(
                f"{entry.id}: its certificate rule {entry.certificate} is no longer in curriculum/certificates/ "
                "— restore the rule to re-issue it, or revoke the certificate: academy revoke ID --reason TEXT"
            )
            continue
        recipient = ob3.Recipient(entry.name, entry.email)
        awards.append(Award(rule, recipient, "reissue", f"reissue:{entry.id}", f"ledger entry {entry.id}"))
    if problems:
        raise IssueError(problems)
    signer = key_name(issuer.keystore.active().id)
    if signer == key_name(key):
        raise IssueError(
            [f"{signer} is still the active key — revoke it first: academy keys revoke {signer} --compromised"]
        )
    # One current certificate per person and rule: the new one supersedes the old in the same
    # batch, and the old one is revoked in the status list as superseded.
    reason = REASON.format(key=key_name(key))
    results = issuer.issue(awards, reissue=True, reason=reason) if awards else []
    return [Reissued(entry, result) for entry, result in zip(old, results, strict=True)]
