"""The curriculum in Chromium: catalogue filters, progress marks, reset, export, import."""

from __future__ import annotations

import json
from pathlib import Path

from playwright.sync_api import Page, expect

from academy.core.project import load_project
from support.browser import follow, open_page

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT)
MODULES = PROJECT.ordered_modules()
FIRST = MODULES[0]
#: The mini fixture's two modules, for what needs more than one (an academy may start with one).
MINI = load_project(ROOT / "tests" / "fixtures" / "mini").ordered_modules()


def pass_quiz(page: Page, module_id: str, score: float = 100) -> None:
    """What the quiz script announces when a learner passes (its own tests cover the quiz itself)."""
    page.evaluate(
        """([module, score]) => document.dispatchEvent(new CustomEvent("academy:quiz-passed",
            {detail: {module, quiz: module, score, hash: "test"}}))""",
        [module_id, score],
    )


def visible_cards(page: Page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-catalogue] > [data-module]:not([hidden])", "cards => cards.map(c => c.dataset.module)"
    )


def all_shown(count: int) -> str:
    """The catalogue's count of workshops shown, in English: "1 workshop", "33 workshops"."""
    return f"{count} workshop" + ("" if count == 1 else "s")


def test_catalogue_filters(page: Page, site_url: str) -> None:
    page.goto(site_url + "workshops/")
    expect(page.locator("[data-catalogue-count]")).to_have_text(all_shown(len(MODULES)))
    track = next(iter(PROJECT.tracks.values()))
    page.select_option("select[name=track]", track.id)
    assert visible_cards(page) == track.modules
    page.select_option("select[name=level]", "advanced")
    expected = [m for m in track.modules if PROJECT.modules[m].level == "advanced"]
    assert visible_cards(page) == expected
    page.click("[data-catalogue-filters] button[type=reset]")
    expect(page.locator("[data-catalogue-count]")).to_have_text(all_shown(len(MODULES)))
    page.fill("input[name=q]", FIRST.title.lower())
    assert FIRST.id in visible_cards(page)
    page.fill("input[name=q]", "zzz-no-such-workshop")
    expect(page.locator("[data-catalogue-empty]")).to_be_visible()
    page.fill("input[name=q]", "")
    page.select_option("select[name=duration]", "0-45")
    assert visible_cards(page) == [m.id for m in MODULES if m.duration <= 45]
    assert "duration=0-45" in page.url, "filters are kept in the address to share"


def test_catalogue_filters_by_keyboard(page: Page, site_url: str) -> None:
    page.goto(site_url + "workshops/")
    page.focus("input[name=q]")
    page.keyboard.press("Tab")
    expect(page.locator("select[name=track]")).to_be_focused()
    page.keyboard.press("ArrowDown")  # Chromium changes a focused closed select with the arrow keys
    track = next(iter(PROJECT.tracks.values()))
    assert visible_cards(page) == track.modules


def test_catalogue_without_javascript_is_a_plain_list(chromium, site_url: str) -> None:
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "workshops/")
    expect(page.locator("form[data-catalogue-filters]")).to_be_hidden()
    assert page.locator("[data-catalogue] > [data-module] a").count() == len(MODULES)
    context.close()


def test_progress_marks_survive_instant_navigation_and_reload(page: Page, site_url: str) -> None:
    open_page(page, site_url + f"workshops/{FIRST.id}/")
    pass_quiz(page, FIRST.id, 90)
    expect(page.locator("[data-progress-status]")).to_contain_text("with 90%")
    nav_link = page.locator(f'.md-nav a.md-nav__link[href$="{FIRST.id}/"]').first
    expect(nav_link.locator(".academy-check")).to_have_count(1)
    # Instant navigation: the catalogue is swapped in without a reload.
    page.evaluate("window.__sameDocument = true")
    follow(page, page.locator(".md-tabs a", has_text="Workshops").first)
    assert page.url.endswith("/workshops/")
    assert page.evaluate("window.__sameDocument === true"), "navigation was instant"
    expect(page.locator(f'[data-catalogue] > [data-module="{FIRST.id}"]')).to_have_class("academy-card academy-done")
    page.reload()
    expect(page.locator(f'[data-catalogue] > [data-module="{FIRST.id}"]')).to_have_class("academy-card academy-done")
    page.goto(site_url + "progress/")
    item = page.locator(f'.academy-progress-list [data-module="{FIRST.id}"]')
    expect(item.locator("[data-module-state]")).to_contain_text("Done")
    track = PROJECT.track_of(FIRST)
    expect(page.locator(f'[data-track-progress="{track.id}"] [data-track-count]')).to_have_text(
        f"1 of {len(track.modules)} done"
    )


def test_progress_reset_export_and_import(page: Page, mini_site: tuple[Path, str], tmp_path: Path) -> None:
    site_url, MODULES = mini_site[1], MINI  # noqa: N806 (two passed modules: the mini fixture's)
    page.goto(site_url + "progress/")
    pass_quiz(page, MODULES[0].id, 100)
    pass_quiz(page, MODULES[1].id, 85)
    with page.expect_download() as download:
        page.click("[data-progress-export]")
    exported = tmp_path / "progress.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text())
    assert data["version"] == 1 and set(data["modules"]) == {MODULES[0].id, MODULES[1].id}
    assert data["modules"][MODULES[1].id]["score"] == 85

    page.once("dialog", lambda dialog: dialog.accept())
    page.click("[data-progress-reset]")
    expect(page.locator("[data-progress-message]")).to_have_text("Progress reset.")
    expect(page.locator(".academy-progress-list .academy-done")).to_have_count(0)

    page.set_input_files("[data-progress-import]", str(exported))
    expect(page.locator("[data-progress-message]")).to_have_text("Progress imported: 2 workshops.")
    expect(page.locator(".academy-progress-list li.academy-done")).to_have_count(2)

    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"version": 99, "modules": {}}))
    page.set_input_files("[data-progress-import]", str(bad))
    expect(page.locator("[data-progress-message]")).to_contain_text("not an academy progress export")
    expect(page.locator(".academy-progress-list li.academy-done")).to_have_count(2)


def test_corrupt_or_old_progress_is_ignored_not_fatal(page: Page, site_url: str) -> None:
    page.goto(site_url + "progress/")
    page.evaluate("localStorage.setItem('academy.progress.v1', '{not json')")
    page.reload()
    expect(page.locator(".academy-progress-list li.academy-done")).to_have_count(0)
    page.evaluate(
        "localStorage.setItem('academy.progress.v1', JSON.stringify({version: 1, modules: "
        "{'retired-module': {completed: '2025-01-01T00:00:00Z', score: 100}}}))"
    )
    pass_quiz(page, FIRST.id, 100)
    stored = json.loads(page.evaluate("localStorage.getItem('academy.progress.v1')"))
    assert set(stored["modules"]) == {"retired-module", FIRST.id}, "a module that left the curriculum is kept"


def test_phone_width_module_page(chromium, site_url: str) -> None:
    context = chromium.new_context(viewport={"width": 375, "height": 800}, is_mobile=True)
    page = context.new_page()
    page.goto(site_url + f"workshops/{FIRST.id}/")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    context.close()
