"""Material's search in Chromium finds the guide: each guide page by its title, a section by its heading.

The pages and headings are read from the academy's own content/guidelines/, so this holds for any academy."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page

from academy.core.project import load_project
from support.harness import ROOT

PROJECT = load_project(ROOT)

#: The guide's pages (content/guidelines/), whatever the academy holds: each is found by its title.
GUIDE = sorted(
    (page for page in PROJECT.pages.values() if page.src.startswith("guidelines/")), key=lambda page: page.src
)
#: A section of each guide page (its first `##` heading): found by its heading, on its page, first.
SECTIONS = [page.sections[0] for page in GUIDE if page.sections]


def _page_url(site_url: str, src: str) -> str:
    """The address of a guide page: guidelines/x.md at guidelines/x/, an index.md at its folder."""
    stem = src.removesuffix(".md")
    folder = stem.removesuffix("index") if stem.endswith("/index") or stem == "index" else stem + "/"
    return urljoin(site_url, folder)


def _results(page: Page) -> list[str]:
    """The links of the best result (Material groups results by page, the best page first), without
    the query that search.highlight adds (?h=…)."""
    best = page.locator(".md-search-result__item").first
    best.wait_for()
    # Read every link in one step, so a re-render cannot detach them between reads.
    hrefs = best.evaluate("el => [...el.querySelectorAll('a')].map(a => a.getAttribute('href') || '')")
    return [urlsplit(urljoin(page.url, href))._replace(query="").geturl() for href in hrefs]


def _search(page: Page, site_url: str, query: str) -> None:
    """Enter `query` into the search box once Material's worker has its index, as one search.

    Material reads the box on `keyup` (and once, just after focus), not on `input`: text set with
    `fill()` alone is seen only if it lands before that post-focus read, which under load it
    sometimes did not (the flake); typed key by key, each key re-renders the results while the test
    reads them. So: the whole text, then one key release (End), which Material reads."""
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    meta = page.locator(".md-search-result__meta")
    meta.wait_for(state="attached")
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/initiali/i.test(m.textContent || ''); }",
        timeout=120_000,
    )
    box = page.locator(".md-search__input")
    box.fill(query)
    box.press("End")


def test_the_guide_has_pages_to_find() -> None:
    assert GUIDE and SECTIONS, "content/guidelines/ has pages with ## sections"


@pytest.mark.parametrize("guide_page", GUIDE, ids=lambda page: page.src)
def test_a_guide_page_is_found_first_by_its_title(page: Page, site_url: str, guide_page) -> None:
    _search(page, site_url, guide_page.title)
    links = _results(page)
    assert links and links[0].split("#")[0] == _page_url(site_url, guide_page.src), links


@pytest.mark.parametrize("section", SECTIONS, ids=lambda section: section.ref)
def test_a_guide_section_is_found_by_its_heading(page: Page, site_url: str, section) -> None:
    # Among the results, not necessarily first: a heading such as "Care principles" may also be a
    # good match for another page (here, the principles page); the staff's words are the content's.
    _search(page, site_url, section.title)
    page.locator(".md-search-result__item").first.wait_for()
    hrefs = page.locator(".md-search-result__list").evaluate(
        "el => [...el.querySelectorAll('a')].map(a => a.getAttribute('href') || '')"
    )
    found = {urlsplit(urljoin(page.url, href))._replace(query="").geturl() for href in hrefs}
    src = next(p.src for p in GUIDE if section in p.sections)
    assert f"{_page_url(site_url, src)}#{section.anchor}" in found, sorted(found)


def test_trainer_notes_are_not_found(page: Page, site_url: str) -> None:
    module = next(m for m in PROJECT.modules.values() if m.trainer_notes)
    words = next(line for line in module.trainer_notes.splitlines() if len(line.split()) > 8).split()
    _search(page, site_url, " ".join(words[:6]))
    meta = page.locator(".md-search-result__meta")
    meta.wait_for()
    for link in page.locator(".md-search-result__item a.md-search-result__link").all():
        assert "/trainers/" not in (link.get_attribute("href") or "")
