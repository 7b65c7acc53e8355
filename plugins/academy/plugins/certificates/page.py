"""Markdown of the verify page: a form that works on the static site, with no server."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from html import escape

from ... import routes
from ...core.site import SiteConfig

#: What the file chooser offers: credentials, and badge images with a baked credential.
ACCEPT = ".json,.png,.svg,application/json,application/vc+ld+json,application/ld+json,image/png,image/svg+xml"


def verify_page(
    site: SiteConfig,
    profile: str,
    status: str,
    language: str = "en",
    titles: Mapping[str, str] | None = None,
    names: Mapping[str, tuple[str, str]] | None = None,
) -> str:
    """`profile` is the issuer profile's URL relative to the page; `status` the status-list folder's (ending in /).

    verifier.js (loaded by verify.js) reads the attributes of `[data-verify]`: `data-issuer` (the only
    issuer it accepts), `data-site-url`, the published addresses from `academy.routes` (`data-verify-url`,
    which a QR link must start with; `data-status-base`, below which every status list must be;
    `data-status-list`, a list's URL with `*` for its number), and where this site serves the profile
    and the lists, relative to the page, so that a preview or a mirror checks against the files it serves.

    Every text is in the reader's `language` (strings `verify.page.*`; the script's are in
    verify-strings.js). For a certificate issued in another language the page shows its title in
    `language`: `data-titles` maps each achievement id to its title here, `data-names` each title in
    another language to (achievement id, language) for QR links, whose summary names no id;
    `data-languages` gives each language's name in `language`.
    """
    t = _texts(language)
    code = lambda text: f"<code>{escape(text)}</code>"  # noqa: E731 - a one-line helper
    command = code("academy verify FILE")
    hint = t("hint", json=code(".json"), link=code(site.verify_url + "#s="), escaped=True)
    published = (
        f'data-verify-url="{escape(site.verify_url)}" data-status-base="{escape(routes.status_folder_url(site.url))}"'
        f' data-status-list="{escape(routes.status_list_template(site.url))}"'
    )
    localized = (
        f'data-titles="{_json(titles or {})}" data-names="{_json(names or {})}"'
        f' data-languages="{_json(_language_names(language))}" data-load-failed="{escape(t("load_failed"))}"'
    )
    return f"""---
title: {_yaml(t("title"))}
description: {_yaml(t("description", organisation=site.organisation))}
search:
  exclude: true
hide:
  - toc
---

# {escape(t("title"))}

{t("intro", json=code(".json"), png=code(".png"), svg=code(".svg"), escaped=True)}

<div class="academy-verify" data-verify data-issuer="{escape(site.issuer.id)}" data-site-url="{escape(site.url)}"
  data-profile="{escape(profile)}" data-status="{escape(status)}"
  {published}
  {localized}>
<form class="academy-verify-form" data-verify-form>
<label for="academy-credential">{escape(t("label"))}</label>
<textarea id="academy-credential" name="credential" rows="8" spellcheck="false" autocomplete="off"
  aria-describedby="academy-credential-hint"
  placeholder='{{"@context": ["https://www.w3.org/ns/credentials/v2", …'></textarea>
<p id="academy-credential-hint" class="academy-verify-hint">{hint}</p>
<div class="academy-verify-drop" data-verify-drop>
<label class="md-button academy-verify-choose">{escape(t("choose"))}
<input type="file" accept="{ACCEPT}" data-verify-file></label>
<span>{escape(t("drop"))}</span>
</div>
<button type="submit" class="md-button md-button--primary">{escape(t("submit"))}</button>
</form>
<div class="academy-verify-result" data-verify-result tabindex="-1" aria-live="polite"></div>
</div>

<noscript><p>{t("noscript", command=command, escaped=True)}</p></noscript>

## {escape(t("checked"))}

1. {t("check_format", escaped=True)}
2. {t("check_signature", jcs=code("eddsa-jcs-2022"), rdfc=code("eddsa-rdfc-2022"), command=command, escaped=True)}
3. {t("check_issuer", issuer=escape(site.issuer.name), escaped=True)}
4. {t("check_dates", escaped=True)}
5. {t("check_status", escaped=True)}

{t("verdicts", command=command, escaped=True)}

{t("privacy", escaped=True)}
"""


class _Texts:
    """The page's strings (`verify.page.*`) in one language."""

    def __init__(self, language: str) -> None:
        self.language = language

    def __call__(self, key: str, *, escaped: bool = False, **values: str) -> str:
        """The string; `escaped`: HTML-escaped first, then filled with `values` (HTML the caller made safe)."""
        from ...i18n import strings

        if not escaped:
            return strings.text(self.language, f"verify.page.{key}", **values)
        template = escape(strings.strings(self.language).get(f"verify.page.{key}", key), quote=False)
        return re.sub(r"\{(\w+)\}", lambda m: values.get(m[1], m[0]), template)


def _texts(language: str) -> _Texts:
    return _Texts(language)


def _language_names(language: str) -> dict[str, str]:
    """Each language's name in `language` (strings `languages.*`), e.g. {"nl": "Dutch"} in English."""
    from ...i18n import strings

    return strings.section(language, "languages")


def _json(value: object) -> str:
    return escape(json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True))


def _yaml(text: str) -> str:
    """A YAML scalar for the front matter (quoted: a title may hold a colon)."""
    return json.dumps(text, ensure_ascii=False)
