"""The bilingual mini academy (support.i18nkit) with its own Dutch text: a project strings file
`site_config/strings/nl.yml` that translates mkdocs.yml's nav labels (all but the ones a test
leaves out) and overrides one product string."""

from __future__ import annotations

from pathlib import Path

from support.i18nkit import dutch_project

#: Dutch labels of the mini fixture's nav (tests/fixtures/mini/mkdocs.yml).
LABELS_NL = {
    "Home": "Start",
    "Guidelines": "Richtlijnen",
    "Workshops": "Workshops",
    "Trainers": "Trainers",
    "Quizzes": "Quizzen",
    "All types": "Alle soorten",
    "Pooled": "Uit een pool",
    "Other": "Overig",
    "Progress": "Voortgang",
    "Verify": "Controleren",
}
#: The product string the project words its own way in Dutch (module.key_points: "Kernpunten").
OVERRIDE_KEY, OVERRIDE_NL = "key_points", "Onthoud dit"


def dutch_project_with_labels(folder: Path, leave_out: tuple[str, ...] = ()) -> Path:
    """The bilingual mini project with site_config/strings/nl.yml; `leave_out` labels untranslated."""
    project = dutch_project(folder)
    lines = ["# The mini academy's own Dutch text.", "nav:"]
    lines += [f"  {label}: {dutch}" for label, dutch in LABELS_NL.items() if label not in leave_out]
    lines += ["module:", f"  {OVERRIDE_KEY}: {OVERRIDE_NL}", ""]
    strings = project / "site_config" / "strings"
    strings.mkdir()
    (strings / "nl.yml").write_text("\n".join(lines), encoding="utf-8")
    return project


def line_of(path: Path, text: str) -> int:
    """The 1-based line of `path` where `text` first occurs."""
    return next(i for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if text in line)
