"""The academy's own JS and CSS on each page type stay within 30 KB gzip beyond Material."""

from __future__ import annotations

import gzip
from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from bs4 import BeautifulSoup

from academy.core.project import load_project

ROOT = Path(__file__).resolve().parents[2]
PROJECT = load_project(ROOT)
FIRST = PROJECT.ordered_modules()[0].id
PAGE_TYPES = {
    "home": "", "guideline": "guidelines/principles/", "print": "guidelines/print/", "catalogue": "workshops/",
    "module": f"workshops/{FIRST}/", "trainer": f"trainers/{FIRST}/", "track": f"tracks/{next(iter(PROJECT.tracks))}/",
    "progress": "progress/", "verify": "verify/",
}
BUDGET = 30 * 1024


def academy_assets(site: Path, path: str) -> dict[str, int]:
    """gzip size of each script and stylesheet of the page that the academy adds (not Material's)."""
    html = BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    base = f"http://site/{path}"
    refs = [s.get("src") for s in html.find_all("script")] + [
        link.get("href") for link in html.find_all("link", rel="stylesheet")
    ]
    sizes = {}
    for ref in filter(None, refs):
        local = urlparse(urljoin(base, ref)).path.lstrip("/")
        if local.startswith(("assets/academy/", "assets/brand/")):
            sizes[local] = len(gzip.compress((site / local).read_bytes(), 9))
    structured = html.find_all("script", type="application/ld+json")
    sizes["structured data"] = sum(len(gzip.compress((s.string or "").encode(), 9)) for s in structured)
    return sizes


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_academy_additions_within_budget(site_dir: Path, name: str) -> None:
    sizes = academy_assets(site_dir, PAGE_TYPES[name])
    assert any(key.startswith("assets/academy/") for key in sizes), "the academy's assets are on the page"
    total = sum(sizes.values())
    assert total <= BUDGET, f"{name}: {total} bytes gzip > {BUDGET}: {sizes}"


def test_quiz_script_and_style_within_15_kb(site_dir: Path) -> None:
    quiz = [p for p in (site_dir / "assets/academy").iterdir() if p.name.startswith("quiz.")]
    assert {p.suffix for p in quiz} == {".js", ".css"}
    assert sum(len(gzip.compress(p.read_bytes(), 9)) for p in quiz) <= 15 * 1024
