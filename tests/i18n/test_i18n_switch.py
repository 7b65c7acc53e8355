"""In Chromium: the language switcher on a page goes to the same page in Dutch, and back; a Dutch
page without a translation says so in Dutch and links the English original."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from support.browser import open_page
from support.harness import served_build
from support.i18nkit import dutch_project


@pytest.fixture(scope="module")
def bilingual(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The bilingual mini academy, built at the address it is served on (instant navigation)."""
    folder = tmp_path_factory.mktemp("switch")
    with served_build(dutch_project(folder), folder / "site") as url:
        yield url


def _switch(page: Page, language: str) -> None:
    page.locator(".md-header__option .md-select").hover()
    page.locator(f'a.md-select__link[hreflang="{language}"]').click()


def test_switching_to_dutch_lands_on_the_same_page_in_dutch(page: Page, bilingual: str) -> None:
    open_page(page, bilingual + "guidelines/principles/")
    assert page.evaluate("document.documentElement.lang") == "en"
    _switch(page, "nl")
    page.wait_for_url(bilingual + "nl/guidelines/principles/")
    page.wait_for_function("document.documentElement.lang === 'nl'")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Principes\b"))
    expect(page.locator("#be-transparent")).to_contain_text("Wees transparant")
    # A page of its own site (a full load, not an instant swap): the search is the Dutch index.
    page.locator(".md-search__input").click()
    page.keyboard.type("transparant")
    expect(page.locator(".md-search-result__item").first).to_contain_text("Wees transparant")
    page.keyboard.press("Escape")
    _switch(page, "en")
    page.wait_for_url(bilingual + "guidelines/principles/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Principles\b"))


def test_a_module_and_its_quiz_in_dutch(page: Page, bilingual: str) -> None:
    open_page(page, bilingual + "workshops/alpha/")
    _switch(page, "nl")
    page.wait_for_url(bilingual + "nl/workshops/alpha/")
    expect(page.locator("h1")).to_have_text(re.compile(r"^Alpha: transparantie\b"))
    expect(page.locator(".academy-quiz")).to_contain_text("Wat zeg je eerst?")


def test_an_untranslated_page_says_so_in_dutch(page: Page, bilingual: str) -> None:
    open_page(page, bilingual + "nl/other/")
    notice = page.locator(".academy-i18n-notice")
    expect(notice).to_contain_text("nog niet in het Nederlands vertaald")
    notice.locator("a").click()
    page.wait_for_url(bilingual + "other/")
    assert page.evaluate("document.documentElement.lang") == "en"
    expect(page.locator(".academy-i18n-notice")).to_have_count(0)
