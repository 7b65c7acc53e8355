"""A bilingual academy built whole (English at the root, Dutch under /nl/), checked on its output:
`<html lang>`, `hreflang` alternates, the switcher, translated and fallback pages, per-language
search, quizzes that score the same, and the out-of-date notice after the English source changes."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from engine import ENGINES
from support.harness import build, installed, run
from support.i18nkit import dutch_project

URL = "https://academy.mini.example/"


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("bilingual")
    project = dutch_project(folder)
    result = build(project, folder / "site", url=URL)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return folder / "site"


def test_english_keeps_its_urls_and_dutch_lives_under_nl(site: Path) -> None:
    for path in ("", "guidelines/principles", "workshops/alpha", "other"):
        assert _page(site, path).html["lang"] == "en", path
        assert _page(site, f"nl/{path}".rstrip("/")).html["lang"] == "nl", path
    # Translation files are never pages of their own.
    published = [*site.rglob("*.nl"), *site.rglob("*.nl.md"), *site.rglob("*.nl.html")]
    assert published == [], "translation files were published as pages of their own"


def test_every_page_links_the_same_page_in_each_language(site: Path) -> None:
    for path in ("guidelines/principles/", "workshops/alpha/", "other/"):
        for prefix in ("", "nl/"):
            soup = _page(site, prefix + path)
            # Each language: the same page, its own language included.
            english, dutch = URL + path, URL + "nl/" + path
            alternates = {a["hreflang"]: a["href"] for a in soup.select('link[rel~="alternate"][hreflang]')}
            assert alternates == {"en": english, "nl": dutch}, prefix + path
            # Hidden from Material's exact-value `link[rel=alternate]` (it would fetch a sitemap below
            # each); BeautifulSoup splits rel into tokens, so this reads the HTML itself.
            html = (site / prefix / path / "index.html").read_text(encoding="utf-8")
            assert html.count('<link rel=" alternate" href=') == 2 and 'rel="alternate" href="' + URL not in html
            switcher = {a["hreflang"]: (a["href"], a.get_text(strip=True)) for a in soup.select("a.md-select__link")}
            assert switcher == {"en": (english, "English"), "nl": (dutch, "Nederlands")}


def test_translated_pages_show_the_translation_without_a_notice(site: Path) -> None:
    principles = _page(site, "nl/guidelines/principles")
    assert principles.h1.get_text(strip=True).startswith("Principes")
    assert principles.find(id="be-transparent").get_text(strip=True).startswith("Wees transparant")  # anchors kept
    assert principles.select(".academy-i18n-notice") == []
    assert "translation_of" not in principles.get_text()
    [edit] = [a["href"] for a in principles.select("a.md-content__button") if "edit" in a["href"]]
    assert edit.endswith("/guidelines/principles.nl.md")  # "edit this page" opens the translation
    module = _page(site, "nl/workshops/alpha")
    assert module.h1.get_text(strip=True).startswith("Alpha: transparantie")
    assert "Wat zeg je eerst?" in module.get_text() and "What do you say first?" not in module.get_text()
    assert module.select(".academy-i18n-notice") == []


def test_an_untranslated_page_falls_back_with_a_notice_in_dutch(site: Path) -> None:
    english = _page(site, "other")
    dutch = _page(site, "nl/other")
    assert english.select(".academy-i18n-notice") == []
    [notice] = dutch.select(".academy-i18n-notice")
    assert notice["lang"] == "nl" and notice["data-academy-i18n"] == "fallback"
    assert "nog niet in het Nederlands vertaald" in notice.get_text()
    assert notice.a["href"] == URL + "other/" and notice.a["hreflang"] == "en"
    assert english.h1.get_text(strip=True) == dutch.h1.get_text(strip=True)  # the English text itself
    assert dutch.select_one('[lang="en"]') is not None  # the English part is marked as English


def test_search_is_per_language_with_its_stemming(site: Path) -> None:
    english = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    dutch = json.loads((site / "nl/search/search_index.json").read_text(encoding="utf-8"))
    assert english["config"]["lang"] == ["en"] and dutch["config"]["lang"] == ["nl"]
    assert any("Wees transparant" in d["title"] for d in dutch["docs"])
    assert not any("Wees transparant" in d["title"] for d in english["docs"])


def test_a_quiz_scores_the_same_in_both_languages(site: Path) -> None:
    english = json.loads((site / "assets/academy/quizzes/alpha.json").read_text(encoding="utf-8"))
    dutch = json.loads((site / "nl/assets/academy/quizzes/alpha.json").read_text(encoding="utf-8"))
    assert dutch["title"] != english["title"]

    def scoring(key: dict) -> list:
        return [
            (q["id"], q["type"], q["hash"], q["points"], q.get("answer"), [o["correct"] for o in q.get("options", [])])
            for q in key["questions"]
        ]

    assert english["hash"] == dutch["hash"] and scoring(english) == scoring(dutch)


def test_a_changed_english_source_marks_the_translation_out_of_date(tmp_path: Path) -> None:
    project = dutch_project(tmp_path, git=True)
    source = project / "content/guidelines/principles.md"
    source.write_text(source.read_text().replace("Two principles", "Two short principles"))
    validate = run("academy", "validate", cwd=project)
    assert validate.returncode == 0, validate.stdout + validate.stderr  # a warning, not an error
    [warning] = [line for line in validate.stdout.splitlines() if "may be out of date" in line]
    assert warning.startswith("content/guidelines/principles.nl.md:3: warning:")
    assert '"Principles"' in warning and "source_sha:" in warning
    result = build(project, tmp_path / "site", url=URL)
    assert result.returncode == 0, result.stderr
    [notice] = _page(tmp_path / "site", "nl/guidelines/principles").select(".academy-i18n-notice")
    assert notice["data-academy-i18n"] == "outdated" and "mogelijk verouderd" in notice.get_text()
    assert _page(tmp_path / "site", "nl/guidelines/principles").h1.get_text(strip=True).startswith("Principes")
    # Marked current after the update: the notice goes.
    marked = run("academy", "translations", "--mark-current", "content/guidelines/principles.nl.md", cwd=project)
    assert marked.returncode == 0 and "marked current" in marked.stdout
    assert "may be out of date" not in run("academy", "validate", cwd=project).stdout


def test_the_coverage_report(tmp_path: Path) -> None:
    project = dutch_project(tmp_path)
    result = run("academy", "translations", "--missing", cwd=project)
    assert result.returncode == 0, result.stderr
    assert re.search(r"pages\s+2/\d+\s+translated", result.stdout)
    assert re.search(r"modules\s+1/2\s+translated \(50 %\), 0 out of date, 1 missing", result.stdout)
    assert "missing: curriculum/modules/beta.md" in result.stdout


@pytest.mark.parametrize("engine", ENGINES)
def test_each_engine_builds_the_dutch_site(tmp_path: Path, engine: str) -> None:
    command = installed(engine)
    project = dutch_project(tmp_path)
    result = run(command, "build", "--strict", "-f", project / "mkdocs.yml", "-d", tmp_path / "site", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _page(tmp_path / "site", "nl/workshops/alpha").html["lang"] == "nl"
