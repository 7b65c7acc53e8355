"""Interface strings of a build's language for the HTML a plugin renders.

`words(language, "quiz")` reads `quiz.*` of academy/i18n/strings/<language>.yml (English where the
language lacks a key) once per build process: a page renders many strings (points under every
question) and looking each up afresh in the merged strings of a language would cost more than the
text; `Words(language)` without a section reads full dotted keys (`exam.hub`). Plurals follow the
language's rules (CLDR, through babel) as `key.one`, `key.other`, ..., the same keys the page
scripts read with `academyI18n.n`; numbers are in the language's format.
"""

from __future__ import annotations

import functools
from html import escape

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from ..i18n import strings
from ..i18n.strings import fill


class Words:
    """The strings of `section` in `language` (all of them when `section` is empty), keyed by the
    rest of their dotted key."""

    def __init__(self, language: str, section: str = "") -> None:
        self.language = self.code = language
        self._found = strings.section(language, section) if section else strings.strings(language)
        try:
            self._locale: Locale | None = Locale.parse(language.replace("-", "_"))
        except (UnknownLocaleError, ValueError):
            self._locale = None  # a code babel does not know: English plural rule, plain digits
        self._numbers: dict[float, str] = {}

    def __call__(self, key: str, **values: object) -> str:
        """The text of `key` with each `{name}` replaced by `values[name]` (text, not escaped)."""
        return fill(self._found.get(key, key), {k: str(v) for k, v in values.items()})

    def html(self, key: str, **markup: str) -> str:
        """The text of `key` escaped for HTML, with each `{name}` replaced by `markup[name]`, which is
        HTML already (a link, an escaped host name in <strong>)."""
        return fill(escape(self._found.get(key, key), quote=False), markup)

    def n(self, key: str, count: float, **values: object) -> str:
        """The plural form of `key` that the language's rules choose for `count`, with `{count}`
        in the language's number format."""
        form = self._locale.plural_form(count) if self._locale else ("one" if count == 1 else "other")
        chosen = f"{key}.{form}" if f"{key}.{form}" in self._found else f"{key}.other"
        return self(chosen, **values, count=self.number(count))

    def number(self, x: float) -> str:
        """`x` as the language writes numbers (1.5 is "1,5" in Dutch, 1,000 is "1.000")."""
        # Pages repeat a few numbers (points, minutes, counts) thousands of times, and babel
        # formats one in tens of microseconds: each is formatted once per build process.
        if x not in self._numbers:
            self._numbers[x] = format_decimal(x, locale=self._locale) if self._locale else f"{x:g}"
        return self._numbers[x]


@functools.cache
def words(language: str, section: str) -> Words:
    """The cached `Words` of a section (the strings files do not change during a build)."""
    return Words(language, section)
