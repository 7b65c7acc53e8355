"""Signatures: JSON canonicalization (JCS and RDFC), Multikey, Data Integrity proofs and the issuer's key files."""
