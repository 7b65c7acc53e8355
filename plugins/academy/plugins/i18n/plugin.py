"""`academy-i18n`: the site in every language of site.yml `languages:`, each under `/<code>/`.

The source language's site is the build MkDocs runs (its URLs do not change); after it, this plugin
builds each other language into `<site>/<code>/` with the same configuration and plugins, once per
language, so the build grows with pages × languages. A language's build reads the project the
`academy` plugin loaded, localized by academy.i18n (translated modules, tracks, certificates,
quizzes and exams; translated pages in place of their source), and sets Material's language: its
interface, `<html lang>` and the search's stemming. Every page gets `hreflang` alternates and a
language switcher (Material's `extra.alternate`) that goes to the same page in each language, and
a page shown in the source language (not translated, or translated from an older source) says so
in the reader's language.
"""

from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from ...core.problems import Problems
from ...i18n import strings
from ...i18n.languages import KNOWN, Languages, is_translation, load_languages
from ...i18n.localize import CURRENT, FALLBACK, OUTDATED, Localized, localize
from ...i18n.nav import translate_nav
from ...i18n.translations import HEADER, Translation, discover, kinds
from ..project.plugin import get_project

log = get_plugin_logger(__name__)

#: Page meta a plugin sets on a generated page written wholly in the build's language (no notice).
IN_LANGUAGE = "academy_in_language"
#: Languages of the nested builds running now (innermost last): empty in the source build.
_BUILDING: list[str] = []
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n.*?\r?\n---[ \t]*(?:\r?\n|\Z)", re.S)
_HEADER_LINE = re.compile(rf"(?m)^(?:{'|'.join(HEADER)}):.*(?:\r?\n|\Z)")
_H1 = re.compile(r"\A\s*# [^\n]*\n")
#: The `hreflang` alternates Material writes into the head (from `extra.alternate`; not the feeds').
#: Material's bundle reads every `link[rel=alternate]` (an exact-value match) as the root of a
#: language site: on each page shown it fetches `sitemap.xml` below it (a 404 per other language
#: for a per-page alternate) and turns a click on any link below it into a language switch. Its
#: rel becomes " alternate": the same token set, so search engines and `rel~=` still read it as
#: an alternate, but no longer the value Material matches.
_ALTERNATE = re.compile(r'<link rel="alternate"(?= href="[^"]*" hreflang=")')
#: Material's instant navigation swaps the page's content and `<head>` (so its `hreflang`
#: alternates are the new page's) but not the header, where the language switcher is: without
#: this, after one instant click the switcher still led to the first page in each language. After
#: each page is shown (`document$`), it takes each language's link from the page's alternates.
SWITCHER_SCRIPT = (
    "<script>window.document$&&document$.subscribe(function(){var a={};"
    'document.querySelectorAll(\'link[rel~="alternate"][hreflang]\').forEach(function(l){'
    'a[l.getAttribute("hreflang")]=l.getAttribute("href")});'
    "document.querySelectorAll(\"a.md-select__link[hreflang]\").forEach(function(l){"
    'var h=a[l.getAttribute("hreflang")];if(h)l.setAttribute("href",h)})})</script>'
)


class I18nConfig(Config):
    enabled = config_options.Type(bool, default=True)


class I18nPlugin(BasePlugin[I18nConfig]):
    """Builds the other languages' sites after the source one, and links the pages across them."""

    supports_multiple_instances = False

    def __init__(self) -> None:
        self.languages = Languages()
        self.language = "en"
        self.translations: list[Translation] = []
        self.localized: Localized | None = None
        #: The address of the source language's site (the root of every language's site).
        self.root_url = "/"
        #: The project's site_config folder (its strings files override the product's strings).
        self.site_config: Path | None = None

    # After the academy plugin has loaded the project (100), before the others read it (0) and
    # before Material's search picks its language from the theme's.
    @event_priority(90)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.localized = None
        if not self.config.enabled:
            return None
        project = get_project(config)
        layout = project.layout
        scratch = Problems(project.root)  # validation (load_project) reports these with file:line
        self.languages = load_languages(project.root / layout.site_config / "site.yml", scratch)
        self.translations = discover(
            project.root, self.languages, scratch, kinds(layout.content, layout.curriculum, layout.quizzes)
        )
        self.language = _BUILDING[-1] if _BUILDING else self.languages.source
        root = config.site_url or "/"
        if self.language != self.languages.source:
            root = root.rstrip("/").removesuffix(f"/{self.language}") + "/"
            config.site_url = f"{root}{self.language}/" if config.site_url else None
            self.localized = localize(project, self.language, self.translations)
            config.plugins["academy"].project = self.localized.project  # type: ignore[attr-defined]
        self.root_url = root if root.endswith("/") else root + "/"
        config.theme["language"] = self.language
        self.site_config = project.root / layout.site_config
        labels = strings.nav_labels(self.site_config, self.language)
        if config.nav is not None and labels:
            # The labels mkdocs.yml gives are the adopter's words: <site_config>/strings/CODE.yml
            # `nav:` translates them (validate names each one left out). Section titles are
            # printed unescaped by the theme: a label is text.
            config.nav = translate_nav(config.nav, labels, escape)
        return config

    # Before the academy plugins add their pages: translation files are never pages of their own.
    @event_priority(90)
    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        if not self.config.enabled:
            return None
        for file in list(files.documentation_pages()):
            if not file.generated_by and is_translation(file.src_uri):
                files.remove(file)
        if self.localized:
            for src, translation in self.localized.pages.items():
                file = files.get_file_from_path(src)
                if file is not None:
                    file.content_string = _without_header(translation.path.read_text(encoding="utf-8"))
                    # "Edit this page" opens the translation, not its source.
                    file.edit_uri = translation.path.relative_to(Path(config.docs_dir).resolve()).as_posix()
        return files

    # Last: after the other plugins have written their Markdown.
    @event_priority(-90)
    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        if not self.localized:
            return None
        status = self._status(page)
        if status not in {FALLBACK, OUTDATED}:
            return None
        code, source = self.language, self.languages.source
        table = strings.Translator(code, self.site_config)
        name = table.table.get(f"languages.{source}", KNOWN.get(source, source))
        key = "notice.fallback" if status == FALLBACK else "notice.outdated"
        notice = (
            f'<div class="admonition note academy-i18n-notice" lang="{code}" data-academy-i18n="{status}" '
            'markdown="0">\n'
            f"<p>{escape(table(key, source=name))} "
            f'<a href="{escape(self._link(page, source))}" hreflang="{source}" lang="{source}">'
            f"{escape(table('notice.read_source'))}</a></p>\n</div>\n\n"
        )
        heading = _H1.match(markdown)
        return markdown[: heading.end()] + "\n" + notice + markdown[heading.end() :] if heading else notice + markdown

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str | None:
        """A page shown in the source language says so to browsers and screen readers (`lang`)."""
        if self.localized and self._status(page) == FALLBACK:
            return f'<div lang="{self.languages.source}">{html}</div>'
        return None

    def on_page_context(self, context, /, *, page: Page, config: MkDocsConfig, nav):  # noqa: ANN001, ANN201
        """The switcher and the `hreflang` alternates: the same page in each language, the page
        itself included (search engines expect an alternate set to name the page too); on_post_page
        hides them from Material's own reading of alternates (`_ALTERNATE`)."""
        if self.config.enabled and len(self.languages.codes) > 1:
            config.extra["alternate"] = [
                {"name": KNOWN.get(code, code), "link": self._link(page, code), "lang": code}
                for code in self.languages.codes
            ]
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
        """Keep the switcher on the current page through instant navigation (`SWITCHER_SCRIPT`),
        and the `hreflang` alternates out of Material's reach (`_ALTERNATE`)."""
        if not self.config.enabled or len(self.languages.codes) < 2 or "</body>" not in output:
            return None
        top, _, rest = output.partition("</head>")
        if rest:
            output = _ALTERNATE.sub('<link rel=" alternate"', top) + "</head>" + rest
        head, _, tail = output.rpartition("</body>")
        return f"{head}{SWITCHER_SCRIPT}\n</body>{tail}"

    # Last: MkDocs reuses the instances of plugins with on_startup (Material's search) across the
    # configurations of one process, so the nested builds must start only after every plugin of this
    # build has written its output (the search index), or it would write the other language's.
    @event_priority(-100)
    def on_post_build(self, config: MkDocsConfig) -> None:
        """After the source language's site: each other language's, into `<site>/<code>/`."""
        if not self.config.enabled or _BUILDING or self.language != self.languages.source:
            return
        from mkdocs.commands.build import build
        from mkdocs.config import load_config

        for code in self.languages.targets:
            log.info(f"Building the {KNOWN.get(code, code)} site into {code}/")
            _BUILDING.append(code)
            try:
                nested = load_config(
                    config.config_file_path,
                    site_dir=str(Path(config.site_dir) / code),
                    docs_dir=config.docs_dir,
                    site_url=config.site_url,
                    strict=config.strict,
                    use_directory_urls=config.use_directory_urls,
                )
                nested.plugins.on_startup(command="build", dirty=False)
                try:
                    build(nested)
                finally:
                    nested.plugins.on_shutdown()
            finally:
                _BUILDING.pop()

    def _status(self, page: Page) -> str:
        """The page's translation status; a generated page made of interface strings and the
        localized titles (`IN_LANGUAGE` in its meta: the workshop lists) is in the build's language."""
        assert self.localized is not None
        if page.meta.get(IN_LANGUAGE):
            return CURRENT
        return self.localized.page_status(page.file.src_uri)

    def _link(self, page: Page, code: str) -> str:
        """The address of `page` in language `code` (every page exists in every language)."""
        prefix = "" if code == self.languages.source else f"{code}/"
        return f"{self.root_url}{prefix}{page.url}"


def _without_header(text: str) -> str:
    """A translated page's Markdown without the translation's own fields (translation_of, source_sha)."""
    match = _FRONT_MATTER.match(text)
    if not match:
        return text
    front = _HEADER_LINE.sub("", match.group(0))
    return ("" if front.strip() in {"---\n---", "------"} or re.fullmatch(r"---\s*---\s*", front) else front) + text[
        match.end() :
    ]
