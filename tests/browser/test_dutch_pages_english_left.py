"""The Dutch site's pages hold no English interface text: the check a reviewer does on screenshots,
made repeatable. Each page is opened in Chromium (scripts run: quiz, exam, progress and verify
pages write their text at run time), every visible text node outside an element marked with
another language (`lang="en"`: the source shown as a fallback, language names in the switcher) is
read, and English words that Dutch never uses are reported with their context. Screenshots of
each page are written beside the test's temporary folder for a person to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page

from academy.core.problems import Problems
from academy.core.project import load_project
from academy.i18n.languages import load_languages
from academy.i18n.localize import FALLBACK, localize
from academy.i18n.translations import discover, kinds
from support.browser import open_page
from support.harness import ROOT

#: English words with no Dutch homograph: one of them in Dutch text is interface text left untranslated.
#: Not here: the English words Dutch has taken in (workshop, trainer, check, download).
ENGLISH = {
    "the", "and", "your", "you", "with", "this", "that", "what", "will", "before", "after",
    "understanding", "minutes", "duration", "key", "points", "next", "previous",
    "answer", "answers", "submit", "question", "questions", "certificate",
    "progress", "verify", "try", "again", "right", "wrong", "not", "yet", "how", "which",
    "able", "learn", "guidelines", "language", "search", "choose",
    "loading", "could", "page", "pages", "done", "started", "from", "for", "are", "has",
}  # fmt: skip
#: Text nodes of the page, with the nearest `lang` of their ancestors; only what is rendered.
TEXTS = """() => {
  const out = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || !node.textContent.trim() || parent.closest("script, style, noscript, [hidden], code, pre")) continue;
    if (!parent.getClientRects().length && !parent.closest(".md-nav, .md-select")) continue;
    const marked = parent.closest("[lang]");
    out.push({ text: node.textContent.trim(), lang: marked ? marked.getAttribute("lang") : "" });
  }
  for (const el of document.querySelectorAll("[aria-label], [placeholder], [title]")) {
    if (el.closest("[hidden]")) continue;
    const marked = el.closest("[lang]");
    for (const attribute of ["aria-label", "placeholder", "title"]) {
      const value = el.getAttribute(attribute);
      if (value) out.push({ text: value, lang: marked ? marked.getAttribute("lang") : "", attribute });
    }
  }
  return out;
}"""
_WORD = re.compile(r"[A-Za-z]+(?:'[a-z]+)?")


def english_left(page: Page, untranslated: set[str]) -> list[str]:
    """Texts with English words, except the titles of content not yet translated (`untranslated`:
    the navigation and the catalogue name those pages as they are)."""
    found = []
    for item in page.evaluate(TEXTS):
        if item["lang"] and not item["lang"].startswith("nl"):
            continue
        if item["text"] in untranslated:
            continue
        words = {w.lower() for w in _WORD.findall(item["text"])}
        hits = sorted(words & ENGLISH)
        if hits:
            found.append(f"{', '.join(hits)}: {item['text'][:120]!r}" + (f" ({item['attribute']})" if "attribute" in item else ""))
    return found


@pytest.fixture(scope="module")
def untranslated() -> set[str]:
    """The titles of the modules, tracks and pages the Dutch site shows in English (no translation)."""
    project = load_project(ROOT)
    languages = load_languages(ROOT / project.layout.site_config / "site.yml", project.problems)
    layout = project.layout
    found = discover(ROOT, languages, Problems(ROOT), kinds(layout.content, layout.curriculum, layout.quizzes))
    dutch = localize(project, "nl", found)
    titles = {p.title for src, p in project.pages.items() if dutch.page_status(src) == FALLBACK}
    titles |= {m.title for m in project.modules.values() if dutch.page_status(m.src) == FALLBACK}
    titles |= {t.title for t in project.tracks.values() if dutch.page_status(t.src) == FALLBACK}
    return titles


@pytest.fixture(scope="module")
def dutch_pages() -> dict[str, str]:
    """The pages to check, in the academy whose site the tests build: its home, its first Dutch
    module, its exam page and the verify, progress and catalogue pages."""
    project = load_project(ROOT)
    languages = load_languages(ROOT / project.layout.site_config / "site.yml", project.problems)
    if "nl" not in languages.codes:
        pytest.skip("this academy has no Dutch site (site.yml languages:)")
    modules = sorted(p.stem.removesuffix(".nl") for p in (ROOT / project.layout.curriculum).rglob("*.nl.md"))
    if not modules:
        pytest.skip("this academy ships no Dutch module")
    module = project.modules[modules[0]]
    pages = {"home": "nl/", "module": f"nl/{module.src.removesuffix('.md')}/", "verify": "nl/verify/"}
    pages |= {"progress": "nl/progress/", "catalogue": "nl/workshops/"}
    track = project.tracks.get(module.track or "")
    if track is not None and track.certificate:
        pages["exam"] = f"nl/certificates/{track.certificate}/"
    return pages


@pytest.mark.parametrize("kind", ["home", "module", "verify", "progress", "catalogue", "exam"])
def test_a_dutch_page_shows_no_english_interface_text(
    page: Page,
    site_url: str,
    dutch_pages: dict[str, str],
    untranslated: set[str],
    kind: str,
    tmp_path_factory: pytest.TempPathFactory,
) -> None:
    if kind not in dutch_pages:
        pytest.skip(f"this academy's Dutch module has no {kind} page")
    open_page(page, site_url + dutch_pages[kind], instant=False)
    page.wait_for_load_state("networkidle")
    assert page.evaluate("document.documentElement.lang") == "nl"
    shots: Path = tmp_path_factory.getbasetemp() / "dutch-screenshots"
    shots.mkdir(exist_ok=True)
    page.screenshot(path=str(shots / f"{kind}.png"), full_page=True)
    assert english_left(page, untranslated) == [], f"English left on {dutch_pages[kind]} (screenshot: {shots / kind}.png)"
