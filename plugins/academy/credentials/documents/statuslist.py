"""W3C Bitstring Status List: the revocation bits and the signed list credential.

`encodedList` = "u" + base64url (no padding) of the GZIP of the bitstring; bit 0 is the
most significant bit of the first byte; a list has at least 131,072 bits; 1 means revoked.

The status-list credential (`site_config/issuer/status/revocation-1.json`, published at
`<site url>certificates/status/revocation-1.json`):

```json
{
  "@context": ["https://www.w3.org/ns/credentials/v2"],
  "id": "<site url>certificates/status/revocation-1.json",
  "type": ["VerifiableCredential", "BitstringStatusListCredential"],
  "issuer": "<site url>issuer/profile.json",
  "validFrom": "2025-03-01T10:15:00Z",
  "validUntil": "2025-03-31T10:15:00Z",
  "credentialSubject": {"id": "<list url>#list", "type": "BitstringStatusList",
                        "statusPurpose": "revocation", "encodedList": "uH4sI…"},
  "proof": [{"type": "DataIntegrityProof", "cryptosuite": "eddsa-jcs-2022", …}]
}
```

`validUntil` is `validFrom` plus `status_validity_days` of `site_config/site.yml` (default 30):
the hub publishes the list again before then (`academy status publish`, or any issuance or
revocation), and verifiers say "status unknown: the revocation list is out of date" after it.
"""

from __future__ import annotations

import base64
import binascii
import gzip
import re
import zlib
from collections.abc import Iterable, Mapping
from typing import Any

from academy.errors import AcademyError

from ... import routes
from .ob3 import VC_CONTEXT

MIN_BITS = 131_072
PURPOSE = "revocation"
ENTRY_TYPE = "BitstringStatusListEntry"
LIST_TYPE = "BitstringStatusList"
CREDENTIAL_TYPE = "BitstringStatusListCredential"
#: Largest decompressed list accepted (16 MiB = 134 million entries): stops GZIP bombs.
MAX_BYTES = 16 * 1024 * 1024
_INDEX = re.compile(r"^(0|[1-9][0-9]{0,8})$")


class StatusListError(AcademyError, ValueError):
    """A status list or entry that cannot be read; the message says why."""


def list_url(site_url: str, number: int = 1) -> str:
    """The URL of status list `number` (its route: `academy.routes.status_list`)."""
    return routes.status_list_url(site_url, number)


def encode(bits: bytes) -> str:
    """The `encodedList` of a bitstring (reproducible: the GZIP header carries no time)."""
    return "u" + base64.urlsafe_b64encode(gzip.compress(bytes(bits), compresslevel=9, mtime=0)).decode().rstrip("=")


def decode(encoded: object) -> bytes:
    """The bitstring of an `encodedList`; StatusListError when it is malformed or too short."""
    if not isinstance(encoded, str) or not encoded.startswith("u"):
        raise StatusListError('encodedList must be "u" followed by base64url')
    text = encoded[1:]
    if not re.fullmatch(r"[A-Za-z0-9_-]*", text):
        raise StatusListError("encodedList is not base64url")
    try:
        packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
    except (binascii.Error, ValueError) as error:
        raise StatusListError("encodedList is not base64url") from error
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        bits = inflater.decompress(packed, MAX_BYTES + 1)
    except zlib.error as error:
        raise StatusListError(f"encodedList is not GZIP data ({error})") from error
    if len(bits) > MAX_BYTES:
        raise StatusListError(f"encodedList expands beyond {MAX_BYTES} bytes")
    if not inflater.eof:
        raise StatusListError("encodedList is truncated (the GZIP data ends early)")
    if len(bits) * 8 < MIN_BITS:
        raise StatusListError(f"the list has {len(bits) * 8} bits; a status list has at least {MIN_BITS}")
    return bits


def bitstring(indexes: Iterable[int], size: int = MIN_BITS) -> bytes:
    """A bitstring of `size` bits with the given indexes set."""
    bits = bytearray((size + 7) // 8)
    for index in indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    return bytes(bits)


def is_set(bits: bytes, index: int) -> bool:
    if not 0 <= index < len(bits) * 8:
        raise StatusListError(f"index {index} is outside the list of {len(bits) * 8} entries")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def set_indexes(bits: bytes) -> list[int]:
    """Every index that is set."""
    return [i * 8 + j for i, byte in enumerate(bits) if byte for j in range(8) if byte & (0x80 >> j)]


def entry(url: str, index: int) -> dict[str, Any]:
    """The `credentialStatus` of a credential at `index` of the list at `url`."""
    return {
        "id": f"{url}#{index}",
        "type": ENTRY_TYPE,
        "statusPurpose": PURPOSE,
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def read_entry(status: object) -> tuple[str, int]:
    """(list url, index) of a `credentialStatus`; StatusListError when it is not a revocation entry."""
    if isinstance(status, list):
        entries = [s for s in status if isinstance(s, Mapping) and s.get("statusPurpose") == PURPOSE]
        if len(entries) != 1:
            raise StatusListError("credentialStatus must hold exactly one revocation entry")
        status = entries[0]
    if not isinstance(status, Mapping):
        raise StatusListError("credentialStatus is missing")
    if status.get("type") != ENTRY_TYPE:
        raise StatusListError(f'credentialStatus type must be "{ENTRY_TYPE}"')
    if status.get("statusPurpose") != PURPOSE:
        raise StatusListError(f'credentialStatus statusPurpose must be "{PURPOSE}"')
    index, url = status.get("statusListIndex"), status.get("statusListCredential")
    if not isinstance(index, str) or not _INDEX.match(index):
        raise StatusListError("statusListIndex must be a whole number written as text")
    if not isinstance(url, str) or not url.startswith(("https://", "http://")):
        raise StatusListError("statusListCredential must be a URL")
    return url, int(index)


def list_credential(
    *, url: str, issuer_id: str, bits: bytes, valid_from: str, valid_until: str | None = None
) -> dict[str, Any]:
    """The unsigned status-list credential (layout in the module docstring).

    `valid_until` keeps a stale copy (an old cache, a CDN, an attacker replaying the list from
    before a revocation) from passing for the current list: verifiers refuse it once it passed.
    """
    document: dict[str, Any] = {
        "@context": [VC_CONTEXT],
        "id": url,
        "type": ["VerifiableCredential", CREDENTIAL_TYPE],
        "issuer": issuer_id,
        "validFrom": valid_from,
    }
    if valid_until is not None:
        document["validUntil"] = valid_until
    document["credentialSubject"] = {
        "id": f"{url}#list",
        "type": LIST_TYPE,
        "statusPurpose": PURPOSE,
        "encodedList": encode(bits),
    }
    return document
