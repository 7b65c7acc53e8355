"""Waiting in Chromium on what a page did, never on the clock.

Material's instant navigation has two moments a test can miss under load:

* it follows links only once it has read `sitemap.xml`, which it fetches after the page loaded:
  a click before that is an ordinary full page load;
* on a click it pushes the new address *first*, then fetches the page and swaps it in, then emits
  `document$` (which page scripts hook): waiting for the address returns while the old page is
  still shown, so the next step acts on the page being left.

`PROBE` (installed in every context by tests/conftest.py's `page` fixture; `watch(context)` for
a context of a test's own) counts both moments; `open_page` and `follow` wait on them.
"""

from __future__ import annotations

from playwright.sync_api import BrowserContext, Locator, Page

#: Runs before the page's own scripts. Material reads `sitemap.xml` with an XMLHttpRequest as a
#: Blob, then `blob.text()`; `__academyInstant` is set in a (message) task after that text is read: Material's
#: promise callback (registered after ours, on the same promise) has run by then, so its click
#: handler is armed. `__academyShown` counts `document$` emissions, after the page scripts' own
#: subscribers (subscribed earlier) have run.
PROBE = """(() => {
  const sitemaps = new WeakSet();
  // A task, as setTimeout would give, but one Playwright's fake clock (page.clock) does not hold.
  const later = (done) => { const channel = new MessageChannel(); channel.port1.onmessage = done; channel.port2.postMessage(null); };
  const open = XMLHttpRequest.prototype.open;
  XMLHttpRequest.prototype.open = function (method, url, ...rest) {
    if (new URL(url, location.href).pathname.endsWith("/sitemap.xml")) {
      this.addEventListener("load", () => { if (this.response instanceof Blob) sitemaps.add(this.response); });
    }
    return open.call(this, method, url, ...rest);
  };
  const text = Blob.prototype.text;
  Blob.prototype.text = function () {
    const body = text.call(this);
    if (sitemaps.has(this)) body.then(() => later(() => { window.__academyInstant = true; }), () => {});
    return body;
  };
  window.__academyShown = 0;
  document.addEventListener("DOMContentLoaded", () => {
    window.document$?.subscribe(() => { window.__academyShown += 1; });
  });
})();"""

def watch(context: BrowserContext) -> BrowserContext:
    """Install the probe in a context a test made itself (the `page` fixture's has it)."""
    context.add_init_script(PROBE)
    return context


def open_page(page: Page, url: str, *, instant: bool = True) -> None:
    """Load `url` and wait until Material has shown it and, if `instant`, follows links instantly."""
    page.goto(url)
    page.wait_for_function("() => window.__academyShown > 0")
    if instant:
        page.wait_for_function("() => window.__academyInstant === true")


def follow(page: Page, link: Locator | str) -> None:
    """Click a link Material follows instantly and wait until the new page is shown and set up.

    Not `wait_for_url`: Material changes the address before it fetches the page."""
    shown = page.evaluate("() => window.__academyShown")
    assert shown, "open the page with open_page() first: the probe has seen no page yet"
    (page.locator(link) if isinstance(link, str) else link).click()
    page.wait_for_function("n => window.__academyShown > n", arg=shown)


def settle(page: Page) -> None:
    """Wait until every CSS transition has finished (Material fades hover colours over 125 ms).

    `getAnimations()` flushes pending style changes first, so a transition a hover or a mouse
    move has just started is already listed."""
    page.evaluate(
        "() => Promise.all(document.getAnimations().filter((a) => a instanceof CSSTransition)"
        ".map((a) => a.finished.catch(() => null)))"
    )
