"""A small bilingual academy for the i18n tests: the mini fixture with Dutch translations beside
its sources (home, principles, module alpha and its quiz), each recording its source's current hash."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from academy.i18n.translations import blob_sha
from support.harness import ROOT, run

FIXTURE = ROOT / "tests" / "fixtures" / "mini"

HOME_NL = """# Mini-academy

Lees de [principes](guidelines/principles.md) en volg de [workshops](workshops/index.md).
"""

PRINCIPLES_NL = """# Principes

Twee principes voor iedereen die iets plaatst.

## Wees transparant {#be-transparent}

Zeg wie je bent en voor wie je werkt als je over onze producten praat.

## Gebruik je gezonde verstand {#use-common-sense}

Denk na voordat je iets plaatst: zou je dit ook tegen een klant zeggen?
"""

ALPHA_NL = """id: alpha
title: "Alpha: transparantie"
summary: Een korte module over de principes.
track: basics
level: beginner
duration: 30
format: both
objectives:
  - Leg het principe uit
  - Pas het toe op een bericht
  - Herken een zwak bericht
prerequisites: []
teaches: [principles#be-transparent]
quiz: alpha
schedule:
  - section: Introductie
    minutes: 10
  - section: Oefenen
    minutes: 20
---

## Waarom het ertoe doet

Lees eerst [het principe](../guidelines/principles.md#be-transparent).

!!! exercise "Oefening 1: Herschrijven"
    Herschrijf het bericht.

    ??? answer "Modelantwoord"
        Een transparante versie.

!!! keypoints "Kernpunten"
    - Zeg wie je bent.

!!! trainer "Aanwijzingen voor de trainer"
    Vraag de groep naar een bericht dat ze deze week zagen.
"""

QUIZ_NL = """title: "Test je kennis: alpha"
questions:
  disclose:
    prompt: Wat zeg je eerst?
    options:
      - text: Voor wie je werkt
        feedback: Juist.
      - text: Niets
        feedback: Niet transparant.
    explanation: Transparantie komt eerst.
  always:
    prompt: Je mag verbergen dat je voor ons werkt.
    feedback:
      correct: Juist.
      incorrect: Nee, vermeld het altijd.
    explanation: Vermeld het altijd.
"""


def header(project: Path, source: str, front_matter: bool) -> str:
    """The translation's own fields for `source` as it is now in `project`."""
    fields = f"translation_of: {source}\nsource_sha: {blob_sha((project / source).read_bytes())}\n"
    return f"---\n{fields}" if front_matter else fields


def write_translation(project: Path, source: str, text: str) -> Path:
    """Write `text` as the Dutch translation of `source` (front matter for Markdown) and return its path."""
    target = project / source.replace(".md", ".nl.md").replace(".yml", ".nl.yml")
    if source.endswith(".md") and source.startswith("curriculum/"):
        body = header(project, source, True) + text  # a module: its fields continue the front matter
    elif source.endswith(".md"):
        body = header(project, source, True) + "---\n\n" + text
    else:
        body = header(project, source, False) + text
    target.write_text(body, encoding="utf-8")
    return target


def dutch_project(folder: Path, git: bool = False) -> Path:
    """The mini project in English and Dutch under `folder/project`; with `git`, committed to a repository
    (so `academy validate` can name the sections of a source that changed)."""
    project = shutil.copytree(FIXTURE, folder / "project")
    config = project / "mkdocs.yml"
    text = config.read_text().replace("  - academy\n", "  - academy\n  - academy-i18n\n", 1)
    config.write_text(text.replace("    - navigation.instant\n", "    - navigation.instant\n    - content.action.edit\n", 1))
    site = project / "site_config/site.yml"
    site.write_text(site.read_text() + "languages: [en, nl]\n")
    write_translation(project, "content/index.md", HOME_NL)
    write_translation(project, "content/guidelines/principles.md", PRINCIPLES_NL)
    write_translation(project, "curriculum/modules/alpha.md", ALPHA_NL)
    write_translation(project, "quizzes/alpha.yml", QUIZ_NL)
    if git:
        for args in (("init", "-q"), ("add", "-A"), ("commit", "-qm", "start")):
            run("git", "-c", "user.name=t", "-c", "user.email=t@example.invalid", *args, cwd=project, check=True)
    return project


def ships(*paths: str, languages: tuple[str, ...] = ("nl",)) -> pytest.MarkDecorator:
    """Run a test of the site this academy builds only when the academy builds `languages` and ships
    the translated files at `paths` (relative to its root): the example does; an adopter's academy
    (`scripts/adopted-suite`) may have one language, and then the test says why it does not apply."""
    from academy.core.layout import read_layout
    from academy.core.problems import Problems
    from academy.i18n.languages import load_languages

    built = load_languages(ROOT / read_layout(ROOT).site_config / "site.yml", Problems(ROOT)).codes
    missing = [code for code in languages if code not in built] + [p for p in paths if not (ROOT / p).exists()]
    return pytest.mark.skipif(bool(missing), reason=f"this academy does not ship {', '.join(missing)}")
