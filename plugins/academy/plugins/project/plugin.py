"""Loads the project before anything is written and reports every problem at once."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ... import routes
from ...core.cache import load_project_cached
from ...core.project import Layout, Project, load_project
from ...i18n import strings
from ..errors import reports_errors
from ..language import build_language
from .brand import apply_brand, brand_css
from .config import ProjectConfig
from .markup import escape_text_meta, hide_task_boxes, is_utf8

if TYPE_CHECKING:  # only `serve` needs it, and importing it (http.server, watchdog) costs every build
    from mkdocs.livereload import LiveReloadServer

log = get_plugin_logger(__name__)


@reports_errors("academy")
class ProjectPlugin(BasePlugin[ProjectConfig]):
    """Owns the one `Project` of a build; the other academy plugins read it."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.project: Project | None = None

    # Runs before every other plugin's on_config: they read the project there.
    @event_priority(100)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        """Load the project from the configured folders and brand the site from site.yml."""
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
        self.project = (load_project_cached if self.config.cache else load_project)(root, layout)
        if self.project.site:
            apply_brand(config, self.project.site, self.project.layout.content)
        return config

    # Runs first: every later use of the page's title (nav, header, footer, search) sees the safe one.
    @event_priority(100)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Front matter's titles and descriptions are text: escape them (see `escape_text_meta`)."""
        if self.config.enabled:
            escape_text_meta(page.meta)
        return None

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """Checklists' boxes are hidden from screen readers (see `hide_task_boxes`)."""
        return hide_task_boxes(html) if self.config.enabled else None

    # Runs first, and on_pre_build runs before MkDocs cleans the site directory:
    # a build that stops here leaves the last good output in place.
    @event_priority(100)
    def on_pre_build(self, config: MkDocsConfig) -> None:
        """Report every problem in the sources at once: stop a strict build, warn otherwise."""
        # The theme overrides' own words (site_config/overrides/partials), in the build's language:
        # read here, after every on_config (the i18n plugin sets the language of each build there).
        config.extra["academy_ui"] = strings.section(build_language(config), "ui")
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
        """Publish the brand's logo, favicon and stylesheet; leave out pages MkDocs cannot read."""
        _drop_unreadable_pages(files)
        site = self.project.site if self.project else None
        if site is None:
            return files
        assets = self.project.root / self.project.layout.assets
        for name in {site.logo, site.favicon} - {None}:
            files.append(File.generated(config, routes.brand(name), abs_src_path=str(assets / name)))
        files.append(File.generated(config, routes.brand("brand.css"), content=brand_css(site)))
        return files

    def on_serve(self, server: LiveReloadServer, config: MkDocsConfig, builder) -> LiveReloadServer:
        """Rebuild when the academy's own folders change, not only the Markdown pages."""
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
        if not file.generated_by and file.abs_src_path and not is_utf8(Path(file.abs_src_path)):
            files.remove(file)


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
