"""The language of the site being built: the source language's, or one of the i18n plugin's."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig


def build_language(config: MkDocsConfig) -> str:
    """The code of the language this build's pages are in (the i18n plugin sets Material's
    `theme.language` for each language's build in its `on_config`, priority 90; read it later)."""
    return str(config.theme.get("language") or "en")
