"""Adapts the guide of the core project to MkDocs."""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from ...core.curriculum import Module
from ...core.guidelines import ContentPage
from ...core.project import Project
from ...i18n.strings import Translator
from ...routes import ROUTES
from ..errors import reports_errors
from ..language import build_language
from ..project import get_project
from .config import GuidelinesConfig
from .pages import annotate, changes_page, print_page


@reports_errors("academy-guidelines")
class GuidelinesPlugin(BasePlugin[GuidelinesConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None
        self.taught: dict[str, list[Module]] = {}
        #: The interface strings of this build's language (set per build: instances are reused).
        self.strings = Translator("en")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.project = get_project(config) if self.config.enabled else None
        self.taught = self.project.taught_by() if self.project else {}
        if self.project:
            self.strings = Translator(build_language(config), self.project.root / self.project.layout.site_config)
        return None

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if self.project is None:
            return None
        project = self.project
        changes = changes_page(project.changelog, project, self.strings)
        files.append(File.generated(config, ROUTES.changes, content=changes))
        if self.config.print_page:
            latest = project.changelog[0] if project.changelog else None
            pages = _in_nav_order(project, config.nav)
            files.append(File.generated(config, ROUTES.print, content=print_page(pages, latest, self.strings)))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.project is None:
            return None
        source = self.project.pages.get(page.file.src_uri)
        if source is None or source.guideline_id is None or page.file.generated_by:
            return None
        # Material's search reads the boost from the page meta when it indexes the page.
        page.meta.setdefault("search", {}).setdefault("boost", self.config.search_boost)
        latest = self.project.changelog[0] if self.project.changelog else None
        return annotate(markdown, source, latest, self.taught, self.strings)


def _in_nav_order(project: Project, nav: list | None) -> list[ContentPage]:
    """Guideline pages in the order the nav lists them, then any it does not."""
    guide = {src: page for src, page in project.pages.items() if page.guideline_id is not None}
    order: list[str] = []

    def walk(items: object) -> None:
        if isinstance(items, list):
            for item in items:
                walk(item)
        elif isinstance(items, dict):
            for value in items.values():
                walk(value)
        elif isinstance(items, str) and items in guide and items not in order:
            order.append(items)

    walk(nav or [])
    order += sorted(src for src in guide if src not in order)
    return [guide[src] for src in order]
