"""Thin MkDocs hooks: a page per certificate rule, its published exam file, and the exam script."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ... import routes
from ...core.exam import RESERVED_IDS, public_exam
from ...core.project import Project
from ..errors import reports_errors
from ..language import build_language
from ..lazy import lazy_loader, strings_script
from ..project import get_project
from ..quiz.render import MarkdownRenderer
from ..words import Words
from .config import ExamsConfig
from .page import certificate_page, index_page

ASSETS = Path(__file__).parent / "assets"
#: On every page (1 KB): loads exam.js and exam.css only on a page that holds an exam.
LOADER = routes.asset("exams.js")
#: The exam page's interface strings in the build's language (`exam.script.*`), run before exam.js.
STRINGS = routes.asset("exam-strings.js")
SCRIPT, STYLE = routes.asset("exam.js"), routes.asset("exam.css")


def loader_js(language: str) -> str:
    """On every page: loads exam.js, its strings and exam.css once a page holds an assessment; exam.js
    then follows every later page change. Per build: its fail message is in the build's language."""
    return lazy_loader(
        file="exams.js",
        selector="[data-exam]:not([data-exam-ready])",
        ready="academyExam",
        script="exam.js",
        style="exam.css",
        strings="exam-strings.js",
        fail={
            "target": "[data-exam]:not([data-exam-ready])",
            "mode": "replace",
            "message": Words(language)("exam.script.load_failed"),
        },
    )
EXAMS = routes.asset("exams")
INDEX = routes.ROUTES.certificates


def exam_url(certificate_id: str) -> str:
    """Where the published exam of a certificate is in the site."""
    return f"{EXAMS}/{certificate_id}.json"


def page_src(certificate_id: str) -> str:
    """The certificate page's `src_uri`: served at `certificates/<id>/`, the achievement's id."""
    return routes.ROUTES.certificate(certificate_id)


@reports_errors("academy-exams")
class ExamsPlugin(BasePlugin[ExamsConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None
        self.md: MarkdownRenderer | None = None
        #: Source file of each generated page, for its "edit this page" link.
        self.sources: dict[str, Path] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.project, self.sources = None, {}
        if not self.config.enabled:
            return None
        self.project = get_project(config)
        self.md = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
        # Instant navigation does not run the scripts of a page it swaps in: the small loader is on every
        # page and fetches exam.js (and its style) when a page with an exam is shown.
        if LOADER not in map(str, config.extra_javascript):
            config.extra_javascript.append(LOADER)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        project, md = self.project, self.md
        if project is None or md is None or project.site is None:
            return None
        hub = self.config.hub_email or project.site.issuer.email or None
        language = build_language(config)
        words = Words(language)
        exams: dict[str, dict[str, Any]] = {}
        titles = {m.id: m.title for m in project.modules.values()}
        for exam_id, exam in project.exams.items():
            if exam_id in project.certificates and exam_id not in RESERVED_IDS:
                exams[exam_id] = public_exam(exam, md.inline, titles, md.block)
                content = json.dumps(exams[exam_id], ensure_ascii=False, separators=(",", ":"))
                files.append(File.generated(config, exam_url(exam_id), content=content))
        listed = config.nav is None or _nav_lists(config.nav, INDEX)
        for rule in project.certificates.values():
            if rule.id in RESERVED_IDS:
                continue  # reported by the project's validation; its page would shadow the status lists
            src = page_src(rule.id)
            link = _linker(src, config)
            modules = [project.modules[m] for m in rule.modules if m in project.modules]
            tracks = [t for t in project.tracks.values() if t.certificate == rule.id]
            content = certificate_page(
                rule,
                exam=exams.get(rule.id),
                exam_url=link(exam_url(rule.id), asset=True) if rule.id in exams else None,
                modules=modules,
                tracks=tracks,
                hub_email=hub,
                link=link,
                hub_name=project.site.hub_name,
                words=words,
            )
            files.append(File.generated(config, src, content=content, inclusion=InclusionLevel.NOT_IN_NAV))
            self.sources[src] = rule.path
        if self.config.index:
            inclusion = InclusionLevel.UNDEFINED if listed else InclusionLevel.NOT_IN_NAV
            index = index_page(
                list(project.certificates.values()), exams, _linker(INDEX, config), project.site.hub_name, words
            )
            files.append(File.generated(config, INDEX, content=index, inclusion=inclusion))
        files.append(File.generated(config, LOADER, content=loader_js(language)))
        files.append(File.generated(config, STRINGS, content=strings_script("exam", language)))
        files.append(File.generated(config, SCRIPT, abs_src_path=str(ASSETS / "exam.js")))
        files.append(File.generated(config, STYLE, abs_src_path=str(ASSETS / "exam.css")))
        return files

    def on_page_context(self, context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation):
        """A certificate page's "edit this page" link opens the certificate rule a trainer edits."""
        source = self.sources.get(page.file.src_uri)
        if source is not None and config.repo_url and self.project and self.project.site:
            relative = source.relative_to(self.project.root).as_posix()
            page.edit_url = f"{config.repo_url.rstrip('/')}/edit/{self.project.site.edit_branch}/{relative}"
        return context


class _Link:
    """URLs relative to one generated page: `link(src)` for a page, `link(path, asset=True)` for a file."""

    def __init__(self, src: str, config: MkDocsConfig) -> None:
        self.config = config
        self.here = File(src, None, None, config.use_directory_urls).url

    def __call__(self, target: str, asset: bool = False) -> str:
        url = target if asset else File(target, None, None, self.config.use_directory_urls).url
        return get_relative_url(url, self.here)


def _linker(src: str, config: MkDocsConfig) -> _Link:
    return _Link(src, config)


def _nav_lists(nav: Any, src: str) -> bool:
    """Whether the nav config names the page `src` (then it is in the navigation, else it is only linked)."""
    if isinstance(nav, str):
        return nav == src
    if isinstance(nav, list):
        return any(_nav_lists(item, src) for item in nav)
    if isinstance(nav, dict):
        return any(_nav_lists(value, src) for value in nav.values())
    return False
