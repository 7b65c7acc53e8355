"""`academy.routes` (every published path and URL) and `academy.core.layout` (the source folders mkdocs.yml names)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from academy import routes
from academy.core.layout import Layout, read_layout
from academy.core.project import load_project
from academy.routes import ROUTES, Routes
from support.harness import ROOT

SITE = "https://academy.example.org/"


@pytest.mark.parametrize(
    ("src", "url"),
    [
        ("index.md", ""),
        ("verify.md", "verify/"),
        ("progress.md", "progress/"),
        ("workshops/index.md", "workshops/"),
        ("workshops/alpha.md", "workshops/alpha/"),
        ("nl/workshops/index.md", "nl/workshops/"),
    ],
)
def test_a_page_is_served_at_its_directory_url(src: str, url: str) -> None:
    assert routes.page_url(src) == url


def test_the_published_issuer_addresses() -> None:
    assert routes.issuer_id(SITE) == f"{SITE}issuer/profile.json"
    assert ROUTES.verify_url(SITE) == f"{SITE}verify/"
    assert routes.status_list_url(SITE, 3) == f"{SITE}certificates/status/revocation-3.json"
    assert routes.status_folder_url(SITE) == f"{SITE}certificates/status/"
    # A credential's achievement id is its certificate page: it must stay where issued ones point.
    assert ROUTES.url(SITE, ROUTES.certificate("basics")) == f"{SITE}certificates/basics/"


def test_a_status_list_number_reads_back_from_its_url_and_nothing_else() -> None:
    for number in (1, 2, 99, 255):
        assert routes.status_list_number(routes.status_list_url(SITE, number)) == number
    for other in (f"{SITE}certificates/status/revocation-0.json", f"{SITE}certificates/status/revocation-256.json",
                  f"{SITE}certificates/status/revocation-1.json.bak", f"{SITE}status/list-1.json"):
        assert routes.status_list_number(other) is None
    # The verify page's template, filled in by verifier.js, gives the same URL as Python.
    assert routes.status_list_template(SITE).replace("*", "7") == routes.status_list_url(SITE, 7)


def test_a_language_prefix_moves_the_pages_but_not_the_issuer_data() -> None:
    dutch = Routes(prefix="nl/")
    assert dutch.module("alpha") == "nl/workshops/alpha.md"
    assert dutch.verify == "nl/verify.md"
    assert dutch.verify_url(SITE) == f"{SITE}nl/verify/"
    assert all(page.startswith("nl/") for page in dutch.generated_pages(["a"], ["t"], ["c"]))
    # One issuer whatever the language: certificates already issued point to these.
    assert routes.ISSUER_PROFILE == "issuer/profile.json"
    assert routes.status_list(1) == "certificates/status/revocation-1.json"
    assert routes.badge_image("c", ".png") == "certificates/c/badge.png"


def test_the_generated_pages_are_every_plugin_page_of_the_project() -> None:
    project = load_project(ROOT / "tests/fixtures/mini")
    pages = project.generated_pages
    for module in project.modules.values():
        assert {module.src, ROUTES.trainer(module.id)} <= pages
    assert {ROUTES.certificate(c) for c in project.certificates} <= pages
    assert {t.src for t in project.tracks.values()} <= pages
    fixed = {ROUTES.catalogue, ROUTES.tracks, ROUTES.trainers, ROUTES.progress, ROUTES.verify, ROUTES.changes}
    assert fixed | {ROUTES.print, ROUTES.certificates, ROUTES.sandbox} <= pages
    assert len(pages) == 9 + 2 * len(project.modules) + len(project.tracks) + len(project.certificates)


def test_routes_import_nothing_from_mkdocs() -> None:
    code = "import sys, academy.routes, academy.core.layout; print(any(m.split('.')[0] == 'mkdocs' for m in sys.modules))"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"


def test_the_page_scripts_spell_no_site_path() -> None:
    """The verifier's addresses come from the verify page's data attributes (academy.routes)."""
    for script in (ROOT / "plugins/academy/plugins").glob("*/assets/*.js"):
        text = script.read_text(encoding="utf-8")
        for path in ('"certificates/status', "certificates/status/revocation", '"verify/"', '"issuer/profile.json"'):
            assert path not in text, f"{script.name} spells {path}: take it from the page"


MKDOCS = """\
docs_dir: pages
site_url: !ENV [ACADEMY_SITE_URL, null]
plugins:
  - academy:
      curriculum_dir: courses
      site_config_dir: settings
  - search
  - academy-certificates:
      issuer_dir: public/issuer
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
"""


def test_the_layout_comes_from_mkdocs_yml_tags_and_all(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text(MKDOCS, encoding="utf-8")
    layout = read_layout(tmp_path)
    assert layout == Layout(content="pages", curriculum="courses", site_config="settings", issuer_dir="public/issuer")
    assert (layout.site_file, layout.keys_file, layout.status_dir) == (
        "settings/site.yml", "public/issuer/keys.json", "public/issuer/status"
    )
    assert (layout.assets, layout.badges, layout.templates) == ("settings/assets", "settings/badges", "settings/templates")


def test_the_mapping_form_of_plugins_and_the_defaults(tmp_path: Path) -> None:
    assert read_layout(tmp_path) == Layout()  # no mkdocs.yml: the defaults
    (tmp_path / "mkdocs.yml").write_text("plugins:\n  academy:\n    site_config_dir: conf\n", encoding="utf-8")
    layout = read_layout(tmp_path)
    assert layout.site_config == "conf" and layout.issuer == "conf/issuer"  # issuer_dir follows site_config_dir
    (tmp_path / "mkdocs.yml").write_text("plugins: [academy\n", encoding="utf-8")
    assert read_layout(tmp_path) == Layout()  # unreadable: MkDocs reports it
