"""The one place where the plugins turn a project error into what MkDocs shows.

Every academy plugin class is decorated with `reports_errors(name)`: an `AcademyError` raised by
any of its `on_*` hooks (an unreadable keys file, a badge that cannot be made…) becomes a
`PluginError` with the plugin's name and one line per problem in a strict build, which stops it;
otherwise (`serve`, a plain build) a warning, and the hook changes nothing (MkDocs reads a hook's
`None` as "unchanged"), so the site is still served while the user fixes the file. Anything that
is not an `AcademyError` is a bug and keeps its traceback.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeVar

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import get_plugin_logger

from ..errors import AcademyError

P = TypeVar("P", bound=type)


def reports_errors(name: str) -> Callable[[P], P]:
    """Class decorator: the plugin `name`'s hooks report an `AcademyError` through `report`."""

    def decorate(plugin: P) -> P:
        for attribute, method in list(vars(plugin).items()):
            if attribute.startswith("on_") and callable(method):
                setattr(plugin, attribute, _reporting(method, name))
        return plugin

    return decorate


def report(error: AcademyError, name: str, config: MkDocsConfig | None) -> None:
    """Stop a strict build (or one whose configuration is unknown) with a PluginError; else warn."""
    lines = error.lines()
    if config is None or config.strict:
        raise PluginError(f"{name}: " + "\n  ".join(lines)) from error
    log = get_plugin_logger(name)  # prefixes each message with the plugin's name
    for line in lines:
        log.warning(line)


def _reporting(method: Callable[..., Any], name: str) -> Callable[..., Any]:
    # functools.wraps keeps `mkdocs_priority` (set by @event_priority): the hook keeps its place.
    @functools.wraps(method)
    def hook(self: object, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(self, *args, **kwargs)
        except AcademyError as error:
            report(error, name, _config(args, kwargs))
            return None

    return hook


def _config(args: Sequence[Any], kwargs: Mapping[str, Any]) -> MkDocsConfig | None:
    """The build's configuration among a hook's arguments (`on_config` gets it first, the others as `config=`)."""
    for value in (kwargs.get("config"), *args):
        if isinstance(value, MkDocsConfig):
            return value
    return None
