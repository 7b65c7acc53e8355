"""The sandbox in a real build of the mini project: the thread in its module, its data, the page that
lists every thread by track, escaping of everything authors write, and a strict build that stops."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.harness import build
from support.sandboxkit import NASTY, add_sandbox


@pytest.fixture
def sandbox_site(mini_project: Path, tmp_path: Path) -> Path:
    add_sandbox(mini_project)
    site = tmp_path / "site"
    result = build(mini_project, site)
    assert result.returncode == 0, result.stderr
    return site


def test_sandbox_page_lists_threads_by_track_with_links(sandbox_site: Path) -> None:
    html = BeautifulSoup((sandbox_site / "sandbox/index.html").read_text(encoding="utf-8"), "html.parser")
    heading = html.find("h2", id="basics")
    assert heading is not None and heading.get_text(strip=True).startswith("Basics")
    items = heading.find_next("ul", attrs={"data-sandbox-list": True}).find_all("li")
    assert [li["data-thread-item"] for li in items] == ["offline", "second"]  # track order: alpha, then beta
    link = items[0].find("a")
    assert link["href"] == "../workshops/alpha/#thread-offline"
    assert link.get_text() == "Aura <em>offline</em>"  # the title as text, not markup
    assert "Alpha: transparency" in items[0].get_text() and "Threads" in items[0].get_text()
    assert items[0].find(attrs={"data-thread-state": True}).get_text() == "Not tried yet"
    nav = [a.get_text(strip=True) for a in html.select(".md-nav a")]
    assert "Practice" in nav


def test_thread_in_its_module_with_data_and_lazy_assets(sandbox_site: Path) -> None:
    page = (sandbox_site / "workshops/alpha/index.html").read_text(encoding="utf-8")
    html = BeautifulSoup(page, "html.parser")
    section = html.find("section", attrs={"data-academy-thread": "offline"})
    assert section is not None and section["id"] == "thread-offline" and section["data-module"] == "alpha"
    assert "data-search-exclude" in section.attrs
    data_file = (sandbox_site / "workshops/alpha" / section["data-src"]).resolve()
    assert data_file == (sandbox_site / "assets/academy/threads/offline.json").resolve()
    data = json.loads(data_file.read_text(encoding="utf-8"))
    assert data["format"] == "academy-thread/1" and data["limit"] == 500
    assert data["people"]["ann"]["name"] == NASTY  # plain text: the script inserts it with textContent
    assert data["model"]["reply"] == "Sorry, Ann. –Sam"
    # The static feed: post and comment, with avatar initials, time and reactions.
    assert section.find(class_="academy-thread__message--post").find(class_="academy-thread__time")["aria-label"] == "2 hours ago"
    assert [li.get_text() for li in section.select(".academy-thread__reaction")] == ["3 likes", "1 repost"]
    assert "up to 500 characters" in section.get_text()
    # Only the small loader is on every page; the practice script and style are fetched on demand.
    scripts = [s.get("src", "") for s in html.find_all("script")]
    assert any(s.endswith("assets/academy/sandbox-loader.js") for s in scripts)
    assert not any(s.endswith("assets/academy/sandbox.js") for s in scripts)
    assert not any(link.get("href", "").endswith("sandbox.css") for link in html.find_all("link"))
    assert (sandbox_site / "assets/academy/sandbox.js").is_file() and (sandbox_site / "assets/academy/sandbox.css").is_file()


def test_author_text_is_escaped_everywhere(sandbox_site: Path) -> None:
    for path in ("workshops/alpha/index.html", "workshops/beta/index.html", "sandbox/index.html"):
        page = (sandbox_site / path).read_text(encoding="utf-8")
        assert "<img src=x" not in page and "<script>alert" not in page and "<em>offline" not in page, path
        assert "<b>Be kind" not in page and "<i>with" not in page and "@ann<script>" not in page, path
    alpha = (sandbox_site / "workshops/alpha/index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;" in alpha or "&lt;img src=x onerror=&quot;alert(1)&quot;&gt;" in alpha
    assert "&lt;script&gt;alert(&#x27;post&#x27;)&lt;/script&gt; My Aura is offline &amp; cold." in alpha
    # Initials come from words that start with a letter or digit: never a "<".
    avatar = BeautifulSoup(alpha, "html.parser").find(class_="academy-thread__avatar")
    assert avatar.get_text() == "SO" and avatar["aria-hidden"] == "true"


def test_thread_of_a_missing_module_stops_the_strict_build(mini_project: Path, tmp_path: Path) -> None:
    add_sandbox(mini_project)
    thread = mini_project / "sandbox" / "second.yml"
    thread.write_text(thread.read_text(encoding="utf-8").replace("module: beta", "module: gamma"), encoding="utf-8")
    result = build(mini_project, tmp_path / "site")
    assert result.returncode == 1
    assert 'sandbox/second.yml:4: module "gamma" does not exist — use an existing module id' in result.stderr
    assert 'curriculum/modules/beta.md' in result.stderr and 'belongs to module "gamma"' in result.stderr
