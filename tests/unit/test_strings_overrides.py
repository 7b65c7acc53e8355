"""A project's own strings (`<site_config>/strings/CODE.yml`): overrides of the product's strings,
translations of its nav labels, and their checks; plural forms and dates per language."""

from __future__ import annotations

import os
from pathlib import Path

from academy.core.problems import Problems
from academy.i18n import strings
from academy.i18n.dates import long_date
from academy.i18n.languages import Languages
from academy.i18n.nav import nav_label_lines, translate_nav
from support.harness import ROOT
from support.i18nkit import ships

MKDOCS = """site_name: X
nav:
  - Home: index.md
  - Guidelines:
      - guidelines/index.md
      - Extra reading: guidelines/extra.md
  - Verify: verify.md
"""


def _write(folder: Path, code: str, text: str) -> Path:
    path = folder / "strings" / f"{code}.yml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_a_project_key_overrides_the_products_string_of_its_language_only(tmp_path: Path) -> None:
    _write(tmp_path, "nl", "module:\n  quiz: Wat weet je nu?\n")
    assert strings.text("nl", "module.quiz") == "Test je kennis"  # the product's, without the folder
    assert strings.text("nl", "module.quiz", site_config=tmp_path) == "Wat weet je nu?"
    assert strings.text("en", "module.quiz", site_config=tmp_path) == "Check your understanding"
    assert strings.Translator("nl", tmp_path)("module.minutes", n=5) == "5 minuten"  # the rest stays


def test_an_edited_strings_file_is_read_again_and_projects_do_not_share_theirs(tmp_path: Path) -> None:
    one, other = tmp_path / "one", tmp_path / "other"
    path = _write(one, "nl", "module:\n  quiz: Eerste versie\n")
    _write(other, "nl", "module:\n  quiz: Ander project\n")
    assert strings.text("nl", "module.quiz", site_config=one) == "Eerste versie"
    path.write_text("module:\n  quiz: Tweede versie\n", encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))  # a later save, even on coarse clocks
    assert strings.text("nl", "module.quiz", site_config=one) == "Tweede versie"
    assert strings.text("nl", "module.quiz", site_config=other) == "Ander project"


def test_nav_labels_are_the_projects_and_unknown_keys_are_errors_with_the_closest_key(tmp_path: Path) -> None:
    mkdocs = tmp_path / "mkdocs.yml"
    mkdocs.write_text(MKDOCS, encoding="utf-8")
    site_config = tmp_path / "site_config"
    _write(
        site_config,
        "nl",
        "nav:\n  Home: Start\n  Guidelines: Richtlijnen\n  Verfy: Controleren\n  about_track: Over dit pad\n"
        "module:\n  quizz: Test\n  minutes: '{count} min'\n",
    )
    assert strings.nav_labels(site_config, "nl") == {"Home": "Start", "Guidelines": "Richtlijnen", "Verfy": "Controleren"}
    assert strings.text("nl", "nav.about_track", site_config=site_config) == "Over dit pad"
    problems = Problems(tmp_path)
    strings.check_project_strings(Languages(("en", "nl")), problems, site_config, mkdocs)
    errors = [str(p) for p in problems]
    assert errors == [
        'site_config/strings/nl.yml:7: unknown interface string "module.quizz" — did you mean "module.quiz"? '
        "use a key of plugins/academy/i18n/strings/en.yml, or put nav labels under nav:",
        "site_config/strings/nl.yml:8: module.minutes must contain {n} — keep the placeholders of en.yml as they "
        "are; change the words around them",
    ]
    warnings = [str(p) for p in problems.warnings()]
    assert any(w.startswith('site_config/strings/nl.yml:4: warning: nav label "Verfy" is not a label') for w in warnings)
    assert any('did you mean "Verify"?' in w for w in warnings)
    # Each label of mkdocs.yml without a Dutch translation, at its own line, with the fix.
    untranslated = sorted(w for w in warnings if w.startswith("mkdocs.yml:"))
    assert untranslated == [
        'mkdocs.yml:6: warning: nav label "Extra reading" has no Dutch translation, so the Dutch site '
        'shows it as it is here — add "Extra reading: <Dutch label>" under nav: in site_config/strings/nl.yml',
        'mkdocs.yml:7: warning: nav label "Verify" has no Dutch translation, so the Dutch site '
        'shows it as it is here — add "Verify: <Dutch label>" under nav: in site_config/strings/nl.yml',
    ]


@ships("site_config/strings/nl.yml", "site_config/strings/it.yml", "site_config/strings/da.yml", languages=("nl", "it", "da"))
def test_the_example_translates_every_nav_label_in_every_language() -> None:
    problems = Problems(ROOT)
    site_config = ROOT / "site_config"
    strings.check_project_strings(Languages(("en", "nl", "it", "da")), problems, site_config, ROOT / "mkdocs.yml")
    assert [str(p) for p in problems] == []
    assert [str(w) for w in problems.warnings()] == []
    labels = {label for label, _ in nav_label_lines(ROOT / "mkdocs.yml") or []}
    assert "Verify a certificate" in labels
    for code in ("nl", "it", "da"):
        assert set(strings.nav_labels(site_config, code)) == labels, code


def test_a_nav_config_is_translated_label_by_label() -> None:
    nav = [{"Home": "index.md"}, {"Guidelines": ["guidelines/index.md", {"Q&A": "qa.md"}]}, "other.md"]
    labels = {"Home": "Start", "Q&A": "V&A"}
    assert translate_nav(nav, labels, lambda s: s.replace("&", "&amp;")) == [
        {"Start": "index.md"},
        {"Guidelines": ["guidelines/index.md", {"V&amp;A": "qa.md"}]},
        "other.md",
    ]
    assert nav == [{"Home": "index.md"}, {"Guidelines": ["guidelines/index.md", {"Q&A": "qa.md"}]}, "other.md"]


def test_plurals_and_dates_follow_the_language() -> None:
    assert strings.Translator("en").plural("track.workshops", 1) == "1 workshop"
    assert strings.Translator("en").plural("track.workshops", 3) == "3 workshops"
    assert strings.Translator("it").plural("trainer.hub.modules", 1) == "1 modulo"
    assert strings.Translator("it").plural("trainer.hub.modules", 2) == "2 moduli"
    assert [long_date("2026-03-05", code) for code in ("en", "nl", "it", "da")] == [
        "5 March 2026",
        "5 maart 2026",
        "5 marzo 2026",
        "5. marts 2026",
    ]
    assert long_date("not a date", "nl") == "not a date"


def test_a_page_scripts_strings_file_carries_the_projects_overrides(tmp_path: Path) -> None:
    import json

    from academy.plugins.lazy import strings_script

    _write(tmp_path, "nl", "quiz:\n  script:\n    submit: Klaar, nakijken\n")

    def served(site_config: Path | None) -> dict[str, str]:
        script = strings_script("quiz", "nl", site_config)
        settings = json.loads(script.rstrip().removesuffix(");").rsplit("})(", 1)[1])
        assert settings["feature"] == "quiz" and settings["language"] == "nl"
        return settings["strings"]

    assert served(tmp_path)["submit"] == "Klaar, nakijken"
    assert served(None)["submit"] == strings.text("nl", "quiz.script.submit") != "Klaar, nakijken"
    assert served(tmp_path)["check"] == served(None)["check"]  # only the key the project set changes
