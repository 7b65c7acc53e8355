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


class CanonicalizationError(ValueError):
    """The value cannot be canonicalized (NaN, a lone surrogate, a non-string key…)."""


def canonicalize(value: Any) -> bytes:
    """The UTF-8 bytes of `value` in RFC 8785 canonical form."""
    _check(value)
    try:
        return bytes(jcs.canonicalize(value))
    except (TypeError, ValueError, UnicodeEncodeError) as error:
        raise CanonicalizationError(f"cannot canonicalize: {error}") from error


def _check(value: Any) -> None:
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            for key, child in item.items():
                if not isinstance(key, str):
                    raise CanonicalizationError(f"object key {key!r} is not a string")
                stack.append(child)
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, float) and not math.isfinite(item):
            raise CanonicalizationError(f"{item} is not a JSON number")
        elif item is not None and not isinstance(item, str | int | float | bool):
            raise CanonicalizationError(f"{type(item).__name__} is not a JSON value")


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def loads(text: str | bytes) -> Any:
    """Parse JSON as a browser's `JSON.parse` does, but refuse `NaN` and `Infinity`.

    A repeated key keeps its last value, as in `JSON.parse`, so the CLI and the page see
    the same document.
    """
    return json.loads(text, parse_constant=_reject_constant)


def dumps(value: Any) -> str:
    """Readable JSON for files people open: two-space indent, UTF-8 text, a final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"
