"""Every project error exits 1 with its message, anything else 3: `academy.commands.main`, in-process.

The errors are real ones, raised by the project's own functions on broken input; the command's step
is replaced so that the error reaches the one mapping in `main` rather than a handler's own catch.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

import academy.commands.validate as validate
from academy.cli import main


def run_main(*args: str) -> tuple[int, str]:
    """`academy ARGS` in this process, with click's runner capturing the streams: (exit code, stderr)."""
    runner = CliRunner()
    with runner.isolation() as (_out, err, _both):
        code = main(list(args))
        sys.stderr.flush()  # the runner's stderr is buffered: read it before the runner puts it away
        return code, err.getvalue().decode()


def step_raising(monkeypatch: pytest.MonkeyPatch, step: object) -> None:
    monkeypatch.setattr(validate, "check", lambda *_args, **_kwargs: step())


def test_an_unreadable_keys_file_exits_1_with_the_file_and_the_fix(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from academy.credentials.documents.profile import load_keys

    keys = mini_project / "site_config/issuer/keys.json"
    keys.parent.mkdir(parents=True, exist_ok=True)
    keys.write_text('{"keys": [', encoding="utf-8")
    step_raising(monkeypatch, lambda: load_keys(keys))
    code, err = run_main("--root", str(mini_project), "validate")
    assert code == 1, err
    assert f"academy: {keys}: not readable JSON" in err and "restore it from git" in err
    assert "internal error" not in err and "Traceback" not in err


def test_a_malformed_credential_error_exits_1_not_3(mini_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from academy.credentials.crypto.canonical import loads

    # A ValueError subclass too: the mapping must not mistake it for a bug.
    step_raising(monkeypatch, lambda: loads('{"id": 1, "id": 2}'))
    code, err = run_main("--root", str(mini_project), "validate")
    assert code == 1, err
    assert err.startswith("academy: ") and '"id"' in err and "internal error" not in err


def test_an_error_with_several_problems_prints_each(mini_project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from academy.credentials.issue.requests import RequestError

    def refuse() -> None:
        raise RequestError(["a.txt: no code — paste the whole message", "b.txt: unreadable — save it as UTF-8"])

    step_raising(monkeypatch, refuse)
    code, err = run_main("--root", str(mini_project), "validate")
    assert code == 1
    assert "academy: a.txt: no code — paste the whole message; b.txt: unreadable — save it as UTF-8" in err


def test_a_plain_value_error_is_a_bug_exit_3_traceback_only_with_debug(
    mini_project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    step_raising(monkeypatch, lambda: int("not a number"))
    code, err = run_main("--root", str(mini_project), "validate")
    assert code == 3
    assert "academy: internal error: ValueError: invalid literal" in err and "Traceback" not in err
    assert "rerun with --debug" in err
    code, err = run_main("--debug", "--root", str(mini_project), "validate")
    assert code == 3 and "Traceback (most recent call last)" in err
