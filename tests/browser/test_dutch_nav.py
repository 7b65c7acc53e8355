"""In Chromium: the Dutch site's navigation is Dutch (the project's labels and the track sections),
and the language switcher keeps pointing at the page being read through instant navigation
(Material swaps the content and the head, not the header the switcher is in)."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from support.browser import follow, open_page
from support.harness import served_build
from support.navkit import dutch_project_with_labels


@pytest.fixture(scope="module")
def dutch_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bilingual mini academy with Dutch nav labels, built at the address it is served on."""
    folder = tmp_path_factory.mktemp("dutch-nav")
    with served_build(dutch_project_with_labels(folder), folder / "site") as url:
        yield url


def _switcher(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("a.md-select__link[hreflang]")]
             .map(a => [a.getAttribute("hreflang"), a.href]))"""
    )


def _switch(page: Page, language: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'a.md-select__link[hreflang="{language}"]').click()


def _stay(page: Page) -> None:
    """Mark the document: the mark survives an instant navigation, not a full page load."""
    page.evaluate("() => { window.__academyStayed = true; }")


def test_the_dutch_navigation_is_dutch(page: Page, dutch_site: str) -> None:
    open_page(page, dutch_site + "nl/workshops/alpha/", instant=False)
    nav = page.locator(".md-nav--primary")
    for label in ("Start", "Richtlijnen", "Quizzen", "Alle soorten", "Voortgang", "Controleren", "Over deze leerlijn"):
        expect(nav.get_by_text(label, exact=True).first).to_be_attached()
    labels = nav.locator(".md-nav__link").all_inner_texts()
    for english in ("Home", "Guidelines", "Quizzes", "Progress", "About this track"):
        assert english not in [text.strip() for text in labels], (english, labels)
    expect(page.locator("#quiz")).to_contain_text("Test je kennis")


def test_the_switcher_follows_instant_navigation_in_each_language(page: Page, dutch_site: str) -> None:
    open_page(page, dutch_site + "guidelines/principles/")
    _stay(page)
    follow(page, page.locator(".academy-taught-in a").first)
    assert page.url == dutch_site + "workshops/alpha/"
    assert page.evaluate("() => window.__academyStayed === true"), "the click was not an instant navigation"
    assert _switcher(page) == {"en": dutch_site + "workshops/alpha/", "nl": dutch_site + "nl/workshops/alpha/"}
    _switch(page, "nl")
    page.wait_for_url(dutch_site + "nl/workshops/alpha/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Alpha: transparantie\b"))
    # A whole Dutch page (not Dutch content in the English page): its language and search.
    expect(page.locator("html")).to_have_attribute("lang", "nl")
    expect(page.locator(".md-search__input")).to_have_attribute("placeholder", "Zoeken")

    # The same in the Dutch site: from the module to the guideline it teaches, then back to English.
    open_page(page, dutch_site + "nl/workshops/alpha/")
    _stay(page)
    follow(page, page.locator(".academy-facts a[href*='principles']").first)
    assert page.url.startswith(dutch_site + "nl/guidelines/principles/")
    assert page.evaluate("() => window.__academyStayed === true"), "the click was not an instant navigation"
    assert _switcher(page) == {"en": dutch_site + "guidelines/principles/", "nl": dutch_site + "nl/guidelines/principles/"}
    _switch(page, "en")
    page.wait_for_url(re.compile(re.escape(dutch_site + "guidelines/principles/")))
    expect(page.locator("h1")).to_have_text(re.compile(r"^Principles\b"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator(".md-search__input")).to_have_attribute("placeholder", "Search")
