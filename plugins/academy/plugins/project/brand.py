"""The site's brand from `site_config/site.yml`: MkDocs settings and Material's colours.

Plain functions, free of MkDocs: `apply_brand` fills in any object with the few settings it
writes (the plugin passes MkDocs' config), `brand_css` writes the stylesheet the plugin publishes.
"""

from __future__ import annotations

from collections.abc import MutableMapping, MutableSequence
from html import escape
from typing import Any, Protocol

from ... import routes
from ...core.colours import SLATE_BG, WHITE, readable
from ...core.site import SiteConfig


class BrandedConfig(Protocol):
    """The settings of a MkDocs config that the brand writes (`MkDocsConfig` has them all)."""

    site_name: str
    site_url: str | None
    site_description: str | None
    repo_url: str | None
    repo_name: str | None
    edit_uri: str | None
    copyright: str | None
    extra: MutableMapping[str, Any]
    theme: MutableMapping[str, Any]
    extra_css: MutableSequence[str]


def apply_brand(config: BrandedConfig, site: SiteConfig, content: str = "content") -> None:
    """Name, address, repository and brand come from site_config/site.yml; what mkdocs.yml sets
    itself (address, description, repository, copyright) wins."""
    config.site_name = escape(site.name)  # Material prints it unescaped in the header
    config.site_url = config.site_url or site.url
    config.site_description = config.site_description or site.description
    if site.repo_url and not config.repo_url:
        config.repo_url = site.repo_url
        config.repo_name = config.repo_name or repo_name(site.repo_url)
        config.edit_uri = config.edit_uri or f"edit/{site.edit_branch}/{content}/"
    # Read by overrides/partials/source.html: without it the repository link fetches nothing.
    config.extra["academy_repo_facts"] = site.repo_facts
    config.copyright = config.copyright or f"© {site.organisation}"
    if site.logo:
        config.theme["logo"] = routes.brand(site.logo)
    if site.favicon:
        config.theme["favicon"] = routes.brand(site.favicon)
    config.theme["language"] = site.language
    if routes.brand("brand.css") not in config.extra_css:
        config.extra_css.insert(0, routes.brand("brand.css"))


def repo_name(url: str) -> str:
    """The label Material shows beside the repository link: the host's name when it is a known one."""
    host = url.split("/")[2] if url.count("/") >= 2 else url
    return {"github.com": "GitHub", "gitlab.com": "GitLab", "bitbucket.org": "Bitbucket"}.get(host, "Repository")


def brand_css(site: SiteConfig) -> str:
    """Material reads its colours from CSS variables; the scheme `custom` leaves them to us."""
    # Material writes white on the primary colour (header, primary buttons) and on the accent
    # (buttons on hover), and both as text on the page (links, links on hover): a brand colour
    # too light for that is darkened just enough to reach WCAG AA (4.5:1), in each scheme.
    primary = readable(site.colors.get("primary", "#1d4e89"), WHITE)
    brand_accent = site.colors.get("accent", "#e4572e")
    accent = readable(brand_accent, WHITE)
    dark_accent = readable(brand_accent, SLATE_BG)
    return (
        ':root, [data-md-color-scheme="default"] {\n'
        f"  --md-primary-fg-color: {primary};\n  --md-primary-fg-color--light: {primary}cc;\n"
        f"  --md-primary-fg-color--dark: {primary};\n  --md-accent-fg-color: {accent};\n"
        f"  --md-accent-fg-color--transparent: {brand_accent}1a;\n  --md-accent-bg-color: {WHITE};\n"
        f"  --md-typeset-a-color: {primary};\n}}\n"
        '[data-md-color-scheme="slate"] {\n'
        f"  --md-primary-fg-color: {primary};\n  --md-accent-fg-color: {dark_accent};\n"
        f"  --md-accent-fg-color--transparent: {brand_accent}1a;\n  --md-accent-bg-color: {SLATE_BG};\n"
        "  --md-typeset-a-color: #8ab4f8;\n}\n" + ACCESSIBLE_CSS
    )


#: Site-wide fixes for axe-core's serious findings on Material's defaults.
ACCESSIBLE_CSS = """\
/* Links in running text are underlined: colour alone does not set them apart (WCAG 1.4.1). */
.md-typeset :is(p, li, td, dd) a:not(.md-button) { text-decoration: underline; text-underline-offset: .15em; }
/* The footer's small print at 4.5:1 against the footer (Material's default is lighter). */
.md-copyright { color: var(--md-footer-fg-color--light); }
/* Outlined buttons take the link colour in the dark scheme: the brand's primary is too dark there.
   Not on hover, where Material fills them with the accent and writes on it in --md-accent-bg-color. */
[data-md-color-scheme="slate"] .md-typeset .md-button:not(.md-button--primary, :hover, :focus) {
  color: var(--md-typeset-a-color);
}
"""
