"""The fixture site builds strictly with each engine installed, and both engines build the same site.

MkDocs runs from `.venv/`, ProperDocs from `.venv-properdocs/` (`ENGINE=properdocs make setup`);
whichever venv runs the tests, both are used when present, and under CI=true both must be.
"""

from __future__ import annotations

import gzip
import re
import shutil
from pathlib import Path

import pytest

from engine import ENGINES, executable
from support.harness import ROOT, installed, run

FIXTURE = ROOT / "tests" / "fixtures" / "mini"
#: What each engine writes into <meta name="generator">: the one line the two sites may differ in.
GENERATOR = {"mkdocs": "mkdocs-1.6.", "properdocs": "mkdocs-ProperDocs 1.6."}
_GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The fixture site built strictly by every installed engine, from its own copy of the project."""
    built = {}
    for engine in ENGINES:
        command = executable(engine)
        if command is None:  # the tests that need it skip, or fail under CI=true
            continue
        root = tmp_path_factory.mktemp(engine)
        project = shutil.copytree(FIXTURE, root / "project")
        result = run(command, "build", "--strict", "-f", project / "mkdocs.yml", "-d", root / "site", cwd=project)
        assert result.returncode == 0, f"{engine} build --strict failed:\n{result.stdout}\n{result.stderr}"
        built[engine] = root / "site"
    return built


@pytest.mark.parametrize("engine", ENGINES)
def test_the_fixture_site_builds_strictly(sites: dict[str, Path], engine: str) -> None:
    installed(engine)  # a skip (a failure under CI=true) when this engine is missing
    site = sites[engine]
    home = (site / "index.html").read_bytes()
    generator = _GENERATOR.search(home)
    assert generator is not None and GENERATOR[engine].encode() in generator.group(0), "built by this engine"
    for page in ("workshops/alpha/index.html", "search/search_index.json", "sitemap.xml"):
        assert (site / page).is_file(), page
    assert b'class="academy-quiz"' in (site / "workshops/alpha/index.html").read_bytes()


def test_both_engines_build_the_same_site(sites: dict[str, Path]) -> None:
    for engine in ENGINES:
        installed(engine)
    first, second = (sites[e] for e in ENGINES)
    files = sorted(p.relative_to(first) for p in first.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(second) for p in second.rglob("*") if p.is_file())
    different = [str(name) for name in files if _content(first / name) != _content(second / name)]
    assert different == [], "only the generator tag may differ"


def _content(path: Path) -> bytes:
    data = path.read_bytes()
    if path.suffix == ".gz":  # gzip stamps the time it ran
        data = gzip.decompress(data)
    return _GENERATOR.sub(b"", data) if path.suffix == ".html" else data
