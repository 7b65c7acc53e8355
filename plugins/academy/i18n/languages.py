"""Which languages an academy is built in (`languages:` in site_config/site.yml, first = source),
and how a translation file names its language (`principles.nl.md`: the suffix before the extension)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..core.problems import Problems, closest
from ..core.source import Node, load_yaml

#: Language codes the academy knows, with each language's own name (for the switcher).
KNOWN: dict[str, str] = {
    "en": "English",
    "nl": "Nederlands",
    "it": "Italiano",
    "da": "Dansk",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "pt": "Português",
    "sv": "Svenska",
    "nb": "Norsk bokmål",
    "fi": "Suomi",
    "pl": "Polski",
    "cs": "Čeština",
    "hu": "Magyar",
    "ro": "Română",
    "el": "Ελληνικά",
    "tr": "Türkçe",
    "ja": "日本語",
    "zh": "中文",
}

#: `name.xx` in a file's stem: a two-letter code written after a dot.
_SUFFIX = re.compile(r"^(?P<stem>.+)\.(?P<code>[a-z]{2})$")


def split_suffix(path: Path | str) -> tuple[str, str | None]:
    """`("principles", "nl")` for `principles.nl.md`; `("principles", None)` for a source file."""
    stem = Path(path).stem
    match = _SUFFIX.match(stem)
    return (match["stem"], match["code"]) if match else (stem, None)


def is_translation(path: Path | str) -> bool:
    """True for a file named like a translation (`x.nl.md`, `x.it.yml`): loaders of sources skip it."""
    return split_suffix(path)[1] is not None


@dataclass(frozen=True)
class Languages:
    """The configured languages: `codes[0]` is the source, the others are built under `/<code>/`."""

    codes: tuple[str, ...] = ("en",)
    #: Line of `languages:` in site.yml (1 when it is not set).
    line: int = 1

    @property
    def source(self) -> str:
        return self.codes[0]

    @property
    def targets(self) -> tuple[str, ...]:
        """The languages translated into."""
        return self.codes[1:]

    def name(self, code: str) -> str:
        return KNOWN.get(code, code)


def load_languages(site_file: Path, problems: Problems) -> Languages:
    """The `languages:` list of site.yml, each code checked; `language:` alone (or nothing) is one language."""
    data = load_yaml(site_file, Problems()) if site_file.is_file() else None  # site.yml's own checks report
    if not isinstance(data, Node):
        return Languages()
    single = data.get("language") if isinstance(data.get("language"), str) else "en"
    listed = data.get("languages")
    if listed is None:
        return Languages((single,))
    line = data.line_of("languages")
    if not isinstance(listed, list) or not listed or not all(isinstance(c, str) for c in listed):
        problems.add(site_file, line, "languages must be a list of language codes", "write e.g. languages: [en, nl]")
        return Languages((single,), line)
    codes: list[str] = []
    for code in listed:
        if code not in KNOWN:
            hint = closest(code, sorted(KNOWN))
            problems.add(
                site_file,
                line,
                f'unknown language code "{code}" in languages',
                f"use a two-letter ISO 639-1 code the academy knows ({', '.join(sorted(KNOWN))})"
                + (f'; did you mean "{hint}"?' if hint else ""),
            )
        elif code in codes:
            problems.add(site_file, line, f'language "{code}" is listed twice', "list each language once")
        else:
            codes.append(code)
    if codes and isinstance(data.get("language"), str) and data["language"] != codes[0]:
        problems.add(
            site_file,
            data.line_of("language"),
            f'language is "{data["language"]}" but languages starts with "{codes[0]}"',
            "the first of languages is the source language: make them agree, or remove language:",
        )
    return Languages(tuple(codes) or (single,), line)
