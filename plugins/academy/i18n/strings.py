"""The interface strings the academy adds, one file per language (`strings/CODE.yml`).

A file is a YAML mapping, nested for reading; keys are addressed with dots (`notice.outdated`).
English (`en.yml`) is the reference: every configured language's file must have each of its keys,
with the same `{placeholders}`. Adding a language means adding one strings file and translations.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping
from pathlib import Path

from ..core.problems import Problems, closest
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


def overrides_file(site_config: Path, code: str) -> Path:
    """The project's own strings of `code` (`<site_config>/strings/CODE.yml`): nav labels, overrides."""
    return site_config / "strings" / f"{code}.yml"


@functools.lru_cache(maxsize=64)
def _read_overrides(path: Path, mtime_ns: int) -> dict[str, tuple[str, int]]:
    """One project strings file, flattened; cached per file and modification time, so a `serve`
    rebuild after an edit reads it again and two projects in one process never share it."""
    return _flatten(load_yaml(path, Problems()))


def _overrides(site_config: Path | None, code: str) -> dict[str, tuple[str, int]]:
    if site_config is None:
        return {}
    path = overrides_file(site_config, code).resolve()
    try:
        mtime = path.stat().st_mtime_ns
    except OSError:
        return {}
    return _read_overrides(path, mtime)


def strings(code: str, site_config: Path | None = None) -> dict[str, str]:
    """Every string of `code`, English where the language's file lacks a key (validation reports it).

    With `site_config` (the project's folder), a key of `<site_config>/strings/CODE.yml` replaces
    the product's string of that key: an academy words its interface its own way.
    """
    found = {k: v for k, (v, _) in (_read(REFERENCE) or {}).items()}
    found |= {k: v for k, (v, _) in (_read(code) or {}).items()}
    found |= {k: v for k, (v, _) in _overrides(site_config, code).items() if k in found}
    return found


def nav_labels(site_config: Path | None, code: str) -> dict[str, str]:
    """The project's translations of its own nav labels (`nav:` of `<site_config>/strings/CODE.yml`,
    English label -> label): the labels mkdocs.yml gives are the adopter's text, not the product's."""
    product = set(_read(REFERENCE) or {})
    return {
        k[len("nav.") :]: v
        for k, (v, _) in _overrides(site_config, code).items()
        if k.startswith("nav.") and k not in product
    }


def section(code: str, prefix: str, site_config: Path | None = None) -> dict[str, str]:
    """The strings of `code` under `prefix` (`quiz.script`), keyed by the rest of their key (`submit`)."""
    start = f"{prefix}."
    return {k[len(start) :]: v for k, v in strings(code, site_config).items() if k.startswith(start)}


def text(code: str, key: str, /, *, site_config: Path | None = None, **values: object) -> str:
    """One string of `code` with its placeholders filled in."""
    return fill(strings(code, site_config).get(key, key), values)


def fill(template: str, values: Mapping[str, object]) -> str:
    """`template` with each `{name}` of `values` replaced (unknown placeholders stay as written)."""
    return _PLACEHOLDER.sub(lambda m: str(values[m[1]]) if m[1] in values else m[0], template)


def plural_key(code: str, key: str, n: int) -> str:
    """`key.one` or `key.other` (CLDR plural category of `n` in language `code`, via Babel)."""
    from babel import Locale, UnknownLocaleError

    try:
        form = Locale.parse(code).plural_form(n)
    except (UnknownLocaleError, ValueError):
        form = "one" if n == 1 else "other"
    return f"{key}.{form}" if form in {"one", "other"} else f"{key}.other"


class Translator:
    """The strings of one build: one language, with the project's overrides (`t("module.level")`)."""

    def __init__(self, code: str, site_config: Path | None = None) -> None:
        self.code = code
        self.site_config = site_config
        self.table = strings(code, site_config)

    def __call__(self, key: str, /, **values: object) -> str:
        return fill(self.table.get(key, key), values)

    def plural(self, key: str, n: int, /, **values: object) -> str:
        """The plural form of `key` for `n` (`{n}` filled): `track.workshops` -> "3 workshops"."""
        chosen = plural_key(self.code, key, n)
        template = self.table.get(chosen) or self.table.get(f"{key}.other", key)
        return fill(template, {"n": n, **values})

    def section(self, prefix: str) -> dict[str, str]:
        start = f"{prefix}."
        return {k[len(start) :]: v for k, v in self.table.items() if k.startswith(start)}


def check_strings(languages: Languages, problems: Problems, site_file: Path, mkdocs_file: Path | None = None) -> None:
    """Each configured language has a strings file with every key (and placeholder) of English.

    A site in one language shows none of these strings (no switcher, no translation notices), so a
    German-only academy needs no `de.yml`; they are checked once the site has a second language.
    """
    check_project_strings(languages, problems, site_file.parent, mkdocs_file)
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


def check_project_strings(
    languages: Languages, problems: Problems, site_config: Path, mkdocs_file: Path | None
) -> None:
    """The project's strings files (`<site_config>/strings/CODE.yml`) and its nav labels.

    A key outside `nav:` must be a product key (a misspelt one would silently change nothing), with
    the product's placeholders; a `nav:` label should be one of mkdocs.yml. With more than one
    language, each label of mkdocs.yml's nav needs a translation in each other language's file.
    """
    from .nav import nav_label_lines

    reference = _read(REFERENCE) or {}
    labels = (nav_label_lines(mkdocs_file) if mkdocs_file and mkdocs_file.is_file() else None) or []
    label_names = sorted({label for label, _ in labels})
    folder = site_config / "strings"
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        code = path.stem
        if code not in languages.codes:
            problems.warn(
                path,
                1,
                f'"{code}" is not a language of site.yml, so this file is never read',
                f"add {code} to languages: in {problems.display(site_config / 'site.yml')}, or rename the file",
            )
        for key, (value, line) in _flatten(load_yaml(path, problems)).items():
            if key.startswith("nav.") and key not in reference:
                label = key[len("nav.") :]
                if labels and label not in label_names:
                    hint = closest(label, label_names)
                    problems.warn(
                        path,
                        line,
                        f'nav label "{label}" is not a label of the nav in mkdocs.yml, so it translates nothing',
                        "write the label exactly as mkdocs.yml has it" + (f' (did you mean "{hint}"?)' if hint else ""),
                    )
                continue
            if key not in reference:
                hint = closest(key, reference)
                problems.add(
                    path,
                    line,
                    f'unknown interface string "{key}"',
                    (f'did you mean "{hint}"? ' if hint else "")
                    + f"use a key of plugins/academy/i18n/strings/{REFERENCE}.yml, or put nav labels under nav:",
                )
                continue
            wanted = set(_PLACEHOLDER.findall(reference[key][0]))
            if set(_PLACEHOLDER.findall(value)) != wanted:
                problems.add(
                    path,
                    line,
                    f"{key} must contain {', '.join('{' + w + '}' for w in sorted(wanted)) or 'no placeholder'}",
                    f"keep the placeholders of {REFERENCE}.yml as they are; change the words around them",
                )
    if len(languages.codes) < 2 or mkdocs_file is None:
        return
    for code in languages.targets:
        translated = nav_labels(site_config, code)
        target = overrides_file(site_config, code)
        shown = problems.display(target)
        name = strings(REFERENCE).get(f"languages.{code}", languages.name(code))  # "Dutch": messages are English
        for label, line in labels:
            if label not in translated:
                problems.warn(
                    mkdocs_file,
                    line,
                    f'nav label "{label}" has no {name} translation, so the {name} site shows it as it is here',
                    f'add "{label}: <{name} label>" under nav: in {shown}',
                )
