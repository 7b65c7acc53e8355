"""The printed certificate in the learner's language: labels from strings `certificate.*`, dates as
the language writes them (Babel), and a font that draws Danish and Italian letters.

The PDF's text is read back with pypdfium2 (a test dependency of requirements.lock)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from babel.dates import format_date

from academy.credentials.documents import pdf
from academy.i18n import strings
from support.certkit import academy, write_json
from support.i18ncertkit import DUTCH_TITLE, make_multilingual, pdf_text
from support.requestkit import genuine

DANISH_NAME = "Søren Ærøskøbing"


def issue_pdf(project: Path, request: dict) -> tuple[dict, str, str]:
    """Issue `request` through the CLI: (credential, text of its PDF, the command's output)."""
    write_json(project / "request.json", request)
    result = academy("issue", "--requests", "request.json", cwd=project)
    assert result.returncode == 0, result.stdout + result.stderr
    (json_path,) = (project / ".academy" / "issued").glob("*.json")
    return json.loads(json_path.read_text(encoding="utf-8")), pdf_text(json_path.with_suffix(".pdf")), result.stdout


def long_date(text: str, language: str) -> str:
    return format_date(date.fromisoformat(text[:10]), format="long", locale=language)


def test_a_dutch_certificate_prints_dutch_labels_and_a_dutch_date(keyed: Path) -> None:
    make_multilingual(keyed)
    request = genuine(keyed, name=DANISH_NAME, email="soren@example.org") | {"language": "nl"}
    credential, text, output = issue_pdf(keyed, request)
    assert DANISH_NAME in text, text[:300]  # æ, ø and å drawn, not boxes
    assert "shows boxes" not in output
    assert DUTCH_TITLE in text
    for key in ("heading", "certifies", "issued", "valid_until", "issuer", "id", "scan"):
        assert strings.text("nl", f"certificate.{key}") in text, key
    issued, until = long_date(credential["validFrom"], "nl"), long_date(credential["validUntil"], "nl")
    assert issued in text and until in text
    month = issued.split()[1]
    assert month in {"januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september",
                     "oktober", "november", "december"}
    for english in ("This certifies that", "has earned", "Valid until", "Scan to verify", "Check this certificate"):
        assert english not in text


def test_an_english_certificate_keeps_its_english_labels(keyed: Path) -> None:
    credential, text, _ = issue_pdf(keyed, genuine(keyed))
    assert "This certifies that" in text and "Valid until" in text and "Scan to verify" in text
    assert long_date(credential["validFrom"], "en") in text


@pytest.mark.parametrize("language", ["en", "nl", "it", "da"])
def test_the_font_draws_every_label_of_each_language(language: str) -> None:
    labels = strings.section(language, "certificate").values()
    assert not pdf.missing_characters([*labels, DANISH_NAME, "àèéìòù ÀÈÉÌÒÙ æøå ÆØÅ"])


def test_dates_are_in_the_language_of_the_certificate() -> None:
    from datetime import UTC, datetime

    moment = datetime(2026, 12, 2, 9, 30, tzinfo=UTC)
    shown = {
        code: pdf.CertificateText(
            "A", "B", "C", "D", "E", moment, None, "urn:uuid:x", "https://x/", "https://x/", language=code
        ).date(moment)
        for code in ("en", "nl", "it", "da")
    }
    assert shown["nl"] == "2 december 2026" and shown["it"] == "2 dicembre 2026" and shown["da"] == "2. december 2026"
    assert "December" in shown["en"] and "2026" in shown["en"]
