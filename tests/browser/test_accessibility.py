"""axe-core audit of every page type, in light and dark scheme and at phone width."""

from __future__ import annotations

from pathlib import Path

import pytest

from academy.core.project import load_project
from support.harness import serious_violations

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
PROJECT = load_project(ROOT)
FIRST_MODULE = PROJECT.ordered_modules()[0].id
FIRST_TRACK = next(iter(PROJECT.tracks))
PAGES = {
    "home": "",
    "guideline page": "guidelines/principles/",
    "print version": "guidelines/print/",
    "catalogue": "workshops/",
    "module": f"workshops/{FIRST_MODULE}/",
    "trainer edition": f"trainers/{FIRST_MODULE}/",
    "track": f"tracks/{FIRST_TRACK}/",
    "learning paths": "tracks/",
    "progress": "progress/",
    "verify": "verify/",
    "certificate": f"certificates/{next(iter(PROJECT.certificates))}/",
    "certificates": "certificates/",
}
MODES = {
    "light": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
    "dark": {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
    "phone": {"viewport": {"width": 375, "height": 812}, "color_scheme": "light", "is_mobile": True},
}


@pytest.fixture(scope="module")
def axe_source() -> str:
    if not AXE.exists():
        message = "axe-core is not installed: run make setup (needs npm)"
        import os

        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return AXE.read_text(encoding="utf-8")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violation(chromium, site_url: str, axe_source: str, name: str, mode: str) -> None:
    context = chromium.new_context(**MODES[mode])
    page = context.new_page()
    page.goto(site_url + PAGES[name])
    page.wait_for_load_state("networkidle")
    page.add_script_tag(content=axe_source)
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    context.close()
    serious = serious_violations(result)
    assert not serious, "\n".join(serious)
