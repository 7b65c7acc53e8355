"""Certificates as Open Badges 3.0 credentials: keys, issuance, ledger, revocation and verification.

Nothing here imports MkDocs: the `academy` CLI and the certificates plugin both build on it.

| module | what it holds |
| --- | --- |
| `crypto/canonical` | RFC 8785 JSON canonicalization (JCS) and strict JSON parsing |
| `crypto/rdfc` | RDF Dataset Canonicalization (RDFC-1.0) with the bundled JSON-LD `contexts/` |
| `crypto/multikey` | Ed25519 keys as Multikey (`z6Mk…`) and base58btc |
| `crypto/proof` | Data Integrity proofs with a cryptosuite registry (`eddsa-jcs-2022`, `eddsa-rdfc-2022`) |
| `crypto/keys` | the issuer's key pairs: private PEM files and the public `keys.json` |
| `documents/ob3` | the `OpenBadgeCredential` layout and the recipient's identity hash |
| `documents/statuslist` | Bitstring Status List encoding and the signed status-list credential |
| `documents/profile` | the issuer's controller document / OB3 Profile published at `/issuer/profile.json` |
| `documents/summary` | the compact signed summary carried by the QR code |
| `documents/qr` | the QR code of a certificate (segno) |
| `documents/pdf` | the printable PDF certificate (fpdf2) with its `fonts/` |
| `documents/baking` | baked badges: the credential inside the achievement's PNG/SVG (`badge/` default) |
| `store/files` | private folders and atomic writes |
| `store/ledger` | the SQLite ledger of issued certificates and revocations |
| `store/runs` | each issuing run's lock, so that the next run can finish what a dead one left |
| `store/attempts` | learners' exam attempts recorded by the hub |
| `store/ledgercheck` | `academy ledger check`: ledger, issued files and status lists agree (and repair) |
| `issue/issuer` | issuing from completion records or a workshop roster |
| `issue/requests` | hub-scored certificate requests (the intake) |
| `issue/reissue` | re-issuing a certificate (a correction or renewal) |
| `verify/schema` | the JSON Schema `academy verify` checks a credential against |
| `verify/verifier` | verification with a verdict and every step |
| `dates` | UTC times as the credentials write them |
| `fixtures` | credentials for every verdict, for the CLI and browser tests |
| `cli` | the `keys`, `issue`, `ledger`, `revoke` and `verify` commands' logic |
"""
