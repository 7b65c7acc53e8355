"""Thin MkDocs hooks: thread markers become practice threads; thread data, assets and the sandbox page join the site."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ... import routes
from ...core.project import Project
from ...core.thread import thread_json
from ..compact import compact
from ..errors import reports_errors
from ..language import build_language
from ..lazy import lazy_loader, strings_script
from ..project import get_project
from ..words import Words
from .config import SandboxConfig
from .render import render_thread, sandbox_page

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
#: The loader runs on every page (instant navigation runs no page scripts) and fetches the
#: practice script and style only on a page that holds a thread or the sandbox list.
LOADER = routes.asset("sandbox-loader.js")
#: The sandbox's interface strings in the build's language (`sandbox.script.*`), run before sandbox.js.
STRINGS = routes.asset("sandbox-strings.js")


def loader_js(language: str) -> str:
    """The loader of one build: its fail message is in the build's language."""
    return lazy_loader(
        file="sandbox-loader.js",
        selector="[data-academy-thread], [data-sandbox-list]",
        script="sandbox.js",
        style="sandbox.css",
        strings="sandbox-strings.js",
        init="academySandbox",
        fail={
            "target": "[data-academy-thread]",
            "mode": "append",
            "className": "academy-thread__notice",
            "message": Words(language)("sandbox.script.load_failed"),
        },
    )

SCRIPT, STYLE = routes.asset("sandbox.js"), routes.asset("sandbox.css")
THREADS = routes.asset("threads")
PAGE = routes.ROUTES.sandbox

#: The marker a lesson holds where a thread goes, alone or wrapped in a paragraph by Markdown.
MARKER = re.compile(r"(?:<p>\s*)?<!--\s*academy:thread\s+(\S+?)\s*-->(?:\s*</p>)?")


def thread_url(thread_id: str) -> str:
    """Where the data of a thread is in the site."""
    return f"{THREADS}/{thread_id}.json"


@reports_errors("academy-sandbox")
class SandboxPlugin(BasePlugin[SandboxConfig]):
    """Renders `<!-- academy:thread ID -->`; the threads come from the `academy` plugin."""

    def __init__(self) -> None:
        self.project: Project | None = None
        self.words = Words("en")

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.project = get_project(config) if self.config.enabled else None
        # Set anew for every build: each language's build is a new config (plugins may be reused).
        self.words = Words(build_language(config))
        if self.project is None:
            return None
        if LOADER not in map(str, config.extra_javascript):
            config.extra_javascript.append(LOADER)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        project = self.project
        if project is None:
            return None
        language = self.words.code
        files.append(File.generated(config, LOADER, content=loader_js(language)))
        files.append(File.generated(config, STRINGS, content=strings_script("sandbox", language)))
        for name in ("sandbox.js", "sandbox.css"):
            text = compact((ASSETS / name).read_text(encoding="utf-8"))
            files.append(File.generated(config, routes.asset(name), content=text))
        for thread in project.threads.values():
            content = json.dumps(thread_json(thread), ensure_ascii=False)
            files.append(File.generated(config, thread_url(thread.id), content=content))
        page = File.generated(config, PAGE, content="")

        def link(src: str) -> str:
            return get_relative_url(File(src, None, None, config.use_directory_urls).url, page.url)

        title = self.config.page_title or self.words("sandbox.page_title")
        page.content_string = sandbox_page(project, title, link, self.words)
        files.append(page)
        return files

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if self.project is None or "academy:thread" not in html:
            return None
        threads = self.project.threads

        def replace(match: re.Match[str]) -> str:
            thread = threads.get(match.group(1))
            if thread is None:
                log.warning(f'{page.file.src_uri}: practice thread "{match.group(1)}" does not exist; left out')
                return ""
            url = get_relative_url(thread_url(thread.id), page.url)
            notice = self.config.notice or self.words("sandbox.notice")
            return render_thread(thread, data_url=url, notice=notice, words=self.words)

        return MARKER.sub(replace, html)
