"""The verify page in the reader's language, for certificates issued in another (Chromium).

The bilingual mini academy (support.i18nkit) with a Dutch text of its certificate rule is made an
issuer; a learner's Dutch request is issued with `academy issue --requests` as the hub does, and the
site is built at the address it is served on. An English-speaking HR person checks the Dutch
credential on the English verify page: "Valid", the English title, and "issued in Dutch"; the QR
link of its PDF says the same. The Dutch verify page shows its strings in Dutch and the English
credential's Dutch title.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from academy.core.project import load_project
from academy.credentials.crypto.keys import KeyStore
from academy.credentials.issue.issuer import qr_link
from academy.i18n import strings
from support.certkit import academy, write_json
from support.harness import Server, build
from support.i18nkit import dutch_project, write_translation
from support.requestkit import genuine

RULE = "basics-certificate"
DUTCH_TITLE = "Gecertificeerde basiskennis"
CERTIFICATE_NL = f"""title: {DUTCH_TITLE}
description: Kan posten volgens de principes.
criteria: Haal beide quizzen met minstens 80 procent.
"""
RESULT = "[data-verify-result]:not([aria-busy]) [data-verdict]"


@dataclass
class Issued:
    url: str
    dutch: str  # the Dutch credential's JSON text
    english: str
    link: str  # the Dutch certificate's QR link


def issue(project: Path, request: dict, name: str) -> str:
    write_json(project / name, request)
    before = set((project / ".academy/issued").glob("*.json"))
    result = academy("issue", "--requests", name, cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    (new,) = set((project / ".academy/issued").glob("*.json")) - before
    return new.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def issued(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Issued]:
    folder = tmp_path_factory.mktemp("verify-languages")
    project = dutch_project(folder)
    write_translation(project, f"curriculum/certificates/{RULE}.yml", CERTIFICATE_NL)
    site = folder / "site"
    site.mkdir()
    server = Server(site)
    try:
        config = project / "site_config/site.yml"
        text = config.read_text(encoding="utf-8")
        config.write_text(re.sub(r"(?m)^url: .*$", f"url: {server.url}", text), encoding="utf-8")
        assert academy("keys", "generate", cwd=project).returncode == 0
        dutch = issue(project, genuine(project, certificate=RULE, name="Søren Ærøskøbing") | {"language": "nl"}, "nl.json")
        english = issue(project, genuine(project, certificate=RULE, email="hr@example.org"), "en.json")
        loaded = load_project(project)
        assert loaded.site is not None
        store = KeyStore(project, loaded.site.issuer.id)
        link, _ = qr_link(json.loads(dutch), loaded.site, store.private_key(store.active()))
        built = build(project, site, url=server.url)
        assert built.returncode == 0, built.stdout + built.stderr
        yield Issued(server.url, dutch, english, link)
    finally:
        server.close()


def check(page: Page, url: str, text: str) -> None:
    page.goto(url)
    page.fill("#academy-credential", text)
    page.locator("[data-verify-form] button[type=submit]").click()
    page.wait_for_selector(RESULT)


def test_the_english_page_verifies_a_dutch_certificate_and_names_it_in_english(page: Page, issued: Issued) -> None:
    assert json.loads(issued.dutch)["credentialSubject"]["achievement"]["inLanguage"] == "nl"
    check(page, issued.url + "verify/", issued.dutch)
    result = page.locator("[data-verify-result]")
    expect(result.locator("[data-verdict]")).to_have_attribute("data-verdict", "valid")
    expect(result.locator("h2")).to_have_text("Verdict: Valid")
    expect(result.locator('dd[data-field="Certificate"]')).to_have_text("Certified Basics")
    note = result.locator("[data-issued-in]")
    expect(note).to_have_text(f"Issued in Dutch, as “{DUTCH_TITLE}”.")
    expect(note.locator('[lang="nl"]')).to_have_text(DUTCH_TITLE)
    expect(result.locator('dd[data-field="Awarded to"]')).to_have_text("Søren Ærøskøbing")
    # The English certificate on the English page needs no note.
    check(page, issued.url + "verify/", issued.english)
    expect(page.locator("[data-verify-result] [data-verdict]")).to_have_attribute("data-verdict", "valid")
    expect(page.locator("[data-issued-in]")).to_have_count(0)


def test_the_qr_link_of_a_dutch_certificate_is_named_in_english_too(page: Page, issued: Issued) -> None:
    fragment = issued.link.partition("#")[2]
    page.goto(f"{issued.url}verify/#{fragment}")
    page.wait_for_selector(RESULT)
    result = page.locator("[data-verify-result]")
    expect(result.locator("[data-verdict]")).to_have_attribute("data-verdict", "valid")
    expect(result.locator('dd[data-field="Certificate"]')).to_have_text("Certified Basics")
    expect(result.locator("[data-issued-in]")).to_contain_text("Issued in Dutch")


def test_the_dutch_page_speaks_dutch(page: Page, issued: Issued) -> None:
    nl = strings.section("nl", "verify.script")
    page.goto(issued.url + "nl/verify/")
    assert page.evaluate("document.documentElement.lang") == "nl"
    expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape(strings.text("nl", "verify.page.title"))))
    expect(page.locator("label[for=academy-credential]")).to_have_text(strings.text("nl", "verify.page.label"))
    expect(page.locator("[data-verify-form] button[type=submit]")).to_have_text("Controleren")
    check(page, issued.url + "nl/verify/", issued.english)
    result = page.locator("[data-verify-result]")
    expect(result.locator("h2")).to_have_text(f"{nl['verdict.label']}{nl['verdict.valid']}")
    expect(result.locator(f'dd[data-field="{nl["fact.certificate"]}"]')).to_have_text(DUTCH_TITLE)
    expect(result.locator("[data-issued-in]")).to_have_text("Uitgegeven in het Engels, als “Certified Basics”.")
    outcomes = result.locator(".academy-verify-outcome").all_text_contents()
    assert outcomes and set(outcomes) <= {nl["outcome.pass"], nl["outcome.fail"], nl["outcome.skip"]}, outcomes
    groups = result.locator(".academy-verify-step > strong").all_text_contents()
    assert groups == [nl[f"group.{g}"] for g in ("format", "signature", "issuer", "dates", "status")]
    text = result.text_content() or ""
    for english in ("Verdict", "Awarded to", "Checks", "passed", "Checked the pasted text"):
        assert english not in text, english
    assert nl["source.pasted"] in text
    # Its own Dutch certificate: no note, the Dutch title.
    check(page, issued.url + "nl/verify/", issued.dutch)
    expect(page.locator("[data-issued-in]")).to_have_count(0)
    expect(page.locator(f'[data-verify-result] dd[data-field="{nl["fact.certificate"]}"]')).to_have_text(DUTCH_TITLE)


def test_only_the_verify_page_loads_its_strings(page: Page, issued: Issued) -> None:
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url) if request.url.endswith(".js") else None)
    page.goto(issued.url)
    page.wait_for_load_state("networkidle")
    assert not any(url.endswith("verify-strings.js") for url in scripts)
    page.goto(issued.url + "nl/verify/")
    page.wait_for_selector("[data-verify][data-verify-ready]")
    loaded = [url for url in scripts if url.endswith(("verify-strings.js", "verifier.js"))]
    assert loaded == [issued.url + "nl/assets/academy/verify-strings.js", issued.url + "nl/assets/academy/verifier.js"]


def test_the_dutch_page_is_not_announced_as_untranslated(page: Page, issued: Issued) -> None:
    page.goto(issued.url + "nl/verify/")
    expect(page.locator("[data-verify]")).to_have_count(1)
    expect(page.locator(".academy-i18n-notice")).to_have_count(0)
    assert page.locator('article [lang="en"]').count() == 0  # its text is not marked as English


def test_the_dutch_page_gives_the_reason_in_dutch_and_the_english_page_in_english(page: Page, issued: Issued) -> None:
    """A changed certificate: the technical reason (and each check's detail) in the reader's language,
    the English page word for word as `academy verify` says it."""
    forged = issued.dutch.replace("Søren Ærøskøbing", "Someone Else")
    assert forged != issued.dutch
    reasons = {}
    for language in ("nl", "en"):
        words = strings.section(language, "verify.script")
        inner = words["detail.signature_mismatch"]
        what = words["detail.what.certificate"]
        expected = words["detail.changed"].format(what=what, suite="eddsa-jcs-2022", reason=inner)
        check(page, issued.url + ("nl/" if language == "nl" else "") + "verify/", forged)
        result = page.locator("[data-verify-result]")
        expect(result.locator("[data-verdict]")).to_have_attribute("data-verdict", "tampered")
        expect(result.locator(".academy-verify-reason")).to_have_text(expected)
        expect(result.locator('[data-check="schema"]')).to_contain_text(words["detail.schema_ok"])
        assert result.locator('[lang="en"]').count() == 0, result.inner_html()
        reasons[language] = expected
    assert reasons["en"] == (
        "the certificate was changed after signing or signed by another key: its eddsa-jcs-2022 proof fails: "
        "the signature does not match"
    )
    assert reasons["nl"] != reasons["en"]
    # A valid certificate: every check's detail in Dutch too, the RDFC proof named as not checked.
    check(page, issued.url + "nl/verify/", issued.english)
    result = page.locator("[data-verify-result]")
    expect(result.locator("[data-verdict]")).to_have_attribute("data-verdict", "valid")
    # (only the English certificate's own title is marked as English)
    assert result.locator('.academy-verify-steps [lang="en"]').count() == 0, result.inner_html()
    nl = strings.section("nl", "verify.script")
    expect(result.locator('[data-check="proof"]')).to_contain_text(nl["detail.rdfc"].format(suite='cryptosuite "eddsa-rdfc-2022"'))
