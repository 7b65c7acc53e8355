"""Page weight per page type of a built site (run by hand: `make bench`); prints a table, asserts nothing.

For each page type: the JS and CSS the academy adds beyond Material (gzip, counting scripts the
page loads later, such as the verify page's checker), Material's own JS and CSS, and the total
transfer of a first visit (HTML, scripts, stylesheets, images and the data the page fetches).
"practice" is a module page with a practice thread: the sandbox's script, style and thread data on top.
tests/site/test_page_weight.py holds the academy's share to its budget with the same measure.

    python bench/page_weight.py [SITE_DIR]     # default: build the shipped site into a temporary folder
"""

from __future__ import annotations

import gzip
import os
import subprocess
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin, urlparse

from bs4 import BeautifulSoup

import engine

ROOT = Path(__file__).resolve().parent.parent
BUDGET = 30 * 1024
#: Where the academy's own files are published (everything else under assets/ is Material's).
ACADEMY = ("assets/academy/", "assets/brand/")
#: Files that a loader fetches only on pages holding an element: loader -> (CSS selector, files).
LAZY = {
    "assets/academy/verify.js": ("[data-verify]", ("assets/academy/verify-strings.js", "assets/academy/verifier.js")),
    "assets/academy/sandbox-loader.js": (
        "[data-academy-thread], [data-sandbox-list]",
        ("assets/academy/sandbox.js", "assets/academy/sandbox.css"),
    ),
    "assets/academy/exams.js": ("[data-exam]", ("assets/academy/exam.js", "assets/academy/exam.css")),
    "assets/academy/quiz-loader.js": (
        ".academy-quiz[data-quiz]",
        ("assets/academy/quiz-strings.js", "assets/academy/quiz.js"),
    ),
}


@dataclass
class Weight:
    """The bytes (gzip) one page costs a first-time visitor, by origin."""

    academy: dict[str, int] = field(default_factory=dict)
    material: dict[str, int] = field(default_factory=dict)
    other: dict[str, int] = field(default_factory=dict)

    @property
    def academy_total(self) -> int:
        return sum(self.academy.values())

    @property
    def total(self) -> int:
        return self.academy_total + sum(self.material.values()) + sum(self.other.values())


def page_types(root: Path = ROOT) -> dict[str, str]:
    """One page of each type of the shipped site, by its path in the built site."""
    sys.path.insert(0, str(root / "plugins"))
    from academy.core.project import load_project
    from academy.routes import ROUTES, page_url

    project = load_project(root)
    first = project.ordered_modules()[0].id
    practice = next((t.module for t in project.threads.values() if t.module in project.modules), first)
    pages = {
        "home": "index.md",
        "guideline": ROUTES.guideline("principles"),
        "print": ROUTES.print,
        "catalogue": ROUTES.catalogue,
        "module": ROUTES.module(first),
        "practice": ROUTES.module(practice),
        "trainer": ROUTES.trainer(first),
        "track": ROUTES.track(next(iter(project.tracks))),
        "progress": ROUTES.progress,
        "verify": ROUTES.verify,
        "certificate": ROUTES.certificate(next(iter(project.certificates))),
        "sandbox": ROUTES.sandbox,
    }
    return {kind: page_url(src) for kind, src in pages.items()}


def measure(site: Path, path: str) -> Weight:
    """The weight of the page at `path` (a folder of the built site `site`)."""
    html_file = site / path / "index.html"
    html = BeautifulSoup(html_file.read_text(encoding="utf-8"), "html.parser")
    weight = Weight(other={"html": _gzip(html_file.read_bytes())})
    base = f"http://site/{path}"
    refs = [s.get("src") for s in html.find_all("script")]
    refs += [link.get("href") for link in html.find_all("link", rel="stylesheet")]
    refs += [img.get("src") for img in html.find_all("img")]
    refs += [node.get("data-key") for node in html.find_all(attrs={"data-key": True})]  # a quiz's answer key
    refs += [node.get("data-src") for node in html.find_all(attrs={"data-exam": True})]  # an exam's questions
    refs += [node.get("data-src") for node in html.find_all(attrs={"data-academy-thread": True})]  # a thread's data
    for ref in filter(None, refs):
        url = urlparse(urljoin(base, ref))
        local = site / url.path.lstrip("/")
        if url.netloc != "site" or not local.is_file():
            continue
        _count(weight, site, local)
        selector, later = LAZY.get(url.path.lstrip("/"), (None, ()))
        if selector and html.select_one(selector):
            for name in later:
                _count(weight, site, site / name)
    return weight


def _count(weight: Weight, site: Path, file: Path) -> None:
    name = file.relative_to(site).as_posix()
    if name.startswith(ACADEMY) and file.suffix in {".js", ".css"}:
        weight.academy[name] = _gzip(file.read_bytes())
    elif name.startswith("assets/") and file.suffix in {".js", ".css"}:
        weight.material[name] = _gzip(file.read_bytes())
    else:
        weight.other[name] = _gzip(file.read_bytes())


def _gzip(data: bytes) -> int:
    return len(gzip.compress(data, 9))


def main() -> None:
    with tempfile.TemporaryDirectory() as temp:
        site = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(temp) / "site"
        if len(sys.argv) == 1:
            command = [engine.command(), "build", "--quiet", "-f", ROOT / "mkdocs.yml", "-d", site]
            subprocess.run(command, cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
        print(f"{'page type':<10} {'academy JS+CSS':>15} {'Material JS+CSS':>16} {'total transfer':>15}  (KB gzip)")
        for name, path in page_types().items():
            weight = measure(site, path)
            material = sum(weight.material.values())
            print(
                f"{name:<10} {weight.academy_total / 1024:>15.1f} {material / 1024:>16.1f} {weight.total / 1024:>15.1f}"
            )
        print(f"budget for the academy's JS and CSS on any page: {BUDGET / 1024:.0f} KB gzip")


if __name__ == "__main__":
    main()
