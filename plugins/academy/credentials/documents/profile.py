"""The issuer's public keys (`site_config/issuer/keys.json`) and its published profile.

`keys.json`, written by `academy keys generate` and `academy keys rotate`, is a JSON array:

```json
[
  {"id": "<issuer id>#key-1", "type": "Multikey", "controller": "<issuer id>",
   "publicKeyMultibase": "z6Mk…", "created": "2025-01-10T09:00:00Z", "retired": "2026-01-10T09:00:00Z"},
  {"id": "<issuer id>#key-2", "type": "Multikey", "controller": "<issuer id>",
   "publicKeyMultibase": "z6Mk…", "created": "2026-01-10T09:00:00Z"},
  {"id": "<issuer id>#key-3", …, "created": …, "retired": …, "revoked": "2026-02-01T08:00:00Z",
   "revokedReason": "compromised"}
]
```

`issuer_document` turns it into the controller document and Open Badges Profile that the site
publishes at the issuer id, `<site url>issuer/profile.json` (layout in its docstring). A key
verifies proofs created up to its `expires` time (the retirement): certificates signed before a
rotation keep verifying. A key revoked as compromised (`academy keys revoke KEY --compromised`)
is published with `revoked`, and nothing signed with it verifies any more, whatever its proof
claims as `created` (a thief can write any date).

The published entries hold only terms the Controlled Identifiers v1 context defines for a
`Multikey` (`id`, `type`, `controller`, `publicKeyMultibase`, `expires`, `revoked`), so a
JSON-LD processor in safe mode accepts the profile. `created` stays in `keys.json` only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from academy.errors import AcademyError

from .. import dates
from ..crypto.multikey import MultibaseError, decode_public
from .ob3 import OB3_CONTEXT, VC_CONTEXT

#: Controlled Identifiers v1: defines `verificationMethod`, `assertionMethod` and `Multikey`.
CID_CONTEXT = "https://www.w3.org/ns/cid/v1"

KEY_ID = re.compile(r"#key-([1-9][0-9]{0,5})$")


class KeysFileError(AcademyError, ValueError):
    """`keys.json` is unreadable; the message names the file, the entry and the fix."""


@dataclass(frozen=True)
class IssuerKey:
    """One public key of the issuer."""

    id: str
    controller: str
    public_key_multibase: str
    #: When the key was made; None when the published profile does not say (it need not).
    created: datetime | None
    retired: datetime | None = None
    #: When the key was revoked as compromised: nothing it signed verifies.
    revoked: datetime | None = None

    @property
    def number(self) -> int:
        match = KEY_ID.search(self.id)
        return int(match.group(1)) if match else 0

    @property
    def public_key(self) -> Ed25519PublicKey:
        return decode_public(self.public_key_multibase)

    def valid_at(self, moment: datetime) -> bool:
        """Whether a proof created at `moment` may use this key.

        Both ends are inclusive: timestamps have whole seconds, and a certificate signed in the
        same second as the rotation was signed before the key was retired. A revoked key is valid
        at no moment.
        """
        if self.revoked is not None:
            return False
        return (self.created is None or self.created <= moment) and (self.retired is None or moment <= self.retired)

    def to_json(self) -> dict[str, Any]:
        """The `keys.json` entry."""
        entry = self._entry()
        if self.created is not None:
            entry["created"] = dates.to_text(self.created)
        if self.retired is not None:
            entry["retired"] = dates.to_text(self.retired)
        if self.revoked is not None:
            entry["revoked"] = dates.to_text(self.revoked)
            entry["revokedReason"] = "compromised"
        return entry

    def verification_method(self) -> dict[str, Any]:
        """The Multikey entry in the published controller document (defined terms only)."""
        entry = self._entry()
        if self.retired is not None:
            entry["expires"] = dates.to_text(self.retired)
        if self.revoked is not None:
            entry["revoked"] = dates.to_text(self.revoked)
        return entry

    def _entry(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": "Multikey",
            "controller": self.controller,
            "publicKeyMultibase": self.public_key_multibase,
        }


def load_keys(path: Path) -> list[IssuerKey]:
    """The keys in `path` (an empty list when the file does not exist yet), oldest first."""
    if not path.is_file():
        return []
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise KeysFileError(f"{path}: not readable JSON ({error}) — restore it from git") from error
    if not isinstance(data, list):
        raise KeysFileError(f"{path}: must be a JSON array of keys — restore it from git")
    keys = [_key(entry, index, path) for index, entry in enumerate(data, 1)]
    return sorted(keys, key=lambda k: k.number)


def _key(entry: object, index: int, path: Path) -> IssuerKey:
    where = f"{path}: key {index}"
    if not isinstance(entry, Mapping):
        raise KeysFileError(f"{where}: must be an object — restore the file from git")
    fields = ("id", "controller", "publicKeyMultibase", "created")
    missing = [f for f in fields if not isinstance(entry.get(f), str)]
    if missing or entry.get("type") != "Multikey":
        raise KeysFileError(f"{where}: needs type Multikey and {', '.join(fields)} — restore the file from git")
    created, retired = dates.parse(entry["created"]), dates.parse(entry.get("retired"))
    revoked = dates.parse(entry.get("revoked"))
    if created is None or ("retired" in entry and retired is None) or ("revoked" in entry and revoked is None):
        raise KeysFileError(
            f"{where}: created/retired/revoked must be date-times with a time zone — restore the file from git"
        )
    if not KEY_ID.search(entry["id"]):
        raise KeysFileError(f'{where}: id "{entry["id"]}" must end in #key-N — restore the file from git')
    try:
        decode_public(entry["publicKeyMultibase"])
    except (MultibaseError, ValueError) as error:
        raise KeysFileError(f"{where}: publicKeyMultibase: {error} — restore the file from git") from error
    return IssuerKey(entry["id"], entry["controller"], entry["publicKeyMultibase"], created, retired, revoked)


def issuer_document(site: Any, keys: Sequence[IssuerKey]) -> dict[str, Any]:
    """The issuer's controller document and OB3 Profile, published at `site.issuer.id`.

    `site` is `academy.core.site.SiteConfig`. Layout:

    ```json
    {"@context": ["https://www.w3.org/ns/credentials/v2",
                  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
                  "https://www.w3.org/ns/cid/v1"],
     "id": "<site url>issuer/profile.json", "type": ["Profile"],
     "name": …, "url": …, "email": …, "description": …,
     "verificationMethod": [{"id": "<issuer id>#key-1", "type": "Multikey", "controller": "<issuer id>",
                             "publicKeyMultibase": "z6Mk…", "expires": … (retired keys),
                             "revoked": … (compromised keys)}, …],
     "assertionMethod": ["<issuer id>#key-1", …]}
    ```
    Retired keys stay listed (with `expires`) so that older certificates keep verifying; revoked
    keys stay listed (with `revoked`) so that verifiers can say why nothing they signed counts.
    """
    issuer = site.issuer
    document: dict[str, Any] = {
        "@context": [VC_CONTEXT, OB3_CONTEXT, CID_CONTEXT],
        "id": issuer.id,
        "type": ["Profile"],
        "name": issuer.name,
        "url": issuer.url,
        "email": issuer.email,
    }
    if issuer.description:
        document["description"] = issuer.description
    document["verificationMethod"] = [key.verification_method() for key in keys]
    document["assertionMethod"] = [key.id for key in keys]
    return document


def keys_from_document(document: Mapping[str, Any]) -> dict[str, IssuerKey | str]:
    """The usable assertion keys of a published issuer document, by id.

    A value is an `IssuerKey`, or a string saying why that listed key cannot be used.
    """
    found: dict[str, IssuerKey | str] = {}
    issuer = document.get("id")
    if not isinstance(issuer, str):
        return found
    assertion = document.get("assertionMethod")
    assertion = {a for a in assertion if isinstance(a, str)} if isinstance(assertion, list) else set()
    methods = document.get("verificationMethod")
    for method in methods if isinstance(methods, list) else []:
        if not isinstance(method, Mapping) or not isinstance(method.get("id"), str):
            continue
        key_id = method["id"]
        # `created` is no Multikey term; an older profile may still carry it, and then it counts.
        created = dates.parse(method.get("created"))
        expires, revoked = dates.parse(method.get("expires")), dates.parse(method.get("revoked"))
        malformed = ("created" in method and created is None) or ("expires" in method and expires is None)
        problem = None
        if method.get("controller") != issuer:
            problem = "its controller is not the issuer"
        elif key_id not in assertion:
            problem = "the issuer does not list it under assertionMethod"
        elif method.get("type") != "Multikey" or malformed or ("revoked" in method and revoked is None):
            problem = "its entry in the issuer profile is malformed"
        elif revoked is not None:
            problem = (
                f"the issuer revoked it on {dates.to_text(revoked)} (compromised): nothing signed with it is "
                "trusted, whatever date it claims"
            )
        else:
            try:
                decode_public(method.get("publicKeyMultibase"))
            except (MultibaseError, ValueError):
                problem = "its publicKeyMultibase is not an Ed25519 key"
        if problem:
            found[key_id] = problem
            continue
        found[key_id] = IssuerKey(key_id, issuer, method["publicKeyMultibase"], created, expires)
    return found
