"""Interface strings of a build's language for the page renderers: plurals and numbers as the
language writes them (babel's CLDR data: the same rules as the pages' `academyI18n.n`/`number`)."""

from __future__ import annotations

import functools

from babel import Locale, UnknownLocaleError
from babel.numbers import format_decimal

from ..i18n import strings


@functools.cache
def _locale(code: str) -> Locale:
    try:
        return Locale.parse(code)
    except (ValueError, UnknownLocaleError):
        return Locale.parse("en")


def number(code: str, value: float) -> str:
    """`value` in the number format of language `code` (`1,000` in English, `1.000` in Dutch)."""
    return format_decimal(value, locale=_locale(code))


class Words:
    """The strings of one language: `words("key", name=value)`, `words.n("key", count)`."""

    def __init__(self, code: str) -> None:
        self.code = code

    def __call__(self, key: str, **values: object) -> str:
        return strings.text(self.code, key, **{k: str(v) for k, v in values.items()})

    def number(self, value: float) -> str:
        return number(self.code, value)

    def n(self, key: str, count: float, **values: object) -> str:
        """The plural form of `key` (`key.one`, `key.other`, ...) the language uses for `count`,
        with `{count}` in the language's number format."""
        form = _locale(self.code).plural_form(count)
        known = strings.strings(self.code)
        chosen = f"{key}.{form}" if f"{key}.{form}" in known else f"{key}.other"
        return self(chosen, **values, count=self.number(count))
