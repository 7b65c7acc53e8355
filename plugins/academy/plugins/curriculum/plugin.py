"""Adapts the curriculum of the core project to MkDocs: generated pages, nav and assets."""

from __future__ import annotations

import posixpath
from html import escape
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ... import routes
from ...core.project import Project
from ...i18n.strings import text
from ..compact import compact
from ..errors import reports_errors
from ..language import build_language
from ..lazy import strings_script
from ..minify import minified
from ..project import get_project
from .config import CurriculumConfig
from .render import Renderer
from .structured_data import learning_resource

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
SCRIPT, STYLE = routes.asset("academy.js"), routes.asset("academy.css")
#: academy.js's words (strings progress.script.*, catalogue.script.*) in the build's language, before it.
STRINGS = routes.asset("academy-strings.js")


@reports_errors("academy-curriculum")
class CurriculumPlugin(BasePlugin[CurriculumConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None
        #: Source file of each generated page, for its "edit this page" link.
        self.sources: dict[str, Path] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.project, self.sources = None, {}
        if not self.config.enabled:
            return None
        self.project = get_project(config)
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(STRINGS)
            config.extra_javascript.append(SCRIPT)
        if STYLE not in config.extra_css:
            config.extra_css.append(STYLE)
        if config.nav is not None:
            about = text(build_language(config), "nav.about_track", site_config=_site_config(self.project))
            _add_tracks_to_nav(config.nav, self.project, self.config.nav_section, about)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if self.project is None:
            return None
        project = self.project
        templates = project.root / (self.config.templates_dir or project.layout.templates)
        language = build_language(config)
        renderer = Renderer(
            project,
            templates,
            certificate_pages="academy-exams" in config.plugins,
            language=language,
            site_config=_site_config(project),
        )
        url = {}

        def page(src: str, render, source: Path | None = None, in_nav: bool = True) -> None:
            here = _url(src, config)

            def link(target: str) -> str:
                """URL of a page, for raw HTML; Markdown links use the page's .md path instead."""
                if target not in url:
                    url[target] = _url(target, config)
                return get_relative_url(url[target], here)

            link.md = lambda target: posixpath.relpath(target, posixpath.dirname(src) or ".")  # type: ignore[attr-defined]

            inclusion = InclusionLevel.UNDEFINED if in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, src, content=render(link), inclusion=inclusion))
            if source is not None:
                self.sources[src] = source

        page(routes.ROUTES.catalogue, renderer.catalogue)
        page(routes.ROUTES.tracks, renderer.tracks)
        page(routes.ROUTES.progress, renderer.progress)
        for track in project.tracks.values():
            page(track.src, lambda link, t=track.id: renderer.track(t, link), track.path)
        for module in project.modules.values():
            page(module.src, lambda link, m=module: renderer.module(m, link), module.path)
        if self.config.trainer_edition:
            contributing = f"{config.repo_url.rstrip('/')}/blob/main/CONTRIBUTING.md" if config.repo_url else "#"
            page(routes.ROUTES.trainers, lambda link: renderer.trainers(link, contributing))
            for module in project.modules.values():
                trainer = lambda link, m=module: renderer.trainer(m, link)  # noqa: E731
                page(routes.ROUTES.trainer(module.id), trainer, module.path, in_nav=False)
        scripts = strings_script("progress", language) + strings_script("catalogue", language)
        files.append(File.generated(config, STRINGS, content=scripts))
        files.append(File.generated(config, SCRIPT, content=minified(ASSETS / "academy.js")))
        files.append(File.generated(config, STYLE, content=compact((ASSETS / "academy.css").read_text("utf-8"))))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if page.file.src_uri in _LISTS:
            # Interface strings and the localized titles: in the build's language, so the i18n
            # plugin adds no "not translated yet" notice (a title without translation falls back alone).
            page.meta["academy_in_language"] = True
        module = self.project.modules.get(page.meta.get(routes.MODULE_META, "")) if self.project else None
        if module is not None:
            page.meta["academy_jsonld"] = learning_resource(self.project, module, page.canonical_url)
        return None

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        """Generated pages have no edit link of their own: point it at the file a trainer edits."""
        source = self.sources.get(page.file.src_uri)
        if source is not None and config.repo_url and self.project and self.project.site:
            relative = source.relative_to(self.project.root).as_posix()
            page.edit_url = f"{config.repo_url.rstrip('/')}/edit/{self.project.site.edit_branch}/{relative}"
        return context


#: The generated lists of workshops (`academy_in_language`, see on_page_markdown).
_LISTS = frozenset({routes.ROUTES.catalogue, routes.ROUTES.tracks, routes.ROUTES.progress, routes.ROUTES.trainers})


def _url(src: str, config: MkDocsConfig) -> str:
    return File(src, None, None, config.use_directory_urls).url


def _site_config(project: Project) -> Path:
    """The project's site_config folder: its `strings/CODE.yml` override the interface strings."""
    return project.root / project.layout.site_config


def _add_tracks_to_nav(nav: list, project: Project, anchor: str, about: str = "About this track") -> None:
    """Give the nav section holding `anchor` one sub-section per track: overview (`about`, in the
    build's language), then modules; the track titles are the build's language's (localized project)."""
    for entry in _walk(nav):
        if anchor not in entry:
            continue
        generated = {t.src for t in project.tracks.values()}
        # `serve` may hand back a nav already extended by the last build: extend it once.
        entry[:] = [e for e in entry if not (isinstance(e, dict) and _first(e) in generated)]
        for track in project.tracks.values():
            modules = [project.modules[m].src for m in track.modules if m in project.modules]
            # Section titles are printed unescaped by the theme: a track title is text.
            entry.append({escape(track.title): [{escape(about): track.src}, *modules]})
        return
    log.warning(f'nav has no entry "{anchor}": the workshop pages are built but not listed in the navigation')


def _walk(items: list):
    """Every list inside the nav config, depth first."""
    yield items
    for item in items:
        if isinstance(item, dict):
            for value in item.values():
                if isinstance(value, list):
                    yield from _walk(value)


def _first(entry: dict) -> str | None:
    value = next(iter(entry.values()))
    if isinstance(value, list) and value:
        head = value[0]
        return next(iter(head.values())) if isinstance(head, dict) else head
    return None
