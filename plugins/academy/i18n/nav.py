"""The labels of mkdocs.yml's `nav:` in each language: the adopter's text, translated by the adopter.

`Home: index.md` and `Guidelines: [...]` are words an academy chose, so the product cannot
translate them: `<site_config>/strings/CODE.yml` does, under `nav:` (English label -> label).
`academy validate` names each label of mkdocs.yml that a configured language leaves untranslated,
at its line, and the build shows that label in the source language.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


def nav_label_lines(mkdocs_file: Path) -> list[tuple[str, int]] | None:
    """Every label of `nav:` (the keys of its mappings) with its line; None without a nav."""
    try:
        # Composed, not loaded: mkdocs.yml has tags (!ENV, !!python/name) that only MkDocs constructs.
        root = yaml.compose(mkdocs_file.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError):
        return None  # MkDocs reports an unreadable configuration itself
    if not isinstance(root, yaml.MappingNode):
        return None
    nav = next((value for key, value in root.value if key.value == "nav"), None)
    if nav is None:
        return None
    found: list[tuple[str, int]] = []

    def walk(node: yaml.Node) -> None:
        if isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item)
        elif isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode) and isinstance(key.value, str):
                    found.append((key.value, key.start_mark.line + 1))
                walk(value)

    walk(nav)
    return found


def translate_nav(nav: list[Any], labels: dict[str, str], wrap: Any = str) -> list[Any]:
    """A copy of a MkDocs `nav` config with each label found in `labels` replaced by `wrap(label)`
    (the theme prints section titles unescaped: the plugin passes `html.escape`)."""

    def item(entry: Any) -> Any:
        if isinstance(entry, dict):
            return {(wrap(labels[k]) if isinstance(k, str) and k in labels else k): value(v) for k, v in entry.items()}
        return entry

    def value(entry: Any) -> Any:
        return [item(e) for e in entry] if isinstance(entry, list) else entry

    return [item(e) for e in nav]
