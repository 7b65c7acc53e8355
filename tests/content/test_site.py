"""The shipped site, built strictly, checked on its real HTML."""

from __future__ import annotations

import json
from pathlib import Path
from urllib.parse import urljoin

import pytest
from bs4 import BeautifulSoup

from academy.core.project import load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT)


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


def search_docs(site: Path) -> list[dict]:
    return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]


def test_sources_are_valid() -> None:
    assert [str(p) for p in PROJECT.problems] == []


def test_brand_comes_from_site_config(site_dir: Path) -> None:
    home = soup(site_dir, "")
    assert PROJECT.site is not None
    assert home.title.string.endswith(PROJECT.site.name)
    assert home.select_one(".md-header__button.md-logo img")["src"].endswith("assets/brand/logo.svg")
    assert (site_dir / "assets/brand/logo.svg").is_file()
    assert PROJECT.site.colors["primary"] in (site_dir / "assets/brand/brand.css").read_text()


@pytest.mark.parametrize("module_id", sorted(PROJECT.modules))
def test_module_page(site_dir: Path, module_id: str) -> None:
    module = PROJECT.modules[module_id]
    page = soup(site_dir, f"workshops/{module_id}")
    for permalink in page.h1.select(".headerlink"):
        permalink.decompose()
    assert page.h1.get_text(strip=True) == module.title
    facts = page.select_one(".academy-facts").get_text(" ", strip=True)
    assert f"{module.duration} minutes" in facts and module.level.capitalize() in facts
    objectives = [li.get_text(" ", strip=True) for li in page.select(".admonition.objectives li")]
    assert len(objectives) == len(module.objectives)
    here = f"http://site/workshops/{module_id}/"
    links = {urljoin(here, a["href"]) for a in page.select(".academy-facts a")}
    for ref in module.teaches:
        page_id, anchor = ref.split("#")
        folder = "" if page_id == "index" else f"{page_id}/"
        assert f"http://site/guidelines/{folder}#{anchor}" in links, ref
    for prereq in module.prerequisites:
        assert f"http://site/workshops/{prereq}/" in links, prereq
    quiz = page.select_one("#quiz ~ [data-quiz]") or page.select_one("[data-quiz]")
    assert quiz is not None and quiz["data-quiz"] == module.quiz
    assert len(page.select(".admonition.exercise, details.exercise")) == len(module.exercises)
    assert page.select("details.answer"), "model answers are folded away"
    assert page.find(id="key-points")
    # Trainer notes never reach learners.
    assert not page.select(".admonition.trainer, details.trainer")
    assert "Trainer notes" not in page.get_text()
    # With a repo_url in site.yml, the edit link points to the file a trainer edits; without one, none.
    edit = page.select_one('a[title="Edit this page"]')
    assert PROJECT.site is not None
    if PROJECT.site.repo_url:
        branch = PROJECT.site.edit_branch
        assert edit is not None and edit["href"].endswith(f"/edit/{branch}/curriculum/modules/{module_id}.md")
    else:
        assert edit is None
    data = json.loads(page.find("script", type="application/ld+json").string)
    assert data["@type"] == "LearningResource" and data["name"] == module.title
    assert data["timeRequired"] == f"PT{module.duration}M" and data["educationalLevel"] == module.level
    assert data["teaches"] == module.objectives and data["isPartOf"]["name"] == PROJECT.tracks[module.track].title


def test_previous_and_next_stay_within_the_track(site_dir: Path) -> None:
    for track in PROJECT.tracks.values():
        first, last = track.modules[0], track.modules[-1]
        assert not soup(site_dir, f"workshops/{first}").select_one(".academy-prev")
        assert not soup(site_dir, f"workshops/{last}").select_one(".academy-next")
        if len(track.modules) > 1:
            nxt = soup(site_dir, f"workshops/{first}").select_one(".academy-next")
            assert nxt["href"].endswith(f"{track.modules[1]}/")


def test_trainer_edition(site_dir: Path) -> None:
    for module in PROJECT.modules.values():
        page = soup(site_dir, f"trainers/{module.id}")
        assert page.find("meta", attrs={"name": "robots"})["content"].startswith("noindex")
        rows = page.select("#schedule + table tbody tr")
        assert [r.find_all("td")[2].get_text(strip=True) for r in rows[:-1]] == [s.section for s in module.schedule]
        assert rows[-1].find_all("td")[1].get_text(strip=True) == str(module.duration)
        assert page.find(id="trainer-notes")
    hub = soup(site_dir, "trainers")
    assert len(hub.select("table tbody tr")) == len(PROJECT.modules)


def test_trainer_notes_are_not_in_search(site_dir: Path) -> None:
    docs = search_docs(site_dir)
    assert not [d["location"] for d in docs if d["location"].startswith("trainers/")]
    module = next(m for m in PROJECT.modules.values() if m.trainer_notes)
    sentence = next(line.strip() for line in module.trainer_notes.splitlines() if len(line.split()) > 8)
    assert not [d["location"] for d in docs if sentence[:60] in d["text"]]


def test_catalogue_lists_every_module_with_its_facets(site_dir: Path) -> None:
    page = soup(site_dir, "workshops")
    cards = page.select("[data-catalogue] > [data-module]")
    assert {c["data-module"] for c in cards} == set(PROJECT.modules)
    for card in cards:
        module = PROJECT.modules[card["data-module"]]
        assert (card["data-track"], card["data-level"], card["data-format"], card["data-duration"]) == (
            module.track,
            module.level,
            module.format,
            str(module.duration),
        )
        assert card.a["href"] == f"{module.id}/"
    assert page.select_one("form[data-catalogue-filters]").has_attr("hidden"), "filters appear only with JavaScript"


def test_track_pages(site_dir: Path) -> None:
    for track in PROJECT.tracks.values():
        page = soup(site_dir, f"tracks/{track.id}")
        listed = [li["data-module"] for li in page.select(".academy-track-list li")]
        assert listed == track.modules
        minutes = sum(PROJECT.modules[m].duration for m in track.modules)
        assert f"{minutes} minutes in all" in page.select_one(".academy-track-facts").get_text()
        if track.certificate:
            assert PROJECT.certificates[track.certificate].title in page.get_text()


def test_prerequisite_map_links_every_module(site_dir: Path) -> None:
    figure = soup(site_dir, "tracks").select_one("figure.academy-map")
    svg = figure.select_one("svg.academy-map-svg")
    # HTML links over the SVG's boxes: links inside SVG break Material's instant navigation.
    assert svg.select("a") == []
    nodes = {a["data-module"]: a["href"] for a in figure.select("a.academy-map-node")}
    assert nodes == {m: f"../workshops/{m}/" for m in PROJECT.modules}
    assert {g["data-module"] for g in svg.select("g.academy-map-box")} == set(PROJECT.modules)
    edges = sum(len([p for p in m.prerequisites if p in PROJECT.modules]) for m in PROJECT.modules.values())
    assert len(svg.select(".academy-map-edges path")) == edges


def test_progress_page_lists_tracks(site_dir: Path) -> None:
    page = soup(site_dir, "progress")
    for track in PROJECT.tracks.values():
        box = page.select_one(f'[data-track-progress="{track.id}"]')
        assert box["data-total"] == str(len(track.modules))


def test_navigation_has_a_section_per_track(site_dir: Path) -> None:
    page = soup(site_dir, f"workshops/{next(iter(PROJECT.modules))}")
    labels = [label.get_text(strip=True) for label in page.select(".md-nav__item--section > label, .md-nav__link")]
    for track in PROJECT.tracks.values():
        assert track.title in " ".join(labels)
