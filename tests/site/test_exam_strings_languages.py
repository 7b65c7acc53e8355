"""The exam page and the practice sandbox speak the build's language: every interface string of
exam.js and sandbox.js comes from the strings files (sections exam.script, sandbox.script), served per
language as `<feature>-strings.js`; the server-side HTML (certificate pages, threads, the sandbox
page) and the loaders' fail messages come from the same files. Built from the shipped site."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bs4 import BeautifulSoup

from academy.i18n import strings
from support.harness import ROOT
from support.i18nkit import ships

PLUGINS = ROOT / "plugins" / "academy" / "plugins"
SCRIPTS = {"exam": PLUGINS / "exams" / "assets" / "exam.js", "sandbox": PLUGINS / "sandbox" / "assets" / "sandbox.js"}
#: A JS string literal (or a comment, to skip), as a tokenizer reads them.
_TOKEN = re.compile(r"""//[^\n]*|/\*.*?\*/|"(?:\\.|[^"\\\n])*"|'(?:\\.|[^'\\\n])*'|`(?:\\.|[^`\\])*`""", re.S)
#: Two words of letters in a row (class lists have hyphens and underscores), or one capitalised word.
_SENTENCE = re.compile(r"(?:^|\s)[A-Za-z]{2,}[,.:;!?…]?\s+[A-Za-z]{2,}[,.:;!?…]?(?=\s|$)")
_WORD = re.compile(r"[A-Z][a-z]+[.…:!?]?")
#: Literals that are code, not interface: the directive, a key name, an error that is caught and never shown.
NOT_INTERFACE = {'"use strict"', '"Enter"', '"unknown format"'}


def english_literals(source: str) -> list[str]:
    """The string literals of a script that read as English words a reader would see."""
    found = []
    for match in _TOKEN.finditer(source):
        token = match.group()
        if token.startswith(("//", "/*")) or token in NOT_INTERFACE:
            continue
        body = re.sub(r"\$\{[^}]*\}", " ", token[1:-1]).strip()
        if _SENTENCE.search(body) or _WORD.fullmatch(body):
            line = source.count("\n", 0, match.start()) + 1
            found.append(f"line {line}: {token[:100]}")
    return found


def test_the_detector_finds_english_left_in_a_script() -> None:
    """The check below can fail: the English the scripts held before they read the strings files."""
    sample = """const a = "Copy code"; b.textContent = `Not answered yet: ${list}`; c("Undo", "x y"); // Not this
    d("academy-quiz__question academy-exam__question"); e(t("copied"));"""
    assert english_literals(sample) == ['line 1: "Copy code"', "line 1: `Not answered yet: ${list}`", 'line 1: "Undo"']


def test_exam_js_and_sandbox_js_hold_no_english_sentences() -> None:
    left = {name: english_literals(path.read_text(encoding="utf-8")) for name, path in SCRIPTS.items()}
    assert left == {"exam": [], "sandbox": []}, "English interface text left in the scripts:\n" + "\n".join(
        f"{SCRIPTS[name].name} {item}" for name, items in left.items() for item in items
    )


def test_every_key_the_scripts_read_is_in_english() -> None:
    """A key the scripts ask for and the strings file lacks would show as the key itself."""
    for feature, path in SCRIPTS.items():
        source = path.read_text(encoding="utf-8")
        known = strings.section("en", f"{feature}.script")
        # Literal keys only (a key built at run time, "reaction." + kind, is checked by the browser tests).
        asked = set(re.findall(r"(?<![\w.])(?:t|tr)\(\s*\"([\w.]+)\"", source))
        plural = {k for k in re.findall(r"(?<![\w.])n\(\s*\"([\w.]+)\"", source) if not k.endswith(".")}
        assert asked and plural, path
        missing = sorted(k for k in asked if k not in known) + sorted(
            k for k in plural if f"{k}.one" not in known or f"{k}.other" not in known
        )
        assert not missing, f"{path.name} reads strings {feature}.script lacks: {missing}"


def _settings(script: Path) -> dict:
    """The settings a served copy of assets/i18n.js or the lazy loader ends with: `})({...});`."""
    text = script.read_text(encoding="utf-8").rstrip()
    return json.loads(text[text.rindex("})({") + 3 : -2])


def _different(code: str, prefix: str) -> float:
    """The share of the strings of `prefix` that `code` words differently from English."""
    english, other = strings.section("en", prefix), strings.section(code, prefix)
    return sum(other[k] != v for k, v in english.items()) / len(english)


@ships(languages=("nl", "it", "da"))
def test_each_language_site_serves_its_own_exam_and_sandbox_strings(site_dir: Path) -> None:
    for code in ("en", "nl", "it", "da"):
        assets = site_dir / ("" if code == "en" else code) / "assets" / "academy"
        for feature in ("exam", "sandbox"):
            served = _settings(assets / f"{feature}-strings.js")
            assert served["feature"] == feature and served["language"] == code
            assert served["strings"] == strings.section(code, f"{feature}.script")
            if code != "en":
                # Translated, not copied: a few strings may read the same (`Context:`, `{count} like`).
                assert _different(code, f"{feature}.script") > 0.85, (code, feature)
        exams = _settings(assets / "exams.js")
        assert exams["strings"] == "exam-strings.js"
        assert exams["fail"]["message"] == strings.text(code, "exam.script.load_failed")
        sandbox = _settings(assets / "sandbox-loader.js")
        assert sandbox["strings"] == "sandbox-strings.js"
        assert sandbox["fail"]["message"] == strings.text(code, "sandbox.script.load_failed")
    nl = _settings(site_dir / "nl" / "assets" / "academy" / "exam-strings.js")["strings"]
    assert nl["submit"] == "Insturen ter beoordeling" and nl["start"] == "Start het assessment"


def _page(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


@ships("curriculum/certificates/foundations-certificate.nl.yml")
def test_the_dutch_certificate_page_and_sandbox_are_dutch(site_dir: Path) -> None:
    english = _page(site_dir / "certificates" / "foundations-certificate" / "index.html")
    dutch = _page(site_dir / "nl" / "certificates" / "foundations-certificate" / "index.html")
    assert english.find("section", attrs={"data-exam": True})["data-language"] == "en"
    section = dutch.find("section", attrs={"data-exam": True})
    assert section["data-language"] == "nl" and section["aria-label"] == "Certificeringsassessment"
    assert section["data-hub-name"] == "het centrale team"
    headings = [h.get_text(" ", strip=True).removesuffix("¶").strip() for h in dutch.select("article h2")]
    assert headings[:4] == ["Wat het certificaat bevestigt", "Hoe je het haalt", "Modules die het omvat", "Maak het assessment"]
    facts = [dt.get_text() for dt in dutch.select(".academy-cert-facts dt")]
    assert facts[:3] == ["Criteria", "Geldigheid", "Beoordeling"]
    rules = dutch.find(id="assessment").find_next("ul").get_text(" ", strip=True)
    assert "Cesuur" in rules and "Het centrale team beoordeelt je antwoorden" in rules, rules
    assert "scores your answers" not in dutch.get_text() and "Pass mark" not in dutch.get_text()
    index = _page(site_dir / "nl" / "certificates" / "index.html")
    assert index.find("h1").get_text(strip=True).removesuffix("¶") == "Certificaten"
    assert "Certificeringsassessment, beoordeeld door het centrale team" in index.get_text()

    sandbox = _page(site_dir / "nl" / "sandbox" / "index.html")
    text = sandbox.find("article").get_text(" ", strip=True)
    assert "Oefen echte reacties" in text and "Nog niet geprobeerd" in text
    assert "Not tried yet" not in text and "Practise" not in text
    threads = list((site_dir / "nl").rglob("index.html"))
    thread = next(
        s for p in threads if "academy-thread" in p.read_text(encoding="utf-8")
        for s in _page(p).select("section.academy-thread")
    )
    assert thread.find(class_="academy-thread__title").get_text().startswith("Oefendiscussie: ")
    assert thread.find(class_="academy-thread__notice").get_text().startswith("Alleen om te oefenen")
    assert thread.find(class_="academy-thread__role").find("strong").get_text() == "Jouw rol:"
    assert re.search(r"geleden|zojuist", thread.find(class_="academy-thread__time")["aria-label"])
