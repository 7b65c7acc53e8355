"""The language a certificate request records (`language`, written by the exam page it was made on):
one of site.yml's `languages:`, the source language when absent (requests made before the field),
refused with the file, the field and the fix otherwise; it never changes the score (one key)."""

from __future__ import annotations

import contextlib
import json
from pathlib import Path

import pytest

from academy.cli import main
from academy.core.project import load_project
from academy.credentials.issue.requests import RequestError, parse_request, read_requests, score_request
from academy.i18n.languages import Languages
from support.requestkit import EXAM, genuine

SITE = ("en", "nl", "it", "da")


def _bilingual(project: Path) -> Path:
    """The fixture project with the example's languages in its site.yml."""
    site = project / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + f"languages: [{', '.join(SITE)}]\n", encoding="utf-8")
    return project


def _issue(project: Path, *paths: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    with contextlib.chdir(project):
        code = main(["issue", "--requests", *map(str, paths)])
    out = capsys.readouterr()
    return code, out.out + out.err


def test_the_language_is_one_of_the_sites_and_absent_means_the_source(project: Path) -> None:
    languages = Languages(SITE)
    request = genuine(project)
    for code in SITE:
        assert parse_request({**request, "language": code}, languages).language == code
    old = {k: v for k, v in request.items() if k != "language"}
    assert parse_request(old, languages).language == "en"
    assert parse_request(old, Languages(("nl", "en"))).language == "nl", "the source is the first of languages"
    for wrong, shown in (("de", '"de"'), ("NL", '"NL"'), ("dutch", '"dutch"'), (7, "7"), ("", '""')):
        with pytest.raises(RequestError) as error:
            parse_request({**request, "language": wrong}, languages)
        (problem,) = error.value.problems
        assert problem.startswith(f'field "language" is {shown}, not one of the languages of site_config/site.yml')
        assert "(en, nl, it, da)" in problem and "remove it for English" in problem


def test_a_request_in_another_language_is_refused_naming_the_file_and_field(keyed: Path, capsys) -> None:
    project = _bilingual(keyed)
    inbox = project / "inbox"
    inbox.mkdir()
    german = inbox / f"request-{EXAM}-1.json"
    german.write_text(json.dumps({**genuine(project), "language": "de"}), encoding="utf-8")
    code, output = _issue(project, german, capsys=capsys)
    assert code == 1, output
    line = next(x for x in output.splitlines() if 'field "language"' in x)
    assert str(german) in line and '"de"' in line and "site_config/site.yml" in line, line
    # A site with only English knows no Dutch either: the code must be configured, not merely known.
    only_english = Languages(("en",))
    dutch = inbox / "dutch.json"
    dutch.write_text(json.dumps({**genuine(project), "language": "nl"}), encoding="utf-8")
    ((_, result),) = read_requests(dutch, only_english)
    assert isinstance(result, RequestError) and '"nl"' in result.problems[0]


def test_a_dutch_and_an_english_request_score_the_same_with_the_one_key(keyed: Path, capsys) -> None:
    project = _bilingual(keyed)
    exam = load_project(project).exams[EXAM]
    languages = Languages(SITE)
    for right in (None, 3):  # every answer right (a pass), and half of them (a fail)
        base = genuine(project, right=right)
        english = parse_request({**base, "language": "en"}, languages)
        dutch = parse_request({**base, "language": "nl"}, languages)
        assert (english.language, dutch.language) == ("en", "nl")
        en_score, nl_score = score_request(exam, english), score_request(exam, dutch)
        assert nl_score == en_score
        assert en_score.passed is (right is None)
    # End to end: the hub takes in a Dutch request and an English one (two learners, the same answers).
    inbox = project / "inbox"
    inbox.mkdir()
    files = []
    for language, email in (("nl", "sanne.devries@example.com"), ("en", "ana.ruiz@example.com")):
        path = inbox / f"request-{language}.json"
        path.write_text(json.dumps({**genuine(project, email=email), "language": language}), encoding="utf-8")
        files.append(path)
    code, output = _issue(project, *files, capsys=capsys)
    assert code == 0, output
    assert "2 issued" in output, output
