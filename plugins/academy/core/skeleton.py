"""`academy init`: a new academy, as a minimal skeleton from a few answers or as the full example.

The skeleton is the smallest academy that validates and builds strictly: a home page, a guide of
three pages, one track with one module, its practice quiz, its certificate rule with an exam bank,
a changelog, `mkdocs.yml` and `site_config/site.yml`. It holds nothing of the example organisation.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

from .scaffold import ScaffoldError, module_text, quiz_text

#: The academy's own source tree (an editable install or a clone): the example and the theme overrides.
SOURCE_ROOT = Path(__file__).resolve().parents[3]
#: What `--example` copies: the example organisation's content and configuration.
EXAMPLE_PATHS = ("mkdocs.yml", "content", "curriculum", "quizzes", "sandbox", "site_config", ".gitignore")
#: The theme overrides every academy needs (templates, no organisation in them).
OVERRIDES = "site_config/overrides"
MODULE_ID = "first-steps"
TRACK_ID = "getting-started"
CERTIFICATE_ID = "getting-started-certificate"


@dataclass(frozen=True)
class Answers:
    """What `academy init` asks."""

    organisation: str
    url: str
    issuer: str = ""
    email: str = ""
    language: str = "en"
    hub_name: str = "the social-media team"
    #: Every language of the site, the source language first; empty: `language` alone.
    languages: tuple[str, ...] = ()

    def checked(self) -> Answers:
        """The answers with defaults filled in; ScaffoldError names a wrong one."""
        url = self.url.strip()
        if not re.match(r"^https?://[^/\s]+", url):
            raise ScaffoldError(f'"{self.url}" is not a web address — give one like https://academy.example.org/')
        url = url if url.endswith("/") else url + "/"
        if not self.organisation.strip():
            raise ScaffoldError("the organisation's name is empty — give it with --organisation NAME")
        languages = tuple(dict.fromkeys(code.strip() for code in (self.languages or (self.language,)) if code.strip()))
        for code in languages or ("",):
            if not re.fullmatch(r"[a-z]{2}", code):
                raise ScaffoldError(f'language "{code}" is not a two-letter code such as en, nl or de')
        host = urlparse(url).hostname or "example.org"
        domain = host.split(".", 1)[1] if host.count(".") >= 2 else host
        email = self.email.strip() or f"academy@{domain}"
        if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+", email):
            raise ScaffoldError(f'"{email}" is not an e-mail address — give the hub\'s address with --email')
        return Answers(
            organisation=self.organisation.strip(),
            url=url,
            issuer=self.issuer.strip() or self.organisation.strip(),
            email=email,
            language=languages[0],
            hub_name=self.hub_name.strip() or "the social-media team",
            languages=languages,
        )


def refuse_unless_empty(folder: Path, force: bool) -> None:
    """A folder with files in it is refused unless `force`; even then nothing is overwritten."""
    if folder.exists() and not folder.is_dir():
        raise ScaffoldError(f"{folder} is a file — choose a folder for the new academy")
    if folder.is_dir() and any(folder.iterdir()) and not force:
        raise ScaffoldError(
            f"{folder} is not empty — choose an empty folder, or add --force to add the academy's files"
        )


def init_example(folder: Path, force: bool = False) -> list[Path]:
    """Copy the full example (the fictional organisation) into `folder`; never overwrite a file."""
    refuse_unless_empty(folder, force)
    if not (SOURCE_ROOT / "mkdocs.yml").is_file():
        raise ScaffoldError("the example is not installed with this copy of the academy — clone the repository")
    files = [(SOURCE_ROOT / name, name) for name in EXAMPLE_PATHS if (SOURCE_ROOT / name).is_file()]
    for name in EXAMPLE_PATHS:
        top = SOURCE_ROOT / name
        if top.is_dir():
            for path in sorted(top.rglob("*")):
                if path.is_file() and "__pycache__" not in path.parts and "issuer" not in path.parts:
                    files.append((path, path.relative_to(SOURCE_ROOT).as_posix()))
    return _write(folder, {rel: path.read_bytes() for path, rel in files})


def init_skeleton(folder: Path, answers: Answers, force: bool = False) -> list[Path]:
    """Write the minimal academy into `folder`; never overwrite a file."""
    refuse_unless_empty(folder, force)
    a = answers.checked()
    files: dict[str, str | bytes] = {
        ".gitignore": GITIGNORE,
        "README.md": _readme(a),
        "mkdocs.yml": MKDOCS,
        "site_config/site.yml": _site(a),
        "site_config/assets/logo.svg": _logo(a.organisation),
        "content/index.md": _home(a),
        "content/guidelines/index.md": _guide_index(a),
        "content/guidelines/principles.md": _principles(a),
        "content/guidelines/getting-help.md": _getting_help(a),
        "content/guidelines/changelog.yml": _changelog(),
        f"curriculum/tracks/{TRACK_ID}.yml": _track(),
        f"curriculum/certificates/{CERTIFICATE_ID}.yml": _certificate(a),
        f"curriculum/modules/{MODULE_ID}.md": module_text(
            MODULE_ID, "First steps", TRACK_ID, "principles#be-transparent"
        ),
        f"quizzes/{MODULE_ID}.yml": quiz_text(MODULE_ID, "First steps"),
        f"curriculum/exams/{MODULE_ID}.yml": _sample_bank(),
    }
    overrides = SOURCE_ROOT / OVERRIDES
    if not overrides.is_dir():
        raise ScaffoldError(f"{OVERRIDES} is not installed with this copy of the academy — clone the repository")
    for path in sorted(overrides.rglob("*")):
        if path.is_file():
            files[path.relative_to(SOURCE_ROOT).as_posix()] = path.read_bytes()
    return _write(folder, files)


def _write(folder: Path, files: dict[str, str | bytes]) -> list[Path]:
    """Write every file that does not exist yet; refuse before writing anything if one does."""
    existing = sorted(rel for rel in files if (folder / rel).exists())
    if existing:
        raise ScaffoldError(
            f"{folder / existing[0]} exists ({len(existing)} file(s) would be replaced) — nothing was written; "
            "init never overwrites a file: choose an empty folder"
        )
    written = []
    for rel, content in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
        written.append(path)
    return written


#: The prompt of a placeholder exam question; `academy validate` and `academy issue` refuse a bank
#: that still holds it (core/exam_scaffold.py finds it).
PLACEHOLDER_PROMPT = "Write exam question {number} here"


def bank_text(module_id: str, count: int) -> str:
    """An exam bank of `count` placeholder questions for `module_id` (a bank needs at least two).

    The placeholders are refused by `academy validate` and `academy issue` until a trainer writes
    the real questions: an exam must never be drawn from them.
    """
    questions = []
    for number in range(1, count + 1):
        prompt = PLACEHOLDER_PROMPT.format(number=number)
        questions.append(
            f"""  - id: question-{number}
    type: single
    prompt: {prompt}; the hub keeps the key, learners never see it.
    options:
      - text: The right answer, said briefly
        correct: true
      - text: A wrong answer as long as the right one
      - text: Another plausible wrong answer
    explanation: Why the right answer is right (used in the hub's item analysis).
"""
        )
    return BANK_HEADER + f"module: {module_id}\nquestions:\n" + "\n".join(questions)


BANK_HEADER = "# yaml-language-server: $schema=../../plugins/academy/schemas/exam.schema.json\n"


def _sample_bank() -> str:
    """The skeleton's exam bank: four real questions on its principles page, for the adopter to adapt.

    Real questions, not placeholders: the skeleton validates, builds and can issue as written.
    """
    return BANK_HEADER + f"""# The certification questions of {MODULE_ID}: the hub keeps the key, learners never see it.
# Replace them with questions on your own guide; keep the right and wrong answers of a similar length.
module: {MODULE_ID}
questions:
  - id: pause-before-posting
    type: single
    prompt: You are about to post about a project at work. What do the principles ask you to do first?
    options:
      - text: Pause and ask whether you would say it to a customer's face
        correct: true
      - text: Post quickly, before the news is out of date and others share it first
      - text: Ask a friend outside work whether it sounds good
    explanation: Use common sense is the pause before posting.
  - id: say-who-you-are
    type: single
    prompt: You praise one of your employer's products online. What does transparency ask of you?
    options:
      - text: Say that you work for the organisation
        correct: true
      - text: Post from an account without your name
      - text: Let readers find out who you work for
    explanation: Be transparent is saying who you are and in whose interest you speak.
  - id: confidential-figures
    type: single
    prompt: A colleague shares next quarter's unpublished figures in a team chat. May you post them?
    options:
      - text: No, they are not yours to share; ask when in doubt
        correct: true
      - text: Yes, once a colleague has shared them with the whole team
      - text: Yes, as long as you round the numbers
    explanation: Protect what is not yours to share covers unpublished figures.
  - id: unsure-whom-to-ask
    type: single
    prompt: You are unsure whether a post is fine. What do you do?
    options:
      - text: Ask the team named in the guide before you post
        correct: true
      - text: Post it and delete it if someone complains
      - text: Post it on a private account, where fewer people see it
    explanation: The guide names who answers questions; asking first is always right.
"""


GITIGNORE = """# Build output and environments
/site/
/.site.*/
/.venv/
__pycache__/
# Issuer secrets and personal data: private keys, the ledger, issued certificates. Back it up.
/.academy/
"""

MKDOCS = """# The site's name, address, logo and colours come from site_config/site.yml.
docs_dir: content
site_dir: site
site_name: Social Media Academy   # replaced by site_config/site.yml
site_url: !ENV [ACADEMY_SITE_URL, null]

theme:
  name: material
  custom_dir: site_config/overrides
  font: false            # system fonts: no request to an external font service
  palette:
    - media: "(prefers-color-scheme: light)"
      scheme: default
      primary: custom
      accent: custom
      toggle:
        icon: material/weather-night
        name: Switch to dark mode
    - media: "(prefers-color-scheme: dark)"
      scheme: slate
      primary: custom
      accent: custom
      toggle:
        icon: material/weather-sunny
        name: Switch to light mode
  features:
    - navigation.instant
    - navigation.instant.progress
    - navigation.tabs
    - navigation.indexes
    - navigation.prune
    - navigation.top
    - navigation.footer
    - search.suggest
    - search.highlight
    - content.action.edit
    - toc.follow

plugins:
  - academy              # first: reads and validates the sources for the others
  - search
  - academy-guidelines
  - academy-curriculum
  - academy-quiz
  - academy-certificates
  - academy-exams
  - academy-video
  - academy-sandbox

markdown_extensions:
  - abbr
  - admonition
  - attr_list
  - def_list
  - footnotes
  - md_in_html
  - tables
  - toc:
      permalink: true
  - pymdownx.details
  - pymdownx.superfences
  - pymdownx.tabbed:
      alternate_style: true
  - pymdownx.tasklist:
      custom_checkbox: true

validation:
  omitted_files: warn
  absolute_links: warn
  unrecognized_links: warn
  anchors: warn

# Every page of content/ is listed here; academy validate says which are missing or gone.
nav:
  - Home: index.md
  - Guidelines:
      - guidelines/index.md
      - guidelines/principles.md
      - guidelines/getting-help.md
      - guidelines/changes.md
      - guidelines/print.md
  - Workshops:                 # the curriculum plugin adds a section per track
      - workshops/index.md
      - tracks/index.md
      - certificates/index.md
  - Trainers: trainers/index.md
  - Practice sandbox: sandbox/index.md
  - My progress: progress.md
  - Verify a certificate: verify.md
"""


def _q(text: str) -> str:
    """A YAML scalar, quoted (names may hold colons or quotes)."""
    return json.dumps(text, ensure_ascii=False)


def _site(a: Answers) -> str:
    return f"""# yaml-language-server: $schema=https://mkdocs-academy.example/schemas/site.schema.json
# The organisation's brand and addresses (written by academy init; see the adoption guide).
name: {_q(a.organisation + " Social Media Academy")}
organisation: {_q(a.organisation)}
description: {_q(a.organisation + "'s social-media guidelines and workshops.")}
# The public address. Certificates point here and the issuer keys are bound to it: choose it
# before the first `academy keys generate`, and keep it (academy validate refuses a change).
url: {a.url}
# repo_url: https://git.example.org/academy   # an "edit this page" link; no outside request
edit_branch: main
logo: logo.svg
favicon: logo.svg
colors:
  primary: "#1d4e89"
  accent: "#b8432a"
language: {a.language}            # the source language
languages: [{", ".join(a.languages)}]       # every language of the site, the source language first
# What the interface calls the central team that scores exams and issues certificates.
hub_name: {_q(a.hub_name)}
issuer:
  name: {_q(a.issuer)}
  url: {a.url}
  email: {a.email}
  description: {_q(f"{a.hub_name[:1].upper() + a.hub_name[1:]} of {a.organisation} issues the academy's certificates.")}
# Content-quality rules of academy validate; the values are the defaults (0 or false turns one off).
checks:
  severity: warning             # warning: shown, never failing | error: fails validate and the build
  lesson_min_words: 900
  quiz_min_questions: 6
  quiz_min_types: 3
  trainer_notes_min_words: 80
  brand_contrast: AA            # AA | AAA | off
"""


def _logo(organisation: str) -> str:
    initial = next((c for c in organisation if c.isalnum()), "A").upper()
    return (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64" role="img" aria-label="logo">'
        '<rect width="64" height="64" rx="12" fill="#ffffff"/>'
        f'<text x="32" y="44" font-family="sans-serif" font-size="36" font-weight="700" text-anchor="middle" '
        f'fill="#1d4e89">{_xml(initial)}</text></svg>\n'
    )


def _xml(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md(text: str) -> str:
    """Text from an answer, safe in Markdown prose (no markup, no HTML)."""
    return re.sub(r"([\\`*_{}\[\]<>()#+!|])", r"\\\1", text)


def _home(a: Answers) -> str:
    org = _md(a.organisation)
    return f"""---
title: Welcome
description: {_q(a.organisation + "'s social-media guidelines and workshops in one place.")}
---

# Social media at {org}

This site holds {org}'s **social-media guidelines** and its **academy**: short workshops with
quizzes, and certificates that a manager can verify.

- Read the [guidelines](guidelines/index.md), starting with the [principles](guidelines/principles.md).
- Take a workshop from the [catalogue](workshops/index.md) or follow a [learning path](tracks/index.md).
- Earn a [certificate](certificates/index.md), and [verify](verify.md) one you received.

## Where to get help

Write to {_md(a.hub_name)} at [{a.email}](mailto:{a.email}).
"""


def _guide_index(a: Answers) -> str:
    org = _md(a.organisation)
    return f"""# Our social-media guide

This guide helps everyone at {org} take part in conversations online with confidence. Replace
this text with why the guide exists and who it is for.

## Purpose {{#purpose}}

Say in a few sentences what the guide is for: how {org} wants to show up online, and how it
keeps people and the organisation safe.

## Who this guide is for {{#who-this-guide-is-for}}

Say who should read it: every employee, the people who run official accounts, agencies.

## How this guide changes {{#how-this-guide-changes}}

Say who owns the guide and how anyone proposes a change; the [changes](changes.md) page lists
each version.
"""


def _principles(a: Answers) -> str:
    return f"""# Principles

The few principles everything else applies. Each `##` section has a stable id (`{{#…}}`) that
workshop modules cite as `principles#ID`.

## Use common sense {{#use-common-sense}}

Describe the pause before posting, and the questions to ask yourself.

## Be transparent {{#be-transparent}}

Describe how people say who they are and in whose interest they speak.

## Protect what is not yours to share {{#protect-what-is-not-yours}}

Describe what stays confidential, and whom to ask when in doubt: {_md(a.hub_name)}.
"""


def _getting_help(a: Answers) -> str:
    return f"""# Getting help

## Who to ask {{#who-to-ask}}

{_md(a.hub_name[:1].upper() + a.hub_name[1:])} answers questions at [{a.email}](mailto:{a.email}).

## When something goes wrong {{#when-something-goes-wrong}}

Describe what to do when a post goes wrong or a conversation turns into a crisis.
"""


def _changelog() -> str:
    return """# Versions of the guidelines, newest first. The newest version is shown on every guideline page.
- version: "1.0"
  date: "2026-01-01"
  summary: The first version of the guide.
  changes:
    - section: index
      change: The guide's purpose, who it is for and how it changes.
    - section: principles
      change: The principles.
"""


def _track() -> str:
    return f"""# yaml-language-server: $schema=../../plugins/academy/schemas/track.schema.json
id: {TRACK_ID}
order: 1
title: Getting started
summary: The first steps on social media, for everyone.
modules:
  - {MODULE_ID}
certificate: {CERTIFICATE_ID}
"""


def _certificate(a: Answers) -> str:
    return f"""# yaml-language-server: $schema=../../plugins/academy/schemas/certificate.schema.json
id: {CERTIFICATE_ID}
title: Getting started on social media
description: "Can post and reply on social media in line with {a.organisation.replace('"', "'")}'s guidelines."
criteria: >-
  Pass the hub-scored certification assessment with at least 80 percent: questions drawn for each
  learner from the question banks of the track's modules.
modules:
  - {MODULE_ID}
min_score: 80
validity_months: 24
exam:
  draw: 2                      # questions per learner; the pool needs at least twice as many
  max_attempts: 3
  wait_hours: 24
  min_median_seconds: 8
"""


def _readme(a: Answers) -> str:
    return f"""# {a.organisation} Social Media Academy

Made with `academy init`. Next steps (the adoption guide in the academy's documentation has them all):

1. `academy validate` — every problem and warning as `path:line: what is wrong — how to fix it`.
2. Write the guide in `content/guidelines/` (list each page in `nav:` of `mkdocs.yml`).
3. `academy new module ID --track {TRACK_ID}`, `academy new track ID --title TEXT`,
   `academy new certificate ID --track ID`, `academy remove module ID`.
4. `mkdocs build --strict`, then `academy keys generate` once, before the first certificate.
5. Back up `.academy/` (the private key and the ledger): it is the only copy.
"""
