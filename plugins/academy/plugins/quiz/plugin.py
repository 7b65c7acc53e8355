"""Thin MkDocs hooks: quiz markers become quizzes, keys and assets join the site."""

from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ...core.quiz import Quiz, key_json
from ..project import get_project
from .config import QuizConfig
from .render import MarkdownRenderer, quiz_texts, render_quiz

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
SCRIPT, STYLE = "assets/academy/quiz.js", "assets/academy/quiz.css"
KEYS = "assets/academy/quizzes"

#: The marker a page holds where its quiz goes. Markdown and the theme keep an HTML comment as it is,
#: alone or wrapped in a paragraph when written inside text.
MARKER = re.compile(r"(?:<p>\s*)?<!--\s*academy:quiz\s+(\S+?)\s*-->(?:\s*</p>)?")


def key_url(quiz_id: str) -> str:
    """Where the key JSON of a quiz is in the site."""
    return f"{KEYS}/{quiz_id}.json"


class QuizPlugin(BasePlugin[QuizConfig]):
    """Renders `<!-- academy:quiz ID -->` markers; the quizzes come from the `academy` plugin."""

    def __init__(self) -> None:
        self.md: MarkdownRenderer | None = None

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
        if not self.config.enabled or self.md is None:
            return None
        files.append(File.generated(config, SCRIPT, abs_src_path=str(ASSETS / "quiz.js")))
        files.append(File.generated(config, STYLE, abs_src_path=str(ASSETS / "quiz.css")))
        quizzes = self._quizzes(config).values()
        # Every quiz text in a few Markdown passes, not one each: keys here, pages later.
        self.md.prepare(text for quiz in quizzes for text in quiz_texts(quiz))
        for quiz in quizzes:
            key = key_json(quiz, self.md.block)
            files.append(File.generated(config, key_url(quiz.id), content=json.dumps(key, ensure_ascii=False)))
        return files

    # The quiz goes into the finished page, after the search plugin has read the content: search
    # leaves quizzes out of its index anyway (`data-search-exclude`), and parsing their HTML for
    # nothing was a third of what the academy added to a build. The page is the same either way.
    def on_post_page(self, html: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or self.md is None or "academy:quiz" not in html:
            return None
        quizzes = self._quizzes(config)
        module = page.meta.get("academy_module")
        md = self.md

        def replace(match: re.Match[str]) -> str:
            quiz = quizzes.get(match.group(1))
            if quiz is None:
                log.warning(f'{page.file.src_uri}: quiz "{match.group(1)}" does not exist; the marker stays empty')
                return ""
            url = get_relative_url(key_url(quiz.id), page.url)
            return render_quiz(
                quiz, module=module, key_url=url, notice=self.config.notice, md=md, record=self.config.completion_record
            )

        return MARKER.sub(replace, html)

    @staticmethod
    def _quizzes(config: MkDocsConfig) -> dict[str, Quiz]:
        return get_project(config).quizzes
