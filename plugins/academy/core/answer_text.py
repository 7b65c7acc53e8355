"""Answers as text: how typed answers and option texts are compared, and which short-text
patterns both the Python scorer and the browser script read alike.

Shared by quizzes, exam banks and practice threads, and by the question-type registry.
"""

from __future__ import annotations

import re

#: Whitespace as both Python and the browser script understand it (JavaScript's `\s`),
#: spelled out because the two languages' shorthand classes differ at the edges.
SPACE = r"[\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]+"
_SPACE = re.compile(SPACE)

#: Regular-expression syntax that Python accepts but JavaScript reads differently or not at all.
_PYTHON_ONLY_GROUPS = ("(?P", "(?#", "(?(", "(?>")
_PYTHON_ONLY_ESCAPES = "AZzNU"
_INLINE_FLAGS = re.compile(r"\(\?[aiLmsux-]+[:)]")


def normalize(text: str) -> str:
    """An answer or option as compared: spacing collapsed, case ignored."""
    return _SPACE.sub(" ", text).strip(" ").lower()


def compile_pattern(pattern: str) -> re.Pattern[str]:
    """A short-text pattern as the scorer applies it: whole answer, case ignored, ASCII classes.

    ASCII `\\d`, `\\w` and `\\b` are what the browser script's JavaScript gives too.
    """
    return re.compile(pattern, re.IGNORECASE | re.ASCII)


def pattern_error(pattern: str) -> tuple[str, str] | None:
    """Why a short-text pattern cannot be used, as (what is wrong, how to fix it); None if it can."""
    try:
        compile_pattern(pattern)
    except re.error as error:
        return (
            f"is not a valid regular expression ({error.msg})",
            "fix the expression, or remove pattern and list the answers under accept",
        )
    clash = _python_only(pattern)
    if clash:
        return (
            f'uses "{clash}", which the browser reads differently from Python',
            "use syntax both Python and JavaScript understand: no named groups, inline flags, "
            "\\A, \\Z, possessive or atomic groups",
        )
    return None


def _python_only(pattern: str) -> str | None:
    """The first piece of Python-only syntax in a (valid) pattern, or None."""
    in_class, after_quantifier, i = False, False, 0
    while i < len(pattern):
        char, quantifier = pattern[i], False
        if char == "\\":
            if not in_class and pattern[i + 1 : i + 2] in set(_PYTHON_ONLY_ESCAPES):
                return pattern[i : i + 2]
            i += 1  # the escaped character is a literal, never syntax
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            # Python reads a `]` right after `[` or `[^` as a literal, JavaScript as the end of an empty class.
            start = pattern[i : i + 3] if pattern[i + 1 : i + 2] == "^" else pattern[i : i + 2]
            if start.endswith("]"):
                return start
        elif char == "(":
            group = next((g for g in _PYTHON_ONLY_GROUPS if pattern.startswith(g, i)), None)
            flags = _INLINE_FLAGS.match(pattern, i)
            if group or flags:
                return group or (flags.group(0) if flags else None)
        elif char == "+" and after_quantifier:
            return pattern[i - 1 : i + 1]
        elif char == "{" and pattern[i + 1 : i + 2] == ",":
            return "{,"
        elif char in "*+?}":
            quantifier = not (char == "?" and pattern[i - 1 : i] == "(")
        after_quantifier = quantifier
        i += 1
    return None
