"""The generated pages in each language's build: a bilingual academy built whole into tmp_path.

The Dutch module, track, trainer and guide pages show Dutch interface text and Dutch nav labels
(the project's own, from site_config/strings/nl.yml), their anchors stay those of the English
pages; a key of that file overrides the product's string; the English pages keep their English
text; a nav label left untranslated is shown as it is and named by `academy validate`."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.harness import build, run
from support.navkit import LABELS_NL, OVERRIDE_NL, dutch_project_with_labels, line_of

URL = "https://academy.mini.example/"
UNTRANSLATED = "Pooled"


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def _facts(soup: BeautifulSoup) -> dict[str, str]:
    return {
        div.dt.get_text(strip=True): div.dd.get_text(" ", strip=True) for div in soup.select(".academy-facts > div")
    }


def _nav(soup: BeautifulSoup) -> list[str]:
    return [a.get_text(" ", strip=True) for a in soup.select(".md-nav--primary .md-nav__link")]


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("pages-languages")
    project = dutch_project_with_labels(folder, leave_out=(UNTRANSLATED,))
    result = build(project, folder / "site", url=URL)
    assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
    return project, folder / "site"


def test_the_dutch_module_page_shows_dutch_facts_headings_and_nav(built: tuple[Path, Path]) -> None:
    page = _page(built[1], "nl/workshops/alpha")
    assert _facts(page) == {
        "Duur": "30 minuten",
        "Niveau": "Beginner",
        "Vorm": "In je eigen tempo of live",
        "Leerlijn": "Basics",
        "Eerst doen": "Geen voorkennis nodig",
        "Richtlijnen in deze workshop": "Wees transparant",
    }
    assert page.select_one(".admonition.objectives .admonition-title").get_text(strip=True) == "Dit kun je straks"
    # The anchors other pages link to are the same in every language.
    assert page.find(id="quiz").get_text(strip=True).rstrip("¶") == "Test je kennis"
    # The project's own strings file overrides the product's "Kernpunten".
    assert page.find(id="key-points").get_text(strip=True).rstrip("¶") == OVERRIDE_NL
    around = page.select_one("nav.academy-prev-next")
    assert around["aria-label"] == "Vorige en volgende module in Basics"
    assert around.select_one(".academy-next span").get_text() == "Volgende in deze leerlijn"
    nav = _nav(page)
    for label in ("Start", "Richtlijnen", "Quizzen", "Alle soorten", "Overig", "Voortgang", "Over deze leerlijn"):
        assert label in nav, (label, nav)
    assert UNTRANSLATED in nav, "a label without a translation is shown as mkdocs.yml has it"
    for english in set(LABELS_NL) - {UNTRANSLATED, "Workshops", "Trainers"}:
        assert english not in nav, (english, nav)
    assert "About this track" not in nav


def test_the_english_module_page_stays_english(built: tuple[Path, Path]) -> None:
    page = _page(built[1], "workshops/alpha")
    assert _facts(page) == {
        "Duration": "30 minutes",
        "Level": "Beginner",
        "Format": "Self-paced or live",
        "Track": "Basics",
        "Before this": "No prerequisites",
        "Guidelines taught": "Be transparent",
    }
    assert page.find(id="quiz").get_text(strip=True).rstrip("¶") == "Check your understanding"
    assert page.find(id="key-points").get_text(strip=True).rstrip("¶") == "Key points"
    nav = _nav(page)
    assert {"Home", "Guidelines", "Quizzes", "Pooled", "About this track"} <= set(nav)
    assert not {"Start", "Richtlijnen", "Over deze leerlijn"} & set(nav)


def test_track_trainer_and_guide_pages_in_dutch(built: tuple[Path, Path]) -> None:
    site = built[1]
    track = _page(site, "nl/tracks/basics")
    assert track.select_one(".academy-track-facts").get_text(" ", strip=True).startswith("2 workshops · ")
    assert "minuten in totaal" in track.select_one(".academy-track-facts").get_text()
    assert track.find(id="workshops").get_text(strip=True).rstrip("¶") == "De workshops op volgorde"
    tracks = _page(site, "nl/tracks")
    assert tracks.h1.get_text(strip=True).rstrip("¶") == "Leerlijnen"
    # Made of Dutch interface strings: no "not translated yet" notice (the changelog's text is English).
    assert tracks.select(".academy-i18n-notice") == [] and _page(site, "nl/trainers").select(".academy-i18n-notice") == []
    assert _page(site, "nl/guidelines/changes").select_one(".academy-i18n-notice")["data-academy-i18n"] == "fallback"
    assert tracks.find(id="prerequisite-map") is not None
    trainer = _page(site, "nl/trainers/alpha")
    assert trainer.h1.get_text(strip=True).startswith("Trainerseditie: ")
    banner = trainer.select_one(".academy-trainer-banner")
    assert banner.a.get_text() == "pagina voor deelnemers" and banner.get_text().startswith("Voor trainers.")
    assert trainer.find(id="schedule").get_text(strip=True).rstrip("¶") == "Sessieschema"
    hub = _page(site, "nl/trainers")
    assert hub.h1.get_text(strip=True).rstrip("¶") == "Trainershub"
    assert "2 modules" in hub.get_text() and "minuten in totaal" in hub.get_text()
    # The guide: the version line, the "practise this" line and the generated pages, with Dutch dates.
    principles = _page(site, "nl/guidelines/principles")
    version = principles.select_one(".academy-guide-version").get_text(" ", strip=True)
    assert version.startswith("Versie 1.1 van 1 februari 2026"), version
    assert principles.select_one(".academy-taught-in").get_text().startswith("Oefen dit in een workshop:")
    changes = _page(site, "nl/guidelines/changes")
    assert changes.find(id="v1-1").get_text(strip=True).rstrip("¶") == "Versie 1.1, 1 februari 2026"
    assert changes.find(id="v1-0").get_text(strip=True).rstrip("¶") == "Versie 1.0, 1 januari 2025"
    printed = _page(site, "nl/guidelines/print")
    assert printed.select_one("[data-print]").get_text() == "Afdrukken of opslaan als pdf"
    english = _page(site, "guidelines/changes")
    assert english.find(id="v1-1").get_text(strip=True).rstrip("¶") == "Version 1.1, 1 February 2026"


def test_validate_names_an_untranslated_nav_label_at_its_line(built: tuple[Path, Path]) -> None:
    project = built[0]
    result = run("academy", "validate", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr  # a warning: the build shows the label as it is
    line = line_of(project / "mkdocs.yml", f"- {UNTRANSLATED}:")
    expected = f'mkdocs.yml:{line}: warning: nav label "{UNTRANSLATED}" has no Dutch translation'
    output = result.stdout + result.stderr
    assert expected in output, output
    assert 'add "Pooled: <Dutch label>" under nav: in site_config/strings/nl.yml' in output
    # The labels the file translates are not reported.
    assert 'nav label "Quizzes"' not in output


def test_an_unknown_key_in_the_project_strings_is_an_error_with_the_closest_key(built: tuple[Path, Path]) -> None:
    project = built[0]
    strings = project / "site_config" / "strings" / "nl.yml"
    original = strings.read_text(encoding="utf-8")
    strings.write_text(original + "track:\n  in_ordr: Op volgorde\n", encoding="utf-8")
    try:
        result = run("academy", "validate", cwd=project)
    finally:
        strings.write_text(original, encoding="utf-8")
    assert result.returncode == 1, result.stdout + result.stderr
    line = len(original.splitlines()) + 2  # the line of `in_ordr:`
    output = result.stdout + result.stderr
    assert f'site_config/strings/nl.yml:{line}: unknown interface string "track.in_ordr"' in output, output
    assert 'did you mean "track.in_order"?' in output


def test_an_adopters_templates_keep_working_and_can_use_the_strings(tmp_path: Path) -> None:
    project = dutch_project_with_labels(tmp_path)
    templates = project / "site_config" / "templates"
    templates.mkdir()
    # Written before the strings existed: English words, the names templates always had.
    (templates / "track.md.j2").write_text(
        "# {{ track.title }}\n\nOur own page: {{ modules | length }} workshops, "
        '{% for m in modules %}{{ formats[m.format] }} ({{ m.level | capitalize }}){% endfor %}, <a href="{{ link(modules[0].src) }}">start</a>.\n',
        encoding="utf-8",
    )
    # Written with them: the build's language, plural forms and the project's override.
    (templates / "trainers.md.j2").write_text(
        '# {{ t("trainer.hub.title") }}\n\n{{ tn("trainer.hub.modules", modules | length) }} · '
        '{{ t("module.key_points") }} · {{ language }}\n',
        encoding="utf-8",
    )
    result = build(project, tmp_path / "site", url=URL)
    assert result.returncode == 0, result.stdout + result.stderr
    site = tmp_path / "site"
    english, dutch = _page(site, "tracks/basics"), _page(site, "nl/tracks/basics")
    assert "Our own page: 2 workshops, Self-paced or live (Beginner)" in english.get_text()
    assert "Our own page: 2 workshops, In je eigen tempo of live (Beginner)" in dutch.get_text()
    assert english.select_one("article a[href='../../workshops/alpha/']") is not None
    assert "2 modules · Key points · en" in _page(site, "trainers").get_text()
    assert f"2 modules · {OVERRIDE_NL} · nl" in _page(site, "nl/trainers").get_text()
    assert _page(site, "nl/trainers").h1.get_text(strip=True).rstrip("¶") == "Trainershub"
