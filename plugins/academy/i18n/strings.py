"""The interface strings the academy adds, one file per language (`strings/CODE.yml`).

A file is a YAML mapping, nested for reading; keys are addressed with dots (`notice.outdated`).
English (`en.yml`) is the reference: every configured language's file must have each of its keys,
with the same `{placeholders}`. Adding a language means adding one strings file and translations.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

from ..core.problems import Problems
from ..core.source import Node, load_yaml
from .languages import Languages

STRINGS = Path(__file__).parent / "strings"
REFERENCE = "en"
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def strings_file(code: str) -> Path:
    return STRINGS / f"{code}.yml"


def _flatten(node: object, prefix: str = "") -> dict[str, tuple[str, int]]:
    """Dotted key -> (text, line)."""
    flat: dict[str, tuple[str, int]] = {}
    if isinstance(node, Node):
        for key, value in node.items():
            name = f"{prefix}{key}"
            if isinstance(value, Node):
                flat |= _flatten(value, f"{name}.")
            else:
                flat[name] = (str(value), node.line_of(key))
    return flat


@functools.cache
def _read(code: str) -> dict[str, tuple[str, int]] | None:
    path = strings_file(code)
    if not path.is_file():
        return None
    return _flatten(load_yaml(path, Problems()))


def strings(code: str) -> dict[str, str]:
    """Every string of `code`, English where the language's file lacks a key (validation reports it)."""
    found = {k: v for k, (v, _) in (_read(REFERENCE) or {}).items()}
    found |= {k: v for k, (v, _) in (_read(code) or {}).items()}
    return found


def section(code: str, prefix: str) -> dict[str, str]:
    """The strings of `code` under `prefix` (`quiz.script`), keyed by the rest of their key (`submit`)."""
    start = f"{prefix}."
    return {k[len(start) :]: v for k, v in strings(code).items() if k.startswith(start)}


def text(code: str, key: str, **values: str) -> str:
    """One string of `code` with its placeholders filled in."""
    template = strings(code).get(key, key)
    return _PLACEHOLDER.sub(lambda m: values.get(m[1], m[0]), template)


def check_strings(languages: Languages, problems: Problems, site_file: Path) -> None:
    """Each configured language has a strings file with every key (and placeholder) of English.

    A site in one language shows none of these strings (no switcher, no translation notices), so a
    German-only academy needs no `de.yml`; they are checked once the site has a second language.
    """
    if len(languages.codes) < 2:
        return
    reference = _read(REFERENCE) or {}
    for code in languages.codes:
        found = _read(code)
        path = strings_file(code)
        if found is None:
            problems.add(
                site_file,
                languages.line,
                f'language "{code}" has no interface strings',
                f"add {path.name} to plugins/academy/i18n/strings/ with the keys of {REFERENCE}.yml",
            )
            continue
        missing = [k for k in reference if k not in found]
        if missing:
            problems.add(
                path,
                1,
                f"{len(missing)} interface string(s) missing in {code}: {', '.join(missing)}",
                f"add each key with its {languages.name(code)} text (see {REFERENCE}.yml)",
            )
        for key, (value, line) in found.items():
            wanted = set(_PLACEHOLDER.findall(reference.get(key, ("", 0))[0]))
            if key in reference and set(_PLACEHOLDER.findall(value)) != wanted:
                problems.add(
                    path,
                    line,
                    f"{key} must contain {', '.join('{' + w + '}' for w in sorted(wanted)) or 'no placeholder'}",
                    f"keep the placeholders of {REFERENCE}.yml as they are; translate the words around them",
                )
