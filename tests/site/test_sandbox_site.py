"""The sandbox in a real build of the mini project: the thread in its module, its data, the page that
lists every thread by track, escaping of everything authors write, and a strict build that stops."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from support.harness import build

NASTY = '<img src=x onerror="alert(1)">'
THREAD = """\
# yaml-language-server: $schema=../plugins/academy/schemas/thread.schema.json
id: {id}
title: "{title}"
module: {module}
platform: threads
role:
  name: Northwind Help
  handle: "@NorthwindHelp"
  brief: "You answer as Sam. <b>Be kind</b>."
people:
  ann:
    name: '{nasty}'
    handle: "@ann<script>"
post:
  by: ann
  minutes: 125
  text: "<script>alert('post')</script> My Aura is offline & cold."
  reactions: {{like: 3, repost: 1}}
comments:
  - id: first
    by: ann
    minutes: 2
    text: Still waiting.
checks:
  - id: name
    label: Signs <i>with</i> your name
    include: [Sam]
    message: Sign as Sam.
  - id: apologise
    label: Apologises
    match: "sorry"
    message: Say sorry.
follow_ups:
  - replies:
      - by: ann
        text: Thanks.
rubric:
  - I signed.
model:
  reply: Sorry, Ann. –Sam
"""


def add_sandbox(project: Path) -> None:
    """The mini project with the sandbox plugin, its page in the nav and two threads."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("  - academy-certificates\n", "  - academy-certificates\n  - academy-sandbox\n")
    text = text.replace("  - Progress: progress.md\n", "  - Practice: sandbox/index.md\n  - Progress: progress.md\n")
    config.write_text(text, encoding="utf-8")
    (project / "sandbox").mkdir()
    for thread_id, module, title in (("offline", "alpha", "Aura <em>offline</em>"), ("second", "beta", "Second thread")):
        (project / "sandbox" / f"{thread_id}.yml").write_text(
            THREAD.format(id=thread_id, module=module, title=title, nasty=NASTY), encoding="utf-8"
        )
        path = project / "curriculum" / "modules" / f"{module}.md"
        path.write_text(path.read_text(encoding="utf-8") + f"\n<!-- academy:thread {thread_id} -->\n", encoding="utf-8")


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
