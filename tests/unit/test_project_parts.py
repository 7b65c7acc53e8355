"""The `academy` plugin's brand and page patches as plain functions, without MkDocs: the settings
site.yml gives the MkDocs config, the stylesheet's colours, and what changes in every page."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from academy.core.colours import AA, SLATE_BG, WHITE, contrast
from academy.core.site import Issuer, SiteConfig
from academy.plugins.project.brand import apply_brand, brand_css, repo_name
from academy.plugins.project.markup import escape_text_meta, hide_task_boxes, is_utf8

SITE = SiteConfig(
    name="Acme <Academy> & Co",
    organisation="Acme Ltd",
    url="https://learn.example.org/",
    issuer=Issuer(id="https://learn.example.org/issuer", name="Acme", url="https://acme.example", email="a@acme.example"),
    description="Training",
    repo_url="https://gitlab.com/acme/academy",
    edit_branch="trunk",
    logo="logo.svg",
    favicon="icon.png",
    colors={"primary": "#123456", "accent": "#ffd84d"},
    language="nl",
)


@dataclass
class Config:
    """The settings of a MkDocs config that the brand writes, as a fresh mkdocs.yml leaves them."""

    site_name: str = "From mkdocs.yml"
    site_url: str | None = None
    site_description: str | None = None
    repo_url: str | None = None
    repo_name: str | None = None
    edit_uri: str | None = None
    copyright: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    theme: dict[str, Any] = field(default_factory=dict)
    extra_css: list[str] = field(default_factory=lambda: ["extra.css"])


def test_the_brand_fills_in_what_mkdocs_yml_leaves_open() -> None:
    config = Config()
    apply_brand(config, SITE)
    assert config.site_name == "Acme &lt;Academy&gt; &amp; Co"  # Material prints it as HTML
    assert (config.site_url, config.site_description) == ("https://learn.example.org/", "Training")
    assert (config.repo_url, config.repo_name) == ("https://gitlab.com/acme/academy", "GitLab")
    assert config.edit_uri == "edit/trunk/content/"
    assert config.copyright == "© Acme Ltd"
    assert config.theme == {"logo": "assets/brand/logo.svg", "favicon": "assets/brand/icon.png", "language": "nl"}
    assert config.extra == {"academy_repo_facts": False}
    assert config.extra_css == ["assets/brand/brand.css", "extra.css"]  # first: the site's own CSS overrides it


def test_what_mkdocs_yml_sets_wins_and_a_rebuild_adds_the_stylesheet_once() -> None:
    config = Config(
        site_url="https://preview.example/", site_description="Mine", repo_url="https://github.com/x/y",
        copyright="© Mine",
    )
    apply_brand(config, SITE)
    apply_brand(config, SITE)  # `serve` runs on_config again on the same config
    assert (config.site_url, config.site_description, config.copyright) == ("https://preview.example/", "Mine", "© Mine")
    assert config.repo_url == "https://github.com/x/y" and config.repo_name is None and config.edit_uri is None
    assert config.extra_css.count("assets/brand/brand.css") == 1


def test_a_site_without_logo_or_repository_sets_neither() -> None:
    config = Config()
    apply_brand(config, replace(SITE, logo=None, favicon=None, repo_url=None))
    assert config.theme == {"language": "nl"}
    assert config.repo_url is None and config.edit_uri is None


def test_the_repository_label_names_known_hosts_only() -> None:
    assert repo_name("https://github.com/acme/academy") == "GitHub"
    assert repo_name("https://bitbucket.org/acme/academy") == "Bitbucket"
    assert repo_name("https://git.acme.example/academy") == "Repository"
    assert repo_name("not a url") == "Repository"


def _variables(css: str, scheme: str) -> dict[str, str]:
    block = re.search(rf'{re.escape(scheme)} \{{\n(.*?)\}}', css, re.S)
    assert block, scheme
    return dict(re.findall(r"(--[\w-]+): ([^;]+);", block.group(1)))


def test_brand_colours_are_kept_when_readable_and_darkened_just_enough_when_not() -> None:
    css = brand_css(SITE)
    light = _variables(css, '[data-md-color-scheme="default"]')
    dark = _variables(css, '[data-md-color-scheme="slate"]')
    assert light["--md-primary-fg-color"] == "#123456"  # dark enough for white text already
    # The yellow accent cannot carry white text: it is darkened to AA, and no further than needed.
    accent = light["--md-accent-fg-color"]
    assert accent != "#ffd84d" and AA <= contrast(accent, WHITE) < AA + 0.3
    assert contrast(dark["--md-accent-fg-color"], SLATE_BG) >= AA
    assert light["--md-accent-fg-color--transparent"] == "#ffd84d1a"  # a tint, not text: the brand's own
    assert "text-decoration: underline" in css  # the site-wide accessibility fixes come with it


def test_a_site_without_colours_gets_the_default_brand() -> None:
    light = _variables(brand_css(replace(SITE, colors={})), '[data-md-color-scheme="default"]')
    assert light["--md-primary-fg-color"] == "#1d4e89"


def test_front_matter_titles_and_descriptions_become_text() -> None:
    meta: dict[str, Any] = {"title": "<script>alert(1)</script>", "description": 'A "quote" & more', "tags": ["<b>"], "order": 2}
    escape_text_meta(meta)
    assert meta == {
        "title": "&lt;script&gt;alert(1)&lt;/script&gt;",
        "description": "A &quot;quote&quot; &amp; more",
        "tags": ["<b>"],
        "order": 2,
    }
    title_only: dict[str, Any] = {"title": None}
    escape_text_meta(title_only)
    assert title_only == {"title": None}


def test_checklist_boxes_are_hidden_from_screen_readers_and_nothing_else_is() -> None:
    html = (
        '<li><label class="task-list-control"><input type="checkbox" disabled/><span></span></label> a</li>'
        '<li><label class="task-list-control"><input type="checkbox" disabled="disabled" checked/></label> b</li>'
        '<p><input type="checkbox" disabled/> a form of the page</p>'
    )
    out = hide_task_boxes(html)
    assert out.count('aria-hidden="true"') == 2
    assert '<input type="checkbox" disabled aria-hidden="true"/>' in out
    assert '<input type="checkbox" disabled="disabled" aria-hidden="true" checked/>' in out
    assert out.endswith('<p><input type="checkbox" disabled/> a form of the page</p>')


def test_pages_that_are_not_utf8_are_told_apart(tmp_path: Path) -> None:
    (tmp_path / "plain.md").write_text("# Café", encoding="utf-8")
    (tmp_path / "bom.md").write_bytes(b"\xef\xbb\xbf# Caf\xc3\xa9")
    (tmp_path / "latin.md").write_bytes(b"# Caf\xe9")
    assert is_utf8(tmp_path / "plain.md") and is_utf8(tmp_path / "bom.md")
    assert not is_utf8(tmp_path / "latin.md")
    assert is_utf8(tmp_path / "gone.md")  # unreadable for another reason: MkDocs reports it


def test_the_brand_and_page_modules_load_without_mkdocs() -> None:
    code = (
        "import sys; import academy.plugins.project.brand, academy.plugins.project.markup; "
        "print(sorted(m for m in sys.modules if m.split('.')[0] == 'mkdocs'))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True)
    assert result.stdout.strip() == "[]"
