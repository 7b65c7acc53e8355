"""Ed25519 keys as Multikey strings (`z6Mk…`) and base58btc multibase values.

A Multikey public key is "z" + base58btc(0xed 0x01 + the 32 raw key bytes); a private one
is "z" + base58btc(0x80 0x26 + the 32-byte seed).
"""

from __future__ import annotations

from functools import lru_cache

import base58
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, NoEncryption, PrivateFormat, PublicFormat

from academy.errors import AcademyError

ED25519_PUBLIC_PREFIX = b"\xed\x01"
ED25519_PRIVATE_PREFIX = b"\x80\x26"
#: Longest multibase value decoded: enough for keys and signatures, short enough to stay fast.
MAX_MULTIBASE = 200


class MultibaseError(AcademyError, ValueError):
    """A value is not the base58btc multibase encoding expected."""


def base58btc_encode(data: bytes) -> str:
    """Multibase base58btc: "z" + base58 (Bitcoin alphabet)."""
    return "z" + base58.b58encode(data).decode("ascii")


def base58btc_decode(value: object) -> bytes:
    """The bytes of a base58btc multibase string; MultibaseError when it is not one."""
    if not isinstance(value, str) or not value.startswith("z") or len(value) < 2:
        raise MultibaseError("not a base58btc multibase value (it must start with z)")
    if len(value) > MAX_MULTIBASE:
        raise MultibaseError(f"longer than {MAX_MULTIBASE} characters")
    digits = value[1:].rstrip()
    try:
        number = base58.b58decode_int(digits)
    except ValueError as error:
        raise MultibaseError(f"not base58: {error}") from error
    # As base58.b58decode, without its byte-by-byte divmod loop: leading "1"s are zero bytes.
    zeros = len(digits) - len(digits.lstrip("1"))
    return b"\0" * zeros + number.to_bytes((number.bit_length() + 7) // 8, "big")


def encode_public(key: Ed25519PublicKey) -> str:
    return base58btc_encode(ED25519_PUBLIC_PREFIX + key.public_bytes(Encoding.Raw, PublicFormat.Raw))


def decode_public(value: object) -> Ed25519PublicKey:
    if isinstance(value, str):
        return _decode_public(value)  # one parse per key and run: a batch checks thousands against it
    return _decode_public.__wrapped__(value)


@lru_cache(maxsize=64)
def _decode_public(value: object) -> Ed25519PublicKey:
    data = base58btc_decode(value)
    if len(data) != 34 or not data.startswith(ED25519_PUBLIC_PREFIX):
        raise MultibaseError("not an Ed25519 Multikey public key (z6Mk…)")
    return Ed25519PublicKey.from_public_bytes(data[2:])


def encode_private(key: Ed25519PrivateKey) -> str:
    seed = key.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    return base58btc_encode(ED25519_PRIVATE_PREFIX + seed)


def decode_private(value: object) -> Ed25519PrivateKey:
    data = base58btc_decode(value)
    if len(data) != 34 or not data.startswith(ED25519_PRIVATE_PREFIX):
        raise MultibaseError("not an Ed25519 Multikey private key (z3u2…)")
    return Ed25519PrivateKey.from_private_bytes(data[2:])
