"""The guide on the built site: version line, workshop cross-references, changes, print version."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from academy.core.project import load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT)
GUIDE = {src: page for src, page in PROJECT.pages.items() if page.guideline_id}


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def url_of(page_id: str) -> str:
    return "guidelines" if page_id == "index" else f"guidelines/{page_id}"


def test_every_guideline_page_shows_the_guide_version(site_dir: Path) -> None:
    latest = PROJECT.changelog[0]
    for page in GUIDE.values():
        line = soup(site_dir, url_of(page.guideline_id)).select_one(".academy-guide-version")
        assert line is not None, page.src
        assert f"Version {latest.version}" in line.get_text()


def test_each_taught_section_links_its_workshops(site_dir: Path) -> None:
    taught = PROJECT.taught_by()
    assert taught, "the curriculum cites guideline sections"
    for ref, modules in taught.items():
        page_id, anchor = ref.split("#")
        html = soup(site_dir, url_of(page_id))
        heading = html.find(id=anchor)
        assert heading is not None, ref
        block = heading.find_next_sibling(class_="academy-taught-in")
        hrefs = [a["href"] for a in block.find_all("a")]
        assert [h.rstrip("/").rsplit("/", 1)[-1] for h in hrefs] == [m.id for m in modules], ref


def test_changes_page_lists_every_version(site_dir: Path) -> None:
    page = soup(site_dir, "guidelines/changes")
    for version in PROJECT.changelog:
        heading = page.find(id="v" + version.version.replace(".", "-"))
        assert heading is not None and version.version in heading.get_text()
    links = [a["href"] for a in page.select("article li a")]
    assert len(links) == sum(len(v.changes) for v in PROJECT.changelog)


def test_print_version_holds_the_whole_guide_with_working_anchors(site_dir: Path) -> None:
    page = soup(site_dir, "guidelines/print")
    ids = {el["id"] for el in page.find_all(id=True)}
    for source in GUIDE.values():
        for section in source.sections:
            assert f"{section.page}--{section.anchor}" in ids, section.ref
    article = page.select_one("article")
    internal = [
        a["href"][1:] for a in article.find_all("a", href=True) if a["href"].startswith("#") and len(a["href"]) > 1
    ]
    assert internal and not [target for target in internal if target not in ids]
    css = (site_dir / "assets/academy/academy.css").read_text()
    assert re.search(r"@media print \{[^@]*\.academy-print-break \{ break-before: page; \}", css)


def test_guideline_pages_are_boosted_and_print_page_is_not_indexed(site_dir: Path) -> None:
    docs = json.loads((site_dir / "search/search_index.json").read_text())["docs"]
    boosted = {d["location"].split("#")[0] for d in docs if d.get("boost", 1) > 1}
    assert {url_of(p.guideline_id) + "/" for p in GUIDE.values() if p.guideline_id != "index"} <= boosted
    assert not [d for d in docs if d["location"].startswith("guidelines/print/")]
