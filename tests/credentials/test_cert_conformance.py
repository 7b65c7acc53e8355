"""The W3C eddsa-jcs-2022 test vectors, every intermediate value; JCS; Multikey; the suite registry."""

from __future__ import annotations

import hashlib
import json
from typing import Any

import pytest

from academy.credentials.crypto import multikey, proof
from academy.credentials.crypto.canonical import (
    CanonicalizationError,
    DuplicateKeyError,
    TooDeepError,
    canonicalize,
    loads,
)
from support.certkit import conformance

VECTORS = ("vc-di-eddsa", "eddsa-jcs-2022")


def text(*parts: str) -> str:
    return conformance(*parts).read_text(encoding="utf-8").strip()


def data(*parts: str) -> Any:
    return json.loads(conformance(*parts).read_text(encoding="utf-8"))


@pytest.fixture
def keys() -> tuple[Any, Any]:
    pair = data("vc-di-eddsa", "keyPair.json")
    return multikey.decode_private(pair["privateKeyMultibase"]), multikey.decode_public(pair["publicKeyMultibase"])


@pytest.fixture
def signed() -> dict[str, Any]:
    return data(*VECTORS, "signedJCS.json")


def test_the_key_pair_round_trips_as_multikey(keys: tuple[Any, Any]) -> None:
    private, public = keys
    pair = data("vc-di-eddsa", "keyPair.json")
    assert multikey.encode_public(private.public_key()) == pair["publicKeyMultibase"]
    assert multikey.encode_public(public) == pair["publicKeyMultibase"]
    assert multikey.encode_private(private) == pair["privateKeyMultibase"]


def test_every_intermediate_value_of_the_jcs_vectors(signed: dict[str, Any], keys: tuple[Any, Any]) -> None:
    private, _ = keys
    suite = proof.SUITES["eddsa-jcs-2022"]
    options = {k: v for k, v in signed["proof"].items() if k not in {"proofValue", "@context"}}
    config = proof.proof_config(
        proof.unsecured(signed),
        verification_method=options["verificationMethod"],
        created=options["created"],
    )
    assert config == data(*VECTORS, "proofConfigJCS.json")
    trace = suite.trace(signed, config)
    assert trace.canonical_document.decode() == text(*VECTORS, "canonDocJCS.txt")
    assert trace.document_hash.hex() == text(*VECTORS, "docHashJCS.txt")
    assert trace.canonical_proof_config.decode() == text(*VECTORS, "proofCanonJCS.txt")
    assert trace.proof_config_hash.hex() == text(*VECTORS, "proofHashJCS.txt")
    assert trace.hash_data.hex() == text(*VECTORS, "combinedHashJCS.txt")
    signature = suite.sign(trace.hash_data, private)
    assert signature.hex() == text(*VECTORS, "sigHexJCS.txt")
    assert suite.encode_proof_value(signature) == text(*VECTORS, "sigBTC58JCS.txt")


def test_create_proof_reproduces_the_signed_vector(signed: dict[str, Any], keys: tuple[Any, Any]) -> None:
    private, _ = keys
    made = proof.create_proof(
        proof.unsecured(signed),
        private,
        verification_method=signed["proof"]["verificationMethod"],
        created=signed["proof"]["created"],
    )
    assert made == signed["proof"]


def test_the_signed_vector_verifies_and_any_change_breaks_it(signed: dict[str, Any], keys: tuple[Any, Any]) -> None:
    _, public = keys
    trace = proof.verify_proof(signed, signed["proof"], public)
    assert trace.hash_data.hex() == text(*VECTORS, "combinedHashJCS.txt")
    changed = json.loads(json.dumps(signed))
    changed["credentialSubject"]["alumniOf"] = "The School of Forgery"
    with pytest.raises(proof.ProofError, match="signature does not match"):
        proof.verify_proof(changed, changed["proof"], public)
    moved = json.loads(json.dumps(signed))
    moved["proof"]["created"] = "2023-02-24T23:36:39Z"
    with pytest.raises(proof.ProofError, match="signature does not match"):
        proof.verify_proof(moved, moved["proof"], public)


def test_a_proof_context_must_begin_the_document_context(signed: dict[str, Any], keys: tuple[Any, Any]) -> None:
    _, public = keys
    swapped = json.loads(json.dumps(signed))
    swapped["@context"] = list(reversed(swapped["@context"]))
    with pytest.raises(proof.ProofError, match="@context"):
        proof.verify_proof(swapped, swapped["proof"], public)


def test_unknown_suites_are_refused_by_name() -> None:
    with pytest.raises(proof.ProofError, match='cryptosuite "ecdsa-jcs-2019" is not supported'):
        proof.suite_for("ecdsa-jcs-2019")


def test_proof_sets_sign_the_document_without_any_proof(keys: tuple[Any, Any]) -> None:
    private, public = keys
    document = {"@context": ["https://www.w3.org/ns/credentials/v2"], "id": "urn:x", "proof": [{"stale": True}]}
    secured = proof.add_proof(document, private, verification_method="did:example#k", created="2025-01-01T00:00:00Z")
    assert len(secured["proof"]) == 2
    proof.verify_proof(secured, secured["proof"][1], public)


# JCS (RFC 8785) ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        # RFC 8785 appendix B: numbers as ECMAScript writes them
        (0.0, "0"),
        (-0.0, "0"),
        (1e21, "1e+21"),
        (1e-7, "1e-7"),
        (333333333.3333333, "333333333.3333333"),
        (5e-324, "5e-324"),
        (9007199254740993, "9007199254740992"),
        (0.1 + 0.2, "0.30000000000000004"),
        (1.0, "1"),
        (-1.5, "-1.5"),
        (100, "100"),
        # strings: only the required escapes, everything else as UTF-8
        ('\u20ac$\u000f\nA\'B"\\\\"/', '"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"'),
        ("<script>", '"<script>"'),
        # keys sorted by UTF-16 code units: U+1F600 (D83D …) sorts before U+FB01
        ({"\ufb01": 1, "\U0001f600": 2, "a": 3, "\r": 4}, '{"\\r":4,"a":3,"😀":2,"ﬁ":1}'),
        ({"b": [True, False, None], "a": {"d": 1, "c": 2}}, '{"a":{"c":2,"d":1},"b":[true,false,null]}'),
    ],
)
def test_jcs_canonical_form(value: object, expected: str) -> None:
    assert canonicalize(value).decode("utf-8") == expected


@pytest.mark.parametrize("value", [float("nan"), float("inf"), {1: "x"}, "\ud800", {"a": object()}])
def test_jcs_refuses_what_json_cannot_say(value: object) -> None:
    with pytest.raises(CanonicalizationError):
        canonicalize(value)


def test_parsing_refuses_nan_a_repeated_key_and_absurd_nesting() -> None:
    with pytest.raises(ValueError):
        loads('{"a": NaN}')
    with pytest.raises(DuplicateKeyError, match='the key "a" appears twice'):
        loads('{"a": 1, "a": 2}')
    with pytest.raises(DuplicateKeyError):
        loads('{"b": {"c": 1, "d": {"e": [1, {"f": 1, "f": 1}]}}}')
    assert loads('{"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}]}') == {"a": {"a": 1}, "b": [{"a": 2}, {"a": 3}]}
    with pytest.raises(TooDeepError):
        loads("[" * 10_000 + "]" * 10_000)
    assert loads('{"s": "' + "[" * 10_000 + '"}') == {"s": "[" * 10_000}  # brackets in a string are text
    assert loads("[" * 64 + "]" * 64) is not None


def test_multibase_refuses_what_is_not_a_key() -> None:
    for value in ["", "x6Mk", "z0OIl", "z" + "1" * 300, 5]:
        with pytest.raises(multikey.MultibaseError):
            multikey.decode_public(value)
    secp = multikey.base58btc_encode(b"\xe7\x01" + bytes(33))
    with pytest.raises(multikey.MultibaseError, match="Ed25519"):
        multikey.decode_public(secp)


def test_sha256_is_what_the_vectors_mean_by_hash() -> None:
    assert hashlib.sha256(text(*VECTORS, "canonDocJCS.txt").encode()).hexdigest() == text(*VECTORS, "docHashJCS.txt")
