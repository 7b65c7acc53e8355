"""Loads the project before anything is written and reports every problem at once."""

from __future__ import annotations

import re
from html import escape
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ... import routes
from ...core.colours import SLATE_BG, WHITE, readable
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
            issuer_dir=_issuer_dir(config),
        )
        self.project = load_project(root, layout)
        if self.project.site:
            _apply_brand(config, self.project.site, self.project.layout.content)
        return config

    # Runs first: every later use of the page's title (nav, header, footer, search) sees the safe one.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Titles and descriptions from front matter are text. MkDocs and Material treat a page's title
        as HTML (a title from a heading already is) and print it unescaped in the navigation, the
        header and `<title>`, so a title such as `<script>…` would run: escape it once, here."""
        if self.config.enabled:
            for key in ("title", "description"):
                value = page.meta.get(key)
                if isinstance(value, str):
                    page.meta[key] = escape(value)
        return None

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
        _drop_unreadable_pages(files)
        site = self.project.site if self.project else None
        if site is None:
            return files
        assets = self.project.root / self.project.layout.assets
        for name in {site.logo, site.favicon} - {None}:
            files.append(File.generated(config, routes.brand(name), abs_src_path=str(assets / name)))
        files.append(File.generated(config, routes.brand("brand.css"), content=_brand_css(site)))
        return files

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        if self.project is not None:
            folders = (self.config.curriculum_dir, self.config.quizzes_dir, self.config.site_config_dir)
            for folder in (*folders, self.project.layout.sandbox):
                path = self.project.root / folder
                if path.is_dir():
                    server.watch(str(path))
        return server


def _drop_unreadable_pages(files: Files) -> None:
    """Leave out pages that are not UTF-8: MkDocs would stop with a bare UnicodeDecodeError, and
    `serve` would hang. In a strict build the problem has stopped it already, with file and line."""
    for file in list(files.documentation_pages()):
        if file.generated_by or not file.abs_src_path:
            continue
        try:
            Path(file.abs_src_path).read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:
            files.remove(file)
        except OSError:
            continue


def _issuer_dir(config: MkDocsConfig) -> str | None:
    """The certificates plugin's `issuer_dir` (its options are read before any `on_config`): the
    project's layout carries it, so the plugin, issuance and verification use one folder."""
    plugin = config.plugins.get("academy-certificates")
    options = getattr(plugin, "config", None)
    value = options.get("issuer_dir") if options is not None else None
    return value if isinstance(value, str) and value else None


def get_project(config: MkDocsConfig) -> Project:
    """The project of the current build, for the other academy plugins."""
    plugin = config.plugins.get("academy")
    if not isinstance(plugin, ProjectPlugin) or plugin.project is None:
        raise PluginError("the academy plugins need the 'academy' plugin listed first in mkdocs.yml")
    return plugin.project


def _apply_brand(config: MkDocsConfig, site: SiteConfig, content: str = "content") -> None:
    """Name, address, repository and brand come from site_config/site.yml."""
    config.site_name = escape(site.name)  # Material prints it unescaped in the header
    config.site_url = config.site_url or site.url
    config.site_description = config.site_description or site.description
    if site.repo_url and not config.repo_url:
        config.repo_url = site.repo_url
        config.repo_name = config.repo_name or _repo_name(site.repo_url)
        config.edit_uri = config.edit_uri or f"edit/{site.edit_branch}/{content}/"
    # Read by overrides/partials/source.html: without it the repository link fetches nothing.
    config.extra["academy_repo_facts"] = site.repo_facts
    config.copyright = config.copyright or f"© {site.organisation}"
    if site.logo:
        config.theme["logo"] = routes.brand(site.logo)
    if site.favicon:
        config.theme["favicon"] = routes.brand(site.favicon)
    config.theme["language"] = site.language
    if routes.brand("brand.css") not in config.extra_css:
        config.extra_css.insert(0, routes.brand("brand.css"))


def _repo_name(url: str) -> str:
    host = url.split("/")[2] if url.count("/") >= 2 else url
    return {"github.com": "GitHub", "gitlab.com": "GitLab", "bitbucket.org": "Bitbucket"}.get(host, "Repository")


def _brand_css(site: SiteConfig) -> str:
    """Material reads its colours from CSS variables; the scheme `custom` leaves them to us."""
    # Material writes white on the primary colour (header, primary buttons) and on the accent
    # (buttons on hover), and both as text on the page (links, links on hover): a brand colour
    # too light for that is darkened just enough to reach WCAG AA (4.5:1), in each scheme.
    primary = readable(site.colors.get("primary", "#1d4e89"), WHITE)
    brand_accent = site.colors.get("accent", "#e4572e")
    accent = readable(brand_accent, WHITE)
    dark_accent = readable(brand_accent, SLATE_BG)
    return (
        ':root, [data-md-color-scheme="default"] {\n'
        f"  --md-primary-fg-color: {primary};\n  --md-primary-fg-color--light: {primary}cc;\n"
        f"  --md-primary-fg-color--dark: {primary};\n  --md-accent-fg-color: {accent};\n"
        f"  --md-accent-fg-color--transparent: {brand_accent}1a;\n  --md-accent-bg-color: {WHITE};\n"
        f"  --md-typeset-a-color: {primary};\n}}\n"
        '[data-md-color-scheme="slate"] {\n'
        f"  --md-primary-fg-color: {primary};\n  --md-accent-fg-color: {dark_accent};\n"
        f"  --md-accent-fg-color--transparent: {brand_accent}1a;\n  --md-accent-bg-color: {SLATE_BG};\n"
        "  --md-typeset-a-color: #8ab4f8;\n}\n" + _ACCESSIBLE_CSS
    )


#: Site-wide fixes for axe-core's serious findings on Material's defaults.
_ACCESSIBLE_CSS = """\
/* Links in running text are underlined: colour alone does not set them apart (WCAG 1.4.1). */
.md-typeset :is(p, li, td, dd) a:not(.md-button) { text-decoration: underline; text-underline-offset: .15em; }
/* The footer's small print at 4.5:1 against the footer (Material's default is lighter). */
.md-copyright { color: var(--md-footer-fg-color--light); }
/* Outlined buttons take the link colour in the dark scheme: the brand's primary is too dark there.
   Not on hover, where Material fills them with the accent and writes on it in --md-accent-bg-color. */
[data-md-color-scheme="slate"] .md-typeset .md-button:not(.md-button--primary, :hover, :focus) {
  color: var(--md-typeset-a-color);
}
"""
