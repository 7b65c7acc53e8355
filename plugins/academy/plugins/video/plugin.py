"""Thin MkDocs hooks: ```video blocks become accessible players, their script and style join the site."""

from __future__ import annotations

import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ... import routes
from ...core import video as videos
from ...core.problems import Problems
from ..compact import compact
from ..errors import reports_errors
from ..language import build_language
from ..minify import minified
from ..project import get_project
from ..quiz.render import MarkdownRenderer
from .config import VideoConfig
from .render import render_video

ASSETS = Path(__file__).parent / "assets"
SCRIPT, STYLE = routes.asset("video.js"), routes.asset("video.css")
#: Where a rendered video goes: Markdown keeps the comment, `on_page_content` swaps in the HTML.
MARKER = re.compile(r"(?:<p>\s*)?<!--\s*academy:video\s+(\d+)\s*-->(?:\s*</p>)?")


@reports_errors("academy-video")
class VideoPlugin(BasePlugin[VideoConfig]):
    """Renders the video blocks that `academy validate` checked (`academy.core.video`)."""

    def __init__(self) -> None:
        self.md: MarkdownRenderer | None = None
        #: Rendered figures of the page being built, by marker number: reset for every page.
        self.figures: dict[int, str] = {}

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.md = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
        # `serve` runs on_config again on the same config lists: add each asset once.
        if STYLE not in map(str, config.extra_css):
            config.extra_css.append(STYLE)
        if SCRIPT not in map(str, config.extra_javascript):
            config.extra_javascript.append(SCRIPT)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        # On every page: served compacted (the readable files are the source), for the page-weight budget.
        files.append(File.generated(config, SCRIPT, content=minified(ASSETS / "video.js")))
        files.append(File.generated(config, STYLE, content=compact((ASSETS / "video.css").read_text(encoding="utf-8"))))
        return files

    # Late: module and guideline pages are composed by the curriculum and guidelines plugins first.
    @event_priority(-50)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        self.figures = {}
        if not self.config.enabled or self.md is None or "video" not in markdown:
            return None
        project = get_project(config)
        content = project.root / project.layout.content
        src = page.file.src_uri
        # Checked already (on_pre_build, `academy validate`): a block with a problem stays a code block.
        found = videos.find(markdown, src, Path(src), content, Problems())
        site = project.site
        # Captions without a `language:` are in the source language; the words around them in the page's.
        language = site.language if site else "en"
        page_language = build_language(config)
        md = self.md
        out, last = [], 0
        for number, video in enumerate(found, start=1):
            self.figures[number] = render_video(
                video,
                number,
                resolve=lambda value: get_relative_url(videos.site_path(src, value), page.url),
                markdown=md.block,
                language=language,
                transcript_open=self.config.transcript_open,
                page_language=page_language,
            )
            # Keep the block's indentation, so a video inside an admonition or a tab stays there.
            indent = markdown[video.start :].removesuffix(markdown[video.start :].lstrip(" \t"))
            out += [markdown[last : video.start], f"{indent}<!-- academy:video {number} -->"]
            last = video.end
        return "".join([*out, markdown[last:]])

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.figures:
            return None
        return MARKER.sub(lambda m: self.figures.get(int(m.group(1)), ""), html)
