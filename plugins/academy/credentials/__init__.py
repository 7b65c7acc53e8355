"""Certificates as Open Badges 3.0 credentials: keys, issuance, ledger, revocation and verification.

Nothing here imports MkDocs: the `academy` CLI and the certificates plugin both build on it.

| module | what it holds |
| --- | --- |
| `canonical` | RFC 8785 JSON canonicalization (JCS) and strict JSON parsing |
| `multikey` | Ed25519 keys as Multikey (`z6Mk…`) and base58btc |
| `proof` | Data Integrity proofs with a cryptosuite registry (`eddsa-jcs-2022`) |
| `ob3` | the `OpenBadgeCredential` layout and the recipient's identity hash |
| `schema` | the JSON Schema `academy verify` checks a credential against |
| `statuslist` | Bitstring Status List encoding and the signed status-list credential |
| `keys` | the issuer's key pairs: private PEM files and the public `keys.json` |
| `profile` | the issuer's controller document / OB3 Profile published at `/issuer/profile.json` |
| `ledger` | the SQLite ledger of issued certificates and revocations |
| `runs` | each issuing run's lock, so that the next run can finish what a dead one left |
| `ledgercheck` | `academy ledger check`: ledger, issued files and status lists agree (and repair) |
| `summary` | the compact signed summary carried by the QR code |
| `qr` | the QR code of a certificate (segno) |
| `pdf` | the printable PDF certificate (fpdf2) |
| `issue` | issuing from completion records or a workshop roster |
| `verify` | verification with a verdict and every step |
| `fixtures` | credentials for every verdict, for the CLI and browser tests |
| `cli` | the `keys`, `issue`, `ledger`, `revoke` and `verify` commands |
"""
