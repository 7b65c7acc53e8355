"""Practice threads in Chromium on a fixture site (the mini project with copies of four example
threads, tests/fixtures/threads/: any academy keeps these tests), using roles and labels only: replies that pass and
fail each kind of check, the follow-ups the rules choose, edit and delete (with the confirmation), hide,
undo and report, the live-region announcements and focus, the character limit, instant navigation in
and out with the sandbox page and the progress page, no request but the thread's data, axe in light,
dark and at 390 px, and screenshots at desktop and phone width.

Screenshots go to $ACADEMY_SCREENSHOTS when set (to look at them), else to the test's tmp_path.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect

from academy.core.project import Project, load_project
from support.browser import follow, open_page
from support.harness import ROOT, Server, build, serious_violations
from support.sandboxkit import thread_project

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CRISIS = "workshops/recognising-a-crisis/"
TROLL = "workshops/trolls-and-harassment/"
UNFINISHED = "workshops/sandbox-first-posts/"


#: Records every text the thread's live region ("Thread updates") announces, in order: announcements
#: follow each other faster than a test can look, so the test reads the record instead.
RECORDER = """
window.__announced = [];
new MutationObserver(() => {
  document.querySelectorAll('[role="status"][aria-label="Thread updates"]').forEach((el) => {
    const text = el.textContent;
    if (text && window.__announced[window.__announced.length - 1] !== text) window.__announced.push(text);
  });
}).observe(document, { subtree: true, childList: true, characterData: true });
"""


@pytest.fixture(scope="module")
def thread_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Project]]:
    """The fixture project with the threads, built strictly and served at its `site_url`."""
    root = tmp_path_factory.mktemp("threads")
    project = thread_project(root / "project")
    site = root / "site"
    site.mkdir()
    server = Server(site)
    result = build(project, site, url=server.url)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    yield server.url, load_project(project)
    server.close()


@pytest.fixture(scope="module")
def site_url(thread_site: tuple[str, Project]) -> str:
    """This module's site: the thread fixture's, not the academy's own (see the conftest)."""
    return thread_site[0]


@pytest.fixture(scope="module")
def threads(thread_site: tuple[str, Project]) -> dict:
    return thread_site[1].threads


@pytest.fixture(autouse=True)
def record_announcements(page: Page) -> None:
    page.add_init_script(RECORDER)


def announced(page: Page, expected: str | re.Pattern[str], timeout: float = 15000) -> None:
    """Wait until the live region announces `expected` (a whole text, or a pattern found in one) after
    the last announcement this test waited for: announcements come in the order the test lists them."""
    source = expected.pattern if isinstance(expected, re.Pattern) else "^" + re.escape(expected) + "$"
    try:
        page.wait_for_function(
            """src => {
              const all = window.__announced || [], from = window.__from || 0;
              const i = all.findIndex((t, k) => k >= from && new RegExp(src).test(t));
              if (i === -1) return false;
              window.__from = i + 1;
              return true;
            }""",
            arg=source,
            timeout=timeout,
        )
    except Exception as error:
        raise AssertionError(f"not announced: {expected!r}; announced: {page.evaluate('window.__announced')}") from error


def status(page: Page) -> Locator:
    return page.get_by_role("status", name="Thread updates")


def composer(page: Page, account: str = "Northwind Help (@NorthwindHelp)") -> Locator:
    return page.get_by_role("textbox", name=f"Your reply as {account}")


def feedback(page: Page) -> Locator:
    return page.get_by_role("region", name="Feedback on your reply")


def post(page: Page, text: str, account: str = "Northwind Help (@NorthwindHelp)") -> None:
    composer(page, account).fill(text)
    page.get_by_role("button", name="Post reply").click()


def shots() -> Path | None:
    folder = os.environ.get("ACADEMY_SCREENSHOTS")
    return Path(folder) if folder else None


def test_replies_that_fail_and_pass_each_kind_of_text_check(page: Page, site_url: str, threads: dict) -> None:
    fetches: list[str] = []
    page.on("request", lambda r: fetches.append(r.url) if r.resource_type in {"fetch", "xhr"} else None)
    page.goto(site_url + CRISIS)
    box = composer(page)
    expect(box).to_be_visible()
    page.wait_for_load_state("networkidle")
    loaded = len(fetches)
    box.fill("We will look into it.")
    expect(box).to_have_accessible_description("259 characters left")
    expect(page.get_by_role("status", name="Characters left")).to_have_text("259 characters left")
    page.get_by_role("button", name="Post reply").click()

    # include, match and min_length fail; exclude and no_match pass.
    announced(page, "Your reply is posted. 2 of 6 automatic checks passed.")
    results = feedback(page)
    for line in (
        "Not yet: Apologises for the experience",
        "Not yet: Signs with your name",
        "Not yet: Moves the personal details to a private channel",
        "Passed: Does not guess the cause in public",
        "Passed: Promises no repair date",
        "Not yet: Says enough to be useful",
    ):
        expect(results.get_by_role("listitem").filter(has_text=line)).to_have_count(1)
    expect(results).to_contain_text("No apology reads as a script")
    expect(page.get_by_role("article", name="Your reply")).to_be_focused()
    # The rule for a missing apology: the customer escalates, a neighbour piles on, the reply is disliked.
    announced(page, re.compile(r"^Marta Kowalczyk replied to you: No apology, no name"))
    announced(page, re.compile(r"^Dev Patel replied to you: This is how they treat everyone"))
    announced(page, "Your reply got 54 angry.")
    replies = page.get_by_role("list", name="Replies to your reply")
    expect(replies.get_by_role("article")).to_have_count(2)
    expect(page.get_by_role("article", name="Your reply")).to_contain_text("54 angry")
    expect(results.get_by_role("heading", name="Model reply")).to_be_visible()
    expect(results).to_contain_text("I'm so sorry: three days without heating")

    page.get_by_role("button", name="Try again").click()
    expect(composer(page)).to_be_focused()
    expect(page.get_by_role("article", name="Your reply")).to_have_count(0)
    announced(page, "The thread is back as it was. Write a new reply.")

    # exclude and no_match fail: a guessed cause and a promised date.
    post(page, "Sorry Marta, it's the firmware update and we'll have it fixed tomorrow. I've sent you a DM. –Sam")
    announced(page, "Your reply is posted. 4 of 6 automatic checks passed.")
    expect(feedback(page)).to_contain_text("Not yet: Does not guess the cause in public")
    expect(feedback(page)).to_contain_text("Not yet: Promises no repair date")
    expect(feedback(page)).to_contain_text("Attempt 2.")

    page.get_by_role("button", name="Try again").click()
    post(page, threads["breeze-outage-complaint"].model_reply)
    announced(page, "Your reply is posted. 6 of 6 automatic checks passed.")
    expect(feedback(page).get_by_text("Not yet:")).to_have_count(0)
    # The rule for a private channel without a guessed cause: the customer shares her details in a DM.
    dms = page.get_by_role("region", name="Direct messages to @NorthwindHelp")
    expect(dms).to_contain_text("Order NW-448120")
    announced(page, re.compile(r"^Your reply got 18 likes\.|^New direct message from Marta"))
    tick = feedback(page).get_by_role("checkbox", name="I said who I am and signed with my name.")
    tick.check()
    # Nothing left the browser while practising: three replies, follow-ups and a rubric, no request.
    assert fetches[loaded:] == []
    page.reload()
    expect(page.get_by_text("You have tried this thread before: see the model reply")).to_be_visible()
    # Nothing left the browser: the practice script fetched only the thread's data (the quiz on the same
    # page fetches its key, Material its search index and sitemap), all from the site itself.
    ours = [u for u in fetches if "/assets/academy/" in u and "/assets/academy/quizzes/" not in u]
    assert ours and all(u.endswith("/assets/academy/threads/breeze-outage-complaint.json") for u in ours), ours
    expect(feedback(page)).to_have_count(0)  # no feedback until a new reply


def test_hide_keep_and_length_checks_with_edit_undo_and_report(page: Page, site_url: str) -> None:
    page.goto(site_url + TROLL)
    account = "Northwind Home (@NorthwindHome)"
    expect(composer(page, account)).to_be_visible()
    page.get_by_role("button", name="Hide comment by Gaz Mitchell: \u201cand that Tomasz").click()
    undo_threat = page.get_by_role("button", name="Undo hiding the comment by Gaz Mitchell: \u201cand that Tomasz")
    expect(undo_threat).to_be_focused()
    announced(page, re.compile(r"^Comment by Gaz Mitchell hidden\. Only Gaz Mitchell"))
    expect(page.get_by_text("You hid this comment by Gaz Mitchell.")).to_have_count(1)
    page.get_by_role("button", name="Hide comment by Gaz Mitchell: \u201clol 2 taps").click()
    page.get_by_role("button", name="Report comment by Nadia Rahman").click()
    expect(page.get_by_role("button", name="Undo report of the comment by Nadia Rahman")).to_be_focused()
    expect(page.get_by_text("Reported: the platform will review it.")).to_be_visible()

    long = "Hi Gaz, I'm sorry the boiler repair has taken three weeks. " * 6 + "Send us a message."
    post(page, long, account)
    results = feedback(page)
    expect(results).to_contain_text("5 of 7 automatic checks passed")
    expect(results).to_contain_text("Not yet: Keeps it short")  # max_length
    expect(results).to_contain_text("Passed: Hides the comment that attacks Tomasz")  # hide
    expect(results).to_contain_text("Not yet: Leaves the criticism visible")  # keep
    expect(results).to_contain_text("We don't hide comments just because they are negative.")

    # Edit the posted reply: shorter now, and the checks follow.
    page.get_by_role("button", name="Edit your reply").click()
    editor = page.get_by_role("textbox", name="Edit your reply")
    expect(editor).to_be_focused()
    editor.fill("Hi Gaz, three weeks for a boiler repair is too long, sorry. Send us a message with your job reference. –Lea")
    page.get_by_role("button", name="Save your reply").click()
    announced(page, "Reply edited. 6 of 7 automatic checks passed.")
    mine = page.get_by_role("article", name="Your reply")
    expect(mine).to_contain_text("Edited")
    expect(mine).to_be_focused()
    # Undo hiding the criticism: every check passes, and the boiler complaint is back.
    page.get_by_role("button", name="Undo hiding the comment by Gaz Mitchell: \u201clol 2 taps").click()
    expect(page.get_by_role("button", name="Hide comment by Gaz Mitchell: \u201clol 2 taps")).to_be_focused()
    expect(results).to_contain_text("7 of 7 automatic checks passed")
    expect(page.get_by_role("list", name="Comments").first).to_contain_text("3 WEEKS to fix my boiler")
    # The rule for an answer with a private channel: Gaz calms down and sends his job reference.
    expect(page.get_by_role("region", name="Direct messages to @NorthwindHome")).to_contain_text("job ref 77120-B")


def test_half_finished_reply_deleted_and_redone(page: Page, site_url: str) -> None:
    page.goto(site_url + UNFINISHED)
    account = "Northwind Careers UK (@northwindcareers_uk)"
    unfinished = page.get_by_role("article", name="Your unfinished reply")
    expect(unfinished).to_contain_text("the deadline for the engineering apprentices")
    complete = "Hi Jonah, not too late! Applications close on 31 March: northwind.example/careers/apprenticeships –Amira"
    post(page, complete, account)
    announced(page, "Your reply is posted. 4 of 5 automatic checks passed.")
    expect(feedback(page)).to_contain_text("Not yet: Deletes the half-finished reply")  # delete_unfinished
    announced(page, re.compile(r"^Jonah Okafor replied to you: Thanks! Wait, the first reply got cut off"))

    # Delete, with a confirmation that can be cancelled.
    page.get_by_role("button", name="Delete your unfinished reply").click()
    dialog = page.get_by_role("dialog", name="Delete your unfinished reply? It disappears for everyone.")
    expect(dialog).to_be_visible()
    page.keyboard.press("Escape")  # the keyboard way out
    expect(dialog).to_be_hidden()
    expect(unfinished).to_have_count(1)
    expect(page.get_by_role("button", name="Delete your unfinished reply")).to_be_focused()
    page.get_by_role("button", name="Delete your unfinished reply").click()
    dialog.get_by_role("button", name="Cancel").click()
    expect(dialog).to_be_hidden()
    expect(page.get_by_role("button", name="Delete your unfinished reply")).to_be_focused()
    page.get_by_role("button", name="Delete your unfinished reply").click()
    dialog.get_by_role("button", name="Delete").click()
    expect(unfinished).to_have_count(0)
    announced(page, "Your unfinished reply is deleted.")
    expect(feedback(page)).to_contain_text("5 of 5 automatic checks passed")

    # Delete the posted reply too: the replies to it go with it, and the composer comes back.
    page.get_by_role("button", name="Delete your reply").click()
    page.get_by_role("dialog", name=re.compile("^Delete your reply\\?")).get_by_role("button", name="Delete").click()
    expect(page.get_by_role("article", name="Your reply")).to_have_count(0)
    expect(page.get_by_role("list", name="Replies to your reply")).to_have_count(0)
    expect(composer(page, account)).to_be_focused()
    announced(page, "Your reply is deleted, with the replies to it. You can write a new one.")
    post(page, complete, account)
    announced(page, "Your reply is posted. 5 of 5 automatic checks passed.")
    announced(page, re.compile(r"^Jonah Okafor replied to you: Perfect, thanks Amira"))


def test_limit_and_keyboard_only(page: Page, site_url: str) -> None:
    page.goto(site_url + CRISIS)
    box = composer(page)
    box.focus()
    page.keyboard.type("x" * 290)
    expect(box).to_have_accessible_description("10 characters too many")
    page.reload()  # the draft is kept in this browser
    expect(box).to_have_value("x" * 290)
    expect(box).to_have_accessible_description("10 characters too many")
    box.focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Post reply")).to_be_focused()
    page.keyboard.press("Enter")
    announced(page, "Your reply is 10 characters over the limit of 280. Shorten it to post.")
    expect(box).to_be_focused()
    expect(box).to_have_attribute("aria-invalid", "true")
    page.keyboard.press("Control+A")
    page.keyboard.type("I'm sorry, Marta. I've sent you a DM so we can book a technician visit securely. –Sam")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.get_by_role("article", name="Your reply")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Edit your reply")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("textbox", name="Edit your reply")).to_be_focused()
    page.keyboard.press("End")
    page.keyboard.type(" I'll update you here too.")
    page.keyboard.press("Tab")
    expect(page.get_by_role("button", name="Save your reply")).to_be_focused()
    page.keyboard.press("Enter")
    announced(page, "Reply edited. 6 of 6 automatic checks passed.")
    expect(page.get_by_role("article", name="Your reply")).to_contain_text("I'll update you here too.")


def test_instant_navigation_in_and_out_with_sandbox_and_progress_pages(
    page: Page, site_url: str, thread_site: tuple[str, Project]
) -> None:
    threads = thread_site[1].threads
    open_page(page, site_url + "sandbox/")
    items = page.locator("[data-thread-item]")
    expect(items).to_have_count(len(threads))
    for track in thread_site[1].tracks.values():
        expect(page.get_by_role("heading", name=re.compile("^" + re.escape(track.title)))).to_be_visible()
    expect(page.get_by_role("status")).to_have_text(f"You have tried 0 of {len(threads)} threads; all checks passed in 0.")
    page.evaluate("window.__sameDocument = true")
    follow(page, page.get_by_role("link", name="A journalist asks in public"))
    assert page.url.endswith("/workshops/routing-to-experts/#thread-journalist-question")
    assert page.evaluate("window.__sameDocument === true"), "navigation was instant"
    post(page, threads["journalist-question"].model_reply, "Northwind Group (@NorthwindGroup)")
    announced(page, "Your reply is posted. 5 of 5 automatic checks passed.")
    announced(page, "Hannah Greene replied to you: Thanks, emailed the press office.")

    follow(page, page.get_by_role("navigation", name="Tabs").get_by_role("link", name="Practice sandbox"))
    assert page.url.endswith("/sandbox/")
    assert page.evaluate("window.__sameDocument === true"), "navigation was instant"
    item = page.locator('[data-thread-item="journalist-question"]')
    expect(item).to_contain_text("Done: all 5 checks passed (1 attempt)")
    expect(page.get_by_role("status")).to_have_text(f"You have tried 1 of {len(threads)} threads; all checks passed in 1.")

    follow(page, page.get_by_role("navigation", name="Tabs").get_by_role("link", name="My progress"))
    assert page.url.endswith("/progress/")
    assert page.evaluate("window.__sameDocument === true"), "navigation was instant"
    state = page.locator('.academy-progress-list [data-module="routing-to-experts"] [data-module-state]')
    expect(state).to_have_text("Not started · practised in the sandbox")  # practice, never a completion

    page.go_back()
    page.go_back()
    page.wait_for_url("**/workshops/routing-to-experts/**")
    expect(page.get_by_text("You have tried this thread before: see the model reply")).to_be_visible()
    expect(composer(page, "Northwind Group (@NorthwindGroup)")).to_be_visible()
    assert page.evaluate("window.__sameDocument === true"), "navigation was instant"


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("axe-core is not installed: run make setup (needs npm)")
        pytest.skip("axe-core is not installed: run make setup (needs npm)")
    return AXE.read_text(encoding="utf-8")


MODES = {
    "light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "phone": {"viewport": {"width": 390, "height": 844}, "color_scheme": "light", "is_mobile": True},
}


@pytest.mark.parametrize("mode", MODES)
def test_no_serious_accessibility_violation_and_screenshots(
    chromium: Any, site_url: str, threads: dict, axe_source: str, mode: str, tmp_path: Path
) -> None:
    context = chromium.new_context(**MODES[mode])
    page = context.new_page()
    folder = shots() or tmp_path
    folder.mkdir(parents=True, exist_ok=True)

    def audit(where: str) -> None:
        page.add_script_tag(content=axe_source)
        result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        serious = serious_violations(result)
        assert not serious, f"{where} ({mode}):\n" + "\n".join(serious)

    page.goto(site_url + "sandbox/")
    audit("sandbox page")
    page.goto(site_url + TROLL)
    expect(composer(page, "Northwind Home (@NorthwindHome)")).to_be_visible()
    audit("thread before replying")
    page.get_by_role("button", name="Hide comment by Gaz Mitchell: \u201cand that Tomasz").click()
    post(page, threads["late-night-rude-comment"].model_reply, "Northwind Home (@NorthwindHome)")
    expect(page.get_by_role("region", name="Direct messages to @NorthwindHome")).to_contain_text("job ref")
    audit("thread after replying")
    wide = page.evaluate(
        "() => [...document.querySelectorAll('.academy-thread *')]"
        ".filter(e => e.getBoundingClientRect().right > window.innerWidth + 1).map(e => e.className)"
    )
    assert wide == [], f"wider than the screen: {wide}"
    page.add_style_tag(content=".md-header, .md-tabs { position: static !important; }")
    page.locator(".academy-thread").screenshot(path=str(folder / f"sandbox-thread-{mode}.png"))
    page.get_by_role("button", name="Delete your reply").click()
    audit("delete confirmation")
    page.screenshot(path=str(folder / f"sandbox-confirm-{mode}.png"))
    context.close()
