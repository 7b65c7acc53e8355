"""Loads the project before anything is written and reports every problem at once."""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ...core.project import Layout, Project, load_project
from ...core.site import SiteConfig
from .config import ProjectConfig

if TYPE_CHECKING:  # only `serve` needs it, and importing it (http.server, watchdog) costs every build
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)
_TASK_BOX = re.compile(r'(<label class="task-list-control"><input type="checkbox" disabled(?:="disabled")?)')


class ProjectPlugin(BasePlugin[ProjectConfig]):
    """Owns the one `Project` of a build; the other academy plugins read it."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.project: Project | None = None

    # Runs before every other plugin's on_config: they read the project there.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.project = None  # `serve` reuses the plugin: nothing survives from the last build
        if not self.config.enabled:
            return None
        root = Path(config.config_file_path).parent
        layout = Layout(
            content=Path(config.docs_dir).relative_to(root.resolve()).as_posix()
            if Path(config.docs_dir).is_relative_to(root.resolve())
            else config.docs_dir,
            curriculum=self.config.curriculum_dir,
            quizzes=self.config.quizzes_dir,
            site_config=self.config.site_config_dir,
        )
        self.project = load_project(root, layout)
        if self.project.site:
            _apply_brand(config, self.project.site)
        return config

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.config.enabled:
            return None
        # A checklist's ticks are drawn, not used: hide the disabled boxes, which have no label,
        # from screen readers, which read the items as a plain list (axe: label).
        return _TASK_BOX.sub(r'\1 aria-hidden="true"', html)

    # Runs first, and on_pre_build runs before MkDocs cleans the site directory:
    # a build that stops here leaves the last good output in place.
    @event_priority(100)
    def on_pre_build(self, config: MkDocsConfig) -> None:
        if self.project is None or not self.project.problems:
            return
        problems = [str(p) for p in self.project.problems]
        if config.strict:
            raise PluginError(
                f"academy: {len(problems)} problem(s) in the sources; nothing was written:\n  " + "\n  ".join(problems)
            )
        for problem in problems:
            log.warning(problem)

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        site = self.project.site if self.project else None
        if site is None:
            return files
        assets = self.project.root / self.project.layout.site_config / "assets"
        for name in {site.logo, site.favicon} - {None}:
            files.append(File.generated(config, f"assets/brand/{name}", abs_src_path=str(assets / name)))
        files.append(File.generated(config, "assets/brand/brand.css", content=_brand_css(site)))
        return files

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        if self.project is not None:
            for folder in (self.config.curriculum_dir, self.config.quizzes_dir, self.config.site_config_dir):
                path = self.project.root / folder
                if path.is_dir():
                    server.watch(str(path))
        return server


def get_project(config: MkDocsConfig) -> Project:
    """The project of the current build, for the other academy plugins."""
    plugin = config.plugins.get("academy")
    if not isinstance(plugin, ProjectPlugin) or plugin.project is None:
        raise PluginError("the academy plugins need the 'academy' plugin listed first in mkdocs.yml")
    return plugin.project


def _apply_brand(config: MkDocsConfig, site: SiteConfig) -> None:
    """Name, address, repository and brand come from site_config/site.yml."""
    config.site_name = site.name
    config.site_url = config.site_url or site.url
    config.site_description = config.site_description or site.description
    if site.repo_url and not config.repo_url:
        config.repo_url = site.repo_url
        config.repo_name = config.repo_name or _repo_name(site.repo_url)
        config.edit_uri = config.edit_uri or f"edit/{site.edit_branch}/content/"
    config.copyright = config.copyright or f"© {site.organisation}"
    if site.logo:
        config.theme["logo"] = f"assets/brand/{site.logo}"
    if site.favicon:
        config.theme["favicon"] = f"assets/brand/{site.favicon}"
    config.theme["language"] = site.language
    if "assets/brand/brand.css" not in config.extra_css:
        config.extra_css.insert(0, "assets/brand/brand.css")


def _repo_name(url: str) -> str:
    host = url.split("/")[2] if url.count("/") >= 2 else url
    return {"github.com": "GitHub", "gitlab.com": "GitLab", "bitbucket.org": "Bitbucket"}.get(host, "Repository")


def _brand_css(site: SiteConfig) -> str:
    """Material reads its colours from CSS variables; the scheme `custom` leaves them to us."""
    primary = site.colors.get("primary", "#1d4e89")
    accent = site.colors.get("accent", "#e4572e")
    return (
        ':root, [data-md-color-scheme="default"] {\n'
        f"  --md-primary-fg-color: {primary};\n  --md-primary-fg-color--light: {primary}cc;\n"
        f"  --md-primary-fg-color--dark: {primary};\n  --md-accent-fg-color: {accent};\n"
        f"  --md-typeset-a-color: {primary};\n}}\n"
        '[data-md-color-scheme="slate"] {\n'
        f"  --md-primary-fg-color: {primary};\n  --md-accent-fg-color: {accent};\n"
        "  --md-typeset-a-color: #8ab4f8;\n}\n" + _ACCESSIBLE_CSS
    )


#: Site-wide fixes for axe-core's serious findings on Material's defaults.
_ACCESSIBLE_CSS = """\
/* Links in running text are underlined: colour alone does not set them apart (WCAG 1.4.1). */
.md-typeset :is(p, li, td, dd) a:not(.md-button) { text-decoration: underline; text-underline-offset: .15em; }
/* The footer's small print at 4.5:1 against the footer (Material's default is lighter). */
.md-copyright { color: var(--md-footer-fg-color--light); }
/* Outlined buttons take the link colour in the dark scheme: the brand's primary is too dark there. */
[data-md-color-scheme="slate"] .md-typeset .md-button:not(.md-button--primary) { color: var(--md-typeset-a-color); }
"""
