"""`academy new track`, `academy new certificate` and `academy new module` with the certificate rule,
run from a shell on a copy of tests/fixtures/mini; the result validates and builds strictly."""

from __future__ import annotations

from pathlib import Path

from support.adoptkit import write_bank_questions
from support.harness import BIN, build, run


def academy(*args: str, cwd: Path):  # noqa: ANN201 - a CompletedProcess
    return run(BIN / "academy", *args, cwd=cwd)


def test_a_new_track_and_its_certificate_validate_and_build(mini_project: Path, tmp_path: Path) -> None:
    made = academy("new", "track", "onboarding", "--title", "Onboarding: day one", cwd=mini_project)
    assert made.returncode == 0, made.stderr
    track = mini_project / "curriculum/tracks/onboarding.yml"
    first = mini_project / "curriculum/modules/onboarding-introduction.md"
    assert f"wrote {track}" in made.stdout and f"wrote {first}" in made.stdout
    text = track.read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=../../plugins/academy/schemas/track.schema.json\n")
    assert 'title: "Onboarding: day one"' in text and "  - onboarding-introduction\n" in text
    assert text.count("- onboarding-introduction") == 1, "the first module is listed once"
    assert academy("validate", cwd=mini_project).returncode == 0

    cert = academy("new", "certificate", "onboarding-certificate", "--track", "onboarding", cwd=mini_project)
    assert cert.returncode == 0, cert.stderr
    rule = mini_project / "curriculum/certificates/onboarding-certificate.yml"
    bank = mini_project / "curriculum/exams/onboarding-introduction.yml"
    assert f"wrote {rule}" in cert.stdout and f"changed {track}" in cert.stdout and f"wrote {bank}" in cert.stdout
    assert "certificate: onboarding-certificate" in track.read_text(encoding="utf-8")
    assert "$schema=../../plugins/academy/schemas/certificate.schema.json" in rule.read_text(encoding="utf-8")

    refused = academy("validate", cwd=mini_project)
    assert refused.returncode == 1, "a bank of placeholder questions is refused"
    assert "curriculum/exams/onboarding-introduction.yml:" in refused.stdout
    write_bank_questions(bank)
    checked = academy("validate", cwd=mini_project)
    assert checked.returncode == 0, checked.stdout
    site = tmp_path / "site"
    built = build(mini_project, site)
    assert built.returncode == 0, built.stderr
    assert (site / "tracks/onboarding/index.html").is_file()
    assert (site / "certificates/onboarding-certificate/index.html").is_file()
    assert (site / "workshops/onboarding-introduction/index.html").is_file()


def test_existing_ids_and_unknown_tracks_are_refused(mini_project: Path) -> None:
    before = sorted(p.relative_to(mini_project) for p in mini_project.rglob("*"))
    again = academy("new", "track", "basics", "--title", "Again", cwd=mini_project)
    assert again.returncode == 1 and "curriculum/tracks/basics.yml already exists" in again.stderr
    taken = academy("new", "track", "other", "--title", "Other", "--module", "alpha", cwd=mini_project)
    assert taken.returncode == 1 and "alpha" in taken.stderr
    dup = academy("new", "certificate", "basics-certificate", "--track", "basics", cwd=mini_project)
    assert dup.returncode == 1 and "basics-certificate.yml already exists" in dup.stderr
    ends = academy("new", "certificate", "second", "--track", "basics", cwd=mini_project)
    assert ends.returncode == 1 and 'already ends in the certificate "basics-certificate"' in ends.stderr
    unknown = academy("new", "certificate", "x-certificate", "--track", "nope", cwd=mini_project)
    assert unknown.returncode == 1 and 'track "nope" does not exist — use one of: basics' in unknown.stderr
    assert sorted(p.relative_to(mini_project) for p in mini_project.rglob("*")) == before, "nothing written"


def test_a_roster_only_certificate_has_no_exam_and_validates(mini_project: Path) -> None:
    assert academy("new", "track", "live", "--title", "Live", cwd=mini_project).returncode == 0
    made = academy("new", "certificate", "live-certificate", "--track", "live", "--no-exam", cwd=mini_project)
    assert made.returncode == 0, made.stderr
    rule = (mini_project / "curriculum/certificates/live-certificate.yml").read_text(encoding="utf-8")
    assert "\nexam:" not in rule
    assert not (mini_project / "curriculum/exams/live-introduction.yml").exists()
    assert academy("validate", cwd=mini_project).returncode == 0


def test_new_module_without_certify_warns_and_leaves_the_rule(mini_project: Path) -> None:
    rule = mini_project / "curriculum/certificates/basics-certificate.yml"
    before = rule.read_text(encoding="utf-8")
    made = academy("new", "module", "gamma", "--track", "basics", "--no-certify", cwd=mini_project)
    assert made.returncode == 0, made.stderr
    assert 'warning: gamma is not in the certificate rule "basics-certificate"' in made.stderr
    assert rule.read_text(encoding="utf-8") == before
    assert not (mini_project / "curriculum/exams/gamma.yml").exists()
    checked = academy("validate", cwd=mini_project)
    assert checked.returncode == 0
    assert 'module "gamma" is in track "basics" but not in its certificate rule' in checked.stdout
