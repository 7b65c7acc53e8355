"""HTML written in a module or track title is shown as text on every page, never run."""

from __future__ import annotations

import json
from html.parser import HTMLParser
from pathlib import Path

from support.harness import academy_theme, build

MODULE_TITLE = '<script>alert("module")</script><img src=x onerror=alert(1)> & Co'
TRACK_TITLE = '</title><b id="track-bold">Track</b><script>alert("track")</script>'


class _Page(HTMLParser):
    """What a browser would make of the page: its elements, the <title> text, the JSON-LD."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.injected: list[str] = []
        self.title = ""
        self.jsonld: list[str] = []
        self.text = ""
        self._in: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "script" and values.get("type") == "application/ld+json":
            self._in = "jsonld"
            self.jsonld.append("")
        elif tag == "script" and "src" not in values:
            self._in = "script"
        elif tag == "title":
            self._in = "title"
        if any(name.startswith("on") for name in values) or values.get("id") == "track-bold":
            self.injected.append(f"<{tag} {values}>")

    def handle_endtag(self, tag: str) -> None:
        self._in = None

    def handle_data(self, data: str) -> None:
        self.text += data
        if self._in == "title":
            self.title += data
        elif self._in == "jsonld":
            self.jsonld[-1] += data
        elif self._in == "script" and "alert(" in data:
            self.injected.append(f"<script>{data}</script>")


def read(page: Path) -> _Page:
    parser = _Page()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def test_html_in_module_and_track_titles_is_text_everywhere(mini_project: Path, tmp_path: Path) -> None:
    # On the mini fixture (its module alpha in track basics), whatever content the academy ships.
    project = academy_theme(mini_project)  # the templates add the JSON-LD
    module = project / "curriculum/modules/alpha.md"
    module.write_text(module.read_text().replace('title: "Alpha: transparency"', f"title: {json.dumps(MODULE_TITLE)}"))
    track = project / "curriculum/tracks/basics.yml"
    text = track.read_text()
    start = text.index("\ntitle: ") + 1
    end = text.index("\n", start)
    track.write_text(text[:start] + f"title: {json.dumps(TRACK_TITLE)}" + text[end:])
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr

    pages = sorted(site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        parsed = read(page)
        assert parsed.injected == [], f"{page.relative_to(site)}: {parsed.injected}"

    module_page = read(site / "workshops/alpha/index.html")
    assert module_page.title.startswith(MODULE_TITLE + " - ")
    (data,) = [json.loads(block) for block in module_page.jsonld]
    assert data["name"] == MODULE_TITLE and data["isPartOf"]["name"] == TRACK_TITLE
    assert read(site / "tracks/basics/index.html").title.startswith(TRACK_TITLE + " - ")
    assert read(site / "trainers/alpha/index.html").title.startswith("Trainer edition: " + MODULE_TITLE)
    # Shown as text where a learner sees the titles: header, navigation, catalogue, map, tracks.
    for page in ("workshops/index.html", "tracks/index.html", "tracks/basics/index.html", "progress/index.html"):
        assert MODULE_TITLE in read(site / page).text, page
        assert TRACK_TITLE in read(site / page).text, page
