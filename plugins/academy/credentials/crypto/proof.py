"""Data Integrity proofs (W3C VC Data Integrity 1.0) with a registry of cryptosuites.

Credentials carry `"proof": [ … ]`, a proof set: each proof signs the document without any
proof, so a second proof with another cryptosuite (for example `eddsa-rdfc-2022`, which needs
JSON-LD processing) sits beside the `eddsa-jcs-2022` one. To add a suite,
subclass `Cryptosuite`, override `transform` and `serialize_config`, and `register()` it.

`eddsa-jcs-2022` (W3C Data Integrity EdDSA Cryptosuites v1.0, section 3.3):

1. proof configuration = the proof options (type `DataIntegrityProof`, `cryptosuite`,
   `created`, `verificationMethod`, `proofPurpose`) plus the document's `@context`;
2. transformed document = JCS(document without `proof`); canonical configuration = JCS(config);
3. hash data = SHA-256(canonical configuration) ‖ SHA-256(transformed document) (64 bytes);
4. signature = Ed25519(hash data); `proofValue` = "z" + base58btc(signature).
"""

from __future__ import annotations

import hashlib
import json
from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, ClassVar

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from academy.errors import AcademyError

from .. import dates
from .canonical import CanonicalizationError, canonicalize
from .multikey import MultibaseError, base58btc_decode, base58btc_encode

PROOF_TYPE = "DataIntegrityProof"
ASSERTION = "assertionMethod"


class ProofError(AcademyError, ValueError):
    """A proof that is malformed or does not verify; the message says which."""


@dataclass(frozen=True)
class Trace:
    """Every intermediate value of one proof, named as the W3C test vectors name them."""

    #: `proofConfigJCS.json`: the proof options plus `@context`.
    proof_config: dict[str, Any]
    #: `proofCanonJCS.txt`
    canonical_proof_config: bytes
    #: `proofHashJCS.txt`
    proof_config_hash: bytes
    #: `canonDocJCS.txt`: the document without its proofs.
    canonical_document: bytes
    #: `docHashJCS.txt`
    document_hash: bytes

    @property
    def hash_data(self) -> bytes:
        """`combinedHashJCS.txt`: the 64 bytes that are signed."""
        return self.proof_config_hash + self.document_hash


class Cryptosuite(ABC):
    """A Data Integrity cryptosuite over Ed25519; subclasses choose how documents become bytes."""

    name: ClassVar[str]
    #: Whether the attached proof keeps the configuration's `@context` (JCS does; RDFC leaves it
    #: out and takes the document's on verification, as the W3C vectors show).
    proof_carries_context: ClassVar[bool] = True

    @abstractmethod
    def transform(self, document: Mapping[str, Any]) -> bytes:
        """The canonical bytes of the unsecured document."""

    @abstractmethod
    def serialize_config(self, config: Mapping[str, Any]) -> bytes:
        """The canonical bytes of the proof configuration."""

    def check_config(self, config: Mapping[str, Any]) -> None:
        """Raise ProofError when the proof options are not ones this suite signs with."""
        if config.get("type") != PROOF_TYPE:
            raise ProofError(f'proof type is {_show(config.get("type"))}, expected "{PROOF_TYPE}"')
        if config.get("cryptosuite") != self.name:
            raise ProofError(f'cryptosuite is {_show(config.get("cryptosuite"))}, expected "{self.name}"')
        if dates.parse(config.get("created")) is None:
            raise ProofError(f'proof "created" is {_show(config.get("created"))}, not a date-time with time zone')
        if not isinstance(config.get("verificationMethod"), str):
            raise ProofError('proof "verificationMethod" is missing')
        if not isinstance(config.get("proofPurpose"), str):
            raise ProofError('proof "proofPurpose" is missing')

    def trace(self, document: Mapping[str, Any], config: Mapping[str, Any]) -> Trace:
        """Hash `document` (without proofs) under `config`, keeping every intermediate value."""
        try:
            canonical_config = self.serialize_config(config)
            canonical_document = self.transform(unsecured(document))
        except CanonicalizationError as error:
            raise ProofError(str(error)) from error
        return Trace(
            dict(config),
            canonical_config,
            hashlib.sha256(canonical_config).digest(),
            canonical_document,
            hashlib.sha256(canonical_document).digest(),
        )

    def sign(self, hash_data: bytes, key: Ed25519PrivateKey) -> bytes:
        return key.sign(hash_data)

    def verify(self, hash_data: bytes, signature: bytes, key: Ed25519PublicKey) -> bool:
        try:
            key.verify(signature, hash_data)
        except InvalidSignature:
            return False
        return True

    def encode_proof_value(self, signature: bytes) -> str:
        return base58btc_encode(signature)

    def decode_proof_value(self, value: object) -> bytes:
        try:
            signature = base58btc_decode(value)
        except MultibaseError as error:
            raise ProofError(f"proofValue is {error}") from error
        if len(signature) != 64:
            raise ProofError(f"proofValue holds {len(signature)} bytes, an Ed25519 signature has 64")
        return signature


class EddsaJcs2022(Cryptosuite):
    """`eddsa-jcs-2022`: Ed25519 over JSON Canonicalization Scheme (RFC 8785) hashes."""

    name = "eddsa-jcs-2022"

    def transform(self, document: Mapping[str, Any]) -> bytes:
        return canonicalize(document)

    def serialize_config(self, config: Mapping[str, Any]) -> bytes:
        return canonicalize(config)


#: Cryptosuites by name. `verify` accepts only these; add one with `register`.
SUITES: dict[str, Cryptosuite] = {}


def register(suite: Cryptosuite) -> None:
    SUITES[suite.name] = suite


class EddsaRdfc2022(Cryptosuite):
    """`eddsa-rdfc-2022`: Ed25519 over RDFC-1.0 canonical N-Quads (section 3.2 of the same spec).

    The proof configuration carries the document's `@context`, as for JCS; both become N-Quads
    with only the bundled contexts (`rdfc`), in safe mode: a term no context defines is refused,
    because RDF would leave it out of what is signed.
    """

    name = "eddsa-rdfc-2022"
    proof_carries_context = False

    def transform(self, document: Mapping[str, Any]) -> bytes:
        return _nquads(document)

    def serialize_config(self, config: Mapping[str, Any]) -> bytes:
        # The proof options repeat across a batch (one key, one `created` per run): their
        # N-Quads are computed once per distinct configuration. Keyed by the configuration's
        # JSON text, so equal keys mean equal inputs.
        try:
            key = json.dumps(config, sort_keys=True, ensure_ascii=False, allow_nan=False)
        except (TypeError, ValueError):
            return _nquads(config)
        return _config_nquads(key)


@lru_cache(maxsize=256)
def _config_nquads(key: str) -> bytes:
    return _nquads(json.loads(key))


def _nquads(document: Mapping[str, Any]) -> bytes:
    from .rdfc import UnsafeDocument, canonical_nquads

    try:
        return canonical_nquads(document).encode("utf-8")
    except UnsafeDocument as error:
        raise CanonicalizationError(str(error)) from error


register(EddsaJcs2022())
register(EddsaRdfc2022())
DEFAULT_SUITE = EddsaJcs2022.name
RDFC_SUITE = EddsaRdfc2022.name


def suite_for(name: object) -> Cryptosuite:
    suite = SUITES.get(name) if isinstance(name, str) else None
    if suite is None:
        raise ProofError(f"cryptosuite {_show(name)} is not supported (supported: {', '.join(sorted(SUITES))})")
    return suite


def unsecured(document: Mapping[str, Any]) -> dict[str, Any]:
    """The document without `proof`."""
    return {key: value for key, value in document.items() if key != "proof"}


def proof_config(
    document: Mapping[str, Any],
    *,
    verification_method: str,
    created: str,
    cryptosuite: str = DEFAULT_SUITE,
    proof_purpose: str = ASSERTION,
) -> dict[str, Any]:
    """The proof options a new proof signs, with the document's `@context` when it has one."""
    config: dict[str, Any] = {
        "type": PROOF_TYPE,
        "cryptosuite": cryptosuite,
        "created": created,
        "verificationMethod": verification_method,
        "proofPurpose": proof_purpose,
    }
    if "@context" in document:
        config["@context"] = document["@context"]
    return config


def create_proof(
    document: Mapping[str, Any],
    key: Ed25519PrivateKey,
    *,
    verification_method: str,
    created: str,
    cryptosuite: str = DEFAULT_SUITE,
    proof_purpose: str = ASSERTION,
) -> dict[str, Any]:
    """A proof over `document` (its existing proofs left out), ready to append to its proof set."""
    suite = suite_for(cryptosuite)
    config = proof_config(
        document,
        verification_method=verification_method,
        created=created,
        cryptosuite=cryptosuite,
        proof_purpose=proof_purpose,
    )
    suite.check_config(config)
    trace = suite.trace(document, config)
    attached = config if suite.proof_carries_context else {k: v for k, v in config.items() if k != "@context"}
    return {**attached, "proofValue": suite.encode_proof_value(suite.sign(trace.hash_data, key))}


def add_proof(document: Mapping[str, Any], key: Ed25519PrivateKey, **options: Any) -> dict[str, Any]:
    """`document` with one more proof in its proof set (`"proof": [ … ]`)."""
    proof = create_proof(document, key, **options)
    return {**unsecured(document), "proof": [*proofs_of(document), proof]}


def proofs_of(document: Mapping[str, Any]) -> list[Any]:
    """The document's proofs as a list: `proof` may be one object or an array."""
    value = document.get("proof")
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def verify_proof(document: Mapping[str, Any], proof: Mapping[str, Any], key: Ed25519PublicKey) -> Trace:
    """Check one proof of `document` with `key`; ProofError says what is wrong.

    Follows "Verify Proof (eddsa-jcs-2022)": the proof options are the proof without
    `proofValue`; their `@context` must begin the document's `@context` and replaces it.
    """
    suite = suite_for(proof.get("cryptosuite"))
    options = {k: v for k, v in proof.items() if k != "proofValue"}
    signature = suite.decode_proof_value(proof.get("proofValue"))
    suite.check_config(options)
    document = unsecured(document)
    if "@context" in options:
        wanted, have = _as_list(options["@context"]), _as_list(document.get("@context"))
        if have[: len(wanted)] != wanted:
            raise ProofError("the proof's @context does not begin the document's @context")
        document["@context"] = options["@context"]
    elif not suite.proof_carries_context and "@context" in document:
        options["@context"] = document["@context"]
    trace = suite.trace(document, options)
    if not suite.verify(trace.hash_data, signature, key):
        raise ProofError("the signature does not match the signed content and key")
    return trace


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, list) else [value]


def _show(value: object) -> str:
    return "missing" if value is None else f'"{value}"' if isinstance(value, str) else repr(value)
