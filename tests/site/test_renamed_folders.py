"""A project that renames `site_config/` (`site_config_dir`) and moves the issuer's data (`issuer_dir`):
the build, `academy validate`, `keys`, `issue` and `verify` all use the folders mkdocs.yml names.

Before, both options were ignored: `load_site` read `site_config/site.yml` ("site settings are
missing"), and keys, issuance and verification used `site_config/issuer/`.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from academy import routes
from academy.core.layout import Layout, read_layout
from support.certkit import academy
from support.harness import ROOT, build

BRAND, ISSUER = "brand-settings", "issuer-public"


@pytest.fixture(scope="module")
def renamed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of tests/fixtures/mini with `site_config/` renamed and `issuer_dir` outside it."""
    project = tmp_path_factory.mktemp("renamed") / "project"
    shutil.copytree(ROOT / "tests/fixtures/mini", project)
    (project / "site_config").rename(project / BRAND)
    # The logo is looked up in the renamed folder's assets/ (validated, then published).
    site_file = project / BRAND / "site.yml"
    site_file.write_text(site_file.read_text(encoding="utf-8") + "logo: logo.svg\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "  - academy\n" in text and "  - academy-certificates\n" in text
    text = text.replace("  - academy\n", f"  - academy:\n      site_config_dir: {BRAND}\n", 1)
    text = text.replace("  - academy-certificates\n", f"  - academy-certificates:\n      issuer_dir: {ISSUER}\n", 1)
    config.write_text(text, encoding="utf-8")
    return project


def test_the_cli_reads_the_folders_from_mkdocs_yml(renamed: Path) -> None:
    assert read_layout(renamed) == Layout(content="content", site_config=BRAND, issuer_dir=ISSUER)
    assert read_layout(renamed).keys_file == f"{ISSUER}/keys.json"
    result = academy("validate", cwd=renamed)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "site settings are missing" not in result.stdout + result.stderr


def test_keys_issue_build_and_verify_use_the_renamed_folders(renamed: Path, tmp_path: Path) -> None:
    made = academy("keys", "generate", cwd=renamed)
    assert made.returncode == 0, made.stderr
    assert f"{ISSUER}/keys.json" in made.stdout
    keys = json.loads((renamed / ISSUER / "keys.json").read_text(encoding="utf-8"))
    assert len(keys) == 1
    assert not (renamed / "site_config").exists()  # nothing fell back to the default folder

    (renamed / "roster.csv").write_text("name,email\nAda Lovelace,ada@example.org\n", encoding="utf-8")
    issued = academy("issue", "--roster", "roster.csv", "--certificate", "basics-certificate", cwd=renamed)
    assert issued.returncode == 0, issued.stdout + issued.stderr
    assert f"Commit {ISSUER}/" in issued.stdout
    status = renamed / ISSUER / "status" / routes.status_list_name(1)
    assert status.is_file()
    assert not (renamed / "site_config").exists()
    (credential,) = sorted((renamed / ".academy/issued").rglob("*.json"))

    site = tmp_path / "site"
    result = build(renamed, site)
    assert result.returncode == 0, result.stdout + result.stderr
    # The site publishes the issuer data of the moved folder: the new key, the signed list.
    profile = json.loads((site / routes.ISSUER_PROFILE).read_text(encoding="utf-8"))
    published = {m["publicKeyMultibase"] for m in profile["verificationMethod"]}
    assert published == {keys[0]["publicKeyMultibase"]}
    assert (site / routes.status_list(1)).read_bytes() == status.read_bytes()
    logo = (renamed / BRAND / "assets/logo.svg").read_bytes()
    assert (site / routes.brand("logo.svg")).read_bytes() == logo  # from the renamed folder

    for where in ([], ["--site", str(site)]):
        checked = academy("verify", *where, str(credential), cwd=renamed)
        assert checked.returncode == 0, checked.stdout + checked.stderr

    revoked = academy("revoke", credential.stem, "--reason", "test", cwd=renamed)
    assert revoked.returncode == 0, revoked.stderr
    assert f"{ISSUER}/status/" in revoked.stdout
    after = academy("verify", str(credential), cwd=renamed)
    assert after.returncode != 0 and "revoked" in (after.stdout + after.stderr).lower()


def test_the_build_and_the_cli_see_one_layout(renamed: Path) -> None:
    """The plugins' options, as MkDocs parses them, give the layout `read_layout` gives the CLI."""
    from mkdocs.config import load_config

    from academy.plugins.project import get_project

    config = load_config(str(renamed / "mkdocs.yml"))
    config = config.plugins.on_config(config)
    assert get_project(config).layout == read_layout(renamed)
    assert get_project(config).site is not None
