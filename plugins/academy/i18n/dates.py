"""Dates as a reader of each language writes them ("5 March 2026", "5 maart 2026", "5. marts 2026").

Babel (CLDR) knows each language's long date format. The academy's English is British (its
strings say "practise", "organisation"), so English dates are British: day, month, year.
"""

from __future__ import annotations

from datetime import date

#: The CLDR locale whose format a language's pages use, where it is not the language's own default.
_LOCALES = {"en": "en_GB"}


def long_date(value: date | str, code: str) -> str:
    """`value` (a date, or an ISO date as written in YAML) in language `code`'s long format; text
    that is not an ISO date is returned as it is (the changelog's own checks report it)."""
    from babel import UnknownLocaleError
    from babel.dates import format_date

    if isinstance(value, str):
        try:
            value = date.fromisoformat(value)
        except ValueError:
            return value
    try:
        return format_date(value, format="long", locale=_LOCALES.get(code, code))
    except (UnknownLocaleError, ValueError):  # a code CLDR does not know: ISO, readable everywhere
        return value.isoformat()
