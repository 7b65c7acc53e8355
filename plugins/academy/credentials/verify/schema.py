"""The JSON Schema `academy verify` checks a certificate against before its proof.

It states the parts of the Open Badges 3.0 `AchievementCredential` schema that verification
relies on (the contexts, types, issuer, subject, achievement, dates, status and proofs), so
the CLI needs no network and no file outside the package. The tests also validate issued
credentials against the full 1EdTech schema (`../shared/conformance/ob3/`), and
`academy verify --ob3-schema FILE` can use that file instead.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import Any

from jsonschema import Draft201909Validator, Draft202012Validator
from jsonschema.protocols import Validator

from ..documents.ob3 import VC_CONTEXT
from ..documents.statuslist import ENTRY_TYPE

_STRING = {"type": "string", "minLength": 1}
_DATETIME = {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$"}
_TYPES = {"type": "array", "minItems": 1, "items": {"type": "string"}}
_PROOF = {
    "type": "object",
    "required": ["type", "cryptosuite", "created", "verificationMethod", "proofPurpose", "proofValue"],
    "properties": {
        "type": _STRING,
        "cryptosuite": _STRING,
        "created": _DATETIME,
        "verificationMethod": _STRING,
        "proofPurpose": _STRING,
        "proofValue": _STRING,
    },
}

CREDENTIAL_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "An academy certificate: Open Badges 3.0 OpenBadgeCredential",
    "type": "object",
    "required": ["@context", "id", "type", "issuer", "validFrom", "credentialSubject", "credentialStatus"],
    "properties": {
        "@context": {
            "type": "array",
            "minItems": 2,
            "prefixItems": [
                {"const": VC_CONTEXT},
                {
                    "type": "string",
                    "pattern": r"^https://purl\.imsglobal\.org/spec/ob/v3p0/context(-3\.\d\.\d)*\.json$",
                },
            ],
            "items": {"type": ["string", "object"]},
        },
        "id": {"type": "string", "pattern": r"^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"},
        "type": {
            "allOf": [
                {**_TYPES, "contains": {"const": "VerifiableCredential"}},
                {**_TYPES, "contains": {"enum": ["OpenBadgeCredential", "AchievementCredential"]}},
            ]
        },
        "name": {"type": "string"},
        "issuer": {
            "oneOf": [
                {"type": "string", "pattern": "^https?://"},
                {
                    "type": "object",
                    "required": ["id", "type"],
                    "properties": {
                        "id": {"type": "string", "pattern": "^https?://"},
                        "type": {**_TYPES, "contains": {"const": "Profile"}},
                    },
                },
            ]
        },
        "validFrom": _DATETIME,
        "validUntil": _DATETIME,
        "awardedDate": _DATETIME,
        "credentialSubject": {
            "type": "object",
            "required": ["type", "achievement", "identifier"],
            "properties": {
                "type": {**_TYPES, "contains": {"const": "AchievementSubject"}},
                "identifier": {
                    "type": "array",
                    "minItems": 1,
                    "items": {
                        "type": "object",
                        "required": ["type", "hashed", "identityHash", "identityType"],
                        "properties": {
                            "type": {"const": "IdentityObject"},
                            "hashed": {"type": "boolean"},
                            "identityHash": {"type": "string"},
                            "identityType": {"type": "string"},
                            "salt": {"type": "string"},
                        },
                        "additionalProperties": False,
                    },
                },
                "achievement": {
                    "type": "object",
                    "required": ["id", "type", "name", "description", "criteria"],
                    "properties": {
                        "id": _STRING,
                        "type": {**_TYPES, "contains": {"const": "Achievement"}},
                        "name": {"type": "string"},
                        "description": {"type": "string"},
                        "criteria": {"type": "object"},
                    },
                },
            },
        },
        "credentialStatus": {
            "type": "object",
            "required": ["id", "type", "statusPurpose", "statusListIndex", "statusListCredential"],
            "properties": {
                "type": {"const": ENTRY_TYPE},
                "statusPurpose": _STRING,
                "statusListIndex": {"type": "string", "pattern": "^(0|[1-9][0-9]*)$"},
                "statusListCredential": {"type": "string", "pattern": "^https?://"},
            },
        },
        "proof": {"oneOf": [_PROOF, {"type": "array", "minItems": 1, "items": _PROOF}]},
    },
}


_FAST: dict[int, tuple[Validator, Any]] = {}


def _fast(checker: Validator) -> Any:
    """The jsonschema-rs validator of `checker`'s schema (None when it cannot compile it), per run."""
    known = _FAST.get(id(checker))
    if known is None or known[0] is not checker:
        import jsonschema_rs

        schema = checker.schema  # a bool schema has no fast validator: dict() would refuse it
        try:
            if not isinstance(schema, Mapping):
                raise TypeError("not an object schema")
            compiled = jsonschema_rs.validator_for(dict(schema), validate_formats=False, offline=True)
        except (ValueError, TypeError, jsonschema_rs.ValidationError):
            compiled = None
        known = _FAST[id(checker)] = (checker, compiled)
    return known[1]


@cache
def validator() -> Validator:
    return Draft202012Validator(CREDENTIAL_SCHEMA)


@cache
def file_validator(path: Path) -> Validator:
    """A validator for a schema file, such as the 1EdTech OB3 AchievementCredential schema."""
    schema = json.loads(path.read_text(encoding="utf-8"))
    declared = str(schema.get("$schema", ""))
    cls = Draft201909Validator if "2019-09" in declared else Draft202012Validator
    return cls(schema)


def problems(credential: Mapping[str, Any], schema_validator: Validator | None = None) -> list[str]:
    """Every schema violation, as `path: message`, best first.

    The compiled (Rust) validator answers first; only a credential it finds invalid goes
    through `jsonschema`, for its messages (valid ones, nearly all of a batch, cost ~20 µs).
    """
    checker = schema_validator or validator()
    fast = _fast(checker)
    if fast is not None and fast.is_valid(credential):
        return []
    found = sorted(checker.iter_errors(credential), key=lambda e: (len(list(e.absolute_path)), e.message))
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {e.message}" for e in found]
