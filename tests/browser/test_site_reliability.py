"""The shipped site in Chromium: instant navigation through the learning paths, no request leaving
the site, readable buttons, and an honest progress page."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import Page, expect

from academy.core.project import load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT)


def test_learning_paths_by_click_keeps_instant_navigation_working(page: Page, site_url: str) -> None:
    """Opening /tracks/ by a click used to throw `Cannot set property href of #<SVGAElement>` in
    Material's instant navigation, after which every click only changed the address bar."""
    page.goto(site_url + "workshops/")
    page.evaluate("window.__sameDocument = true")  # gone after a full page load
    page.locator(".md-content a[href$='tracks/']").first.click()
    expect(page).to_have_url(site_url + "tracks/")
    expect(page.locator("h1")).to_contain_text("Learning paths")
    assert page.evaluate("window.__sameDocument === true"), "the page was swapped in by instant navigation"
    # A box of the map, then the navigation: both still go where they point, without a reload.
    module = PROJECT.ordered_modules()[3]
    page.locator(f'a.academy-map-node[data-module="{module.id}"]').click()
    expect(page).to_have_url(site_url + f"workshops/{module.id}/")
    expect(page.locator("h1")).to_contain_text(module.title)
    assert page.evaluate("window.__sameDocument === true")
    page.go_back()
    expect(page).to_have_url(site_url + "tracks/")
    expect(page.locator("h1")).to_contain_text("Learning paths")
    track = next(iter(PROJECT.tracks.values()))
    page.locator(f".md-content a[href$='tracks/{track.id}/']").first.click()
    expect(page).to_have_url(site_url + f"tracks/{track.id}/")
    expect(page.locator("h1")).to_contain_text(track.title)
    page.locator(".md-tabs a, .md-header a").filter(has_text=re.compile("^\\s*Home\\s*$")).first.click()
    expect(page).to_have_url(site_url)
    assert page.evaluate("window.__sameDocument === true")
    # The `page` fixture fails the test on any page error.


def test_map_boxes_are_links_over_the_drawing(page: Page, site_url: str) -> None:
    page.goto(site_url + "tracks/")
    assert page.locator("svg a").count() == 0
    for module in PROJECT.ordered_modules()[:5]:
        link = page.locator(f'a.academy-map-node[data-module="{module.id}"]').bounding_box()
        box = page.locator(f'g.academy-map-box[data-module="{module.id}"] rect').bounding_box()
        assert link and box
        for key in ("x", "y", "width", "height"):
            assert abs(link[key] - box[key]) <= 2, (module.id, key, link, box)


def test_no_request_leaves_the_site(chromium, site_url: str) -> None:
    """An intranet site must not call out: no fonts, no CDN, no repository API (`repo_facts` is off)."""
    assert site_url.startswith("http://127.0.0.1:")
    context = chromium.new_context()
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    module = PROJECT.ordered_modules()[0]
    paths = [
        "",
        "guidelines/listening/",
        "workshops/",
        f"workshops/{module.id}/",
        "tracks/",
        "progress/",
        "verify/",
        "trainers/",
    ]
    for path in paths:
        page.goto(site_url + path, wait_until="networkidle")
    expect(page.locator(".md-header .md-source")).to_have_count(1)  # the repository link is still there
    page.wait_for_timeout(1000)  # Material asks for the repository's facts shortly after the first load
    context.close()
    assert not errors, errors
    assert len(requests) > len(paths)
    outside = sorted({url for url in requests if not url.startswith(site_url) and not url.startswith("data:")})
    assert outside == [], f"requests that left the site: {outside}"
