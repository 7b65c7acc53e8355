"""The command line's grammar: exit codes, suggestions, `--root` anywhere, help, completion."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from academy.cli import main
from support.harness import BIN, run


def academy(*args: str, cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    if env is None:
        return run(BIN / "academy", *args, cwd=cwd)
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([str(BIN / "academy"), *args], cwd=cwd, env=environment, capture_output=True, text=True)


def test_exit_0_when_all_is_good_and_1_when_problems_are_found(mini_project: Path) -> None:
    assert academy("validate", cwd=mini_project).returncode == 0
    module = mini_project / "curriculum/modules/alpha.md"
    module.write_text(module.read_text().replace("quiz: alpha", "quiz: nope"))
    assert academy("validate", cwd=mini_project).returncode == 1


def test_a_misspelt_command_gets_a_suggestion_and_exit_2(mini_project: Path) -> None:
    result = academy("valdate", cwd=mini_project)
    assert result.returncode == 2
    assert "did you mean validate?" in result.stderr
    nested = academy("ledger", "lsit", cwd=mini_project)
    assert nested.returncode == 2 and "did you mean list?" in nested.stderr
    nothing_near = academy("frobnicate", cwd=mini_project)
    assert nothing_near.returncode == 2 and "the commands are:" in nothing_near.stderr
    assert "validate" in nothing_near.stderr


def test_wrong_options_and_missing_arguments_exit_2(mini_project: Path) -> None:
    assert academy("validate", "--no-such-option", cwd=mini_project).returncode == 2
    assert academy("verify", cwd=mini_project).returncode == 2
    assert academy("revoke", "urn:uuid:x", cwd=mini_project).returncode == 2, "--reason is required"
    assert academy("keys", cwd=mini_project).returncode == 2, "a group without an action shows its help"


def test_root_is_accepted_before_and_after_the_command(mini_project: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    before = academy("--root", str(mini_project), "validate", cwd=elsewhere)
    after = academy("validate", "--root", str(mini_project), cwd=elsewhere)
    assert before.returncode == after.returncode == 0, after.stderr
    assert before.stdout == after.stdout
    assert academy("validate", cwd=elsewhere).returncode == 1, "without --root the empty folder is checked"
    nested = academy("new", "module", "gamma", "--track", "basics", "--root", str(mini_project), cwd=elsewhere)
    assert nested.returncode == 0, nested.stderr
    assert (mini_project / "curriculum/modules/gamma.md").is_file()


def test_an_internal_error_exits_3_with_a_short_message(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import academy.commands.validate as validate

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("the loader broke")

    # The command's own step, not the shared loader: nothing else may keep the broken one.
    monkeypatch.setattr(validate, "check", broken)
    assert main(["--root", str(mini_project), "validate"]) == 3
    err = capsys.readouterr().err
    assert "academy: internal error: RuntimeError: the loader broke" in err
    assert "--debug" in err and "Traceback" not in err
    assert main(["--debug", "--root", str(mini_project), "validate"]) == 3
    err = capsys.readouterr().err
    assert "Traceback (most recent call last)" in err and "the loader broke" in err


def test_the_project_errors_exit_1_not_3(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import academy.commands.validate as validate
    from academy.credentials.store.ledger import LedgerError

    def refusing(*_args: object, **_kwargs: object) -> None:
        raise LedgerError("the ledger is locked by another run — try again when it has finished")

    monkeypatch.setattr(validate, "check", refusing)
    assert main(["--root", str(mini_project), "validate"]) == 1
    assert "academy: the ledger is locked" in capsys.readouterr().err


def test_help_lists_exit_codes_examples_and_completion(tmp_path: Path) -> None:
    top = academy("--help", cwd=tmp_path)
    assert top.returncode == 0
    for text in ("Exit codes:", "3  internal error", "_ACADEMY_COMPLETE=bash_source academy", "Examples:"):
        assert text in top.stdout, text
    for command in ("validate", "issue", "verify", "report", "ledger", "keys", "review", "revoke", "reissue", "new"):
        page = academy(command, "--help", cwd=tmp_path)
        assert page.returncode == 0, command
        assert "Examples:" in page.stdout and f"academy {command}" in page.stdout.split("Examples:")[1], command


def test_shell_completion_completes_commands(tmp_path: Path) -> None:
    script = academy(cwd=tmp_path, env={"_ACADEMY_COMPLETE": "bash_source"})
    assert script.returncode == 0 and "complete " in script.stdout and "_academy_completion" in script.stdout
    words = academy(cwd=tmp_path, env={"_ACADEMY_COMPLETE": "bash_complete", "COMP_WORDS": "academy val", "COMP_CWORD": "1"})
    assert "validate" in words.stdout


def test_validate_draws_its_bar_on_a_terminal_only(mini_project: Path) -> None:
    import pty
    import select

    master, slave = pty.openpty()
    child = subprocess.Popen(
        [str(BIN / "academy"), "validate"], cwd=mini_project, stdout=subprocess.PIPE, stderr=slave, text=True
    )
    os.close(slave)
    screen = b""
    while select.select([master], [], [], 60)[0]:
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        screen += chunk
    out = child.stdout.read() if child.stdout else ""
    assert child.wait(timeout=60) == 0
    os.close(master)
    drawn = screen.decode(errors="replace")
    assert "validating" in drawn and "[" in drawn, drawn
    assert "All good:" in out and "validating" not in out, "the bar goes to the terminal, not into stdout"
    piped = academy("validate", cwd=mini_project)
    assert "validating" not in piped.stderr and "validating" not in piped.stdout
