"""A multilingual copy of the certificate fixture project: languages [en, nl, da] and a Dutch text of
the exam's certificate rule (Danish has none), for the tests of certificates in the learner's language."""

from __future__ import annotations

from pathlib import Path

from academy.i18n.translations import blob_sha
from support.requestkit import EXAM

DUTCH_TITLE = "Gecertificeerd Basis"
DUTCH_DESCRIPTION = "Kan posten volgens de principes."
DUTCH_CRITERIA = "Haal bij de toets minstens 80 procent."


def make_multilingual(project: Path) -> None:
    """languages: [en, nl, da] in site.yml and a Dutch text of the exam's certificate rule."""
    site = project / "site_config" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + "language: en\nlanguages: [en, nl, da]\n", encoding="utf-8")
    source = project / "curriculum" / "certificates" / f"{EXAM}.yml"
    (source.parent / f"{EXAM}.nl.yml").write_text(
        f"translation_of: curriculum/certificates/{EXAM}.yml\n"
        f"source_sha: {blob_sha(source.read_bytes())}\n"
        f"title: {DUTCH_TITLE}\n"
        f"description: {DUTCH_DESCRIPTION}\n"
        f"criteria: {DUTCH_CRITERIA}\n",
        encoding="utf-8",
    )


def pdf_text(path: Path) -> str:
    """The text of a certificate PDF's page, read back with pypdfium2 (a test dependency of the lock)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(path))
    try:
        return " ".join(document[0].get_textpage().get_text_range().split())
    finally:
        document.close()
