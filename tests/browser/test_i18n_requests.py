"""In Chromium, on the shipped site in each of its languages: a page view and instant navigation
request no file that does not exist. Material fetches `sitemap.xml` relative to every
`link[rel=alternate]` of a page (the root of a language site, as it reads them): per-page
alternates made it ask for /nl/workshops/sitemap.xml, /it/workshops/sitemap.xml... on every page
shown, a 404 for each other language."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page, Response

from academy.core.problems import Problems
from academy.core.project import load_project
from academy.i18n.languages import load_languages
from support.browser import follow, open_page

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT)
LANGUAGES = load_languages(ROOT / PROJECT.layout.site_config / "site.yml", Problems(ROOT))


#: Counts the page's requests in flight (Material reads sitemaps with XMLHttpRequest, pages with fetch).
PENDING = """(() => {
  window.__academyPending = 0;
  const done = () => { window.__academyPending -= 1; };
  const send = XMLHttpRequest.prototype.send;
  XMLHttpRequest.prototype.send = function (...args) {
    window.__academyPending += 1;
    this.addEventListener("loadend", done);
    return send.apply(this, args);
  };
  const fetch = window.fetch;
  window.fetch = function (...args) {
    window.__academyPending += 1;
    const answer = fetch.apply(this, args);
    answer.then(done, done);
    return answer;
  };
})();"""


def _switcher(page: Page) -> dict[str, str]:
    return page.evaluate(
        """() => Object.fromEntries([...document.querySelectorAll("a.md-select__link[hreflang]")]
             .map(a => [a.getAttribute("hreflang"), a.href]))"""
    )


@pytest.mark.parametrize("code", LANGUAGES.codes)
def test_no_request_for_a_missing_file_in_each_language(page: Page, site_url: str, code: str) -> None:
    failed: list[str] = []

    def record(response: Response) -> None:
        if response.status >= 400:
            failed.append(f"{response.status} {response.url}")

    page.on("response", record)
    page.context.add_init_script(PENDING)
    home = site_url if code == LANGUAGES.source else f"{site_url}{code}/"
    track = next(iter(PROJECT.tracks.values()))
    # A full load, then two clicks Material follows instantly (the document is kept).
    open_page(page, home + "workshops/")
    page.evaluate("() => { window.__academyStayed = true; }")
    follow(page, page.locator(".md-content a[href$='/tracks/']").first)
    assert page.url == home + "tracks/"
    follow(page, page.locator(f".md-content a[href$='/tracks/{track.id}/']").first)
    assert page.url == home + f"tracks/{track.id}/"
    assert page.evaluate("() => window.__academyStayed === true"), "a click was not an instant navigation"
    # The switcher still leads to this page in each language (a one-language site shows none).
    expected = {
        other: site_url + ("" if other == LANGUAGES.source else f"{other}/") + f"tracks/{track.id}/"
        for other in LANGUAGES.codes
        if len(LANGUAGES.codes) > 1
    }
    assert _switcher(page) == expected
    # Material fetches the sitemaps as each page is shown: wait until every request has an answer.
    page.wait_for_function("() => window.__academyPending === 0")
    assert failed == [], f"requests for missing files in the {code} site: {failed}"
