"""The hub's name from site.yml (`hub_name:`) in the built site: the certificate pages, the practice
quiz notice and the assessment's own messages in Chromium, always as text, never as HTML."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page, expect

from support.browser import open_page
from support.harness import Server, build

NAME = "the comms & <b>care</b> team"


def _named(project: Path) -> None:
    settings = project / "site_config" / "site.yml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace("organisation: Mini Org\n", f'organisation: Mini Org\nhub_name: "{NAME}"\n'), "utf-8")


def test_the_hub_name_is_on_the_pages_escaped(mini_project: Path, tmp_path: Path) -> None:
    _named(mini_project)
    site = tmp_path / "site"
    built = build(mini_project, site)
    assert built.returncode == 0, built.stderr
    page = (site / "certificates/basics-certificate/index.html").read_text(encoding="utf-8")
    escaped = "the comms &amp; &lt;b&gt;care&lt;/b&gt; team"
    assert f'data-hub-name="{escaped}"' in page
    assert "<strong>The comms &amp; &lt;b&gt;care&lt;/b&gt; team scores your answers</strong>" in page
    assert f"that you send to {escaped}." in page
    assert f"Certification assessment scored by {escaped}:" in page
    assert "the hub" not in page.lower().replace("github", "")
    index = (site / "certificates/index.html").read_text(encoding="utf-8")
    assert f"scored by {escaped}, or by attending" in index
    module = (site / "workshops/alpha/index.html").read_text(encoding="utf-8")
    assert f"each certificate has its own assessment, scored by {escaped}." in module


def test_the_assessment_says_the_hub_name_as_text(mini_project: Path, tmp_path: Path, page: Page) -> None:
    _named(mini_project)
    site = tmp_path / "site"
    site.mkdir()
    server = Server(site)
    try:
        built = build(mini_project, site, url=server.url)
        assert built.returncode == 0, built.stderr
        open_page(page, server.url + "certificates/basics-certificate/", instant=False)
        exam = page.locator(".academy-exam")
        expect(exam).to_contain_text("The comms & <b>care</b> team sends the result to this address")
        assert exam.locator("b").count() == 0, "the name is never HTML"
    finally:
        server.close()


def test_the_default_is_the_hub(mini_project: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert build(mini_project, site).returncode == 0
    page = (site / "certificates/basics-certificate/index.html").read_text(encoding="utf-8")
    assert 'data-hub-name="the hub"' in page and "<strong>The hub scores your answers</strong>" in page
