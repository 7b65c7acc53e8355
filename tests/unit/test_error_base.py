"""One error base: every exception the project defines is an AcademyError, and the plugins report
them through one decorator (a PluginError in a strict build, a warning otherwise)."""

from __future__ import annotations

import importlib
import inspect
import logging
import pkgutil

import pytest
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority

import academy
from academy.errors import AcademyError
from academy.plugins.errors import reports_errors

#: Control flow inside one function, never shown to a user.
PRIVATE = {"academy.credentials.verify.verifier._Stop"}


def project_exceptions() -> list[type[BaseException]]:
    found = []
    for info in pkgutil.walk_packages(academy.__path__, "academy."):
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, BaseException) and value.__module__ == info.name:
                found.append(value)
    return found


def test_every_project_exception_subclasses_academy_error() -> None:
    exceptions = project_exceptions()
    assert len(exceptions) >= 18  # the walk found the package's errors, not nothing
    loose = [f"{e.__module__}.{e.__qualname__}" for e in exceptions if not issubclass(e, AcademyError)]
    assert sorted(loose) == sorted(PRIVATE)


def test_value_errors_stay_value_errors() -> None:
    from academy.credentials.crypto.canonical import DuplicateKeyError
    from academy.credentials.documents.profile import KeysFileError

    assert issubclass(DuplicateKeyError, ValueError) and issubclass(KeysFileError, ValueError)


def test_lines_are_the_problems_or_the_message() -> None:
    from academy.credentials.issue.issuer import IssueError

    assert AcademyError("one — fix it").lines() == ["one — fix it"]
    assert IssueError(["a — fix a", "b — fix b"]).lines() == ["a — fix a", "b — fix b"]


@reports_errors("academy-test")
class Broken(BasePlugin):  # type: ignore[type-arg]
    @event_priority(50)
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig | None:
        raise AcademyError("keys.json: not readable JSON — restore it from git")

    def on_files(self, files: list[str], /, *, config: MkDocsConfig) -> list[str]:
        raise KeyError("a bug")


def configured(strict: bool) -> MkDocsConfig:
    config = MkDocsConfig()
    config["strict"] = strict
    return config


def test_a_strict_build_stops_with_a_plugin_error_naming_the_plugin() -> None:
    with pytest.raises(PluginError, match=r"^academy-test: keys.json: not readable JSON — restore it from git$"):
        Broken().on_config(configured(strict=True))


def test_otherwise_a_warning_and_the_hook_changes_nothing(caplog: pytest.LogCaptureFixture) -> None:
    with caplog.at_level(logging.WARNING):
        assert Broken().on_config(configured(strict=False)) is None
    assert [r.getMessage() for r in caplog.records] == [
        "academy-test: keys.json: not readable JSON — restore it from git"
    ]


def test_the_hook_keeps_its_priority_and_bugs_keep_their_type() -> None:
    assert Broken.on_config.mkdocs_priority == 50  # type: ignore[attr-defined]
    with pytest.raises(KeyError):
        Broken().on_files([], config=configured(strict=False))
