"""`academy translations`: per language, how much of the academy is translated, out of date, missing."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from .base import OK, PROBLEMS, command, run


def report(args: Any) -> int:
    """Print the coverage table (and with --missing the files), or mark translations current."""
    from academy.core.problems import Problems
    from academy.core.project import load_project
    from academy.i18n.coverage import KINDS, coverage
    from academy.i18n.languages import load_languages
    from academy.i18n.translations import discover, kinds, mark_current

    project = load_project(args.root)
    layout = project.layout
    languages = load_languages(project.root / layout.site_config / "site.yml", Problems())
    found = discover(project.root, languages, Problems(), kinds(layout.content, layout.curriculum, layout.quizzes))
    if args.mark_current:
        return _mark(args.mark_current, found, mark_current)
    if not languages.targets:
        print("One language only: add languages: [en, nl, …] to site_config/site.yml to translate the academy.")
        return OK
    table = coverage(project, found, languages.targets)
    labels = dict(KINDS)
    print(f"Source language: {languages.name(languages.source)} ({languages.source})")
    for code, counts in table.items():
        print(f"\n{languages.name(code)} ({code})")
        for kind, count in counts.items():
            share = f"{100 * len(count.current) // count.total} %" if count.total else "-"
            print(
                f"  {labels[kind]:<13} {len(count.current):>3}/{count.total:<3} translated ({share}), "
                f"{len(count.outdated)} out of date, {len(count.missing)} missing"
            )
            for src in count.outdated:
                print(f"    out of date: {src}")
            if args.missing:
                for src in count.missing:
                    print(f"    missing: {src}")
    outdated = sum(len(c.outdated) for counts in table.values() for c in counts.values())
    if outdated:
        print(
            f"\n{outdated} translation(s) may be out of date: `academy validate` names the sections that changed; "
            "update the text, then `academy translations --mark-current FILE`.",
            file=sys.stderr,
        )
    return OK


def _mark(files: tuple[str, ...], found: list, mark_current: Any) -> int:
    by_path = {t.path.resolve(): t for t in found}
    code = OK
    for name in files:
        translation = by_path.get(Path(name).resolve())
        if translation is None or translation.current_sha is None:
            print(f"{name}:1: not a translation beside an existing source — name one like page.nl.md", file=sys.stderr)
            code = PROBLEMS
        elif translation.current:
            print(f"{name}: already current")
        elif mark_current(translation.path, translation.current_sha):
            print(f"{name}: marked current (source_sha: {translation.current_sha})")
        else:
            print(f"{name}:1: has no source_sha: line — add source_sha: {translation.current_sha}", file=sys.stderr)
            code = PROBLEMS
    return code


@command(
    "translations",
    "Per language of site.yml languages:, how many pages, modules, quizzes, exam banks, tracks and certificates "
    "are translated, out of date (the source changed since) or missing. --mark-current FILE records that a "
    "translation translates its source as it is now.",
    (
        "academy translations",
        "academy translations --missing",
        "academy translations --mark-current content/guidelines/principles.nl.md",
    ),
)
@click.option("--missing", is_flag=True, help="Also list every source that has no translation yet.")
@click.option(
    "--mark-current",
    multiple=True,
    metavar="FILE",
    help="Set source_sha of this translation to its source's current version (after updating the text).",
)
def translations(missing: bool, mark_current: tuple[str, ...]) -> None:
    run(report, missing=missing, mark_current=mark_current)
