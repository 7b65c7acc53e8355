"""Translations beside their source (`page.nl.md`, `quiz.nl.yml`): the languages, the translation
files and whether they are current, their structure against the source, the localized project a
language's site is built from, coverage, and the interface strings. No MkDocs import: the CLI
(`academy validate`, `academy translations`) and the `academy-i18n` plugin share it."""

from .languages import Languages, is_translation, load_languages, split_suffix
from .translations import Translation, blob_sha, check_translations, discover

__all__ = [
    "Languages",
    "Translation",
    "blob_sha",
    "check_translations",
    "discover",
    "is_translation",
    "load_languages",
    "split_suffix",
]
