"""The compact signed summary a certificate's QR code carries.

A whole credential is about 2 KB: as deflated base64url it needs QR version 25, too dense
to scan from print. The QR code therefore holds the verify page's URL with a summary in the
fragment (never sent to the server): `<site url>verify/#s=<base64url, no padding>`.

The summary is signed with the same issuer key as the credential, separately. Its bytes, all
integers big-endian:

| bytes | field |
| --- | --- |
| 1 | format version, 1 |
| 1 | key number N: the key is `<issuer id>#key-N` |
| 16 | credential UUID: the credential id is `urn:uuid:<uuid>` |
| 1 | status list number L: `<site url>certificates/status/revocation-L.json` |
| 3 | status list index |
| 4 | validFrom, seconds since 1970-01-01T00:00:00Z |
| 4 | validUntil, seconds; 0 when the certificate does not expire |
| 4 | issued: the credential proof's `created`, seconds |
| 1 + n | holder name: length n, then n bytes of UTF-8 |
| 1 + t | achievement name: length t, then t bytes of UTF-8 |
| 64 | Ed25519 signature |

The signature covers `b"academy-summary/1\\n" + UTF-8(issuer id) + b"\\n"` followed by every
byte before the signature: the prefix keeps summary signatures apart from credential
proofs, and the issuer id binds the summary to the issuer of the page that checks it. When
the name and achievement do not fit QR version 15, the achievement name and then the holder
name are shortened, ending in "…" (the credential itself keeps them whole).
"""

from __future__ import annotations

import base64
import re
import struct
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from academy.errors import AcademyError

from ... import routes

VERSION = 1
PREFIX = "s="
_HEAD = struct.Struct(">BB16sB3sIII")
SIGNATURE = 64


class SummaryError(AcademyError, ValueError):
    """Not a summary this version can read."""


@dataclass(frozen=True)
class Summary:
    key_number: int
    credential_uuid: str
    list_number: int
    index: int
    valid_from: datetime
    valid_until: datetime | None
    issued: datetime
    name: str
    achievement: str

    @property
    def credential_id(self) -> str:
        return f"urn:uuid:{self.credential_uuid}"

    def key_id(self, issuer_id: str) -> str:
        return f"{issuer_id}#key-{self.key_number}"

    def status_list(self, site_url: str) -> str:
        return routes.status_list_url(site_url, self.list_number)

    def body(self) -> bytes:
        """The bytes before the signature."""
        name, achievement = self.name.encode("utf-8"), self.achievement.encode("utf-8")
        if len(name) > 255 or len(achievement) > 255:
            raise SummaryError("name and achievement must each fit in 255 bytes")
        head = _HEAD.pack(
            VERSION,
            self.key_number,
            uuid.UUID(self.credential_uuid).bytes,
            self.list_number,
            self.index.to_bytes(3, "big"),
            _seconds(self.valid_from),
            _seconds(self.valid_until) if self.valid_until else 0,
            _seconds(self.issued),
        )
        return head + bytes([len(name)]) + name + bytes([len(achievement)]) + achievement


def signing_input(issuer_id: str, body: bytes) -> bytes:
    return b"academy-summary/1\n" + issuer_id.encode("utf-8") + b"\n" + body


def encode(summary: Summary, issuer_id: str, key: Ed25519PrivateKey) -> str:
    """The fragment text, without `#`: `s=` + base64url(body + signature)."""
    body = summary.body()
    signature = key.sign(signing_input(issuer_id, body))
    return PREFIX + base64.urlsafe_b64encode(body + signature).decode("ascii").rstrip("=")


def decode(fragment: str) -> tuple[Summary, bytes, bytes]:
    """(summary, body, signature) of a fragment (with or without `#`); SummaryError when malformed."""
    text = fragment.removeprefix("#")
    if not text.startswith(PREFIX):
        raise SummaryError(f'the link does not hold a certificate summary (expected "#{PREFIX}…")')
    data = text[len(PREFIX) :]
    if not re.fullmatch(r"[A-Za-z0-9_-]+", data):
        raise SummaryError("the summary is not base64url")
    raw = base64.urlsafe_b64decode(data + "=" * (-len(data) % 4))
    if len(raw) < _HEAD.size + 2 + SIGNATURE or raw[0] != VERSION:
        raise SummaryError("the summary is too short or of an unknown version")
    version, key_number, uuid_bytes, list_number, index, valid_from, valid_until, issued = _HEAD.unpack_from(raw)
    position = _HEAD.size
    texts = []
    for _ in range(2):
        if position >= len(raw):
            raise SummaryError("the summary is truncated")
        length = raw[position]
        chunk = raw[position + 1 : position + 1 + length]
        if len(chunk) != length:
            raise SummaryError("the summary is truncated")
        try:
            texts.append(chunk.decode("utf-8"))
        except UnicodeDecodeError as error:
            raise SummaryError("the summary's text is not UTF-8") from error
        position += 1 + length
    if len(raw) != position + SIGNATURE or key_number == 0 or list_number == 0:
        raise SummaryError("the summary has the wrong length or fields")
    summary = Summary(
        key_number,
        str(uuid.UUID(bytes=uuid_bytes)),
        list_number,
        int.from_bytes(index, "big"),
        _moment(valid_from),
        _moment(valid_until) if valid_until else None,
        _moment(issued),
        texts[0],
        texts[1],
    )
    return summary, raw[:position], raw[position:]


def list_number(status_list_url: str) -> int | None:
    """L of a `…/certificates/status/revocation-L.json` URL (None for any other URL)."""
    return routes.status_list_number(status_list_url)


def shorten(text: str, limit: int) -> str:
    """`text` cut to at most `limit` UTF-8 bytes, ending in "…" when cut."""
    if len(text.encode("utf-8")) <= limit:
        return text
    while text and len((text + "…").encode("utf-8")) > limit:
        text = text[:-1]
    return text.rstrip() + "…"


def _seconds(moment: datetime) -> int:
    return int(moment.timestamp())


def _moment(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)
