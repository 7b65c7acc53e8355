"""A project error in a plugin (an unreadable keys file) stops a strict build with the plugin's name,
the file and the fix, and is a warning in a plain build, which still writes the rest of the site."""

from __future__ import annotations

from pathlib import Path

from support.harness import build


def break_keys(project: Path) -> Path:
    keys = project / "site_config/issuer/keys.json"
    keys.parent.mkdir(parents=True, exist_ok=True)
    keys.write_text('{"keys": [', encoding="utf-8")
    return keys


def test_a_strict_build_stops_with_the_file_and_the_fix(mini_project: Path, tmp_path: Path) -> None:
    keys = break_keys(mini_project)
    site = tmp_path / "site"
    result = build(mini_project, site, strict=True)
    assert result.returncode != 0
    assert f"academy-certificates: {keys}: not readable JSON" in result.stderr
    assert "restore it from git" in result.stderr
    assert "Traceback" not in result.stderr  # a user's mistake, not a bug
    assert not (site / "issuer/profile.json").exists()


def test_a_plain_build_warns_and_writes_the_rest(mini_project: Path, tmp_path: Path) -> None:
    keys = break_keys(mini_project)
    site = tmp_path / "site"
    result = build(mini_project, site, strict=False)
    assert result.returncode == 0, result.stderr
    assert f"WARNING -  academy-certificates: {keys}: not readable JSON" in result.stderr
    assert (site / "index.html").is_file()
    # Nothing half-published: no profile without keys, and no verify page that would read it.
    assert not (site / "issuer/profile.json").exists() and not (site / "verify/index.html").exists()
