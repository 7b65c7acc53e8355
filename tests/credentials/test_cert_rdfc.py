"""eddsa-rdfc-2022: the W3C test vectors byte for byte, the offline document loader, safe mode."""

from __future__ import annotations

import json
from typing import Any

import pytest

from academy.credentials.crypto import multikey, proof, rdfc
from support.certkit import conformance

VECTORS = ("vc-di-eddsa", "eddsa-rdfc-2022")


def text(name: str) -> str:
    return conformance(*VECTORS, name).read_text(encoding="utf-8")


def data(*parts: str) -> Any:
    return json.loads(conformance(*parts).read_text(encoding="utf-8"))


@pytest.fixture
def keys() -> tuple[Any, Any]:
    pair = data("vc-di-eddsa", "keyPair.json")
    return multikey.decode_private(pair["privateKeyMultibase"]), multikey.decode_public(pair["publicKeyMultibase"])


def test_every_intermediate_value_of_the_rdfc_vectors(keys: tuple[Any, Any]) -> None:
    private, _ = keys
    signed = data(*VECTORS, "signedDataInt.json")
    suite = proof.SUITES["eddsa-rdfc-2022"]
    config = proof.proof_config(
        proof.unsecured(signed),
        verification_method=signed["proof"]["verificationMethod"],
        created=signed["proof"]["created"],
        cryptosuite="eddsa-rdfc-2022",
    )
    assert config == data(*VECTORS, "proofConfigDataInt.json")
    trace = suite.trace(signed, config)
    assert trace.canonical_document.decode() == text("canonDocDataInt.txt")
    assert trace.document_hash.hex() == text("docHashDataInt.txt").strip()
    assert trace.canonical_proof_config.decode() == text("proofCanonDataInt.txt")
    assert trace.proof_config_hash.hex() == text("proofHashDataInt.txt").strip()
    assert trace.hash_data.hex() == text("combinedHashDataInt.txt").strip()
    signature = suite.sign(trace.hash_data, private)
    assert signature.hex() == text("sigHexDataInt.txt").strip()
    assert suite.encode_proof_value(signature) == text("sigBTC58DataInt.txt").strip()


def test_create_proof_reproduces_the_signed_rdfc_vector(keys: tuple[Any, Any]) -> None:
    private, public = keys
    signed = data(*VECTORS, "signedDataInt.json")
    made = proof.create_proof(
        proof.unsecured(signed),
        private,
        verification_method=signed["proof"]["verificationMethod"],
        created=signed["proof"]["created"],
        cryptosuite="eddsa-rdfc-2022",
    )
    assert made == signed["proof"]
    proof.verify_proof(signed, signed["proof"], public)


def test_a_changed_statement_breaks_the_rdfc_proof_but_key_order_does_not(keys: tuple[Any, Any]) -> None:
    _, public = keys
    signed = data(*VECTORS, "signedDataInt.json")
    reordered = dict(reversed(list(signed.items())))
    proof.verify_proof(reordered, reordered["proof"], public)  # RDF has no key order
    changed = json.loads(json.dumps(signed))
    changed["credentialSubject"]["alumniOf"] = "The School of Forgery"
    with pytest.raises(proof.ProofError, match="signature does not match"):
        proof.verify_proof(changed, changed["proof"], public)


def test_an_undefined_term_is_refused_not_silently_left_unsigned(keys: tuple[Any, Any]) -> None:
    """Safe mode: with only VC 2.0, `alumniOf` is defined by no context, so RDF would drop it."""
    _, public = keys
    signed = data(*VECTORS, "signedDataInt.json")
    with pytest.raises(rdfc.UnsafeDocument, match="alumniOf"):
        rdfc.expand({**proof.unsecured(signed), "@context": ["https://www.w3.org/ns/credentials/v2"]})
    added = {**signed, "@context": ["https://www.w3.org/ns/credentials/v2"], "unsignedClaim": "yes"}
    with pytest.raises(proof.ProofError, match="unsignedClaim"):
        proof.verify_proof(added, {**added["proof"], "@context": added["@context"]}, public)
    with pytest.raises(rdfc.UnsafeDocument, match="type"):
        rdfc.expand({"@context": ["https://www.w3.org/ns/credentials/v2"], "type": ["NoSuchType"]})


def test_the_document_loader_serves_bundled_contexts_and_fetches_nothing() -> None:
    for url in rdfc.CONTEXT_FILES:
        assert "@context" in rdfc.document_loader(url)["document"]
    assert rdfc.bundled_context("https://www.w3.org/ns/credentials/v2") == data("contexts", "credentials-v2.jsonld")
    with pytest.raises(rdfc.UnsafeDocument, match="https://attacker.example/ctx is not one this verifier knows"):
        rdfc.expand({"@context": "https://attacker.example/ctx", "name": "x"})
