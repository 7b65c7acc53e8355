"""Thin MkDocs hooks: quiz markers become quizzes, keys and assets join the site."""

from __future__ import annotations

import json
import posixpath
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from ... import routes
from ...core.quiz import Quiz, key_json
from ...core.site import SiteConfig
from ...core.site_checks import quiz_hosts
from ..compact import compact
from ..errors import reports_errors
from ..language import build_language
from ..lazy import lazy_loader, strings_script
from ..minify import minified
from ..project import get_project
from ..words import words
from .config import NOTICE, QuizConfig, notice_text
from .render import MarkdownRenderer, quiz_texts, render_quiz

log = get_plugin_logger(__name__)

ASSETS = Path(__file__).parent / "assets"
SCRIPT, STYLE = routes.asset("quiz.js"), routes.asset("quiz.css")
LOADER = routes.asset("quiz-loader.js")
#: quiz.js's interface strings in the build's language (strings `quiz.script.*`), run before it.
STRINGS = routes.asset("quiz-strings.js")
KEYS = routes.asset("quizzes")


def loader_js(language: str) -> str:
    """On every page: loads quiz.js (after its strings) once a page shows a quiz; quiz.js then
    follows every later page change. What it says when loading fails is in `language`."""
    return lazy_loader(
        file="quiz-loader.js",
        selector=".academy-quiz[data-quiz]:not([data-ready])",
        ready="academyQuiz",
        script="quiz.js",
        strings="quiz-strings.js",
        fail={
            "target": ".academy-quiz .academy-quiz__end",
            "mode": "text",
            "message": words(language, "quiz")("loader_failed"),
        },
    )


#: The loader of an English build (each build serves `loader_js` of its own language).
LOADER_JS = loader_js("en")

#: The marker a page holds where its quiz goes. Markdown and the theme keep an HTML comment as it is,
#: alone or wrapped in a paragraph when written inside text.
MARKER = re.compile(r"(?:<p>\s*)?<!--\s*academy:quiz\s+(\S+?)\s*-->(?:\s*</p>)?")
#: The same marker without its optional paragraph: a pattern that starts with a fixed text is
#: searched for that text at C speed, while MARKER tried its optional `<p>` at every position of
#: every finished page (two thirds of the quiz plugin's time on a large curriculum).
_BARE_MARKER = re.compile(r"<!--\s*academy:quiz\s+(\S+?)\s*-->")
_CLOSE_P = re.compile(r"\s*</p>")


def sub_markers(html: str, replace: Callable[[re.Match[str]], str]) -> str:
    """`MARKER.sub(replace, html)`, faster: each marker and the paragraph around it, when there is one."""
    parts: list[str] = []
    pos = 0
    for match in _BARE_MARKER.finditer(html):
        before = html[pos : match.start()]
        trimmed = before.rstrip()
        if trimmed.endswith("<p>"):
            before = trimmed[:-3]
        close = _CLOSE_P.match(html, match.end())
        parts += [before, replace(match)]
        pos = close.end() if close else match.end()
    parts.append(html[pos:])
    return "".join(parts)
#: A relative link to a Markdown page in a quiz's HTML (MkDocs never sees quiz texts to convert them).
_MD_HREF = re.compile(r'href="(?![a-z][a-z0-9+.-]*:|/|#)([^"#]+\.md)(#[^"]*)?"', re.I)


def page_links(html: str, src: str, url: str, files: Files) -> str:
    """`href="../guidelines/x.md#a"` written relative to the page `src` becomes the URL of that page
    relative to `url`, as MkDocs does for the page's own Markdown. `academy validate` has checked
    that each target exists."""

    def replace(match: re.Match[str]) -> str:
        dest = posixpath.normpath(posixpath.join(posixpath.dirname(src), unquote(match.group(1))))
        target = files.get_file_from_path(dest)
        if target is None:
            return match.group(0)
        return f'href="{get_relative_url(target.url, url)}{match.group(2) or ""}"'

    return _MD_HREF.sub(replace, html)


def key_url(quiz_id: str) -> str:
    """Where the key JSON of a quiz is in the site."""
    return f"{KEYS}/{quiz_id}.json"


@reports_errors("academy-quiz")
class QuizPlugin(BasePlugin[QuizConfig]):
    """Renders `<!-- academy:quiz ID -->` markers; the quizzes come from the `academy` plugin."""

    def __init__(self) -> None:
        self.md: MarkdownRenderer | None = None
        #: The build's files, for resolving links in quiz texts in `on_post_page` (which is not given them).
        self.files: Files | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        if not self.config.enabled:
            return None
        self.md = MarkdownRenderer(config.markdown_extensions, config.mdx_configs)
        # `serve` runs on_config again on the same config lists: add each asset once.
        if STYLE not in map(str, config.extra_css):
            config.extra_css.append(STYLE)
        # quiz.js (8 KB gzip) loads only on pages with a quiz: the small loader waits for one.
        if LOADER not in map(str, config.extra_javascript):
            config.extra_javascript.append(LOADER)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled or self.md is None:
            return None
        self.files = files
        # Served without comment lines and indentation (the readable file is the source, run by the tests).
        files.append(File.generated(config, SCRIPT, content=minified(ASSETS / "quiz.js")))
        language = build_language(config)
        files.append(File.generated(config, LOADER, content=loader_js(language)))
        files.append(File.generated(config, STRINGS, content=strings_script("quiz", language)))
        files.append(File.generated(config, STYLE, content=compact((ASSETS / "quiz.css").read_text(encoding="utf-8"))))
        hosts = quiz_hosts(get_project(config))
        quizzes = self._quizzes(config).values()
        # Every quiz text in a few Markdown passes, not one each: keys here, pages later.
        self.md.prepare(text for quiz in quizzes for text in quiz_texts(quiz))
        for quiz in quizzes:
            # Feedback is shown on the page of the quiz: its links are resolved from that page (the
            # first that shows it; modules' pages all stand at the same depth).
            host = hosts.get(quiz.id, [])
            render = self.md.block
            if host:
                src = host[0].src
                url = File(src, None, None, config.use_directory_urls).url
                render = lambda text, s=src, u=url: page_links(self.md.block(text), s, u, files)  # noqa: E731
            key = key_json(quiz, render)
            files.append(File.generated(config, key_url(quiz.id), content=json.dumps(key, ensure_ascii=False)))
        return files

    # The quiz goes into the finished page, after the search plugin has read the content: search
    # leaves quizzes out of its index anyway (`data-search-exclude`), and parsing their HTML for
    # nothing was a third of what the academy added to a build. The page is the same either way.
    def on_post_page(self, html: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        if not self.config.enabled or self.md is None or "academy:quiz" not in html:
            return None
        quizzes = self._quizzes(config)
        module = page.meta.get(routes.MODULE_META)
        md = self.md
        site = get_project(config).site
        language = build_language(config)
        w = words(language, "quiz")
        # The default notice is the product's, in each language; one an adopter wrote is theirs, as written.
        notice = w("notice") if self.config.notice == NOTICE else self.config.notice
        # site.yml without `hub_name:` gives the English default: the hub in the build's language.
        hub = site.hub_name if site and site.hub_name != SiteConfig.hub_name else w("hub")
        notice = notice_text(notice, hub)

        def replace(match: re.Match[str]) -> str:
            quiz = quizzes.get(match.group(1))
            if quiz is None:
                log.warning(f'{page.file.src_uri}: quiz "{match.group(1)}" does not exist; the marker stays empty')
                return ""
            url = get_relative_url(key_url(quiz.id), page.url)
            html = render_quiz(
                quiz,
                module=module,
                key_url=url,
                notice=notice,
                md=md,
                record=self.config.completion_record,
                language=language,
            )
            return page_links(html, page.file.src_uri, page.url, self.files)

        return sub_markers(html, replace)

    @staticmethod
    def _quizzes(config: MkDocsConfig) -> dict[str, Quiz]:
        return get_project(config).quizzes
