"""The verify page in Chromium, on a site built from a copy of tests/fixtures/mini made an issuer.

`support.verdicts.make_verdict_cases` writes the keys, status lists and one input per
verdict case; the same inputs go through `academy verify --site SITE --json` and through the page
(pasted, chosen, dropped, or opened as a QR link), which must give the CLI's verdict and the same
outcome for every step. Also: the W3C eddsa-jcs-2022 vector, names with markup and right-to-left
text shown as text, a keyboard-only pass, instant navigation, light and dark scheme, phone width
and an axe-core audit. Uses the shared `chromium` and `page` fixtures of tests/conftest.py (skip
without Chromium, failure under CI=true); the site is served on 127.0.0.1, a secure context, as
WebCrypto Ed25519 needs.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page

from academy.credentials.documents import ob3
from support.browser import follow, open_page
from support.harness import BIN, Server, build, run, serious_violations
from support.verdicts import VerdictCase, make_verdict_cases

ROOT = Path(__file__).resolve().parents[2]
VECTORS = ROOT.parent / "shared" / "conformance" / "vc-di-eddsa"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
LABELS = {
    "valid": "Valid",
    "revoked": "Revoked",
    "expired": "Expired",
    "not-yet-valid": "Not yet valid",
    "tampered": "Tampered",
    "unknown-issuer": "Issued by someone else",
    "unsupported-proof": "Uses a proof this verifier does not support",
    "not-a-certificate": "Not a certificate",
    "cannot-check": "Cannot check",
}
#: The page's five steps and the `academy verify` steps each stands for.
GROUPS = {
    "format": ["format", "schema"],
    "signature": ["proof", "signature"],
    "issuer": ["issuer", "key", "key validity"],
    "dates": ["dates"],
    "status": ["status"],
}
RESULT = "[data-verify-result]:not([aria-busy]) [data-verdict]"
READ_RESULT = """() => {
  const root = document.querySelector("[data-verify-result]");
  const verdict = root.querySelector("[data-verdict]");
  const facts = {};
  root.querySelectorAll("dd[data-field]").forEach((dd) => { facts[dd.dataset.field] = dd.textContent; });
  return {
    verdict: verdict.dataset.verdict,
    heading: root.querySelector("h2").textContent,
    facts,
    groups: Array.from(root.querySelectorAll("[data-step]"), (li) => [li.dataset.step, li.dataset.outcome,
      li.querySelector(".academy-verify-outcome").textContent]),
    checks: Array.from(root.querySelectorAll("[data-check]"), (li) => [li.dataset.check, li.dataset.ok === "true"]),
    focused: document.activeElement && document.activeElement.id,
  };
}"""


@dataclass
class Site:
    project: Path
    site: Path
    url: str
    cases: list[VerdictCase]
    #: `academy verify --site SITE --json` for each case, by case name.
    cli: dict[str, dict[str, Any]]

    def case(self, name: str) -> VerdictCase:
        return next(c for c in self.cases if c.name == name)

    def text(self, name: str) -> str:
        file = self.case(name).file
        assert file is not None
        return file.read_text(encoding="utf-8")

    def link(self, name: str) -> str:
        """The case's QR link, on the address this site is served at."""
        link = self.case(name).link
        assert link is not None
        return f"{self.url}verify/#{link.partition('#')[2]}"


@pytest.fixture(scope="module")
def verify_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    """The mini project as an issuer (keys, ledger, status lists, verdict cases), built and served."""
    base = tmp_path_factory.mktemp("verify")
    project, site = base / "project", base / "site"
    shutil.copytree(ROOT / "tests" / "fixtures" / "mini", project)
    site.mkdir()
    server = Server(site)
    try:
        cases = make_verdict_cases(project, site_url=server.url)
        result = build(project, site, url=server.url)
        assert result.returncode == 0, f"strict build failed:\n{result.stdout}\n{result.stderr}"
        inputs = [str(c.file) if c.file else str(c.link) for c in cases]
        verified = run(BIN / "academy", "verify", "--site", site, "--json", *inputs, cwd=project)
        reports = json.loads(verified.stdout)
        assert [r["verdict"] for r in reports] == [c.verdict for c in cases], verified.stderr
        yield Site(project, site, server.url, cases, {c.name: r for c, r in zip(cases, reports, strict=True)})
    finally:
        server.close()


def paste(page: Page, site: Site, text: str) -> dict[str, Any]:
    page.goto(site.url + "verify/")
    page.fill("#academy-credential", text)
    page.get_by_role("button", name="Verify").click()
    return read(page)


def open_link(page: Page, link: str) -> dict[str, Any]:
    page.goto("about:blank")
    page.goto(link)
    return read(page)


def read(page: Page) -> dict[str, Any]:
    page.wait_for_selector(RESULT)
    result: dict[str, Any] = page.evaluate(READ_RESULT)
    return result


def expected_groups(report: dict[str, Any]) -> list[tuple[str, str]]:
    """The page's five steps as the CLI's steps imply them (a QR summary has no schema or proof step)."""
    steps = [s for s in report["steps"] if s["ok"] is not None or s["detail"] == "not checked"]
    groups = []
    for group, names in GROUPS.items():
        mine = [s["ok"] for s in steps if s["step"] in names]
        outcome = "fail" if False in mine else "pass" if mine and all(mine) else "skip"
        groups.append((group, outcome))
    return groups


def choose(page: Page, site: Site, path: Path) -> dict[str, Any]:
    """Choose a file (a badge image, say) with the page's file input."""
    page.goto(site.url + "verify/")
    page.set_input_files("[data-verify-file]", str(path))
    return read(page)


def test_every_case_gets_the_verdict_and_steps_of_academy_verify(page: Page, verify_site: Site) -> None:
    wrong = []
    for case in verify_site.cases:
        if case.link:
            shown = open_link(page, verify_site.link(case.name))
        elif case.file is not None and case.file.suffix in {".png", ".svg"}:
            shown = choose(page, verify_site, case.file)
        else:
            shown = paste(page, verify_site, verify_site.text(case.name))
        report = verify_site.cli[case.name]
        checks = {s["step"]: s["ok"] for s in report["steps"] if s["ok"] is not None}
        groups = [(g, o) for g, o, _ in shown["groups"]]
        same_steps = case.page_verdict is not None or (
            dict(shown["checks"]) == checks and groups == expected_groups(report)
        )  # a case the page decides otherwise (RDFC alone) has its own steps
        if (
            shown["verdict"] != case.on_page
            or shown["heading"] != f"Verdict: {LABELS[case.on_page]}"
            or not same_steps
            or shown["focused"] != "academy-verdict"
        ):
            wrong.append(f"{case.name}: expected {case.on_page} {checks}\n    page {shown}")
        words = {"pass": "passed", "fail": "failed", "skip": "not checked"}
        assert all(text == words[outcome] for _, outcome, text in shown["groups"]), shown["groups"]
    assert not wrong, "\n".join(wrong)


def test_only_the_verify_page_loads_the_checker(page: Page, verify_site: Site) -> None:
    scripts: list[str] = []
    page.on("request", lambda request: scripts.append(request.url) if request.url.endswith(".js") else None)
    page.goto(verify_site.url)
    page.wait_for_load_state("networkidle")
    assert any(url.endswith("assets/academy/verify.js") for url in scripts)
    assert not any(url.endswith("verifier.js") for url in scripts)
    assert page.evaluate("typeof window.academyVerify") == "undefined"
    page.goto(verify_site.url + "verify/")
    page.wait_for_selector("[data-verify][data-verify-ready]")
    assert any(url.endswith("assets/academy/verifier.js") for url in scripts)


def test_a_checker_that_cannot_load_is_reported(page: Page, verify_site: Site) -> None:
    page.route("**/verifier.js", lambda route: route.abort())
    page.goto(verify_site.url + "verify/")
    message = page.locator("[data-verify-result]")
    message.get_by_text("could not be loaded").wait_for()
    assert "reload the page" in (message.text_content() or "")


def test_details_of_an_unsigned_certificate_are_marked_as_not_confirmed(page: Page, verify_site: Site) -> None:
    paste(page, verify_site, verify_site.text("tampered"))
    assert "Not confirmed" in (page.text_content("[data-verify-result]") or "")
    paste(page, verify_site, verify_site.text("revoked"))  # signed: its details are the issuer's
    assert "Not confirmed" not in (page.text_content("[data-verify-result]") or "")


def test_every_verdict_is_covered(verify_site: Site) -> None:
    assert {c.verdict for c in verify_site.cases} == set(LABELS)
    assert {c.on_page for c in verify_site.cases} == set(LABELS)


def test_a_valid_certificate_offers_linkedin_and_says_what_was_checked(page: Page, verify_site: Site) -> None:
    from urllib.parse import parse_qs, urlsplit

    shown = paste(page, verify_site, verify_site.text("valid"))
    assert shown["verdict"] == "valid"
    button = page.get_by_role("link", name="Add to LinkedIn profile")
    href = button.get_attribute("href") or ""
    assert button.get_attribute("rel") == "noopener noreferrer"
    fields = parse_qs(urlsplit(href).query)
    report = verify_site.cli["valid"]
    assert href.startswith("https://www.linkedin.com/profile/add?")
    assert fields["startTask"] == ["CERTIFICATION_NAME"] and fields["name"] == [report["achievement"]]
    assert fields["certId"] == [report["credential"]] and fields["organizationName"] == ["Mini Org"]
    assert fields["issueYear"] == [report["validFrom"][:4]] and fields["issueMonth"] == [str(int(report["validFrom"][5:7]))]
    assert fields["expirationYear"] == [report["validUntil"][:4]]
    text = page.text_content("[data-verify-result]") or ""
    assert "checks eddsa-jcs-2022" in text and "eddsa-rdfc-2022" in text and "academy verify --all-proofs checks it" in text
    paste(page, verify_site, verify_site.text("revoked"))
    assert page.get_by_role("link", name="Add to LinkedIn profile").count() == 0


def test_a_dropped_badge_image_is_checked_and_an_altered_one_is_tampered(page: Page, verify_site: Site) -> None:
    page.goto(verify_site.url + "verify/")
    for name, verdict in [("baked-svg", "valid"), ("baked-tampered-png", "tampered"), ("image-without-credential", "not-a-certificate")]:
        file = verify_site.case(name).file
        assert file is not None
        transfer = page.evaluate_handle(
            """([content, name]) => {
                const data = new DataTransfer();
                data.items.add(new File([new Uint8Array(content)], name, {type: "image/png"}));
                return data;
            }""",
            [list(file.read_bytes()), file.name],
        )
        page.dispatch_event("[data-verify-drop]", "drop", {"dataTransfer": transfer})
        page.wait_for_function(
            "(name) => document.querySelector('.academy-verify-source')?.textContent.includes(name)", arg=file.name
        )
        assert read(page)["verdict"] == verdict, name


def test_a_chosen_file_and_a_dropped_file_are_checked(page: Page, verify_site: Site, tmp_path: Path) -> None:
    page.goto(verify_site.url + "verify/")
    expired = verify_site.case("expired").file
    assert expired is not None
    page.set_input_files("[data-verify-file]", str(expired))
    assert read(page)["verdict"] == "expired"
    assert json.loads(page.input_value("#academy-credential")) == json.loads(expired.read_text(encoding="utf-8"))
    assert "the file expired.json" in page.text_content(".academy-verify-source")  # type: ignore[operator]

    def drop(content: str | list[int], name: str) -> dict[str, Any]:
        transfer = page.evaluate_handle(
            """([content, name]) => {
                const data = new DataTransfer();
                const bytes = typeof content === "string" ? content : new Uint8Array(content);
                data.items.add(new File([bytes], name, {type: "application/json"}));
                return data;
            }""",
            [content, name],
        )
        page.dispatch_event("[data-verify-drop]", "drop", {"dataTransfer": transfer})
        page.wait_for_function("() => !document.querySelector('[data-verify-result]').hasAttribute('aria-busy')")
        return read(page)

    assert drop(verify_site.text("revoked"), "revoked.json")["verdict"] == "revoked"
    with_bom = drop("\ufeff" + verify_site.text("valid"), "with-bom.json")  # read as `academy verify` reads files
    assert with_bom["verdict"] == "valid"
    unreadable = drop([0xFF, 0xFE, 0x00, 0x7B], "binary.json")
    assert unreadable["verdict"] == "cannot-check"
    assert unreadable["checks"] == [["format", False]]


def test_a_qr_link_opens_the_page_checked_and_a_new_link_is_checked_in_the_same_tab(
    page: Page, verify_site: Site
) -> None:
    shown = open_link(page, verify_site.link("link-valid"))
    assert shown["verdict"] == "valid"
    assert shown["focused"] == "academy-verdict"
    name = verify_site.cli["link-valid"]["name"]
    assert shown["facts"]["Awarded to"] == name
    assert shown["facts"]["Issuer"] == "Mini Org"  # from the published issuer profile
    assert page.input_value("#academy-credential") == ""  # the summary stays in the address, not in the form
    page.evaluate("window.sameDocument = true")
    fragment = verify_site.link("link-revoked").partition("#")[2]
    page.evaluate(f"location.hash = {json.dumps('#' + fragment)}")
    page.wait_for_function("() => document.querySelector('[data-verdict]')?.dataset.verdict === 'revoked'")
    assert page.evaluate("window.sameDocument") is True


def test_the_w3c_vector_verifies_in_chromium_and_gets_the_clis_verdict(page: Page, verify_site: Site) -> None:
    """signedJCS.json is a VC 2.0 AlumniCredential, not an Open Badges 3.0 credential: `academy verify`
    stops at its schema step (Tampered) before the issuer, and the page says the same. Its proof is
    checked on its own with the page's functions and Chromium's WebCrypto Ed25519."""
    signed_path = VECTORS / "eddsa-jcs-2022" / "signedJCS.json"
    if not signed_path.exists():
        pytest.skip(f"W3C vc-di-eddsa test vectors not found at {signed_path} (expected ../shared/conformance)")
    text = signed_path.read_text(encoding="utf-8")
    public = json.loads((VECTORS / "keyPair.json").read_text(encoding="utf-8"))["publicKeyMultibase"]
    cli = json.loads(
        run(
            BIN / "academy", "verify", "--site", verify_site.site, "--json", signed_path, cwd=verify_site.project
        ).stdout
    )[0]
    shown = paste(page, verify_site, text)
    assert shown["verdict"] == cli["verdict"] == "tampered"
    assert shown["checks"] == [["format", True], ["schema", False]]
    proof = """async ([text, key, change]) => {
        const doc = JSON.parse(text);
        if (change) doc.credentialSubject.alumniOf = "Another School";
        try {
            await academyVerify.verifyProof(doc, doc.proof, academyVerify.multikey(key));
            return "verified";
        } catch (e) {
            return e.message;
        }
    }"""
    assert page.evaluate(proof, [text, public, False]) == "verified"
    assert page.evaluate(proof, [text, public, True]) == "the signature does not match"


@pytest.mark.parametrize("name", ["valid-markup-name", "valid-rtl-name", "valid-hebrew-name", "link-rtl-name"])
def test_names_with_markup_or_right_to_left_text_are_shown_as_text(page: Page, verify_site: Site, name: str) -> None:
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    case = verify_site.case(name)
    if case.link:
        shown = open_link(page, verify_site.link(name))
        expected = verify_site.cli[name]["name"]
    else:
        shown = paste(page, verify_site, verify_site.text(name))
        expected = ob3.holder_name(json.loads(verify_site.text(name)))
    assert shown["verdict"] == "valid"
    assert shown["facts"]["Awarded to"] == expected
    result = page.locator("[data-verify-result]")
    assert result.locator("script, b, img, iframe").count() == 0
    name_field = result.locator('dd[data-field="Awarded to"]')
    assert name_field.get_attribute("dir") == "auto"
    rtl = any("\u0590" <= c <= "\u08ff" for c in expected)
    assert name_field.evaluate("dd => getComputedStyle(dd).direction") == ("rtl" if rtl else "ltr")
    assert not dialogs


def test_a_keyboard_only_pass(page: Page, verify_site: Site) -> None:
    page.goto(verify_site.url + "verify/")
    order = []
    for _ in range(80):
        page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.id || document.activeElement.tagName")
        order.append(focused)
        if focused == "academy-credential":
            break
    else:
        pytest.fail(f"Tab never reached the text box: {order}")
    page.keyboard.insert_text(verify_site.text("valid"))  # as a paste does
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.matches('[data-verify-file]')"), "the file input is next"
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent.trim()") == "Verify"
    page.keyboard.press("Enter")
    shown = read(page)
    assert shown["verdict"] == "valid"
    assert shown["focused"] == "academy-verdict"  # focus moves to the verdict, which the live region announces
    assert page.get_attribute("[data-verify-result]", "aria-live") == "polite"
    assert page.evaluate("getComputedStyle(document.activeElement).outlineStyle") != "none"


def test_instant_navigation_sets_the_page_up_once_per_visit(page: Page, verify_site: Site) -> None:
    profile_requests: list[str] = []
    page.on("request", lambda request: profile_requests.append(request.url) if "profile.json" in request.url else None)
    open_page(page, verify_site.url)  # and wait until Material follows links instantly
    page.evaluate("window.sameDocument = true")
    for visit in range(2):
        # Until the page is shown, not the address: Material changes that before it fetches the page.
        follow(page, page.locator(".md-nav__link[href$='verify/']").first)
        page.wait_for_selector("[data-verify][data-verify-ready]")
        page.fill("#academy-credential", verify_site.text("valid"))
        page.get_by_role("button", name="Verify").click()
        assert read(page)["verdict"] == "valid"
        assert len(profile_requests) == visit + 1, "one check per submit: the form was set up once"
        follow(page, page.locator(".md-nav__link[href$='progress/']").first)
        assert page.url.endswith("/progress/") and page.locator("[data-verify]").count() == 0
    assert page.evaluate("window.sameDocument") is True  # Material's instant navigation, no reload


CONTRAST = """(el) => {
  const rgb = (c) => c.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map((v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; })
    .reduce((s, v, i) => s + v * [0.2126, 0.7152, 0.0722][i], 0);
  let bg = el;
  while (bg && (getComputedStyle(bg).backgroundColor === "rgba(0, 0, 0, 0)" || getComputedStyle(bg).backgroundColor === "transparent")) bg = bg.parentElement;
  const [a, b] = [lum(rgb(getComputedStyle(el).color)), lum(rgb(bg ? getComputedStyle(bg).backgroundColor : "rgb(255,255,255)"))];
  return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
}"""


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_verdicts_are_readable_in_light_and_dark_scheme(chromium: Browser, verify_site: Site, scheme: str) -> None:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)  # type: ignore[arg-type]
    page = context.new_page()
    try:
        for name in ["valid", "tampered", "missing-status-list"]:
            shown = paste(page, verify_site, verify_site.text(name))
            assert page.get_attribute("body", "data-md-color-scheme") == ("slate" if scheme == "dark" else "default")
            heading = page.locator("[data-verdict] h2")
            assert heading.evaluate(CONTRAST) >= 4.5, (name, shown["verdict"])
            for selector in [".academy-verify-outcome", ".academy-verify-steps ul li", ".academy-verify-reason", "dd"]:
                for element in page.locator(f"[data-verify-result] {selector}").all():
                    assert element.evaluate(CONTRAST) >= 4.5, (name, selector, element.text_content())
            for mark in page.locator(".academy-verify-mark").all():
                assert mark.evaluate(CONTRAST) >= 3, (name, mark.text_content())
    finally:
        context.close()


def test_the_result_fits_a_phone_screen(chromium: Browser, verify_site: Site) -> None:
    context = chromium.new_context(viewport={"width": 360, "height": 740}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        for name in ["valid-markup-name", "missing-status-list", "unknown-issuer"]:
            paste(page, verify_site, verify_site.text(name))
            overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
            assert overflow <= 0, f"{name}: {overflow}px wider than the screen"
        open_link(page, verify_site.link("link-rtl-name"))
        assert page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    finally:
        context.close()


@pytest.mark.parametrize(
    "mode",
    [
        {"viewport": {"width": 1280, "height": 900}, "color_scheme": "light"},
        {"viewport": {"width": 1280, "height": 900}, "color_scheme": "dark"},
        {"viewport": {"width": 375, "height": 812}, "color_scheme": "light", "is_mobile": True},
    ],
    ids=["light", "dark", "phone"],
)
def test_no_serious_accessibility_violation_with_a_result(
    chromium: Browser, verify_site: Site, mode: dict[str, Any]
) -> None:
    if not AXE.exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail("axe-core is not installed: run make setup (needs npm)")
        pytest.skip("axe-core is not installed: run make setup (needs npm)")
    context = chromium.new_context(**mode)
    page = context.new_page()
    try:
        paste(page, verify_site, verify_site.text("expired"))
        page.mouse.move(0, 0)
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        # The page's own part: Material's header and footer in this bare test theme are audited on the
        # real site by tests/browser/test_accessibility.py.
        result = page.evaluate("async () => await axe.run('[data-verify]', {resultTypes: ['violations']})")
    finally:
        context.close()
    serious = serious_violations(result)
    assert not serious, "\n".join(serious)
