"""JSON as signatures see it: RFC 8785 canonicalization (JCS) and strict parsing.

The `jcs` package is the reference implementation by the RFC's author: keys sorted by UTF-16
code units and numbers written as ECMAScript does, so the verify page (`JSON.stringify` with
sorted keys) produces the same bytes.
"""

from __future__ import annotations

import json
import math
from typing import Any

import jcs

from academy.errors import AcademyError


class CanonicalizationError(AcademyError, ValueError):
    """The value cannot be canonicalized (NaN, a lone surrogate, a non-string key…)."""


def canonicalize(value: Any) -> bytes:
    """The UTF-8 bytes of `value` in RFC 8785 canonical form."""
    plain = _check(value)
    try:
        if plain:
            # Without floats, big integers or keys beyond the BMP, JCS is exactly what the json
            # module writes with sorted keys and no spaces (same escapes, code-point order equal
            # to UTF-16 order); it is ~10 times faster than the pure-Python `jcs`.
            return _ENCODER.encode(value).encode("utf-8")
        return bytes(jcs.canonicalize(value))
    except (TypeError, ValueError, UnicodeEncodeError) as error:
        raise CanonicalizationError(f"cannot canonicalize: {error}") from error


#: `json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))`, built once:
#: `dumps` with options makes a new encoder each call, a third of the time on a credential.
_ENCODER = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))

#: Integers JSON numbers (IEEE doubles) hold exactly; beyond them `jcs` writes them as ECMAScript does.
_SAFE_INT = 2**53


def _check(value: Any) -> bool:
    """Refuse what is not JSON; True when `value` is plain (see `canonicalize`).

    Recursive with exact type tests first: it runs on every document verified, so the common
    case (str, dict, list) is decided without `isinstance` chains.
    """
    kind = type(value)
    if kind is str or kind is bool or value is None:
        return True
    if kind is dict:
        plain = True
        for key, child in value.items():
            if type(key) is not str:
                raise CanonicalizationError(f"object key {key!r} is not a string")
            if not key.isascii() and max(key) > "\uffff":
                plain = False
            leaf = type(child)  # most values are strings: decided here, without a call
            if not (leaf is str or leaf is bool or child is None) and not _check(child):
                plain = False
        return plain
    if kind is list or kind is tuple:
        plain = True
        for child in value:
            leaf = type(child)
            if not (leaf is str or leaf is bool or child is None) and not _check(child):
                plain = False
        return plain
    if kind is int:
        return bool(-_SAFE_INT < value < _SAFE_INT)
    if kind is float:
        if not math.isfinite(value):
            raise CanonicalizationError(f"{value} is not a JSON number")
        return False
    # Subclasses (an OrderedDict, a str enum…): checked the long way, canonicalized by `jcs`.
    if isinstance(value, dict):
        if any(not isinstance(key, str) for key in value):
            raise CanonicalizationError("an object key is not a string")
        for child in value.values():
            _check(child)
        return False
    if isinstance(value, list | tuple):
        for child in value:
            _check(child)
        return False
    if isinstance(value, float) and not math.isfinite(value):
        raise CanonicalizationError(f"{value} is not a JSON number")
    if isinstance(value, str | int | float | bool):
        return False
    raise CanonicalizationError(f"{type(value).__name__} is not a JSON value")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


#: Deepest nesting accepted: a certificate is about 6 levels deep; 10,000 would exhaust the stack.
MAX_DEPTH = 64


class DuplicateKeyError(AcademyError, ValueError):
    """A JSON object repeats a key: I-JSON (RFC 7493), which RFC 8785 builds on, forbids it."""


class TooDeepError(AcademyError, ValueError):
    """JSON nested deeper than `MAX_DEPTH`."""


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)  # at C speed; a repeated key shows as fewer entries than pairs
    if len(result) == len(pairs):
        return result
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            shown = json.dumps(key, ensure_ascii=True)[:60]
            raise DuplicateKeyError(
                f"the key {shown} appears twice in one object: that is not I-JSON (RFC 7493), so what it says is "
                "ambiguous (one reader sees the first value, another the last)"
            )
        seen.add(key)
    raise AssertionError("unreachable: fewer entries than pairs means a repeated key")


def depth(text: str | bytes) -> int:
    """The deepest nesting of arrays and objects in JSON text (strings skipped), without recursion."""
    data = text.encode("utf-8", "surrogatepass") if isinstance(text, str) else text
    deepest = level = 0
    in_string = escaped = False
    for byte in data:
        if in_string:
            if escaped:
                escaped = False
            elif byte == 0x5C:  # backslash
                escaped = True
            elif byte == 0x22:
                in_string = False
        elif byte == 0x22:
            in_string = True
        elif byte in (0x5B, 0x7B):
            level += 1
            deepest = max(deepest, level)
        elif byte in (0x5D, 0x7D):
            level -= 1
    return deepest


def _openings(text: str | bytes) -> int:
    """How many [ and { the text holds (C speed): a bound on its depth that spares `depth` on most inputs."""
    if isinstance(text, str):
        return text.count("[") + text.count("{")
    return text.count(b"[") + text.count(b"{")


def loads(text: str | bytes) -> Any:
    """Parse JSON as I-JSON: refuse `NaN`/`Infinity`, a repeated key and nesting beyond `MAX_DEPTH`.

    A repeated key is refused (not "last one wins", as `JSON.parse` does) because a forged
    `"name"` placed before the genuine one would otherwise show one thing and sign another;
    the verify page refuses it the same way.
    """
    if _openings(text) > MAX_DEPTH and depth(text) > MAX_DEPTH:  # fewer brackets than that: cannot be too deep
        raise TooDeepError(f"nested deeper than {MAX_DEPTH} levels, which no certificate is")
    try:
        return json.loads(text, parse_constant=_reject_constant, object_pairs_hook=_no_duplicates)
    except RecursionError as error:  # depth() counts what json.loads recurses on; this is a last guard
        raise TooDeepError(f"nested deeper than {MAX_DEPTH} levels, which no certificate is") from error


def dumps(value: Any) -> str:
    """Readable JSON for files people open: two-space indent, UTF-8 text, a final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
