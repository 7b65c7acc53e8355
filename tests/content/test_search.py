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


@pytest.mark.parametrize("query", QUERIES)
def test_a_guideline_term_finds_its_section_first(page: Page, site_url: str, query: str) -> None:
    _search(page, site_url, query)
    # Material groups results by page: the best page first, its matching sections under it.
    best = page.locator(".md-search-result__item").first
    best.wait_for()
    # Read every link in one step, so a re-render cannot detach them between reads.
    hrefs = best.evaluate("el => [...el.querySelectorAll('a')].map(a => a.getAttribute('href') || '')")
    links = [urlsplit(urljoin(page.url, href)) for href in hrefs]
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
