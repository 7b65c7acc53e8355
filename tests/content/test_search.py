"""Material's search in Chromium: a term from a guideline section finds that section first."""

from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page

from academy.core.project import load_project
from support.harness import ROOT

PROJECT = load_project(ROOT)

#: A staff member's words, and the guideline section that answers them. Several of these terms
#: are also workshop titles: the guide's own section must still come first.
QUERIES = {
    "holding statement": "crisis#holding-statements",
    "working out loud": "collaboration#working-out-loud",
    "endorsements": "legal#endorsements-and-disclosure",
    "moving to private channels": "customer-care#moving-to-private-channels",
    "white papers": "content#white-papers",
    "trolls": "listening#trolls-and-harassment",
}


def _url(site_url: str, ref: str) -> str:
    page_id, anchor = ref.split("#")
    assert ref in PROJECT.sections, f"{ref} is a guideline section"
    return urljoin(site_url, f"guidelines/{page_id}/#{anchor}")


def _search(page: Page, site_url: str, query: str) -> None:
    """Type `query` into the search box as a reader does, once Material's worker has its index.

    Material reads the box on `keyup` (and once, just after focus), not on `input`: text set with
    `fill()` is only seen if it lands before that post-focus read, which under load it sometimes
    did not (the flake). Typing key by key after the worker is ready is what a reader does."""
    page.goto(site_url)
    page.locator("label.md-search__icon, .md-search__input").first.click()
    meta = page.locator(".md-search-result__meta")
    meta.wait_for(state="attached")
    page.wait_for_function(
        "() => { const m = document.querySelector('.md-search-result__meta');"
        " return m && !/initiali/i.test(m.textContent || ''); }",
        timeout=120_000,
    )
    page.locator(".md-search__input").press_sequentially(query)


@pytest.mark.parametrize("query", QUERIES)
def test_a_guideline_term_finds_its_section_first(page: Page, site_url: str, query: str) -> None:
    _search(page, site_url, query)
    # Material groups results by page: the best page first, its matching sections under it.
    best = page.locator(".md-search-result__item").first
    best.wait_for()
    links = [urlsplit(urljoin(page.url, a.get_attribute("href") or "")) for a in best.locator("a").all()]
    # search.highlight adds the query (?h=…) to each link
    sections = [link._replace(query="").geturl() for link in links if link.fragment]
    assert sections and sections[0] == _url(site_url, QUERIES[query]), sections


def test_trainer_notes_are_not_found(page: Page, site_url: str) -> None:
    module = next(m for m in PROJECT.modules.values() if m.trainer_notes)
    words = next(line for line in module.trainer_notes.splitlines() if len(line.split()) > 8).split()
    _search(page, site_url, " ".join(words[:6]))
    meta = page.locator(".md-search-result__meta")
    meta.wait_for()
    for link in page.locator(".md-search-result__item a.md-search-result__link").all():
        assert "/trainers/" not in (link.get_attribute("href") or "")
