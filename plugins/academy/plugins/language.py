"""The language of the site being built: the source language's, or one of the i18n plugin's."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig


def build_language(config: MkDocsConfig) -> str:
    """The code of the language this build's pages are in (the i18n plugin sets Material's
    `theme.language` for each language's build in its `on_config`, priority 90; read it later)."""
    return str(config.theme.get("language") or "en")


def strings_folder(config: MkDocsConfig) -> Path | None:
    """The project's `site_config` folder, whose `strings/CODE.yml` override the product's interface
    strings (academy.i18n.strings); None before the academy plugin has loaded the project."""
    project = getattr(config.plugins.get("academy"), "project", None)
    return project.root / project.layout.site_config if project is not None else None
