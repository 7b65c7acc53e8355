"""The quiz, progress, catalogue and video words of the shipped site in each of its languages.

On the site built whole (English at the root, nl/it/da below it): each language's quiz-strings.js and
academy-strings.js carry that language's strings, the quiz loader says in it when loading fails, the
server-rendered quiz, progress and catalogue pages are in it; and the page scripts hold no English
sentence of their own any more (every word they show comes from a strings file).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from academy.i18n import strings
from support.harness import ROOT
from support.i18nkit import ships

ASSETS = ROOT / "plugins/academy/plugins"
SCRIPTS = [ASSETS / "quiz/assets/quiz.js", ASSETS / "curriculum/assets/academy.js", ASSETS / "video/assets/video.js"]
MODULE = "workshops/transparency-and-disclosure"
LANGUAGES = ("nl", "it", "da")
#: A few words of each language where the English text has "Check answer", "Pass mark", ...
EXPECTED = {
    "nl": ("Controleer antwoord", "Voldoende vanaf 80%.", "Mijn voortgang", "Alle leerlijnen"),
    "it": ("Verifica la risposta", "Soglia di superamento: 80%.", "I miei progressi", "Tutti i percorsi"),
    "da": ("Tjek svar", "Beståelsesgrænse: 80 %.", "Mine fremskridt", "Alle forløb"),
}


def _settings(script: str) -> Iterator[dict]:
    """The settings each copy of assets/i18n.js (or the loader) in `script` ends with: `})({...});`."""
    for match in re.finditer(r"\}\)\((\{.*?\})\);\n", script):
        yield json.loads(match.group(1))


def _page(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path / "index.html").read_text(encoding="utf-8"), "html.parser")


@ships(languages=("nl", "it", "da"))
@pytest.mark.parametrize("code", ["en", *LANGUAGES])
def test_each_languages_script_strings_are_its_own(site_dir: Path, code: str) -> None:
    assets = site_dir / ("" if code == "en" else code) / "assets/academy"
    [quiz] = _settings((assets / "quiz-strings.js").read_text(encoding="utf-8"))
    assert quiz == {"feature": "quiz", "language": code, "strings": strings.section(code, "quiz.script")}
    progress, catalogue = _settings((assets / "academy-strings.js").read_text(encoding="utf-8"))
    assert progress["strings"] == strings.section(code, "progress.script") and progress["language"] == code
    assert catalogue["strings"] == strings.section(code, "catalogue.script") and catalogue["feature"] == "catalogue"
    [loader] = _settings((assets / "quiz-loader.js").read_text(encoding="utf-8"))
    assert loader["strings"] == "quiz-strings.js"
    assert loader["fail"]["message"] == strings.text(code, "quiz.loader_failed")


@ships()
def test_the_dutch_strings_are_dutch(site_dir: Path) -> None:
    dutch = (site_dir / "nl/assets/academy/quiz-strings.js").read_text(encoding="utf-8")
    for text in ("Controleer antwoord", "Antwoorden inleveren", "Je score: {score}%", "Gedeeltelijk goed."):
        assert json.dumps(text, ensure_ascii=False) in dutch, text
    english = set(strings.section("en", "quiz.script").values())
    same = [v for v in strings.section("nl", "quiz.script").values() if v in english and re.search(r"[a-z]{3} [a-z]", v)]
    assert same == [], f"Dutch quiz strings still in English: {same}"


@ships("curriculum/modules/transparency-and-disclosure.nl.md", languages=("nl", "it", "da"))
@pytest.mark.parametrize("code", LANGUAGES)
def test_pages_render_the_quiz_progress_and_catalogue_in_the_language(site_dir: Path, code: str) -> None:
    check, rules, progress_title, all_tracks = EXPECTED[code]
    module = _page(site_dir, f"{code}/{MODULE}")
    [quiz] = module.select(".academy-quiz")
    assert quiz.select_one(".academy-quiz__rules").get_text() == rules
    assert quiz.select_one("details summary").get_text() == strings.text(code, "quiz.explanation")
    assert strings.text(code, "quiz.notice", hub=strings.text(code, "quiz.hub")) in quiz.get_text()
    text = quiz.get_text(" ")
    assert quiz.select_one(".academy-quiz__hint").get_text() == strings.text(code, "quiz.hint.multiple")
    # (Italian and Danish read this quiz's own text in English, the source: only the interface is theirs.)
    for english in ("Pass mark", "Explanation", "Turn on JavaScript", "Choose…", "Your answer"):
        assert english not in text, f"{code}: {english!r} on the quiz"
    progress = _page(site_dir, f"{code}/progress")
    assert progress.h1.get_text(strip=True).startswith(progress_title)
    assert progress.select_one("[data-module-state]").get_text() == strings.text(code, "progress.script.not_started")
    assert "Export progress" not in progress.get_text()
    catalogue = _page(site_dir, f"{code}/workshops")
    assert catalogue.select_one('select[name="track"] option').get_text() == all_tracks
    assert "All levels" not in catalogue.get_text() and "Any length" not in catalogue.get_text()
    assert check == strings.text(code, "quiz.script.check")


@ships("curriculum/modules/transparency-and-disclosure.md", languages=())
def test_english_pages_keep_their_words(site_dir: Path) -> None:
    quiz = _page(site_dir, MODULE).select_one(".academy-quiz")
    assert quiz.select_one(".academy-quiz__rules").get_text() == "Pass mark: 80%."
    assert quiz.select_one(".academy-quiz__points").get_text() == "1 point"
    assert _page(site_dir, "progress").select_one("[data-progress-export]").get_text() == "Export progress (JSON)"
    catalogue = _page(site_dir, "workshops")
    assert catalogue.select_one('select[name="duration"] option').get_text() == "Any length"
    intro = re.compile(r"^\d+ workshops in \d+ tracks\. Each ends with a short practice quiz")
    assert any(intro.match(p.get_text()) for p in catalogue.select("article p"))


#: String literals that read like interface text: two or more words, or one capitalised word.
_LITERAL = re.compile(r'"((?:[^"\\\n]|\\.)*)"|\'((?:[^\'\\\n]|\\.)*)\'|`((?:[^`\\]|\\.)*)`')
_PROSE = re.compile(r"\(?[A-Za-z][a-z']*(?:[,;:]? +[A-Za-z][a-z']*)+[.!?:)]?")
_WORD = re.compile(r"\(?[A-Z][a-z]+[.!?:)]?|\([a-z]+\)")
#: Literals that are code, not words: key names of keyboard events, element names in a selector.
_CODE = {"Enter", "Escape", "use strict"}
_ELEMENTS = {"a", "button", "input", "label", "li", "ol", "option", "p", "select", "summary", "textarea", "ul"}


def english_literals(source: str) -> list[str]:
    """The literals of a script (comments left out; the fixed parts of template literals) that look
    like English interface text."""
    source = re.sub(r"/\*.*?\*/", "", source, flags=re.S)
    source = re.sub(r"(?m)^\s*//.*$|\s//\s.*$", "", source)
    found = []
    for match in _LITERAL.finditer(source):
        literal = next(group for group in match.groups() if group is not None)
        for part in re.split(r"\$\{[^}]*\}", literal):
            text = part.strip(" —")
            if text in _CODE or set(re.split(r",\s*", text)) <= _ELEMENTS:
                continue
            if _PROSE.fullmatch(text) or _WORD.fullmatch(text):
                found.append(text)
    return found


def test_the_finder_finds_english_in_a_script() -> None:
    script = 'const a = "Check answer"; b(`Your score: ${x}%`, "(completed)", "Video"); c("is-right", "Enter");'
    assert english_literals(script) == ["Check answer", "Your score:", "(completed)", "Video"]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_no_english_sentence_is_left_in_the_scripts(script: Path) -> None:
    found = english_literals(script.read_text(encoding="utf-8"))
    assert found == [], f"{script.name} shows English of its own (move it to a strings file): {found}"
