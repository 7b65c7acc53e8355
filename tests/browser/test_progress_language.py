"""The progress page in the site's language: rounded scores, dates as the site's language writes them."""

from __future__ import annotations

import json
import shutil
import urllib.request
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from support.harness import ROOT, Server, build

PROGRESS = {"version": 1, "modules": {"alpha": {"completed": "2026-03-04T10:00:00Z", "score": 71.42857}}}
BETA_ATTEMPTS = {
    "answers": {},
    "history": [
        {"score": 2.857, "passed": False, "date": "2026-03-05T09:00:00Z", "hash": "x"},
        {"score": 42.5, "passed": False, "date": "2026-03-06T09:00:00Z", "hash": "x"},
    ],
}


@pytest.fixture(scope="module")
def german_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The mini project with `language: de`, built and served on loopback."""
    project = tmp_path_factory.mktemp("de") / "project"
    shutil.copytree(ROOT / "tests/fixtures/mini", project)
    site_yml = project / "site_config/site.yml"
    site_yml.write_text(site_yml.read_text() + "language: de\n")
    site = project.parent / "site"
    site.mkdir()
    server = Server(site)
    result = build(project, site, url=server.url)
    assert result.returncode == 0, result.stderr
    yield server.url
    server.close()


def test_progress_in_the_sites_language(page: Page, german_site: str) -> None:
    page.goto(german_site + "progress/")
    assert page.evaluate("document.documentElement.lang") == "de"
    page.evaluate(
        """([progress, beta]) => {
            localStorage.setItem("academy.progress.v1", progress);
            localStorage.setItem("academy.quiz.v1.beta", beta);
        }""",
        [json.dumps(PROGRESS), json.dumps(BETA_ATTEMPTS)],
    )
    page.reload()
    alpha = page.locator('.academy-progress-list [data-module="alpha"] [data-module-state]')
    expect(alpha).to_have_text("Done 4. März 2026 (71%)")
    beta = page.locator('.academy-progress-list [data-module="beta"] [data-module-state]')
    expect(beta).to_have_text("Attempted, not passed (best score 42%, last tried 6. März 2026)")
    page.goto(german_site + "workshops/alpha/")
    expect(page.locator("[data-progress-status]")).to_have_text("Completed on 4. März 2026 with 71%.")


def test_progress_page_template_names_each_modules_quiz(german_site: str) -> None:
    with urllib.request.urlopen(german_site + "progress/") as response:
        html = response.read().decode("utf-8")
    assert 'data-module="alpha" data-quiz="alpha"' in html


