"""An adopter's afternoon with the commands only, from a shell: `academy init` (two languages, the
team's own name), two modules added and one removed, a strict build, a key, a certificate issued
and verified, and not a word of the example organisation anywhere in the result."""

from __future__ import annotations

import subprocess
from pathlib import Path

from support.adoptkit import write_bank_questions
from support.harness import BIN, build, run

HUB = "the Acme social team"


def academy(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    result = run(BIN / "academy", *args, cwd=cwd)
    assert result.returncode == 0, f"academy {' '.join(map(str, args))}:\n{result.stdout}\n{result.stderr}"
    return result


def test_init_add_remove_build_issue_verify(tmp_path: Path) -> None:
    folder = tmp_path / "acme"
    academy("init", folder, "--organisation", "Acme Co", "--url", "https://academy.acme.example/",
            "--languages", "nl,en", "--hub-name", HUB, "--yes", cwd=tmp_path)
    settings = (folder / "site_config/site.yml").read_text(encoding="utf-8")
    assert "\nlanguage: nl " in settings and "\nlanguages: [nl, en] " in settings, "every code is kept, nl first"
    assert f'\nhub_name: "{HUB}"\n' in settings

    for module in ("crisis-basics", "replying-well"):
        added = academy("new", "module", module, "--track", "getting-started", cwd=folder)
        assert f"added {module} to the certificate rule" in added.stdout
        write_bank_questions(folder / "curriculum/exams" / f"{module}.yml")
    removed = academy("remove", "module", "crisis-basics", cwd=folder)
    assert "deleted curriculum/modules/crisis-basics.md" in removed.stdout
    rule = (folder / "curriculum/certificates/getting-started-certificate.yml").read_text(encoding="utf-8")
    assert "replying-well" in rule and "crisis-basics" not in rule
    academy("validate", cwd=folder)

    site = tmp_path / "site"
    built = build(folder, site)
    assert built.returncode == 0, built.stderr
    assert (site / "workshops/replying-well/index.html").is_file()
    assert not (site / "workshops/crisis-basics").exists()
    exam_page = (site / "certificates/getting-started-certificate/index.html").read_text(encoding="utf-8")
    # nl is the source language: the page is Dutch (the exam strings of nl.yml), the team's name is site.yml's.
    assert f'data-hub-name="{HUB}"' in exam_page and f"die je naar {HUB} stuurt." in exam_page

    academy("keys", "generate", cwd=folder)
    roster = folder / "attendees.csv"
    roster.write_text("name,email\nAna Ruiz,ana@acme.example\n", encoding="utf-8")
    academy("issue", "--roster", roster, "--certificate", "getting-started-certificate", cwd=folder)
    certificates = sorted((folder / ".academy" / "issued").rglob("*.json"))
    assert certificates
    academy("verify", certificates[0], cwd=folder)

    found = subprocess.run(["grep", "-ril", "northwind", str(folder), str(site)], capture_output=True, text=True)
    assert found.returncode == 1 and found.stdout == "", f"the example organisation is still in: {found.stdout}"
