"""The shipped site in Chromium: instant navigation through the learning paths, no request leaving
the site, readable buttons, and an honest progress page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from academy.core.project import load_project
from support.browser import settle

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
    module = PROJECT.ordered_modules()[-1]  # the path's last module: a box far from the first
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
    # A page of the guide itself (content/guidelines/x.md is served at guidelines/x/).
    guide = next(
        p.src for p in PROJECT.pages.values() if p.src.startswith("guidelines/") and p.src != "guidelines/index.md"
    )
    paths = [
        "",
        guide.removesuffix(".md") + "/",
        "workshops/",
        f"workshops/{module.id}/",
        "tracks/",
        "progress/",
        "verify/",
        "trainers/",
    ]
    for path in paths:
        page.goto(site_url + path, wait_until="networkidle")
    # With a repo_url in site.yml the repository link is still there; without one there is none.
    assert PROJECT.site is not None
    expect(page.locator(".md-header .md-source")).to_have_count(1 if PROJECT.site.repo_url else 0)
    # Material asks the host's API for the repository's facts when it mounts a `source` component
    # (on the first page shown); none is mounted, and networkidle above saw every request made.
    expect(page.locator("[data-md-component=source]")).to_have_count(0)
    context.close()
    assert not errors, errors
    assert len(requests) > len(paths)
    outside = sorted({url for url in requests if not url.startswith(site_url) and not url.startswith("data:")})
    assert outside == [], f"requests that left the site: {outside}"


def _luminance(css: str) -> float:
    r, g, b = (int(float(v)) for v in re.findall(r"[\d.]+", css)[:3])
    linear = [(c / 255 / 12.92) if c / 255 <= 0.03928 else ((c / 255 + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def _colours(page: Page, selector: str) -> tuple[str, str]:
    return page.eval_on_selector(selector, "e => [getComputedStyle(e).color, getComputedStyle(e).backgroundColor]")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_buttons_and_links_on_hover_reach_aa_contrast(chromium, site_url: str, scheme: str) -> None:
    """White on the brand accent #e4572e is 3.68:1; a hovered button or link must reach 4.5:1."""
    context = chromium.new_context(color_scheme=scheme, reduced_motion="reduce")
    page = context.new_page()
    page.goto(site_url + "progress/")
    background = page.eval_on_selector("body", "e => getComputedStyle(e).backgroundColor")
    for selector in ("[data-progress-export]",):
        page.hover(selector)
        settle(page)  # Material fades the colours in over 125 ms
        colour, fill = _colours(page, selector)
        assert _contrast(colour, fill) >= 4.5, (scheme, selector, colour, fill)
    page.goto(site_url + "verify/")
    button = ".academy-verify-form .md-button--primary"
    colour, fill = _colours(page, button)
    assert _contrast(colour, fill) >= 4.5, (scheme, "primary button", colour, fill)
    page.hover(button)
    settle(page)
    hovered, hovered_fill = _colours(page, button)
    assert (hovered, hovered_fill) != (colour, fill), "the hover colours apply"
    assert _contrast(hovered, hovered_fill) >= 4.5, (scheme, "primary button on hover", hovered, hovered_fill)
    page.goto(site_url + "guidelines/")
    link = ".md-content p a:not(.md-button)"
    page.hover(link)
    settle(page)
    colour, _ = _colours(page, link)
    assert _contrast(colour, background) >= 4.5, (scheme, "link on hover", colour, background)
    context.close()


def test_a_failed_attempt_shows_on_the_progress_page(page: Page, site_url: str) -> None:
    module = PROJECT.ordered_modules()[0]
    page.goto(site_url + f"workshops/{module.id}/")
    page.locator(".academy-quiz button", has_text="Submit answers").click()  # nothing answered: 0%
    expect(page.locator(".academy-quiz__score")).to_have_text(re.compile(r"^Your score: \d+% — not passed yet"))
    page.locator(".academy-quiz__history summary").click()
    attempt = page.locator(".academy-quiz__history li").first
    expect(attempt).to_have_text(re.compile(r"^\w+ \d+, \d{4}(,| at) \d+:\d\d\s?[AP]M: \d+% — not passed$"))
    page.evaluate("window.__sameDocument = true")
    page.locator(".md-tabs a", has_text="My progress").first.click()
    expect(page).to_have_url(site_url + "progress/")
    assert page.evaluate("window.__sameDocument === true"), "reached by instant navigation"
    state = page.locator(f'.academy-progress-list [data-module="{module.id}"] [data-module-state]')
    expect(state).to_have_text(re.compile(r"^Attempted, not passed \(best score \d+%, last tried \w+ \d+, \d{4}\)"))
    for other in PROJECT.ordered_modules()[1:2]:  # an academy may start with a single module
        expect(page.locator(f'.academy-progress-list [data-module="{other.id}"] [data-module-state]')).to_have_text(
            "Not started"
        )
