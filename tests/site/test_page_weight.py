"""The academy's own JS and CSS on each page type stay within 30 KB gzip beyond Material."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from page_weight import BUDGET, measure, page_types
from support.harness import build
from support.sandboxkit import add_sandbox

PAGE_TYPES = page_types()


@pytest.mark.parametrize("name", PAGE_TYPES)
def test_academy_additions_within_budget(site_dir: Path, name: str) -> None:
    weight = measure(site_dir, PAGE_TYPES[name])
    assert "assets/academy/academy.js" in weight.academy, "the academy's assets are on the page"
    assert weight.material, "Material's own assets are counted apart"
    assert weight.academy_total <= BUDGET, f"{name}: {weight.academy_total} bytes gzip > {BUDGET}: {weight.academy}"


def test_scripts_loaded_later_are_counted(site_dir: Path) -> None:
    verify = measure(site_dir, PAGE_TYPES["verify"])
    assert "assets/academy/verifier.js" in verify.academy
    assert "assets/academy/verifier.js" not in measure(site_dir, PAGE_TYPES["guideline"]).academy


def test_quiz_script_and_style_within_15_kb(site_dir: Path) -> None:
    quiz = [p for p in (site_dir / "assets/academy").iterdir() if p.name.startswith("quiz.")]
    assert {p.suffix for p in quiz} == {".js", ".css"}
    assert sum(len(gzip.compress(p.read_bytes(), 9)) for p in quiz) <= 15 * 1024


def test_sandbox_loads_only_where_a_thread_or_the_sandbox_list_is(mini_project: Path, tmp_path: Path) -> None:
    # On the mini fixture with one thread, in alpha; beta has none (an academy may have none at all).
    add_sandbox(mini_project)
    (mini_project / "sandbox" / "second.yml").unlink()
    beta = mini_project / "curriculum" / "modules" / "beta.md"
    beta.write_text(beta.read_text(encoding="utf-8").replace("<!-- academy:thread second -->", ""), encoding="utf-8")
    site_dir = tmp_path / "site"
    built = build(mini_project, site_dir)
    assert built.returncode == 0, built.stdout + built.stderr
    practice, plain = measure(site_dir, "workshops/alpha/"), measure(site_dir, "workshops/beta/")
    assert {"assets/academy/sandbox.js", "assets/academy/sandbox.css"} <= set(practice.academy)
    assert "assets/academy/sandbox.js" in measure(site_dir, "sandbox/").academy
    assert "assets/academy/sandbox.js" not in plain.academy and "assets/academy/sandbox-loader.js" in plain.academy
    assert any(name.startswith("assets/academy/threads/") for name in practice.other), "the thread's data is counted"
    sandbox = [site_dir / "assets/academy" / name for name in ("sandbox.js", "sandbox.css")]
    assert sum(len(gzip.compress(p.read_bytes(), 9)) for p in sandbox) <= 12 * 1024
