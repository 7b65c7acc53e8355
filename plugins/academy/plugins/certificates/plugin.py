"""Publishes what a verifier's browser needs: the verify page, issuer profile and status lists."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.utils import get_relative_url

from ... import routes
from ...core.project import Project
from ..compact import compact
from ..errors import reports_errors
from ..language import build_language
from ..lazy import strings_script
from ..project import get_project
from .config import CertificatesConfig
from .page import verify_page

ASSETS = Path(__file__).parent / "assets"
SCRIPT, STYLE = routes.asset("verify.js"), routes.asset("verify.css")
#: The checker itself: verify.js loads it on the verify page only.
VERIFIER = routes.asset("verifier.js")
#: The badge image reader: verifier.js loads it only when a badge image is checked.
BADGE_READER = routes.asset("verifier-badge.js")
#: The page's strings in the build's language (section `verify.script`): verify.js loads it before verifier.js.
STRINGS = routes.asset("verify-strings.js")


def compact_js(source: str) -> str:
    """The checker as the page gets it: the site's one compactor, trailing `  // ` comments included
    (safe for verifier.js; its tests run the source in Node and the served file in Chromium)."""
    return compact(source, trailing_comments=True)


@reports_errors("academy-certificates")
class CertificatesPlugin(BasePlugin[CertificatesConfig]):
    def __init__(self) -> None:
        self.project: Project | None = None

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        self.project = get_project(config) if self.config.enabled else None
        if self.project is None:
            return None
        # Instant navigation does not run scripts of the swapped-in page: load verify.js everywhere; it waits
        # for the form and only then loads the checker (verifier.js), so other pages carry 1 KB, not 11 KB.
        if SCRIPT not in config.extra_javascript:
            config.extra_javascript.append(SCRIPT)
        if STYLE not in config.extra_css:
            config.extra_css.append(STYLE)
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files | None:
        project = self.project
        if project is None or project.site is None:
            return None
        # First: a keys file that cannot be read (an AcademyError, see reports_errors) adds nothing.
        # The project's layout carries this plugin's `issuer_dir` (the project plugin reads it), as the CLI's does.
        profile = self._profile(project.root / project.layout.keys_file)
        page = File.generated(config, routes.ROUTES.verify, content="")
        # Per build: each language's site is a build of its own, with its own (localized) project.
        language = build_language(config)
        titles, names = achievement_titles(project, language)
        page.content_string = verify_page(
            project.site,
            get_relative_url(routes.ISSUER_PROFILE, page.url),
            get_relative_url(f"{routes.STATUS_FOLDER}/", page.url),
            language,
            titles,
            names,
        )
        files.append(page)
        _written_in_language(config, page.src_uri)
        files.append(File.generated(config, routes.ISSUER_PROFILE, content=json.dumps(profile, indent=2)))
        for status in sorted((project.root / project.layout.status_dir).glob("*.json")):
            files.append(File.generated(config, f"{routes.STATUS_FOLDER}/{status.name}", abs_src_path=str(status)))
        from ...credentials.documents.baking import badge_images

        # Each rule's badge image, where its credentials' achievement `image` points.
        for rule_id in sorted(project.certificates):
            images = badge_images(project.root, rule_id, project.layout.badges)
            for suffix in (".png", ".svg"):
                files.append(File.generated(config, routes.badge_image(rule_id, suffix), content=images[suffix]))
        # On every page: compacted like the other page scripts, to keep every page within its budget.
        files.append(File.generated(config, SCRIPT, content=compact((ASSETS / "verify.js").read_text("utf-8"))))
        files.append(File.generated(config, STRINGS, content=strings_script("verify", language)))
        for script in (VERIFIER, BADGE_READER):
            source = (ASSETS / script.rsplit("/", 1)[1]).read_text("utf-8")
            files.append(File.generated(config, script, content=compact_js(source)))
        files.append(File.generated(config, STYLE, abs_src_path=str(ASSETS / "verify.css")))
        return files

    def _profile(self, keys: Path) -> dict[str, Any]:
        """The issuer's controller document, with the public keys of `<issuer_dir>/keys.json` (none yet: no keys)."""
        from ...credentials.documents.profile import issuer_document, load_keys

        assert self.project is not None and self.project.site is not None
        return issuer_document(self.project.site, load_keys(keys))


def achievement_titles(project: Project, language: str) -> tuple[dict[str, str], dict[str, tuple[str, str]]]:
    """(achievement id -> title in `language`, title in another language -> (achievement id, language)).

    The titles are the ones credentials carry (`academy.credentials.issue.language`); `project` is
    this build's, so its rules already have `language`'s text. The second map lets the page name a
    QR link's certificate, whose summary holds only its title."""
    from ...credentials.documents.ob3 import achievement_for
    from ...credentials.issue.language import rule_texts

    assert project.site is not None
    url = project.site.url
    titles = {achievement_for(rule, url).id: rule.title for rule in project.certificates.values()}
    texts = rule_texts(project)
    names: dict[str, tuple[str, str]] = {}
    for code in texts.codes:
        if code == language:
            continue
        for rule_id, rule in project.certificates.items():
            other = texts.rules.get(code, {}).get(rule_id)
            title = texts.source_titles.get(rule_id, rule.title) if code == texts.source else other and other.title
            if title and title != rule.title:
                names.setdefault(title, (achievement_for(rule, url).id, code))
    return titles, names


def _written_in_language(config: MkDocsConfig, src_uri: str) -> None:
    """Tell the i18n plugin that the page `src_uri` is written in this build's language (its strings),
    so that it neither says "not translated yet" on it nor marks its text as the source language's."""
    from ...i18n.localize import CURRENT

    localized = getattr(config.plugins.get("academy-i18n"), "localized", None)
    status = getattr(localized, "status", None)
    if isinstance(status, dict):
        status[src_uri] = CURRENT
